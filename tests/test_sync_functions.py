"""sync_functions.py: Flask's ensure_sync asks once per live function whether it is `async def`."""

import gc
import weakref

from sync_functions import SyncFunctions


def make_plain(holding):
    def plain():
        return holding

    return plain


class Held:
    """Something a closure holds, to see whether it outlives the closure."""


def test_a_plain_function_is_remembered_and_returned_as_it_is(app):
    func = make_plain(Held())
    assert app.ensure_sync(func) is func
    assert func in app.sync_functions
    assert app.ensure_sync(func) is func


def test_another_function_is_not_taken_for_a_remembered_one():
    found = SyncFunctions()
    first, second = make_plain(1), make_plain(2)
    found.add(first)
    assert first in found
    assert second not in found


def test_a_remembered_function_and_what_it_holds_are_not_kept_alive(app):
    held = Held()
    func = make_plain(held)
    app.ensure_sync(func)
    count = len(app.sync_functions)
    alive = weakref.ref(held)
    del func, held
    gc.collect()
    assert alive() is None
    assert len(app.sync_functions) < count


def test_an_object_without_weak_references_is_checked_each_time():
    found = SyncFunctions()
    found.add(print.__call__)  # a method-wrapper takes no weak reference
    assert len(found) == 0


def test_an_async_function_still_goes_to_flasks_async_to_sync(app, monkeypatch):
    async def answer():
        return "forty-two"

    handed = []
    monkeypatch.setattr(app, "async_to_sync", lambda func: handed.append(func) or (lambda: "ran"))
    assert app.ensure_sync(answer)() == "ran"
    assert app.ensure_sync(answer)() == "ran"
    assert handed == [answer, answer]
    assert answer not in app.sync_functions


def test_every_hook_of_a_request_is_remembered_after_one(app, client):
    client.get("/terms")
    hooks = [
        *app.before_request_funcs[None],
        *app.after_request_funcs[None],
        app.view_functions["pages.terms"],
    ]
    assert all(hook in app.sync_functions for hook in hooks)
