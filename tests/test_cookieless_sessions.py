"""A visitor who has stored nothing costs nothing on disk, and their forms still submit."""

import redis

from tests.conftest import PASSWORD
from tests.conftest import service_url
from tests.page_reading import csrf_token
from tests.page_reading import form_values
from tests.registration_client import Registration

CRAWLED = ["/", "/login", "/register", "/gallery"]
VISITS = {"/": 400, "/login": 400, "/register": 190, "/gallery": 10}  # 1000 GETs, the gallery is slow


def crawl(app) -> None:
    for url, times in VISITS.items():
        for _ in range(times):
            assert app.test_client().get(url).status_code in (200, 302)


def test_a_thousand_cookieless_visits_store_no_session_file(app):
    crawl(app)
    assert app.session_interface.count() == 0


def test_a_thousand_cookieless_visits_store_no_redis_key(make_app):
    url = service_url("TEST_REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    app = make_app(REDIS_URL=url)
    crawl(app)
    assert app.session_interface.count() == 0
    assert redis.Redis.from_url(url).dbsize() == 0


def test_a_visitor_without_a_stored_session_can_post_a_form(app, client, user):
    response = client.post(
        "/login", data={"csrf_token": csrf_token(client), "username": "alice", "password": "no"}
    )
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)
    assert app.session_interface.count() == 0
    response = client.post(
        "/login", data={"csrf_token": csrf_token(client), "username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert app.session_interface.count() == 1


def test_a_forged_session_id_is_not_read_from_the_store(app, client):
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "../../etc/passwd")
    client.get("/login")
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value != "../../etc/passwd"


def test_a_confirm_racing_the_first_with_the_old_cookie_is_told_to_sign_in(app, client):
    registration = Registration(client)
    registration.complete()
    page = registration.get("review")
    values = {**form_values(page), "action": "confirm"}
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    old_cookie = client.get_cookie(cookie_name).value
    assert client.post(registration.url("review"), data=values).headers["Location"] == "/profile"
    racer = app.test_client()  # the second click, sent with the cookie from before the first
    racer.set_cookie(cookie_name, old_cookie)
    response = racer.post(registration.url("review"), data=values)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert "That registration is complete. Please sign in." in racer.get("/login").get_data(as_text=True)


def test_a_registration_changed_at_23_hours_continues_at_25(app, client, clock):
    assert app.config["WIZARD_TTL_SECONDS"] == 24 * 3600
    registration = Registration(client)
    registration.complete("account")
    clock.advance(23)
    registration.complete("profile")
    clock.advance(2)
    page = registration.get("preferences")
    assert page.status_code == 200
    assert registration.complete("preferences").headers["Location"].endswith("/review")


def test_a_registration_left_alone_for_a_day_expires(app, client, clock):
    registration = Registration(client)
    registration.complete("account")
    clock.advance(24.1)
    assert registration.get("profile").status_code == 410
