"""CSRF protection before every request (extensions.FormworkCSRFProtect): the method first, a token Flask-WTF
would accept passed by the same checks made more cheaply, everything else by Flask-WTF's own protect."""

import pytest
from flask_wtf.csrf import CSRFProtect

from extensions import csrf
from tests.conftest import count_calls
from tests.page_reading import csrf_token


@pytest.fixture
def exemption_checks(monkeypatch):
    """Counts Flask-WTF's exemption look-ups."""
    return count_calls(monkeypatch, csrf, "_is_exempt")


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_safe_method_passes_without_the_exemption_lists(client, exemption_checks, method):
    assert client.open("/login", method=method).status_code == 200
    assert exemption_checks == []


def test_a_post_without_a_token_is_still_refused(client, exemption_checks):
    response = client.post("/login", data={"username": "alice", "password": "x"})
    assert response.status_code == 400
    assert exemption_checks  # Flask-WTF's protect ran, exemptions and all


def test_a_post_with_a_token_still_gets_through(client):
    response = client.post(
        "/login", data={"csrf_token": csrf_token(client), "username": "a", "password": "x"}
    )
    assert response.status_code == 200  # the form's own refusal, not CSRF's


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
