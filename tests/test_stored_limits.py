"""What is stored is bounded: Back drafts and the gallery's echo keep each value only up to its
field's maximum, and a wizard record as a whole is held to MAX_RECORD_BYTES."""

import pytest
from werkzeug.datastructures import MultiDict

import input_limits
from input_limits import MAX_RECORD_BYTES
from input_limits import MAX_VALUE_CHARS
from tests.gallery_client import GalleryPages
from tests.gallery_client import post
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.registration_client import VALID
from tests.registration_client import Registration
from wizard.backends import records_for

HUGE = "x" * 200_000


def stored(app, reg) -> dict:
    with app.test_request_context():
        return records_for(app).get(f"wizard:registration:{reg.wid}")


def stored_bytes(app, reg) -> int:
    path = app.session_interface.cache._get_filename(f"wizard:registration:{reg.wid}")
    with open(path, "rb") as record:
        return len(record.read())


def test_a_back_draft_keeps_each_value_only_up_to_its_fields_maximum(app, client):
    reg = Registration(client)
    reg.complete("account")
    typed = {"first_name": HUGE, "address-street": HUGE, "address-country": HUGE}
    reg.post("profile", typed, action="back")
    draft = stored(app, reg)["drafts"]["profile"]
    assert draft["first_name"] == ["x" * 80]  # Length(max=80)
    assert draft["address-street"] == ["x" * 120]  # Length(max=120)
    assert draft["address-country"] == ["x" * MAX_VALUE_CHARS]  # a choice: no declared maximum
    assert stored_bytes(app, reg) < 4096
    assert parse(reg.get("profile")).find(id="first_name")["value"] == "x" * 80


def test_a_back_draft_keeps_no_more_values_than_a_field_takes(app, client):
    reg = Registration(client)
    reg.complete("account", "profile")
    sent = MultiDict(form_values(reg.get("preferences")))
    sent.setlist("plan", ["pro"] * 5000)
    sent.setlist("interests", ["baking"] * 5000)
    sent.setlist("newsletter", ["y"] * 5000)
    sent["action"] = "back"
    assert client.post(reg.url("preferences"), data=sent).status_code == 302
    draft = stored(app, reg)["drafts"]["preferences"]
    assert draft["plan"] == ["pro"] and draft["newsletter"] == ["y"]
    assert len(draft["interests"]) == 4  # one per choice at most
    assert stored_bytes(app, reg) < 4096


def test_a_whole_registration_at_every_fields_maximum_fits_in_a_record(app, client):
    longest = {
        "account": {
            **VALID["account"],
            "username": "n" + "e" * 24,
            "email": "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".com",
        },
        "profile": {
            "first_name": "A" * 80,
            "last_name": "L" * 80,
            "address-street": "S" * 120,
            "address-city": "C" * 80,
            "address-region": "R" * 80,
            "address-postal_code": "SW1Y 4JH",
            "address-country": "GB",
        },
        "preferences": {**VALID["preferences"], "interests": ["baking", "vegetarian", "quick", "preserving"]},
    }
    reg = Registration(client)
    reg.complete(answers=longest)
    for step in ("preferences", "profile", "account"):  # and a maximal draft of every step
        reg.post(step, {name: HUGE for name in longest[step] if "password" not in name}, action="back")
    assert 0 < stored_bytes(app, reg) < MAX_RECORD_BYTES / 4


def test_a_record_over_the_bound_is_refused_and_nothing_is_stored(app, client, monkeypatch):
    reg = Registration(client)
    reg.complete("account")
    before = stored(app, reg)
    monkeypatch.setattr("wizard.storage.MAX_RECORD_BYTES", stored_bytes(app, reg) + 100)
    response = reg.post("profile", {**VALID["profile"], "first_name": "A" * 80, "last_name": "L" * 80})
    assert response.status_code == 303  # back to the step, told why (carried_errors)
    assert response.headers["Location"] == reg.url("profile")
    assert "more than can be kept" in reg.get("profile").get_data(as_text=True)
    assert stored(app, reg) == before
    monkeypatch.setattr("wizard.storage.MAX_RECORD_BYTES", MAX_RECORD_BYTES)
    assert reg.post("profile", VALID["profile"]).headers["Location"] == reg.url("preferences")


def test_max_record_bytes_is_a_clear_constant():
    assert input_limits.MAX_RECORD_BYTES == 64 * 1024
    assert input_limits.MAX_VALUE_CHARS == 1000


@pytest.fixture
def gallery_page(client):
    return GalleryPages(client)


def test_the_gallery_echo_keeps_each_value_only_up_to_its_fields_maximum(app, client, gallery_page):
    """`search` of the inline example declares no maximum; `q` arrives valid at any length."""
    response = post(client, gallery_page, "inline", {"q": HUGE, "category": "all"})
    assert response.status_code == 302
    with client.session_transaction() as sess:
        received = {name: value for name, _, value in sess["gallery_received"]["rows"]}
    assert received["q"] == repr("x" * MAX_VALUE_CHARS)
    sessions = list(
        (
            app.config["SESSION_FILE_DIR"] and __import__("pathlib").Path(app.config["SESSION_FILE_DIR"])
        ).iterdir()
    )
    assert max(path.stat().st_size for path in sessions) < 8192
