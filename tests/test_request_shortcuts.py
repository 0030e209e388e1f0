"""Shorter paths through every request, each compared with the library path it stands for.

A text response's first headers (responses.FormworkResponse) and the security headers'
values checked once (security.py); rate limits still switch with each app.
"""

import pytest
from flask import Response
from werkzeug.datastructures import Headers

from responses import FormworkResponse
from responses import checked_header
from tests.page_reading import csrf_token


def test_limits_switch_with_each_app_as_before(make_app):
    def sign_in_statuses(client):
        token = csrf_token(client)
        data = {"csrf_token": token, "username": "nobody", "password": "x"}
        return [client.post("/login", data=data).status_code for _ in range(11)]

    assert sign_in_statuses(make_app(RATELIMIT_ENABLED=False).test_client()) == [200] * 11
    assert sign_in_statuses(make_app(RATELIMIT_ENABLED=True).test_client())[10] == 429
    assert sign_in_statuses(make_app(RATELIMIT_ENABLED=False).test_client()) == [200] * 11


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("<p>hi</p>",), {}),
        (("<p>é</p>", 410), {}),
        (("Redirecting", 302), {"mimetype": "text/html"}),
        (("{}",), {"mimetype": "application/json"}),
        (("x",), {"mimetype": "text/plain"}),
        (("",), {"mimetype": ""}),
        (("x",), {"headers": {"Content-Type": "text/csv"}}),
        (("x",), {"headers": [("X-A", "b")], "mimetype": "text/plain"}),
        (("x",), {"content_type": "text/plain; charset=latin-1"}),
        ((b"bytes",), {}),
        ((["a", "b"],), {}),
        ((None, 204), {}),
    ],
)
def test_a_response_starts_as_werkzeugs_does(args, kwargs):
    ours, theirs = FormworkResponse(*args, **kwargs), Response(*args, **kwargs)
    assert ours.headers.to_wsgi_list() == theirs.headers.to_wsgi_list()
    assert (ours.status, ours.get_data(), ours.mimetype) == (
        theirs.status,
        theirs.get_data(),
        theirs.mimetype,
    )


def test_a_text_type_werkzeug_refuses_is_still_refused():
    with pytest.raises(ValueError):
        Response("x", mimetype="text/html\nX-Evil: 1")
    with pytest.raises(ValueError):
        FormworkResponse("x", mimetype="text/html\nX-Evil: 1")


def test_security_header_values_are_checked_as_werkzeug_checks_them():
    assert checked_header("X-Frame-Options", "DENY") == Headers([("X-Frame-Options", "DENY")])._list[0]
    with pytest.raises(ValueError):
        checked_header("X-Frame-Options", "DENY\r\nSet-Cookie: a=b")
