"""What a planted session id or a dead sign-in leaves behind: no usable CSRF token, no stored session."""

from tests.conftest import PASSWORD
from tests.page_reading import csrf_token
from tests.page_reading import form_values

PLANTED = "P" * 43  # shaped like an id the app makes: the store takes it as a visitor's


def sign_in(client, remember: bool = False):
    data = {"csrf_token": csrf_token(client), "username": "alice", "password": PASSWORD}
    response = client.post("/login", data={**data, "remember": "y"} if remember else data)
    assert response.status_code == 302
    return response


def test_a_planted_session_id_gives_no_token_that_works_after_sign_in(app, client, user):
    client.set_cookie("formwork_session", PLANTED)  # say, tossed from a sibling subdomain
    sign_in(client)
    assert client.get_cookie("formwork_session").value != PLANTED
    attacker = app.test_client()
    attacker.set_cookie("formwork_session", PLANTED)
    forged = csrf_token(attacker, "/contact")  # a token the planter can read under the old id
    assert client.post("/logout", data={"csrf_token": forged}).status_code == 400
    assert client.get("/profile").status_code == 200  # still signed in
    assert client.post("/logout", data={"csrf_token": csrf_token(client, "/")}).status_code == 302


def test_the_page_after_sign_in_carries_a_token_of_the_new_session(app, client, user):
    before = csrf_token(client)
    sign_in(client)
    after = csrf_token(client, "/profile")
    assert after != before
    assert client.post("/logout", data={"csrf_token": before}).status_code == 400
    assert client.post("/logout", data={"csrf_token": after}).status_code == 302


def dead_remember_cookie(app, client) -> str:
    """A remember cookie whose token was rotated since (its owner signed out in another browser)."""
    sign_in(client, remember=True)
    remember = client.get_cookie("remember_token").value
    elsewhere = app.test_client()
    sign_in(elsewhere)
    elsewhere.post("/logout", data={"csrf_token": csrf_token(elsewhere, "/")})
    return remember


def test_a_dead_remember_cookie_stores_nothing_and_is_deleted(app, client, user):
    remember = dead_remember_cookie(app, client)
    before = app.session_interface.count()
    for _ in range(20):
        visitor = app.test_client()
        visitor.set_cookie("remember_token", remember)
        response = visitor.get("/terms")
        assert response.status_code == 200
        assert any(c.startswith("remember_token=;") for c in response.headers.getlist("Set-Cookie"))
    assert app.session_interface.count() == before


def test_a_session_signed_out_elsewhere_is_signed_out_here(app, client, user):
    sign_in(client)
    elsewhere = app.test_client()
    sign_in(elsewhere)
    elsewhere.post("/logout", data={"csrf_token": csrf_token(elsewhere, "/")})  # rotates the token
    assert client.get("/profile").status_code == 302  # to the sign-in page
    with client.session_transaction() as stored:
        assert "_user_id" not in stored


def test_deleting_the_account_deletes_the_remember_cookie(app, client, user):
    sign_in(client, remember=True)
    values = form_values(client.get("/account/delete"), action="")
    values["password"] = PASSWORD
    response = client.post("/account/delete", data=values)
    assert response.status_code == 302
    assert any(c.startswith("remember_token=;") for c in response.headers.getlist("Set-Cookie"))
    assert client.get_cookie("remember_token") is None
