"""Server-side sessions: an embedded file store by default, Redis when `REDIS_URL` is set.

A visitor who has not yet stored anything costs nothing on disk: the cookie
carries a session id from the first response, the CSRF token is signed over a
value derived from that id (`derived_csrf`), and a record is written only once
the session holds something else (a flash, a sign-in, a finished registration).
A crawler's thousand cookieless GETs leave no file and no Redis key.

Both stores keep plain data only (msgpack, as Flask-Session does for Redis), so
what works on a laptop works the same in production; the file store's cache is in
session_files.py.
"""

import functools
import hashlib
import hmac
import os
import re
from datetime import timedelta
from typing import Any

import redis
from flask import Flask
from flask import Response
from flask import current_app
from flask import g
from flask import request
from flask_session.cachelib import CacheLibSessionInterface
from flask_session.redis import RedisSessionInterface
from werkzeug.exceptions import ServiceUnavailable

from responses import has_header
from session_files import PlainFileCache

# Flask-Login's key in the session: present once someone has signed in.
LOGIN_KEY = "_user_id"
# What a session store raises when it is unreachable.
STORE_ERRORS = (redis.RedisError, OSError)
# Flask-WTF's key for the raw CSRF value (WTF_CSRF_FIELD_NAME's default).
CSRF_KEY = "csrf_token"
# Keys that say nothing a later request needs: Flask-Session's and Flask-Login's notes.
NOTE_KEYS = frozenset({"_permanent", "_fresh", "_id"})
# The ids this browser's session had before its last sign-in (what they started stays its own),
# and when it last signed out: written by auth.loader, read by the wizard's storage.
EARLIER_SIDS_KEY = "earlier_sids"
MAX_EARLIER_SIDS = 5
SIGNED_OUT_KEY = "signed_out_at"
# The shape of the ids Flask-Session makes (secrets.token_urlsafe(32)); others are not read.
SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")  # whole ids only: fullmatch
# How many session ids' derived CSRF values are kept in memory (about 200 bytes each).
DERIVED_CSRF_KEPT = 1024


def derived_csrf(app: Flask, sid: str) -> str:
    """The raw CSRF value of a session that has no record: derived from its id, never stored."""
    return derive_csrf(app.secret_key, sid)


@functools.lru_cache(maxsize=DERIVED_CSRF_KEPT)
def derive_csrf(secret_key: str, sid: str) -> str:
    """HMAC-SHA256 of the session id under the app's secret key, kept for the most recent ids.

    Every request of a visitor without a stored session opens it under the same id and
    derives the same value again (an HMAC, 1.5 µs); keyed by the secret too, so an app
    with another key never gets this one's values.
    """
    return hmac.new(secret_key.encode(), b"csrf:" + sid.encode(), hashlib.sha256).hexdigest()


def worth_storing(app: Flask, session) -> bool:
    """Whether the session holds anything that `derived_csrf` and the cookie cannot give back."""
    return any(
        key not in NOTE_KEYS and not (key == CSRF_KEY and value == derived_csrf(app, session.sid))
        for key, value in dict(session).items()
    )


def vary_on_cookie(response: Response) -> None:
    """`response.vary.add("Cookie")`, with the header added straight when the response has no Vary yet.

    That is nearly every response, and Werkzeug's `vary` parses the (absent) header into a
    set and writes it back on every call (2.6 µs, here 1.2); a Vary already there is
    merged by Werkzeug as before (asked with `responses.has_header`).
    """
    if has_header(response.headers, "vary"):
        response.vary.add("Cookie")
    else:
        response.headers.add("Vary", "Cookie")


class GuardedSessionMixin:
    """Turns an unreachable store into an empty session and a flag, not a crash.

    The flag (`g.session_store_down`) makes the request answer 503; the store's
    client reconnects by itself on a later request.
    """

    def open_session(self, app: Flask, request):
        """The stored session for the cookie's id, else an unstored one under that id (or a new id)."""
        sid = request.cookies.get(self.get_cookie_name(app), "")
        well_formed = SID_PATTERN.fullmatch(sid) is not None
        try:
            data = self._retrieve_session_data(self._get_store_id(sid)) if well_formed else None
        except STORE_ERRORS:
            app.logger.exception("Session store unreachable")
            g.session_store_down = True
            data = None
        if data is not None:
            session = self.session_class(data, sid=sid)
            session.stored = True
            return session
        sid = sid if well_formed else self._generate_sid(self.sid_length)
        session = self.session_class({CSRF_KEY: derived_csrf(app, sid)}, sid=sid, permanent=self.permanent)
        session.stored = False
        return session

    def save_session(self, app: Flask, session, response) -> None:
        """Store a session that changed and is worth storing; otherwise only drop a stale record and send the id.

        A session nobody changed is not looked through (`worth_storing`): a stored one
        would not be written again anyway (`should_set_storage`: no refresh on each
        request), and an unstored one still holds only its derived CSRF value.
        """
        if g._get_current_object().get("session_store_down"):  # not the proxy's `get`: 0.25 against 1 us
            return
        if self.should_set_storage(app, session) and worth_storing(app, session):
            super().save_session(app, session, response)
            return
        if session.accessed:
            vary_on_cookie(response)
        if getattr(session, "stored", False) and session.modified:
            self._delete_session(self._get_store_id(session.sid))
        if request._get_current_object().cookies.get(self.get_cookie_name(app)) != session.sid:
            response.set_cookie(
                self.get_cookie_name(app),
                session.sid,
                expires=self.get_expiration_time(app, session),
                httponly=self.get_cookie_httponly(app),
                domain=self.get_cookie_domain(app),
                path=self.get_cookie_path(app),
                secure=self.get_cookie_secure(app),
                samesite=self.get_cookie_samesite(app),
            )
            vary_on_cookie(response)

    def regenerate(self, session) -> None:
        """A new id for this session (also an empty one, at sign-out); the old record is deleted.

        The CSRF value is renewed with the id: whoever knew the old id (one planted in
        the browser, which the store accepts as a visitor's) could read tokens made
        from the old value, and sign-in is where that must stop. Forms that other tabs
        showed before the sign-in are refused once, with a page that leads back to them.
        """
        self._delete_session(self._get_store_id(session.sid))
        session.sid = self._generate_sid(self.sid_length)
        session[CSRF_KEY] = derived_csrf(current_app, session.sid)
        g.pop(CSRF_KEY, None)  # Flask-WTF's token for this request, signed over the old value
        session.stored = False
        session.modified = True

    def _upsert_session(self, session_lifetime: timedelta, session, store_id: str) -> None:
        """Keep a visitor who never signed in only as long as a registration is kept.

        Every first visit to a page with a form stores a session (for its CSRF token);
        at the full `PERMANENT_SESSION_LIFETIME` (14 days) a crawler would pile them up.
        Signed-in sessions keep the full lifetime.
        """
        if LOGIN_KEY not in session:
            kept = timedelta(seconds=current_app.config["WIZARD_TTL_SECONDS"])
            session_lifetime = min(session_lifetime, kept)
        super()._upsert_session(session_lifetime, session, store_id)


class FileSessionInterface(GuardedSessionMixin, CacheLibSessionInterface):
    """Sessions as files under `instance/sessions/`, one per visitor."""

    def __init__(self, directory: str, **options: Any) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        super().__init__(client=PlainFileCache(directory, threshold=0, mode=0o600), **options)
        self.directory = directory

    def sweep_expired(self) -> None:
        """Remove expired session files."""
        self.cache.remove_expired()

    def ping(self) -> None:
        """Raise OSError unless the store directory can be written."""
        if not os.access(self.directory, os.W_OK | os.X_OK):
            raise OSError(f"session directory {self.directory} is not writable")

    def count(self) -> int:
        """How many sessions are stored (live or not yet swept)."""
        return sum(1 for _ in self.cache._list_dir())


class GuardedRedisSessionInterface(GuardedSessionMixin, RedisSessionInterface):
    """Sessions in Redis; keys expire by Redis' own TTL."""

    def sweep_expired(self) -> None:
        """Nothing to do: Redis expires keys itself."""

    def ping(self) -> None:
        """Raise a RedisError unless Redis answers."""
        self.client.ping()

    def count(self) -> int:
        """How many sessions are stored."""
        return sum(1 for _ in self.client.scan_iter(match=self.key_prefix + "*", count=1000))


def make_redis(url: str) -> redis.Redis:
    """A Redis client that fails fast (2 s) instead of hanging a worker."""
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)


def register_sessions(app: Flask) -> None:
    """Install the server-side session interface chosen by `REDIS_URL`."""
    options = {"key_prefix": "session:", "permanent": True}
    if app.config.get("REDIS_URL"):
        app.session_interface = GuardedRedisSessionInterface(
            app=app, client=make_redis(app.config["REDIS_URL"]), **options
        )
    else:
        app.session_interface = FileSessionInterface(app.config["SESSION_FILE_DIR"], **options)

    @app.before_request
    def refuse_without_session_store():
        if g._get_current_object().get("session_store_down") and request.endpoint != "pages.healthz":
            raise ServiceUnavailable()
