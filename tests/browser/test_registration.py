"""A person registers end to end in Chromium, with an avatar; every step passes axe."""

import re
import time

from flask import request
from playwright.sync_api import expect

from tests.browser.conftest import LOADED_WIDTH
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations
from tests.browser.registration_steps import fill_account
from tests.browser.registration_steps import fill_profile
from tests.registration_client import PASSWORD
from tests.registration_client import png_bytes


def check_page(page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert page.console_errors == [], name
    screenshot(page, f"register-{name}")


def test_register_end_to_end_with_an_avatar(page, tmp_path):
    avatar = tmp_path / "me.png"
    avatar.write_bytes(png_bytes((300, 200)))
    page.goto("/register")
    expect(page).to_have_title(re.compile(r"^Step 1 of 3: Account"))
    check_page(page, "account")
    fill_account(page, "browser_user", "browser@example.com")
    page.get_by_label("Confirm password").press("Enter")  # Enter moves forward

    expect(page.locator("h1")).to_have_text("Your details")
    check_page(page, "profile")
    fill_profile(page, "Grace", "Hopper", "1 Navy Way", "Arlington", "22202", "US")
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("Preferences")
    check_page(page, "preferences")
    page.get_by_label("Pro: unlimited recipes").check()
    page.get_by_label("Baking").check()
    page.locator("#avatar").set_input_files(str(avatar))
    page.get_by_label("I agree to the terms of use").check()
    page.get_by_role("button", name="Continue to review").click()

    expect(page.locator("h1")).to_have_text("Check your answers")
    check_page(page, "review")
    assert page.locator("img[alt='Your profile photo']").evaluate(LOADED_WIDTH) > 0
    assert "Grace" in page.content() and PASSWORD not in page.content()
    page.get_by_role("button", name="Create my account").click()

    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.locator(".alert-success")).to_contain_text("Welcome to Formwork, Grace!")
    assert page.locator("img.fw-avatar").evaluate(LOADED_WIDTH) > 0
    check_page(page, "profile-page")


def test_back_keeps_what_was_typed_in_the_browser(page):
    page.goto("/register")
    fill_account(page, "typist", "typist@example.com")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("First name").fill("Half")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Username")).to_have_value("typist")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("First name")).to_have_value("Half")


def test_errors_are_summarised_focused_and_linked(page):
    page.goto("/register")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 1 of 3"))  # waits for the new page
    summary = page.locator(".fw-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Choose a username.").click()
    assert page.evaluate("document.activeElement.id") == "username"
    assert serious_violations(page) == []


def test_a_double_click_on_create_my_account_sends_it_once(page, live_server):
    """The second click would arrive with the session the first one replaced: a 400 page."""

    @live_server.app.before_request
    def slow_confirm():  # long enough for a second click to land while the first is in flight
        if request.method == "POST" and request.path.endswith("/review"):
            time.sleep(0.5)

    page.goto("/register")
    fill_account(page, "double_clicker", "double@example.com")
    page.get_by_role("button", name="Continue").click()
    fill_profile(page, "Dee", "Click", "2 Mouse Lane", "Leeds", "LS1 1AA", "GB")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I agree to the terms of use").check()
    page.get_by_role("button", name="Continue to review").click()
    expect(page.locator("h1")).to_have_text("Check your answers")

    confirms = []
    page.on("request", lambda r: r.method == "POST" and r.url.endswith("/review") and confirms.append(r))
    button = page.get_by_role("button", name="Create my account")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(150)  # an impatient second click, while the first is still being served
    page.mouse.click(x, y)

    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.locator(".alert-success")).to_contain_text("Welcome to Formwork, Dee!")
    assert len(confirms) == 1
    assert page.console_errors == []
