"""CSRF protection before every request (extensions.FormworkCSRFProtect): the method first, then Flask-WTF's."""

import pytest

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
