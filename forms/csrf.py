"""CSRF tokens signed as Flask-WTF signs them, with the payload encoded once per CSRF value.

Flask-WTF signs the session's raw CSRF value with itsdangerous'
`URLSafeTimedSerializer` on every page that shows a form. The serializer's payload
(the value's JSON, zlib-compressed when that is shorter, then base64) depends on
the value alone, and the compression is about half of the signing's cost (15 µs;
for the 64-character values sessions.py derives, zlib does win, so it cannot be
skipped). A session's value stays the same from page to page, so the payload is
worked out once per value (itsdangerous' own `dump_payload`), and the signer built
once per key; only the timestamp and signature are made per request (8 µs). The
token is the one `flask_wtf.csrf.generate_csrf` would give (tests/test_csrf_tokens.py);
a session without a value falls back to Flask-WTF, which makes one. The cache holds
raw CSRF values, as the session store does; without the secret key they sign nothing.

Checking a posted token (`token_accepted`) uses the same kept signer, and reads the
payload once per payload: Flask-WTF's `validate_csrf` builds a serializer and a signer
for every POST and decompresses the same payload again (25 against 10 us).
"""

import functools
import hmac
from typing import Any

from flask import Flask
from flask import current_app
from flask import g
from flask import session
from flask_wtf.csrf import _FlaskFormCSRF
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadData
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from werkzeug.utils import cached_property
from wtforms import Field

SALT = "wtf-csrf-token"  # Flask-WTF's


@functools.lru_cache(maxsize=8)
def csrf_serializer(secret_key: str | bytes) -> URLSafeTimedSerializer:
    """Flask-WTF's serializer for one secret key, built once."""
    return URLSafeTimedSerializer(secret_key, salt=SALT)


@functools.lru_cache(maxsize=8)
def csrf_signer(secret_key: str | bytes) -> TimestampSigner:
    """The serializer's signer (it holds no state but its keys), built once."""
    return csrf_serializer(secret_key).make_signer(SALT)


@functools.lru_cache(maxsize=4096)
def csrf_payload(secret_key: str | bytes, value: str) -> bytes:
    """The serializer's payload for a raw CSRF value (what it signs), encoded once."""
    return csrf_serializer(secret_key).dump_payload(value)


@functools.lru_cache(maxsize=4096)
def csrf_value(secret_key: str | bytes, payload: bytes) -> Any:
    """The raw CSRF value a signed token's payload carries (itsdangerous' `load_payload`), read once."""
    return csrf_serializer(secret_key).load_payload(payload)


def configured_secret(app: Flask) -> Any:
    """Flask-WTF's CSRF secret: `WTF_CSRF_SECRET_KEY`, else the app's secret key."""
    return app.config.get("WTF_CSRF_SECRET_KEY", app.secret_key)


def configured_field_name(app: Flask) -> str:
    """Flask-WTF's CSRF field (and session key) name: `WTF_CSRF_FIELD_NAME`, else `csrf_token`."""
    return app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def token_accepted(data: Any) -> bool:
    """Whether Flask-WTF's `validate_csrf(data)`, with the app's settings, would accept `data`.

    True only when it certainly would: the very checks, in its order (a token, a session
    value, the signature and its age under `WTF_CSRF_TIME_LIMIT`, the same value), through
    the kept signer. False for anything else, also for settings this does not read as it
    does (no secret, a list of keys): the caller then asks Flask-WTF, which says why.
    """
    app = current_app._get_current_object()
    secret_key, field_name = configured_secret(app), configured_field_name(app)
    if not data or not isinstance(data, str) or not secret_key or not isinstance(secret_key, str | bytes):
        return False
    expected = session.get(field_name) if field_name else None
    if not isinstance(expected, str):
        return False
    try:
        payload = csrf_signer(secret_key).unsign(data, max_age=app.config.get("WTF_CSRF_TIME_LIMIT", 3600))
        value = csrf_value(secret_key, payload)
        return isinstance(value, str) and hmac.compare_digest(expected, value)
    except (BadData, TypeError):  # TypeError: a value compare_digest refuses (not ASCII)
        return False


def signed_csrf_token(secret_key: str | bytes | None = None, field_name: str | None = None) -> str:
    """This request's CSRF token, as `generate_csrf` makes it, and kept where it keeps it (`g`)."""
    app = current_app._get_current_object()
    secret_key = secret_key or configured_secret(app)
    field_name = field_name or configured_field_name(app)
    request_globals = g._get_current_object()
    made = request_globals.get(field_name)
    if made is not None:  # this request's token, made already: what generate_csrf hands back too
        return made
    value = session.get(field_name)
    # Flask-WTF's own way for a session without a value, and for a list of keys (itsdangerous'
    # key rotation, which the caches here cannot key on).
    if not isinstance(value, str) or not isinstance(secret_key, str | bytes):
        return generate_csrf(secret_key, field_name)
    token = csrf_signer(secret_key).sign(csrf_payload(secret_key, value)).decode()
    setattr(request_globals, field_name, token)
    return token


class CachedPayloadCSRF(_FlaskFormCSRF):
    """Flask-WTF's form CSRF, its token made by `signed_csrf_token` (validation unchanged)."""

    def generate_csrf_token(self, csrf_token_field: Field) -> str:
        return signed_csrf_token(self.meta.csrf_secret, self.meta.csrf_field_name)


class CachedPayloadCSRFMeta:
    """Meta mixin for Flask-WTF forms: tokens from `CachedPayloadCSRF`, and Flask-WTF's CSRF settings.

    The settings are Flask-WTF's Meta ones, from the same config keys with the same defaults,
    read through the app itself rather than `current_app`'s attribute lookups: a form reads
    four of them as it is built (about 6 of a 57 us account form).
    """

    csrf_class = CachedPayloadCSRF

    @cached_property
    def csrf(self) -> bool:
        return current_app._get_current_object().config.get("WTF_CSRF_ENABLED", True)

    @cached_property
    def csrf_secret(self) -> Any:
        return configured_secret(current_app._get_current_object())

    @cached_property
    def csrf_field_name(self) -> str:
        return configured_field_name(current_app._get_current_object())

    @cached_property
    def csrf_time_limit(self) -> int | None:
        return current_app._get_current_object().config.get("WTF_CSRF_TIME_LIMIT", 3600)
