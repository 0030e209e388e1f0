"""Bodies read whole into memory are held to MAX_FORM_MEMORY_SIZE, declared or not."""

import io
import json

import pytest
from werkzeug.exceptions import RequestEntityTooLarge

from request_limits import browser_name
from request_limits import refuse_oversized_body
from tests.page_reading import form_values


def test_a_chunked_json_body_over_the_cap_is_refused_when_read(app, client):
    """No Content-Length to refuse it by: get_json counts what it read."""
    token = form_values(client.get("/contact"), action="/contact")["csrf_token"]
    body = json.dumps({"name": "Ada", "padding": "x" * app.config["MAX_FORM_MEMORY_SIZE"]}).encode()
    response = client.post(
        "/api/contact",
        input_stream=io.BytesIO(body),
        environ_overrides={"wsgi.input_terminated": True},  # as gunicorn marks a chunked body
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked", "X-CSRFToken": token},
    )
    assert response.status_code == 413
    assert response.get_json()["status"] == 413


@pytest.mark.parametrize("code", [*range(0x00, 0x21), *range(0x7E, 0xA1), 0x2028, 0xFEFF])
def test_a_part_name_is_refused_exactly_when_it_holds_a_control_character(code):
    """The search refuses what the rule says (a C0 control or DEL), wherever it stands, and no more."""
    control = code < 32 or code == 127
    for name in (chr(code), f"address-{chr(code)}", f"{chr(code)}name"):
        assert browser_name(name) is not control
    assert browser_name(None) is False and browser_name("") is True


@pytest.mark.parametrize(
    ("content_type", "length", "refused"),
    [
        ("application/x-www-form-urlencoded", "cap+1", True),
        ("application/json", "cap+1", True),
        ("application/json; charset=utf-8", "cap", False),
        ("multipart/form-data; boundary=x", "cap+1", False),  # parts are held by Werkzeug's own limits
        (None, None, False),
    ],
)
def test_a_declared_length_over_the_cap_is_refused_before_reading(app, content_type, length, refused):
    cap = app.config["MAX_FORM_MEMORY_SIZE"]
    declared = {"CONTENT_TYPE": content_type or ""}
    if length:  # declared, not sent: what a client says before its body arrives
        declared["CONTENT_LENGTH"] = str(cap + 1 if length == "cap+1" else cap)
    with app.test_request_context("/contact", method="POST", environ_overrides=declared):
        if refused:
            with pytest.raises(RequestEntityTooLarge):
                refuse_oversized_body()
        else:
            assert refuse_oversized_body() is None
