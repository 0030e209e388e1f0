"""Flask's `ensure_sync`, with its `async def` check made once per function.

Flask asks `inspect.iscoroutinefunction` about every before/after-request hook,
view and teardown function on every request (13 calls on a step GET, 0.2 µs each).
The answer never changes for a function, so it is kept (for up to
`SYNC_CHECKS_KEPT` functions, which bounds what transient callables such as
`after_this_request` closures can hold). What `ensure_sync` returns is unchanged:
a plain function itself, a coroutine function wrapped by Flask's `async_to_sync`.
"""

import functools
from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any

SYNC_CHECKS_KEPT = 1024


@functools.lru_cache(maxsize=SYNC_CHECKS_KEPT)
def is_plain_function(func: Callable[..., Any]) -> bool:
    """True unless `func` is an `async def` function (Flask's test)."""
    return not iscoroutinefunction(func)


class CachedSyncCheck:
    """Flask mixin: `ensure_sync` asks `is_plain_function`; coroutines still go to Flask's."""

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            plain = is_plain_function(func)
        except TypeError:  # an unhashable callable: ask Flask every time
            plain = False
        return func if plain else super().ensure_sync(func)  # type: ignore[misc]
