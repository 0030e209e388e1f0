"""sync_views.py: Flask's ensure_sync, its async check made once per function."""

import functools

from sync_views import is_plain_function


def plain_view():
    return "plain"


async def async_view():
    return "async"


class Unhashable:
    __hash__ = None

    def __call__(self):
        return "called"


def test_plain_functions_come_back_as_they_are_and_are_checked_once(app):
    is_plain_function.cache_clear()
    assert app.ensure_sync(plain_view) is plain_view
    assert app.ensure_sync(plain_view) is plain_view
    assert is_plain_function.cache_info().misses == 1 and is_plain_function.cache_info().hits == 1
    bound = app.ensure_sync(app.preprocess_request)
    assert bound == app.preprocess_request


def test_coroutine_functions_still_go_to_flasks_wrapper(app, monkeypatch):
    wrapped = []
    monkeypatch.setattr(app, "async_to_sync", lambda func: wrapped.append(func) or functools.partial(func))
    assert app.ensure_sync(async_view) is not async_view
    assert app.ensure_sync(async_view) is not async_view
    assert wrapped == [async_view, async_view]


def test_an_unhashable_callable_is_checked_by_flask(app):
    handler = Unhashable()
    assert app.ensure_sync(handler) is handler


def test_requests_run_their_hooks_and_views_as_before(client):
    assert client.get("/healthz").status_code == 200
