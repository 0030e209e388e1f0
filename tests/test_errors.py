"""Every error status gets a page in the site's layout (or JSON under /api/), never a trace."""

import pytest
from flask import abort
from sqlalchemy import select

from extensions import db
from models import User
from tests.page_reading import csrf_token
from tests.page_reading import parse


@pytest.fixture
def app(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/test/abort/<int:code>")
    def abort_with(code):
        abort(code)

    @app.route("/test/boom")
    def boom():
        db.session.add(User(username="half", email="half@example.com", password_hash="x"))
        db.session.flush()
        raise RuntimeError("kaboom: secret internals")

    @app.route("/api/test/boom")
    def api_boom():
        raise RuntimeError("kaboom")

    return app


@pytest.mark.parametrize(
    ("code", "title"),
    [
        (400, "Something was missing"),
        (403, "Not yours to see"),
        (404, "Page not found"),
        (410, "No longer here"),
        (429, "Too many requests"),
    ],
)
def test_error_pages_extend_the_layout(client, code, title):
    response = client.get(f"/test/abort/{code}")
    assert response.status_code == code
    page = parse(response)
    assert page.find("h1").get_text(strip=True) == title
    assert page.find("nav", attrs={"aria-label": "Main"}) is not None
    assert page.title.get_text().startswith(title)


def test_unknown_url_is_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is no page at this address" in response.get_data(as_text=True)


def test_wrong_method_is_405_and_keeps_allow_header(client):
    response = client.put("/login")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert parse(response).find("h1").get_text(strip=True) == "This page cannot do that"


def test_missing_csrf_token_says_so_in_plain_words_and_links_back_to_the_form(client):
    response = client.post("/login?next=/gallery", data={"username": "a", "password": "b"})
    assert response.status_code == 400
    page = parse(response)
    assert "security token is missing or has expired" in page.get_text(" ", strip=True)
    back = page.find("a", string="Open the form again")
    assert back["href"] == "/login?next=/gallery"
    assert client.get(back["href"]).status_code == 200


def test_a_refused_post_to_a_crafted_path_never_links_off_site(client):
    response = client.post("//evil.example/x", data={})
    assert parse(response).find("a", string="Open the form again") is None
    assert "evil.example" not in response.get_data(as_text=True)


def test_a_sign_out_link_opens_a_page_with_the_sign_out_button(client, auth, user):
    auth.login()
    page = parse(client.get("/logout"))
    form = page.find("main").find("form", attrs={"action": "/logout"})
    assert form is not None and form.find("button").get_text(strip=True) == "Sign out"
    assert client.get("/").status_code == 200 and "Signed in as" in client.get("/").get_data(as_text=True)


def test_the_sign_out_page_tells_a_visitor_who_is_not_signed_in(client):
    response = client.get("/logout")
    assert response.status_code == 200
    assert "You are not signed in." in response.get_data(as_text=True)


def test_stale_csrf_token_is_refused_the_same_way(client):
    response = client.post("/login", data={"csrf_token": "not-a-token", "username": "a", "password": "b"})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def test_too_large_request_gets_friendly_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post("/login", data={"username": "x" * 5000})
    assert response.status_code == 413
    assert "larger than 1 KB, the most the site accepts at once" in response.get_data(
        as_text=True
    )  # names the limit


def test_500_page_hides_the_trace_and_rolls_back(app, client):
    response = client.get("/test/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    assert "kaboom" not in body and "Traceback" not in body
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "half")) is None


def test_api_errors_are_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["status"] == 404
    response = client.get("/api/test/boom")
    assert response.status_code == 500
    assert response.get_json()["error"] == "Something went wrong"


def test_rate_limited_login_gets_429_page(make_app):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    token = csrf_token(client)
    statuses = [
        client.post("/login", data={"csrf_token": token, "username": "nobody", "password": "x"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    response = client.post("/login", data={"csrf_token": token, "username": "nobody", "password": "x"})
    assert "Too many requests" in response.get_data(as_text=True)
    assert "Retry-After" in response.headers


@pytest.mark.parametrize("host", ["a" * 64, "a..b", "-" * 300])
def test_a_host_header_werkzeug_refuses_gets_a_plain_400_page(client, host):
    """No URL can be built for such a request, so the page does without the layout (and url_for)."""
    response = client.get("/register", headers={"Host": host})
    assert response.status_code == 400
    page = parse(response)
    assert page.find("h1").get_text() == "Something was missing"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
