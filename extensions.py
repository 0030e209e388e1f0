"""Extension singletons, created unbound here and bound to an app in `create_app`."""

from flask import Config
from flask import Flask
from flask import Request
from flask import Response
from flask import current_app
from flask import g
from flask import request
from flask import session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_login import user_accessed
from flask_login.config import AUTH_HEADER_NAME
from flask_login.config import COOKIE_NAME
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from flask_wtf.csrf import same_origin
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from forms.csrf import signed_csrf_token
from forms.csrf import token_accepted
from sessions import LOGIN_KEY


class Base(DeclarativeBase):
    """Declarative base with named constraints, so migrations can alter them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class FormworkCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, looking at the method before the exemptions (and a quicker token check).

    Flask-WTF 1.3's `protect`, run before every request, looks the view's blueprint
    and dotted name up in its exemption lists before it looks at the method, so every
    GET pays for both. A request whose method is not in `WTF_CSRF_METHODS` passes
    `protect` whatever the exemptions say: that is decided first here. A request that
    Flask-WTF would pass is passed after the same checks made more cheaply (`_passes`);
    every other request goes through Flask-WTF's `protect` unchanged.
    """

    def protect(self, apply_exemptions: bool = False) -> None:
        # Through the objects themselves, not the proxies' attribute lookups (0.15 against 0.85 us each).
        config = current_app._get_current_object().config
        current = request._get_current_object()
        if current.method not in config["WTF_CSRF_METHODS"]:
            return
        if self._passes(current, config, apply_exemptions):
            g.csrf_valid = True  # what Flask-WTF's protect notes, for the forms not to check again
            return
        super().protect(apply_exemptions)

    def _passes(self, current: Request, config: Config, apply_exemptions: bool) -> bool:
        """Whether Flask-WTF's `protect` would let this request through and mark it valid.

        True only when it certainly would: no exemption applies, the token passes
        `forms.csrf.token_accepted` (Flask-WTF's checks, with a kept signer: 25 -> 10 us a
        POST) and, over HTTPS with `WTF_CSRF_SSL_STRICT`, the referrer is this host. Every
        other request goes through Flask-WTF's `protect`, which refuses with its own words.
        """
        if apply_exemptions and (not current.endpoint or self._is_exempt()):
            return False
        strict = current.is_secure and config["WTF_CSRF_SSL_STRICT"]
        if strict and not (current.referrer and same_origin(current.referrer, f"https://{current.host}/")):
            return False
        return token_accepted(self._get_csrf_token())

    def init_app(self, app: Flask) -> None:
        """Flask-WTF's set-up; then the template global `csrf_token` is forms.csrf's `signed_csrf_token`.

        That global is what the macro library's imported templates see (`button_form`, the
        sign-out button of every signed-in page): the very token Flask-WTF's `generate_csrf`
        makes, from a payload encoded once per session (12 against 27 us of CPU on a page
        with no other form). Templates rendered with a context still get Flask-WTF's own
        function from its context processor; both keep the token in `g`, so a page has one.
        """
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = signed_csrf_token


class FormworkLoginManager(LoginManager):
    """Flask-Login's manager, with a short way to a visitor who cannot be signed in.

    Every page loads `current_user` (the database-outage check first, then the
    layout), and Flask-Login's `_load_user` starts with session protection: a
    SHA-512 of the client's address and user agent compared with the one noted at
    sign-in, which in "basic" mode can only mark the login "not fresh". A session
    without a signed-in user (`_user_id`) on a request without a remember cookie,
    with no request or header loader, can only give the anonymous user, whatever
    the protection finds: that case goes straight there, sending `user_accessed`
    as Flask-Login does. Everything else (a signed-in session, a remember cookie,
    "strong" protection, a loader of another kind) takes Flask-Login's own path.
    """

    def _load_user(self):
        if self._can_only_be_anonymous():
            user_accessed.send(current_app._get_current_object())
            g._get_current_object()._login_user = self.anonymous_user()  # _update_request_context_with_user()
            return None
        return super()._load_user()

    def _update_remember_cookie(self, response: Response) -> Response:
        """Flask-Login's after-request for the remember cookie, called only when it has something to do.

        It acts on a `_remember` note in the session, or on every request under
        `REMEMBER_COOKIE_REFRESH_EACH_REQUEST`; with neither (nearly every response) it
        would only ask the session and the config through their proxies.
        """
        if "_remember" in session._get_current_object() or current_app._get_current_object().config.get(
            "REMEMBER_COOKIE_REFRESH_EACH_REQUEST"
        ):
            return super()._update_remember_cookie(response)
        return response

    def _can_only_be_anonymous(self) -> bool:
        # The objects, not the proxies, as in `protect`; `get`, not `in`: the page varies with the cookie, as before.
        config = current_app._get_current_object().config
        current_request = request._get_current_object()
        return (
            session._get_current_object().get(LOGIN_KEY) is None
            and config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) not in current_request.cookies
            and self._request_callback is None
            and (
                self._header_callback is None
                or config.get("AUTH_HEADER_NAME", AUTH_HEADER_NAME) not in current_request.headers
            )
            and config.get("SESSION_PROTECTION", self.session_protection) != "strong"
        )


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = FormworkCSRFProtect()
login_manager = FormworkLoginManager()
limiter = Limiter(key_func=get_remote_address)
