"""Reset tokens: signed, expiring, and single-use because they are bound to the user's session token.

The token carries the user's id and a fingerprint of their `session_token` and
password hash. A successful reset rotates the session token, so the fingerprint
no longer matches and the link is dead; so does any other sign-out-everywhere or
password change. Nothing is stored server-side.
"""

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature
from itsdangerous import SignatureExpired
from itsdangerous import URLSafeTimedSerializer

from extensions import db
from models import User

SALT = "password-reset"
EXPIRED, USED, INVALID = "expired", "used", "invalid"


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def fingerprint(user: User) -> str:
    """A short digest of what a reset must change; it reveals neither the token nor the hash."""
    material = f"{user.session_token}:{user.password_hash}".encode()
    return hashlib.sha256(material).hexdigest()[:24]


def reset_token(user: User) -> str:
    """A token for `user` that works once, within PASSWORD_RESET_SECONDS."""
    return serializer().dumps([user.id, fingerprint(user)])


def user_for_token(token: str) -> tuple[User | None, str | None]:
    """(the user, None) for a good token, or (None, EXPIRED | USED | INVALID)."""
    try:
        payload = serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_SECONDS"])
    except SignatureExpired:
        return None, EXPIRED
    except BadSignature:
        return None, INVALID
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None, INVALID
    user = db.session.get(User, payload[0])
    if user is None or not hmac.compare_digest(str(payload[1]), fingerprint(user)):
        return None, USED
    return user, None
