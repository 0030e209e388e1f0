"""The layout in a real browser: CSP-clean, accessible in both colour modes, dark-mode toggle."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations

PAGES = ["/", "/login", "/no-such-page", "/logout", "/terms"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_system_colour_preference_picks_the_mode(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    assert page.locator("html").get_attribute("data-bs-theme") == scheme


@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe_in_both_colour_modes(page, path):
    page.goto(path)
    assert serious_violations(page) == []  # in both colour modes
    if path == "/no-such-page":  # the page's own 404 status is reported as a console error
        page.console_errors = [e for e in page.console_errors if "status of 404" not in e]
    assert page.console_errors == []  # no CSP violation, no script error
    screenshot(page, f"layout{path.replace('/', '_') or '_home'}")


def test_dark_mode_toggle_switches_and_is_remembered(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    toggle = page.get_by_role("button", name="Dark mode")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    # The same name, now pressed: a screen reader hears "Dark mode, toggle button, pressed".
    assert page.get_by_role("button", name="Dark mode", pressed=True).count() == 1
    assert page.get_by_role("button", name="Light mode").count() == 0
    page.goto("/login")
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    assert page.get_by_role("button", name="Dark mode", pressed=True).count() == 1
    page.get_by_role("button", name="Dark mode").click()
    assert page.locator("html").get_attribute("data-bs-theme") == "light"
    assert page.get_by_role("button", name="Dark mode", pressed=False).count() == 1


def test_login_errors_focus_the_summary_and_link_to_fields(page, live_server):
    page.goto("/login")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".fw-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate("document.activeElement.classList.contains('fw-error-summary')")
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "username"


def test_the_axe_check_also_catches_a_contrast_failure_of_the_other_mode(page):
    """serious_violations redraws the page in the mode it is not shown in and checks its colours."""
    page.set_content(
        '<!doctype html><html lang="en" data-bs-theme="light"><head><title>t</title>'
        "<style>[data-bs-theme=dark] p { color: #222; background: #000 }</style></head>"
        "<body><main><h1>Contrast</h1><p>Hard to read in dark mode</p></main></body></html>"
    )
    found = serious_violations(page)
    assert len(found) == 1 and found[0].startswith("dark mode: color-contrast (serious)")
    assert page.locator("html").get_attribute("data-bs-theme") == "light"  # drawn as it was


NARROW_PAGES = ["/", "/login", "/register", "/recipes", "/contact", "/gallery/text"]


@pytest.mark.parametrize("path", NARROW_PAGES)
def test_pages_fit_a_375_pixel_screen_in_both_colour_modes(page, path):
    """A phone's width: nothing wider than the screen (no sideways scrolling), still accessible."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow} px wider than a 375 px screen"
    assert serious_violations(page) == []  # in both colour modes
    screenshot(page, f"narrow{path.replace('/', '_') if path != '/' else '_home'}")
