"""Where wizard runs are kept: records beside the sessions, in the session store's own client.

A backend keeps plain data (msgpack, like the sessions) under a key for a number
of seconds. There is one per session store: CacheLib's file cache and Redis,
each built from the client `sessions.py` already made for the app.
"""

from typing import Any
from typing import Protocol

import msgspec
import redis
from cachelib.file import FileSystemCache
from flask import Flask


class RecordBackend(Protocol):
    """Plain-data records with a lifetime."""

    def get(self, key: str) -> Any:
        """The record under `key`, or None when unknown or expired."""

    def set(self, key: str, value: Any, ttl: int) -> None:
        """Keep `value` under `key` for `ttl` seconds; raise OSError or RedisError when refused.

        `value` may be a `msgspec.Raw` of data already encoded as msgpack: it is stored as it is.
        """

    def delete(self, key: str) -> None:
        """Forget the record under `key` (nothing happens when there is none)."""


class FileRecords:
    """Records as files of the session store's CacheLib cache (the file's own expiry)."""

    def __init__(self, cache: FileSystemCache) -> None:
        self.cache = cache

    def get(self, key: str) -> Any:
        return self.cache.get(key)

    def set(self, key: str, value: Any, ttl: int) -> None:
        if not self.cache.set(key, value, timeout=ttl):
            raise OSError(f"could not write record {key!r} to {self.cache._path}")

    def delete(self, key: str) -> None:
        self.cache.delete(key)


class RedisRecords:
    """Records as Redis keys of the session store's client, expired by Redis."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def get(self, key: str) -> Any:
        raw = self.client.get(key)
        return msgspec.msgpack.decode(raw) if raw else None

    def set(self, key: str, value: Any, ttl: int) -> None:
        self.client.set(key, msgspec.msgpack.encode(value), ex=ttl)

    def delete(self, key: str) -> None:
        self.client.delete(key)


def records_for(app: Flask) -> RecordBackend:
    """The backend over `app`'s session store: Redis when the sessions are in Redis, else files."""
    client = getattr(app.session_interface, "client", None)
    if isinstance(client, redis.Redis):
        return RedisRecords(client)
    return FileRecords(app.session_interface.cache)
