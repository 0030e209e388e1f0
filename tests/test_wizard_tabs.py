"""Two registrations in two tabs: the second is never silently lost, and every 410 says why."""

from tests.page_reading import form_values
from tests.page_reading import parse
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import user_count

SECOND = {**VALID["account"], "username": "second", "email": "second@example.com"}


def two_tabs_first_confirmed(client):
    one, two = Registration(client), Registration(client)
    one.complete()
    two.complete(answers={**VALID, "account": SECOND})
    assert one.confirm().headers["Location"] == "/profile"
    return two


def test_the_second_tab_offers_to_sign_out_and_continue(app, client):
    two = two_tabs_first_confirmed(client)
    page = two.get("review")
    assert page.status_code == 409
    text = parse(page).get_text(" ", strip=True)
    assert "You are signed in as newbie" in text and "nothing in it is lost" in text


def test_sign_out_and_continue_keeps_the_run_and_lands_on_its_review(app, client):
    two = two_tabs_first_confirmed(client)
    page = two.get("review")
    form = parse(page).find("form", action=f"/register/{two.wid}/continue")
    response = client.post(form["action"], data=form_values(page, action=form["action"]))
    assert response.status_code == 302
    moved = response.headers["Location"]
    assert moved.startswith("/register/") and moved.endswith("/review") and two.wid not in moved
    review = client.get(moved)
    assert review.status_code == 200
    assert "second@example.com" in review.get_data(as_text=True)
    assert "Signed in as" not in client.get("/").get_data(as_text=True)  # signed out
    assert client.get(two.url("review")).status_code == 410  # the old address is gone
    confirm = client.post(moved, data={**form_values(review), "action": "confirm"})
    assert confirm.headers["Location"] == "/profile"
    assert user_count(app) == 2


def test_continue_is_a_post_with_a_token_and_only_for_this_browsers_runs(app, client):
    two = two_tabs_first_confirmed(client)
    assert client.post(f"/register/{two.wid}/continue").status_code == 400  # no CSRF token
    stranger = app.test_client()
    Registration(stranger)
    token = form_values(stranger.get("/login"))["csrf_token"]
    response = stranger.post(f"/register/{two.wid}/continue", data={"csrf_token": token})
    assert response.status_code == 410
    assert "Signed in as" in client.get("/").get_data(as_text=True)  # the owner was not signed out


def test_after_a_plain_sign_out_the_410_says_signing_out_closed_it(app, client, auth):
    two = two_tabs_first_confirmed(client)
    auth.logout()
    page = parse(client.get(two.url("review")))
    assert page.find("h1").get_text() == "This registration closed when you signed out"
    assert "only in the browser" not in page.get_text()


def test_an_expired_registration_says_it_expired_and_after_how_long(client, clock):
    reg = Registration(client)
    reg.complete("account")
    clock.advance(25)
    page = parse(reg.get("profile"))
    assert page.find("h1").get_text() == "This registration has expired"
    assert "kept for 24 hours after the last change" in " ".join(page.get_text().split())
