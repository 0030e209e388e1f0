"""The home page, health check, static assets and security headers."""

from app import create_app
from tests.conftest import overrides_for
from tests.page_reading import csrf_token
from tests.page_reading import parse
from tests.registration_client import Registration

# Nothing listens on port 1: connections are refused at once.
DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"


def test_home_links_every_feature(client):
    page = parse(client.get("/"))
    hrefs = {a["href"] for a in page.find_all("a")}
    for path in ("/register", "/profile", "/documents", "/recipes", "/contact", "/gallery", "/login"):
        assert path in hrefs


def test_home_offers_no_registration_to_someone_signed_in(logged_in_client):
    page = parse(logged_in_client.get("/"))
    hrefs = {a["href"] for a in page.select("main a")}
    assert "/register" not in hrefs
    assert {"/profile", "/documents", "/recipes", "/contact", "/gallery"} <= hrefs


def test_healthz_reports_database_and_session_store(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "session_store": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(overrides_for(tmp_path, SQLALCHEMY_DATABASE_URI=DEAD_DATABASE))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable", "session_store": "ok"}


def test_database_outage_gives_a_503_page_not_a_crash(tmp_path):
    app = create_app(overrides_for(tmp_path, SQLALCHEMY_DATABASE_URI=DEAD_DATABASE))
    client = app.test_client()
    data = {"csrf_token": csrf_token(client), "username": "alice", "password": "whatever-1"}
    response = client.post("/login", data=data)
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True)


def test_bootstrap_is_served_locally(client):
    page = parse(client.get("/"))
    sources = [tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script"])]
    assert all(src.startswith("/") for src in sources if src)
    css = client.get("/vendor/bootstrap/css/bootstrap.min.css")
    assert css.status_code == 200 and b"Bootstrap" in css.data
    assert client.get("/vendor/bootstrap/../../../app.py").status_code == 404


def test_no_inline_script_or_style(client):
    page = parse(client.get("/login"))
    assert all(script.get("src") for script in page.find_all("script"))
    assert not page.find_all(style=True)
    assert not page.find_all("style")


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_are_never_cached_but_assets_are(logged_in_client):
    for url in ("/", "/profile", "/gallery", "/login", "/no-such-page"):
        assert logged_in_client.get(url).headers["Cache-Control"] == "no-store", url
    asset = logged_in_client.get("/static/css/formwork.css")
    assert "no-store" not in asset.headers.get("Cache-Control", "")


def test_flash_messages_show_by_category(client, auth, user):
    auth.login()
    page = parse(client.get("/"))
    alert = page.find(class_="alert-success")
    assert alert is not None and "Welcome back" in alert.get_text()


def test_the_terms_page_exists_and_the_terms_checkbox_links_to_it(client):
    terms = client.get("/terms")
    assert terms.status_code == 200
    assert parse(terms).find("h1").get_text(strip=True) == "Terms of use"
    registration = Registration(client)
    registration.complete("account", "profile")
    page = parse(registration.get("preferences"))
    links = page.find("main").find_all("a", href="/terms")
    assert len(links) == 1 and links[0].get_text(strip=True) == "terms of use"
    assert "linked above" in page.find(id="agree_terms-help").get_text()


def test_every_page_footer_links_to_the_terms(client):
    assert parse(client.get("/")).find("footer").find("a", href="/terms") is not None


NAV_ITEM = '\n            <li class="nav-item"><a class="nav-link" href="{}">{}</a></li>'
CURRENT_NAV_ITEM = (
    '\n            <li class="nav-item"><a class="nav-link active" aria-current="page" href="{}">{}</a></li>'
)


def test_the_navigation_marks_the_current_section_as_its_loop_did(client):
    """nav_items draws what the layout's loop over nav_links drew: one item a link, the current one marked."""
    page = client.get("/gallery/choices").get_data(as_text=True)
    links = [
        ("/register", "Register"),
        ("/recipes", "Recipes"),
        ("/contact", "Contact"),
        ("/gallery", "Form gallery"),
    ]
    items = "".join(
        (CURRENT_NAV_ITEM if path == "/gallery" else NAV_ITEM).format(path, label) for path, label in links
    )
    assert f'<ul class="navbar-nav me-auto">{items}\n          </ul>' in page


def test_the_navigation_of_someone_signed_in_leads_to_their_pages(logged_in_client):
    page = logged_in_client.get("/profile").get_data(as_text=True)
    assert CURRENT_NAV_ITEM.format("/profile", "Profile") + NAV_ITEM.format("/documents", "Documents") in page
    assert 'href="/register"' not in page.split("<main")[0]
