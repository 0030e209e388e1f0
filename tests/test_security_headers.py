"""security.add_security_headers: every header once on every response, a view's own kept."""

from flask import Response

from security import HEADERS


def test_every_header_once_on_a_page(client):
    headers = client.get("/terms").headers
    for name, value in HEADERS.items():
        assert headers.getlist(name) == [value], name
    assert headers.getlist("Cache-Control") == ["no-store"]
    assert "Strict-Transport-Security" not in headers


def test_a_views_own_headers_are_kept_and_not_repeated(app, client):
    @app.get("/own-headers")
    def own_headers():
        return Response(
            "x", mimetype="text/html", headers={"x-frame-options": "SAMEORIGIN", "Cache-Control": "private"}
        )

    headers = client.get("/own-headers").headers
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.getlist("Cache-Control") == ["private"]
    assert headers.getlist("Referrer-Policy") == [HEADERS["Referrer-Policy"]]


def test_secure_cookies_bring_strict_transport_security_once(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    headers = client.get("/terms", base_url="https://localhost").headers
    assert headers.getlist("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
