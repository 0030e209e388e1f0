"""wizard/urls.py: a run's step and review URLs are the ones url_for builds, under any script root or host."""

import pytest
from flask import url_for

from wizard.registration import registration
from wizard.urls import KEPT_STARTS

WIDS = ["Zx8_abc-DEF.123~q", "a", "with space", "ü", "a/b", "%41", "x?y", "..", "a#b"]
PAGES = ["account", "profile", "preferences", "review"]
REQUESTS = [
    ("/", {}),
    ("/", {"SCRIPT_NAME": "/app"}),
    ("/", {"SCRIPT_NAME": "/app/"}),
    ("/", {"SCRIPT_NAME": "/my app"}),
    ("/", {"HTTP_HOST": "example.com:8080"}),
    ("/", {"wsgi.url_scheme": "https", "HTTP_HOST": "secure.example"}),
]


def built_by_url_for(wid: str, page: str) -> str:
    if page == "review":
        return url_for("registration.review", wid=wid)
    return url_for("registration.step", wid=wid, step=page)


@pytest.mark.parametrize(("path", "environ"), REQUESTS)
def test_run_urls_are_url_fors(app, path, environ):
    with app.test_request_context(path, environ_overrides=environ):
        for wid in WIDS:
            for page in PAGES:
                assert registration.urls.page(wid, page) == built_by_url_for(wid, page), (wid, page)


def test_external_urls_are_url_fors_too(app):
    """With SERVER_NAME set and a script root in the base URL, the kept start URL is url_for's too."""
    app.config["SERVER_NAME"] = "example.com"
    with app.test_request_context("/", base_url="http://example.com/app/"):
        assert registration.urls.page("abc", "account") == built_by_url_for("abc", "account")
        assert registration.urls.page("abc", "review") == built_by_url_for("abc", "review")


def test_a_redirect_under_a_script_root_leads_to_the_step(client):
    response = client.get("/register", environ_overrides={"SCRIPT_NAME": "/forms"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/forms/register/")
    assert response.headers["Location"].endswith("/account")


def test_url_defaults_send_every_url_to_url_for(make_app):
    app = make_app()
    seen = []

    @app.url_defaults
    def note(endpoint, values):
        seen.append(endpoint)

    with app.test_request_context("/"):
        assert registration.urls.page("abc", "account") == "/register/abc/account"
        assert seen[-1] == "registration.step"


def test_start_urls_kept_are_bounded(app):
    for number in range(KEPT_STARTS + 5):
        with app.test_request_context("/", environ_overrides={"HTTP_HOST": f"host{number}.example"}):
            registration.urls.page("abc", "account")
    assert len(app.extensions["run_urls:registration"]) <= KEPT_STARTS


def test_outside_a_request_the_url_is_url_fors(app):
    app.config["SERVER_NAME"] = "example.com"
    with app.app_context():
        assert registration.urls.page("abc", "account") == built_by_url_for("abc", "account")
