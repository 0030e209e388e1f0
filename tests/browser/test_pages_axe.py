"""Every feature page, in every state a visitor meets, passes axe in light and dark mode
(serious_violations checks both).

Each test walks through a feature, checks each page it reaches and reports every page
with serious or critical violations at once. The signed-out home, sign-in and 404
pages are in test_layout.py; the gallery in test_gallery.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations
from tests.browser.registration_steps import fill_account
from tests.browser.registration_steps import fill_profile
from tests.registration_client import png_bytes


class AxeWalk:
    """Checks pages as a test reaches them; the findings are asserted at the end."""

    def __init__(self, page) -> None:
        self.page = page
        self.findings: dict[str, list[str]] = {}

    def check(self, name: str, expected_status: int = 200) -> None:
        """Axe the current page in both colour modes; with SCREENSHOTS=1, save test-artifacts/axe-<name>-<mode>.png."""
        problems = serious_violations(self.page)
        if expected_status == 200:
            problems += self.page.console_errors  # CSP violations and script errors
        self.page.console_errors.clear()
        if problems:
            self.findings[name] = problems
        screenshot(self.page, f"axe-{name}")


@pytest.fixture
def walk(page):
    return AxeWalk(page)


def submit(page, name: str) -> None:
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_sign_in_with_errors_passes_axe(walk):
    page = walk.page
    page.goto("/login")
    submit(page, "Sign in")
    expect(page.locator(".fw-error-summary")).to_be_focused()
    walk.check("login-empty-submit")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("not-the-password")
    submit(page, "Sign in")
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    walk.check("login-wrong-password")
    assert walk.findings == {}


def test_registration_pages_pass_axe_empty_with_errors_and_done(walk, tmp_path):
    page = walk.page
    avatar = tmp_path / "me.png"
    avatar.write_bytes(png_bytes((120, 90)))

    page.goto("/register")
    walk.check("register-account")
    submit(page, "Continue")
    expect(page.locator(".fw-error-summary")).to_be_visible()
    walk.check("register-account-errors")
    fill_account(page, "axe_walker", "axe-walker@example.com")
    submit(page, "Continue")

    expect(page.locator("h1")).to_have_text("Your details")
    walk.check("register-profile")
    submit(page, "Continue")
    expect(page.locator(".fw-error-summary")).to_be_visible()
    walk.check("register-profile-errors")
    fill_profile(page, "Grace", "Hopper", "1 Navy Way", "Arlington", "22202", "US")
    submit(page, "Continue")

    expect(page.locator("h1")).to_have_text("Preferences")
    walk.check("register-preferences")
    page.locator("#avatar").set_input_files(str(avatar))
    submit(page, "Continue to review")  # terms not agreed; the photo is kept anyway
    expect(page.locator(".fw-error-summary")).to_be_visible()
    walk.check("register-preferences-errors")
    page.get_by_label("I agree to the terms of use").check()
    submit(page, "Continue to review")

    expect(page.locator("h1")).to_have_text("Check your answers")
    walk.check("register-review")
    submit(page, "Create my account")

    expect(page.locator(".alert-success")).to_contain_text("Welcome to Formwork, Grace!")
    walk.check("profile")
    page.goto("/")
    walk.check("home-signed-in")
    page.goto("/no-such-page")
    walk.check("404-signed-in", expected_status=404)
    assert walk.findings == {}
