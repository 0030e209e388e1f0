"""`/password/forgot` sends a reset link through the outbox; `/password/reset/<token>` uses it once."""

import hashlib

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

from extensions import db
from extensions import limiter
from forms.passwords import ForgotPasswordForm
from forms.passwords import ResetPasswordForm
from mail.outbox import compose
from mail.outbox import enqueue
from models import User
from passwords.tokens import INVALID
from passwords.tokens import reset_token
from passwords.tokens import user_for_token

bp = Blueprint("passwords", __name__)


def address_key() -> str:
    """The rate-limit key of the address asked for (hashed: no addresses in the counter store)."""
    address = str(request.form.get("email", "")).strip().lower()
    return "reset-address:" + hashlib.sha256(address.encode()).hexdigest()


@bp.after_request
def no_referrer(response: Response) -> Response:
    """A reset link in the address bar must never travel on in a Referer header."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
@limiter.limit(lambda: current_app.config["RESET_ADDRESS_RATE_LIMIT"], methods=["POST"], key_func=address_key)
def forgot():
    """Ask for a link; the same answer whether or not an account uses the address."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = User.find_by_login(form.email.data)
        if user is not None:
            enqueue("password-reset", reset_message(user))
            db.session.commit()
        flash(
            f"If an account uses {form.email.data}, we have sent it a link to choose a new password.", "info"
        )
        return redirect(url_for("passwords.sent"))
    return render_template("passwords/forgot.html", form=form)


@bp.route("/password/forgot/sent")
def sent():
    """Where to look for the link, and what to do when it does not come."""
    return render_template("passwords/sent.html", minutes=current_app.config["PASSWORD_RESET_SECONDS"] // 60)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def reset(token: str):
    """Choose a new password; every other session and remember cookie of the account ends."""
    user, problem = user_for_token(token)
    if user is None:
        return render_template("passwords/invalid.html", problem=problem), 404 if problem == INVALID else 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        user.rotate_session_token()
        db.session.commit()
        current_app.logger.info("Password reset for user %s", user.id)
        flash("Your password has been changed. Sign in with your new password.", "success")
        return redirect(url_for("auth.login"))
    return render_template("passwords/reset.html", form=form, user=user)


def reset_message(user: User):
    """The e-mail with the link: to the account's address, never logged."""
    minutes = current_app.config["PASSWORD_RESET_SECONDS"] // 60
    link = url_for("passwords.reset", token=reset_token(user), _external=True)
    text = (
        f"Hello {user.first_name or user.username},\n\n"
        f"Someone, hopefully you, asked to reset the password of the Formwork account {user.username}.\n"
        f"Open this link within {minutes} minutes to choose a new one:\n\n{link}\n\n"
        "The link works once. If you did not ask for it, ignore this e-mail: your password stays as it is.\n"
    )
    return compose([user.email], "Reset your Formwork password", text)
