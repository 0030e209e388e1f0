"""The macro library's components in Chromium: conditional reveal, password reveal, the three-box date;
by keyboard, and with JavaScript turned off."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.conftest import screenshot


@pytest.fixture
def page_without_js(browser, live_server):
    """A page whose scripts never run."""
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_a_follow_up_appears_only_while_its_choice_is_picked(page):
    page.goto("/gallery/choices")
    form = page.locator("#reveal form")
    email, phone = form.get_by_label("E-mail address"), form.get_by_label("Phone number")
    expect(email).to_be_hidden()
    expect(phone).to_be_hidden()
    form.get_by_label("E-mail", exact=True).focus()
    page.keyboard.press("Space")  # pick E-mail with the keyboard
    expect(email).to_be_visible()
    page.keyboard.press("Tab")  # the follow-up comes next in the tab order
    expect(email).to_be_focused()
    form.get_by_label("Phone", exact=True).focus()
    page.keyboard.press("Space")
    expect(email).to_be_hidden()
    expect(phone).to_be_visible()
    form.get_by_label("This is a gift").check()
    expect(form.get_by_label("Gift message")).to_be_visible()
    screenshot(page, "component-reveal")
    assert page.console_errors == []


def test_a_picked_follow_up_left_empty_is_refused_and_stays_open(page):
    page.goto("/gallery/choices")
    form = page.locator("#reveal form")
    form.get_by_label("Phone", exact=True).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Continue").click()
    summary = page.locator("#reveal .fw-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter your phone number.").click()
    expect(page.locator("#reveal form").get_by_label("Phone number")).to_be_focused()


def test_follow_ups_are_simply_shown_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/gallery/choices")
    form = page.locator("#reveal form")
    for label in ("E-mail address", "Phone number", "Gift message"):
        expect(form.get_by_label(label)).to_be_visible()


def test_show_password_by_keyboard_keeps_a_password_box_until_pressed(page):
    page.goto("/gallery/text")
    box = page.locator("#password-empty-password")
    button = page.locator("[data-fw-password='password-empty-password']")
    expect(box).to_have_attribute("type", "password")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Show password")
    box.fill("correct horse")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_have_attribute("type", "text")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_name("Show password")  # one name; the pressed state says which
    expect(page.locator(".fw-password + [aria-live=polite]").first).to_have_text("Your password is shown.")
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("type", "password")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(box).to_have_value("correct horse")
    assert page.console_errors == []


def test_a_shown_password_is_a_password_box_again_when_the_form_is_sent(page):
    page.goto("/login")
    box = page.get_by_label("Password", exact=True)
    box.fill("not my password")
    page.get_by_role("button", name="Show password").click()
    expect(box).to_have_attribute("type", "text")
    # Listen after forms.js (which listens first), and keep the page here to read what was sent.
    box.evaluate(
        """input => input.form.addEventListener('submit', event => {
            window.sentAs = input.type;
            event.preventDefault();
        })"""
    )
    page.get_by_role("button", name="Sign in").click()
    assert page.evaluate("window.sentAs") == "password"
    expect(page.get_by_role("button", name="Show password")).to_have_attribute("aria-pressed", "false")


def test_the_show_button_is_not_drawn_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/login")
    expect(page.get_by_role("button", name="Show password")).to_have_count(0)
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "password")


def test_a_wrong_date_box_is_the_one_the_summary_focuses(page):
    page.goto("/gallery/layouts")
    form = page.locator("#everything form")
    form.locator("#everything-empty-moved_in-day").fill("12")
    form.locator("#everything-empty-moved_in-month").fill("14")
    form.locator("#everything-empty-moved_in-year").fill("2019")
    with page.expect_navigation():
        form.get_by_role("button", name="Save").click()
    link = page.locator("#everything .fw-error-summary").get_by_role(
        "link", name="Enter the month as a number from 1 to 12."
    )
    link.click()
    expect(page.locator("#everything-empty-moved_in-month")).to_be_focused()
    expect(page.locator("#everything-empty-moved_in-month")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#everything-empty-moved_in-day")).not_to_have_attribute("aria-invalid", "true")


def test_component_screenshots(page):
    """Pages to look at (with SCREENSHOTS=1): light, dark, and 375 px wide."""
    for family in ("dates-numbers", "choices", "text"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"/gallery/{family}")
        screenshot(page, f"gallery-{family}")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/gallery/dates-numbers#moved-in")
    screenshot(page, "gallery-dates-375")
    expect(page.locator("#moved-in")).to_be_visible()
