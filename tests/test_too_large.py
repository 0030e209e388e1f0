"""A request over MAX_CONTENT_LENGTH comes back to its form with a field error naming the limit."""

import io

import pytest

from tests.page_reading import form_values
from tests.page_reading import parse
from tests.registration_client import Registration

LIMIT = 64 * 1024
MESSAGE = "larger than 64 KB, the most the site accepts at once"


@pytest.fixture
def app(make_app):
    return make_app(MAX_CONTENT_LENGTH=LIMIT)


def too_big(field: str) -> dict:
    return {field: (io.BytesIO(b"x" * (LIMIT + 1)), "huge.pdf")}


def test_the_wizard_preferences_step_comes_back_with_the_message(client):
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post("preferences", files=too_big("avatar"))
    assert response.status_code == 303 and response.headers["Location"] == reg.url("preferences")
    page = parse(client.get(response.headers["Location"]))
    assert MESSAGE in page.find(id="avatar-error").get_text()
    assert page.title.get_text().startswith("Error: ")
    assert parse(reg.get("profile")).find(id="first_name")["value"] == "Ada"  # what was stored stays


def test_the_profile_comes_back_with_the_message(logged_in_client):
    values = {**form_values(logged_in_client.get("/profile"), action=""), **too_big("avatar")}
    response = logged_in_client.post("/profile", data=values, content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"] == "/profile"
    page = parse(logged_in_client.get("/profile"))
    assert MESSAGE in page.find(id="avatar-error").get_text()
    assert page.find(id="avatar")["aria-invalid"] == "true"


def test_documents_come_back_with_the_message(logged_in_client):
    values = {**form_values(logged_in_client.get("/documents"), action="/documents"), **too_big("documents")}
    response = logged_in_client.post(
        "/documents", data=values, content_type="multipart/form-data", follow_redirects=True
    )
    assert MESSAGE in parse(response).find(id="documents-error").get_text()


def test_other_pages_get_the_413_page_naming_the_limit(client):
    response = client.post("/login", data={"username": "x" * (LIMIT + 1)})
    assert response.status_code == 413
    assert "64 KB" in response.get_data(as_text=True)
