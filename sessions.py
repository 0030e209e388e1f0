"""Server-side sessions: an embedded file store by default, Redis when `REDIS_URL` is set.

Both stores keep plain data only (msgpack, as Flask-Session does for Redis), so
what works on a laptop works the same in production. The file store is CacheLib's
with no item threshold: CacheLib's default (500) would evict live sessions, and
unfinished registrations with them, to make room. Expired files are swept instead.
"""

import os
import time
from datetime import timedelta
from typing import IO
from typing import Any

import msgspec
import redis
from cachelib.file import FileSystemCache
from flask import Flask
from flask import current_app
from flask import g
from flask import request
from flask_session.cachelib import CacheLibSessionInterface
from flask_session.redis import RedisSessionInterface
from werkzeug.exceptions import ServiceUnavailable

# Flask-Login's key in the session: present once someone has signed in.
LOGIN_KEY = "_user_id"
# What a session store raises when it is unreachable.
STORE_ERRORS = (redis.RedisError, OSError)


class MsgpackFileSerializer:
    """CacheLib file serializer that accepts plain data only, like the Redis store."""

    def dump(self, value: Any, fs: IO[bytes]) -> None:
        fs.write(msgspec.msgpack.encode(value))

    def load(self, fs: IO[bytes]) -> Any:
        return msgspec.msgpack.decode(fs.read())


class PlainFileCache(FileSystemCache):
    """A CacheLib file cache with a msgpack body and a public sweep."""

    serializer = MsgpackFileSerializer()

    def remove_expired(self) -> None:
        """Delete every entry whose lifetime is over."""
        self._remove_expired(time.time())


class GuardedSessionMixin:
    """Turns an unreachable store into an empty session and a flag, not a crash.

    The flag (`g.session_store_down`) makes the request answer 503; the store's
    client reconnects by itself on a later request.
    """

    def open_session(self, app: Flask, request):
        try:
            return super().open_session(app, request)
        except STORE_ERRORS:
            app.logger.exception("Session store unreachable")
            g.session_store_down = True
            return self.session_class(sid=self._generate_sid(self.sid_length), permanent=True)

    def save_session(self, app: Flask, session, response) -> None:
        if g.get("session_store_down"):
            return
        super().save_session(app, session, response)

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
        if g.get("session_store_down") and request.endpoint != "pages.healthz":
            raise ServiceUnavailable()
