"""Every page is valid HTML by the W3C's Nu HTML Checker (vnu.jar): designers copy this markup.

The pages are gathered through HTTP, then checked in one run of the checker (it is slow to
start): the site crawled from `/` signed out and signed in (so a page is covered as soon as
a link leads to it), every wizard step empty and with errors, review, sign-in with errors,
each form of the gallery submitted, and the error pages.
"""

import io

import pytest

from tests.conftest import add_user
from tests.html_checker import checker_command
from tests.html_checker import html_errors
from tests.page_reading import csrf_token
from tests.page_reading import parse
from tests.registration_client import Registration
from tests.registration_client import png_bytes
from tests.site_crawl import crawl

WRONG = {
    "account": {
        "username": "a b",
        "email": "not-an-e-mail",
        "password": "short",
        "confirm_password": "other",
    },
    "profile": {"first_name": "", "last_name": "", "address-street": "", "address-postal_code": "!!"},
    "preferences": {"agree_terms": "", "interests": []},
}


def html(response) -> str:
    return response.get_data(as_text=True)


def wizard_pages(client) -> dict[str, str]:
    """Each step empty and with errors, a refused and a kept photo, the review; ends signed in."""
    pages = {}
    registration = Registration(client)
    for step in ("account", "profile", "preferences"):
        pages[f"wizard {step}"] = html(registration.get(step))
        pages[f"wizard {step} with errors"] = html(registration.post(step, WRONG[step]))
        registration.complete(step)
    refused = {"avatar": (io.BytesIO(b"plain text"), "notes.png")}
    pages["wizard preferences, photo refused"] = html(
        registration.post("preferences", WRONG["preferences"], files=refused)
    )
    kept = {"avatar": (io.BytesIO(png_bytes((120, 90))), "me.png")}
    pages["wizard preferences, photo kept"] = html(
        registration.post("preferences", WRONG["preferences"], files=kept)
    )
    registration.complete("preferences")
    pages["wizard review"] = html(registration.get("review"))
    pages["after confirming"] = html(client.get(registration.confirm().headers["Location"]))
    pages["wizard second run while signed in"] = html(client.get("/register", follow_redirects=True))
    return pages


def submitted_gallery_forms(client, gallery: dict[str, object]) -> dict[str, str]:
    """Each POST form on a gallery page, sent with what its page holds (so mostly with errors)."""
    pages = {}
    for path, response in gallery.items():
        for form in parse(response).find_all("form", method=lambda m: (m or "").lower() == "post"):
            action = form.get("action") or path
            data = {
                field["name"]: field.get("value", "")
                for field in form.find_all("input", attrs={"name": True})
                if field.get("type") not in ("submit", "button", "file", "checkbox", "radio")
            }
            answer = client.post(action, data=data, follow_redirects=True)
            if answer.mimetype == "text/html":
                pages[f"gallery POST {action} (from {path})"] = html(answer)
    return pages


def error_pages(client, make_app) -> dict[str, str]:
    """404, 400 (no CSRF token; a bad Host), 405, 410, 413 and 429, each as a visitor meets it."""
    pages = {
        "404": html(client.get("/no-such-page")),
        "400 CSRF": html(client.post("/login?next=/gallery", data={"username": "a", "password": "b"})),
        "400 bad Host": html(client.get("/register", headers={"Host": "a..b"})),
        "405": html(client.put("/login")),
        "410": html(client.get("/register/not-a-registration/account")),
    }
    pages["413"] = html(
        make_app(MAX_CONTENT_LENGTH=1024).test_client().post("/login", data={"username": "x" * 5000})
    )
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    form = {"csrf_token": csrf_token(limited), "username": "nobody", "password": "wrong-password"}
    for _ in range(11):
        answer = limited.post("/login", data=form)
    assert answer.status_code == 429
    pages["429"] = html(answer)
    return pages


def sign_in_pages(app, client) -> dict[str, str]:
    """Sign-in empty and refused, and the sign-out page signed out."""
    add_user(app)
    form = {"csrf_token": csrf_token(client), "username": "alice", "password": "not-the-password"}
    return {
        "sign-in with errors": html(client.post("/login", data={"csrf_token": form["csrf_token"]})),
        "sign-in refused": html(client.post("/login", data=form)),
        "sign-out page, signed out": html(client.get("/logout")),
    }


@pytest.fixture
def every_page(app, make_app) -> dict[str, str]:
    checker_command()  # skip (or fail under REQUIRE_SERVICES=1) before gathering any page
    visitor = app.test_client()
    signed_out = crawl(visitor)
    pages = {f"GET {path} (signed out)": html(response) for path, response in signed_out.items()}
    pages |= sign_in_pages(app, visitor)
    pages |= error_pages(app.test_client(), make_app)
    member = app.test_client()
    pages |= wizard_pages(member)
    signed_in = crawl(member)
    pages |= {f"GET {path} (signed in)": html(response) for path, response in signed_in.items()}
    pages["sign-out page, signed in"] = html(member.get("/logout"))
    gallery = {path: response for path, response in signed_out.items() if path.startswith("/gallery")}
    pages |= submitted_gallery_forms(app.test_client(), gallery)
    assert {"GET / (signed out)", "GET /login (signed out)", "GET /gallery (signed out)"} <= pages.keys()
    assert {"GET /profile (signed in)", "GET /terms (signed in)"} <= pages.keys()
    return pages


# A known mistake checked in the same run: the check must not pass by checking nothing.
BROKEN = "<!doctype html><html lang=en><title>t</title><input autocomplete=street-address name=s>"


def test_every_page_has_no_html_errors(every_page, tmp_path):
    errors = html_errors({**every_page, "known mistake": BROKEN}, tmp_path / "pages")
    assert "street-address" in errors.pop("known mistake", ["(not reported)"])[0]
    report = "\n".join(f"{page}:\n  " + "\n  ".join(found) for page, found in errors.items())
    assert errors == {}, f"{len(errors)} of {len(every_page)} pages are not valid HTML:\n{report}"
