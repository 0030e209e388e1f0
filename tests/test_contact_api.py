"""POST /api/contact: JSON in, 201 or 400 with field errors out, never HTML or a 500."""

import pytest

from tests.contact_client import GOOD
from tests.contact_client import api_body
from tests.contact_client import api_post
from tests.contact_client import messages
from tests.contact_client import outbox


def test_api_accepts_a_message_with_201(contact_app):
    client = contact_app.test_client()
    response = api_post(client, api_body(client))
    assert response.status_code == 201
    body = response.get_json()
    assert body["ok"] is True
    [stored] = messages(contact_app)
    assert body["id"] == stored.id
    assert "Thank you, Ada Lovelace" in body["message"]
    assert len(outbox(contact_app)) == 1


def test_api_answers_field_errors_with_400(contact_app):
    client = contact_app.test_client()
    response = api_post(client, api_body(client, email="nope", message="short"))
    assert response.status_code == 400
    body = response.get_json()
    assert body["ok"] is False
    assert set(body["errors"]) == {"email", "message"}
    assert body["errors"]["message"] == ["Write between 10 and 2000 characters."]
    assert messages(contact_app) == []


def test_api_bot_gets_the_same_201(contact_app):
    client = contact_app.test_client()
    response = api_post(client, api_body(client, website="buy now"))
    assert response.status_code == 201
    assert response.get_json()["ok"] is True
    assert [m.spam_reason for m in messages(contact_app)] == ["honeypot"]
    assert outbox(contact_app) == []


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_api_without_a_good_csrf_token_is_a_json_400(contact_app, token):
    client = contact_app.test_client()
    response = api_post(client, api_body(client), token=token)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False
    assert "csrf_token" in body["errors"]
    assert messages(contact_app) == []


def test_api_without_a_session_is_a_json_400(contact_app):
    response = contact_app.test_client().post("/api/contact", json=GOOD, headers={"X-CSRFToken": "x"})
    assert response.status_code == 400
    assert response.get_json()["ok"] is False


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', "null", "\udcff"])
def test_api_malformed_body_is_a_json_400(contact_app, body):
    client = contact_app.test_client()
    response = api_post(client, body.encode("utf-8", "surrogateescape"))
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert response.get_json()["ok"] is False


def test_api_odd_json_values_count_as_empty_fields(contact_app):
    client = contact_app.test_client()
    response = api_post(client, api_body(client, name={"first": "Ada"}, message=["x" * 20], subject=None))
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"name", "subject"}


def test_api_get_is_a_json_405(contact_app):
    response = contact_app.test_client().get("/api/contact")
    assert response.status_code == 405
    assert response.get_json()["status"] == 405
