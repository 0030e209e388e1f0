"""cookie_header.py: a request's cookies, read from the one Cookie header, are Werkzeug's."""

import pytest
from flask import Request
from flask import request
from werkzeug.test import EnvironBuilder

from cookie_header import OneCookieHeaderRequest

COOKIE_HEADERS = [
    None,
    "",
    "session=Zm9v",
    "session=Zm9v; remember_token=1|abc; theme=dark",
    'quoted="a \\"b\\" c"; plain=x',
    "twice=1; twice=2",
    "é=ü; spaced = value ; empty=",
    "no-equals; ok=1",
]


def environ_with(cookie: str | None) -> dict:
    headers = {"User-Agent": "test", "Accept": "text/html", "Accept-Language": "en"}
    if cookie is not None:
        headers["Cookie"] = cookie
    return EnvironBuilder("/", headers=headers).get_environ()


@pytest.mark.parametrize("cookie", COOKIE_HEADERS)
def test_cookies_are_the_ones_werkzeug_reads(cookie):
    environ = environ_with(cookie)
    ours = OneCookieHeaderRequest(environ).cookies
    werkzeugs = Request(environ).cookies
    assert list(ours.items(multi=True)) == list(werkzeugs.items(multi=True))
    assert type(ours) is type(werkzeugs)


def test_the_app_reads_its_session_cookie(app, client):
    client.get("/terms")
    sid = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value
    with app.test_request_context("/", headers={"Cookie": f"theme=dark; session={sid}"}):
        assert isinstance(request._get_current_object(), OneCookieHeaderRequest)
        assert request.cookies["session"] == sid
