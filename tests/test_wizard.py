"""The registration wizard through HTTP: navigation, storage, review (confirm: test_wizard_confirm.py)."""

import pytest
from sqlalchemy import select

from extensions import db
from models import User
from tests.page_reading import parse
from tests.registration_client import PASSWORD
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import user_count
from wizard.backends import records_for


def test_start_redirects_to_account_with_a_fresh_random_id(client):
    first, second = Registration(client), Registration(client)
    assert len(first.wid) >= 16 and first.wid != second.wid
    assert first.get("account").status_code == 200


def test_full_registration_creates_the_user_and_signs_them_in(app, client):
    reg = Registration(client)
    assert reg.complete().headers["Location"] == reg.url("review")
    response = reg.confirm()
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    profile = client.get("/profile")
    assert profile.status_code == 200
    assert "Welcome to Formwork, Ada!" in profile.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.username, user.email, user.city, user.country) == (
            "newbie",
            "newbie@example.com",
            "London",
            "GB",
        )
        assert (user.plan, user.newsletter, user.interests) == ("pro", True, ["baking", "quick"])
        assert user.check_password(PASSWORD)


def test_next_validates_only_the_current_step(client):
    reg = Registration(client)
    reg.complete("account")
    response = reg.post("profile", {**VALID["profile"], "first_name": "", "address-city": ""})
    assert response.status_code == 200
    invalid = {tag["id"] for tag in parse(response).find_all(attrs={"aria-invalid": "true"})}
    assert invalid == {"first_name", "address-city"}


def test_back_keeps_typed_data_without_validating(client):
    reg = Registration(client)
    reg.complete("account")
    typed = {"first_name": "Half-typed", "last_name": "", "address-city": "Paris"}
    response = reg.post("profile", typed, action="back")
    assert response.headers["Location"] == reg.url("account")
    account = parse(reg.get("account"))
    assert account.find(id="username")["value"] == "newbie"
    assert account.find(id="password").get("value", "") == ""
    reg.post("account", {"password": "", "confirm_password": ""})
    profile = parse(reg.get("profile"))
    assert profile.find(id="first_name")["value"] == "Half-typed"
    assert profile.find(id="address-city")["value"] == "Paris"
    assert profile.find(attrs={"aria-invalid": "true"}) is None


def test_a_kept_password_may_stay_blank_when_returning_to_account(client):
    reg = Registration(client)
    reg.complete("account")
    page = parse(reg.get("account"))
    assert "keep the password" in page.find(id="password-help").get_text()
    assert reg.post("account", {"password": "", "confirm_password": ""}).status_code == 302


def test_a_new_password_in_the_confirm_box_alone_is_not_silently_ignored(client):
    reg = Registration(client)
    reg.complete("account")
    response = reg.post("account", {"password": "", "confirm_password": "Another-Passw0rd!"})
    assert response.status_code == 200
    error = parse(response).find(id="confirm_password-error").get_text()
    assert "Type the new password in both boxes, or leave both blank" in error


def test_skipping_ahead_by_url_goes_to_the_first_incomplete_step(client):
    reg = Registration(client)
    assert reg.get("preferences").headers["Location"] == reg.url("account")
    assert reg.get("review").headers["Location"] == reg.url("account")
    reg.complete("account")
    assert reg.get("review").headers["Location"] == reg.url("profile")
    assert reg.client.post(reg.url("preferences"), data={}).status_code in (302, 400)


def test_unknown_step_is_404(client):
    reg = Registration(client)
    assert reg.get("payment").status_code == 404
    assert client.get(f"/register/{reg.wid}/..%2Faccount").status_code == 404


@pytest.mark.parametrize("wid", ["x" * 22, "short", "a" * 300, "%00%00", "..", "AAAAAAAAAAAAAAAAAAAAAA"])
def test_unknown_or_tampered_wid_is_410_with_a_fresh_start_link(client, wid):
    Registration(client)
    response = client.get(f"/register/{wid}/account")
    assert response.status_code in (404, 410)
    if response.status_code == 410:
        page = parse(response)
        assert page.find("h1").get_text() == "We could not find this registration"
        assert page.find("a", string="Start a new registration")["href"] == "/register"


def test_a_wid_from_another_browser_is_410(app, client):
    theirs = Registration(app.test_client())
    theirs.complete("account")
    assert client.get(theirs.url("account")).status_code == 410
    assert client.get(theirs.url("review")).status_code == 410


def test_expired_registration_shows_the_expiry_page(make_app, clock):
    client = make_app(WIZARD_TTL_SECONDS=1).test_client()
    reg = Registration(client)
    clock.advance(seconds=2.1)
    response = reg.get("account")
    assert response.status_code == 410
    assert "This registration has expired" in response.get_data(as_text=True)


def test_two_registrations_in_one_browser_do_not_touch_each_other(app, client):
    one, two = Registration(client), Registration(client)
    one.complete("account")
    two.post("account", {**VALID["account"], "username": "second", "email": "second@example.com"})
    one.post("profile", {"first_name": "Only-in-one"}, action="back")
    assert parse(one.get("account")).find(id="username")["value"] == "newbie"
    assert parse(two.get("account")).find(id="username")["value"] == "second"
    assert two.get("profile").status_code == 200
    assert parse(two.get("profile")).find(id="first_name")["value"] == ""
    one.complete("account", "profile", "preferences")
    one.confirm()
    assert user_count(app) == 1
    # The other run is untouched, though a signed-in user is not let into it (it would sign
    # them in as someone else): its answers and this browser's claim on it are still there.
    with app.test_request_context():
        assert records_for(app).get(f"wizard:registration:{two.wid}")["answers"]["account"]
    page = two.get("profile")
    assert page.status_code == 409
    assert parse(page).find("button", string="Sign out and continue this registration") is not None


def test_a_concurrent_request_saving_an_older_session_loses_no_registration(client):
    """Two tabs: one tab's request may save the session as it read it, over the other's.
    Starting and saving runs never writes the session, so nothing is undone."""
    client.get("/login")
    with client.session_transaction() as sess:
        before = dict(sess)
    one, two = Registration(client), Registration(client)
    one.complete("account")
    with client.session_transaction() as sess:
        sess.clear()
        sess.update(before)
    assert parse(one.get("account")).find(id="username")["value"] == "newbie"
    assert one.get("profile").status_code == 200
    assert two.get("account").status_code == 200


def test_password_never_reaches_the_session_store_logs_or_pages(app, client, tmp_path):
    reg = Registration(client)
    refused = reg.post("account", {**VALID["account"], "username": "x"})  # the password is not echoed
    reg.complete("account")
    reg.post("profile", action="back")
    pages = [refused.get_data(), reg.get("account").get_data()]
    reg.complete()
    pages.append(reg.get("review").get_data())
    reg.confirm()
    pages.append(client.get("/profile").get_data())
    secret = PASSWORD.encode()
    stored = list((tmp_path / "sessions").iterdir())
    assert stored
    for path in stored:
        assert secret not in path.read_bytes(), path
    assert secret not in (tmp_path / "logs" / "formwork.log").read_bytes()
    assert all(secret not in page for page in pages)


def test_review_shows_every_answer_but_never_the_password(client):
    reg = Registration(client)
    reg.complete()
    page = parse(reg.get("review"))
    text = page.get_text(" ", strip=True)
    for answer in (
        "newbie",
        "newbie@example.com",
        "Ada",
        "Lovelace",
        "London",
        "United Kingdom",
        "Pro: unlimited recipes",
        "Baking",
    ):
        assert answer in text
    assert PASSWORD not in text and "Password" not in text
    labels = [dt.get_text(strip=True) for dt in page.find_all("dt")]
    assert "I agree to the terms of use" not in labels  # always yes once complete: not an answer
    assert page.find("dt", string="Profile photo").find_next_sibling("dd").get_text(strip=True) == "No photo"
    changes = {a["href"] for a in page.find_all("a") if a.get_text(strip=True).startswith("Change")}
    assert changes == {reg.url("account"), reg.url("profile"), reg.url("preferences")}


def test_a_change_from_review_returns_to_review(client):
    reg = Registration(client)
    reg.complete()
    response = reg.post("account", {"username": "renamed", "password": "", "confirm_password": ""})
    assert response.headers["Location"] == reg.url("review")
    assert "renamed" in reg.get("review").get_data(as_text=True)


def test_the_expiry_page_says_how_long_registrations_are_kept(make_app):
    client = make_app(WIZARD_TTL_SECONDS=3600).test_client()
    page = parse(client.get("/register/" + "x" * 22 + "/account"))
    assert "for 1 hour after its last change" in " ".join(page.find("p", class_="lead").get_text().split())


def test_steps_and_review_refuse_posts_without_csrf(client):
    reg = Registration(client)
    assert client.post(reg.url("account"), data=VALID["account"]).status_code == 400
    reg.complete()
    assert client.post(reg.url("review"), data={"action": "confirm"}).status_code == 400


def test_title_and_progress_say_which_step(client):
    reg = Registration(client)
    page = parse(reg.get("account"))
    assert page.title.get_text().startswith("Step 1 of 3: Account")
    current = page.find(attrs={"aria-current": "step"})
    assert "Account" in current.get_text()
    refused = parse(reg.post("account", {"username": ""}))
    assert refused.title.get_text().startswith("Error: Step 1 of 3")
    reg.complete("account")
    assert parse(reg.get("profile")).title.get_text().startswith("Step 2 of 3")


def test_enter_presses_continue_not_back(client):
    reg = Registration(client)
    reg.complete("account")
    buttons = parse(reg.get("profile")).find("form", method="post").find_all("button", type="submit")
    assert [(b["name"], b["value"]) for b in buttons] == [("action", "next"), ("action", "back")]


@pytest.mark.parametrize(
    "crafted",
    [
        {"action": "explode"},
        {"action": ["next", "back"]},
        {"username": "x" * 100_000},
        {"username": ["a", "b"], "email": "\x00\x01"},
        {"password": "é" * 5000, "confirm_password": "é" * 5000},
        {"unexpected": "field"},
    ],
)
def test_crafted_account_posts_never_crash(client, crafted):
    reg = Registration(client)
    response = reg.post("account", crafted)
    assert response.status_code in (200, 302, 400, 413)


@pytest.mark.parametrize(
    "crafted",
    [
        {"address-country": "ZZ"},
        {"address-country": ["GB", "FR"]},
        {"address-postal_code": "<script>"},
        {"first_name": "😀" * 100},
    ],
)
def test_crafted_profile_posts_get_field_errors(client, crafted):
    reg = Registration(client)
    reg.complete("account")
    response = reg.post("profile", crafted)
    assert response.status_code == 200
    assert parse(response).find(attrs={"aria-invalid": "true"}) is not None
    assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[1]
