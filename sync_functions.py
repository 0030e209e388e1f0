"""Which functions an app has found to be plain (not `async def`), so Flask asks once, not on every call.

Flask runs every hook, view and context processor through `ensure_sync`, which asks
`inspect.iscoroutinefunction` afresh each time: thirteen times a request here, for
the same dozen functions. `SyncFunctions` remembers each function found plain for as
long as that function lives, and no longer: it holds weak references only, so it
keeps no function (nor the app a closure may hold) alive, and an entry goes when its
function does. It is keyed by the function's `id`, and an entry answers only for the
very object it was made for, never for a later one that got the same id.
"""

import weakref
from collections.abc import Callable
from typing import Any


class SyncFunctions:
    """Live functions already found to be plain, held weakly."""

    def __init__(self) -> None:
        self._found: dict[int, weakref.ref] = {}

    def __contains__(self, func: Callable[..., Any]) -> bool:
        found = self._found.get(id(func))
        return found is not None and found() is func

    def __len__(self) -> int:
        return len(self._found)

    def add(self, func: Callable[..., Any]) -> None:
        """Remember `func` as plain until it is garbage; one that takes no weak reference is not remembered."""
        key = id(func)
        try:
            self._found[key] = weakref.ref(func, lambda dead: self._forget(key, dead))
        except TypeError:
            return

    def _forget(self, key: int, dead: weakref.ref) -> None:
        if self._found.get(key) is dead:
            del self._found[key]
