"""Shorter paths through every request, each compared with the library path it stands for.

CSRF checks that Flask-WTF would pass (extensions.FormworkCSRFProtect, forms.csrf.token_accepted),
rate limiting switched off (extensions.FormworkLimiter), a text response's first headers
(responses.FormworkResponse) and the security headers' values checked once (security.py).
"""

import secrets

import pytest
from flask import Response
from flask import g
from flask import session
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect
from flask_wtf.csrf import validate_csrf
from werkzeug.datastructures import Headers
from wtforms import ValidationError

from extensions import limiter
from forms.csrf import signed_csrf_token
from forms.csrf import token_accepted
from responses import FormworkResponse
from security import checked_header
from tests.conftest import count_calls
from tests.page_reading import csrf_token

NOW = 1_800_000_000


@pytest.fixture
def frozen(monkeypatch):
    clock = {"now": NOW}
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: clock["now"])
    return clock


def flask_wtf_accepts(data) -> bool:
    try:
        validate_csrf(data)
    except ValidationError:
        return False
    return True


def test_token_accepted_agrees_with_flask_wtf(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        g.pop("csrf_token", None)
        token = signed_csrf_token()
        payload, stamp, signature = token.rsplit(".", 2)
        flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
        candidates = [token, f"{payload}.{stamp}.{flipped}", "x" + token, token[:-3], "", None, "a.b.c"]
        for data in candidates:
            assert token_accepted(data) == flask_wtf_accepts(data), data
        assert token_accepted(token)
        session["csrf_token"] = secrets.token_hex(32)  # another session's value
        assert not token_accepted(token) and not flask_wtf_accepts(token)
        del session["csrf_token"]
        assert not token_accepted(token) and not flask_wtf_accepts(token)


def test_an_expired_token_is_not_accepted(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        token = signed_csrf_token()
        frozen["now"] = NOW + app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 1
        assert not token_accepted(token)
        with pytest.raises(ValidationError, match="expired"):
            validate_csrf(token)


def test_another_secret_or_a_list_of_keys_is_left_to_flask_wtf(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        token = signed_csrf_token()
        app.config["WTF_CSRF_SECRET_KEY"] = "another-" + "k" * 40
        assert not token_accepted(token) and not flask_wtf_accepts(token)
        app.config["WTF_CSRF_SECRET_KEY"] = [app.secret_key]
        assert not token_accepted(token)  # Flask-WTF's own check decides


def test_a_refused_token_gets_flask_wtfs_answer(client, monkeypatch, caplog):
    flask_wtf_checks = count_calls(monkeypatch, CSRFProtect, "protect")
    with caplog.at_level("INFO", logger="flask_wtf.csrf"):
        response = client.post("/login", data={"csrf_token": "forged", "username": "a", "password": "x"})
    assert response.status_code == 400
    assert len(flask_wtf_checks) == 1
    assert "The CSRF token is invalid." in caplog.messages


def test_a_good_token_passes_once_and_marks_the_request(app, monkeypatch):
    flask_wtf_checks = count_calls(monkeypatch, CSRFProtect, "protect")
    client = app.test_client()
    response = client.post(
        "/login", data={"csrf_token": csrf_token(client), "username": "a", "password": "x"}
    )
    assert response.status_code == 200  # the form's own refusal (no such user), not CSRF's
    assert flask_wtf_checks == []  # passed by the shorter path


@pytest.mark.parametrize(
    ("referrer", "status"),
    [(None, 400), ("https://evil.example/login", 400), ("https://localhost/login", 200)],
)
def test_over_https_the_referrer_is_still_checked(app, referrer, status):
    client = app.test_client()
    token = csrf_token(client)
    headers = {"Referer": referrer} if referrer else {}
    response = client.post(
        "/login",
        data={"csrf_token": token, "username": "a", "password": "x"},
        base_url="https://localhost",
        headers=headers,
    )
    assert response.status_code == status


def test_with_limits_off_a_limited_view_notes_what_flask_limiter_notes(app):
    assert not limiter.enabled
    with app.test_request_context("/login", method="POST"):
        limiter._check_request_limit(in_middleware=False, callable_name="auth.login")
        ours = (limiter.current_limit, limiter.current_limits)
    with app.test_request_context("/login", method="POST"):
        Limiter._check_request_limit(limiter, in_middleware=False, callable_name="auth.login")
        assert (limiter.current_limit, limiter.current_limits) == ours == (None, [])


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
