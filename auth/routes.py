"""Sign in (`GET/POST /login`) and out (`POST /logout`)."""

from urllib.parse import urlsplit

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import g
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import ServiceUnavailable

from auth.loader import sign_in
from auth.loader import sign_out
from extensions import limiter
from forms.login import LoginForm
from models import User

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects).

    Control characters are refused too: a newline would make the redirect's
    Location header invalid (a 500 after a good sign-in).
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(character) < 32 or ord(character) == 127 for character in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


# Endpoints that never need the user: assets, and the health check that reports outages.
WITHOUT_USER = {"static", "pages.bootstrap_asset", "pages.healthz"}


@bp.before_app_request
def refuse_when_database_down() -> None:
    """Load the signed-in user first; a database outage answers 503 for the whole page.

    The user is loaded as `current_user` loads it (Flask-Login's `_get_user`: unless `g`
    holds one, the manager's `_load_user`), through the objects rather than the proxies'
    lookups (about 2 of this hook's 5.5 us).
    """
    if request._get_current_object().endpoint in WITHOUT_USER:  # not through the proxies' attribute lookups
        return
    request_globals = g._get_current_object()
    if "_login_user" not in request_globals:
        current_app._get_current_object().login_manager._load_user()
    if request_globals.get("database_down"):
        raise ServiceUnavailable()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def login() -> ResponseReturnValue:
    """Sign in with a username or e-mail address and a password."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.authenticate(form.username.data, form.password.data)
        if user is None:
            form.password.errors.append("That username or e-mail and password do not match.")
        else:
            sign_in(user, remember=form.remember.data)
            current_app.logger.info("User %s signed in", user.id)
            flash(f"Welcome back, {user.first_name or user.username}.", "success")
            return redirect(safe_next(request.args.get("next")) or url_for("pages.home"))
    return render_template("auth/login.html", form=form)


@bp.get("/logout")
def confirm_logout() -> ResponseReturnValue:
    """A sign-out link followed (or typed): a page with the button, since signing out is a POST."""
    return render_template("auth/logout.html")


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out everywhere: this session, the remember cookie, and copies of either."""
    sign_out()
    flash("You have been signed out.", "info")
    return redirect(url_for("pages.home"))
