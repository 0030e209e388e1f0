"""The contact form in Chromium: sent through the JSON API with errors in place, or as a plain form
without JavaScript; and the password reset, both against a real SMTP server on loopback."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from contact.models import ContactMessage
from extensions import db
from mail.delivery import deliver_due
from tests.browser.conftest import new_context
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations
from tests.browser.conftest import serving
from tests.conftest import add_user


@pytest.fixture
def live_server(tmp_path, monkeypatch, smtp):
    """The app on loopback, mailing ADMINS through the loopback SMTP server; the time trap off."""
    monkeypatch.setenv("APP_CONFIG", "testing")
    mail = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port, "ADMINS": ["ops@example.com"]}
    with serving(tmp_path, **mail, CONTACT_MIN_SECONDS=0) as server:
        yield server


def deliver(app) -> int:
    with app.app_context():
        return deliver_due().sent


def stored_messages(app) -> list[ContactMessage]:
    with app.app_context():
        return list(db.session.scalars(select(ContactMessage)))


# Chromium logs every 4xx answer: the API's 400 with field errors and a used link's 410 are expected.
EXPECTED = (
    "Failed to load resource: the server responded with a status of 400",
    "Failed to load resource: the server responded with a status of 410",
)


def check(page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert [e for e in page.console_errors if not e.startswith(EXPECTED)] == [], name
    screenshot(page, f"contact-{name}")


def test_errors_are_shown_in_place_and_focus_moves_to_the_summary(page, live_server, smtp):
    page.goto("/contact")
    check(page, "empty")
    page.evaluate("window.stayedOnPage = true")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_label("Message").fill("Too short")
    page.get_by_role("button", name="Send message").click()

    summary = page.locator(".fw-error-summary")
    expect(summary).to_be_focused()
    assert page.evaluate("window.stayedOnPage") is True  # answered by the API, no page load
    expect(page).to_have_title(re.compile(r"^Error: Contact us"))
    expect(summary.get_by_role("link")).to_have_text(  # in the order of the fields
        [
            "An email address must have an @-sign.",
            "Choose what your message is about.",
            "Write between 10 and 2000 characters.",
        ]
    )
    email = page.get_by_label("E-mail address")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", "email-help email-error")
    expect(page.locator("#email-error")).to_contain_text("An email address must have an @-sign.")
    expect(page.locator("#subject-error")).to_contain_text("Choose what your message is about.")
    expect(page.locator("#message-error")).to_contain_text("Write between 10 and 2000 characters.")
    check(page, "errors")

    summary.get_by_role("link", name=re.compile("@-sign")).click()
    expect(email).to_be_focused()

    email.fill("ada@example.com")
    page.get_by_label("Subject").select_option(label="A question")
    page.get_by_label("Message").fill("How do I change my avatar, please?")
    page.get_by_role("button", name="Send message").click()

    sent = page.get_by_role("status").filter(has_text="Message sent")
    expect(sent).to_be_focused()
    expect(sent).to_contain_text("Thank you, Ada Lovelace.")
    expect(page.locator(".fw-error-summary")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^Contact us"))
    assert page.evaluate("window.stayedOnPage") is True
    check(page, "sent")
    assert deliver(live_server.app) == 1
    [received] = smtp.inbox.messages
    assert received["Reply-To"].addresses[0].addr_spec == "ada@example.com"


def test_errors_of_a_second_try_replace_the_first(page, live_server):
    page.goto("/contact")
    button = page.get_by_role("button", name="Send message")
    button.click()
    expect(page.locator(".fw-error-summary li")).to_have_count(4)
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("E-mail address").fill("ada@example.com")
    button.click()
    expect(page.locator(".fw-error-summary li")).to_have_count(2)
    expect(page.locator(".invalid-feedback")).to_have_count(2)
    expect(page.get_by_label("Your name")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("E-mail address")).to_have_attribute("aria-describedby", "email-help")


def test_the_message_counts_characters_as_you_type(page, live_server):
    page.goto("/contact")
    page.get_by_label("Message").fill("Hello there")
    expect(page.locator("#message-count")).to_have_text("You have 1989 characters remaining.")


def test_without_javascript_the_form_posts_and_redirects(browser, live_server):
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/contact")
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_role("button", name="Send message").click()
        expect(page).to_have_title(re.compile(r"^Error: Contact us"))
        expect(page.locator("#email-error")).to_contain_text("Enter your e-mail address")
        page.get_by_label("E-mail address").fill("ada@example.com")
        page.get_by_label("Subject").select_option(label="Feedback on Formwork")
        page.get_by_label("Message").fill("The gallery is lovely, thank you.")
        page.get_by_role("button", name="Send message").click()
        expect(page).to_have_url(re.compile(r"/contact$"))
        expect(page.locator(".alert-success")).to_contain_text("Thank you, Ada Lovelace.")
    finally:
        context.close()
    assert [m.spam_reason for m in stored_messages(live_server.app)] == [None]


def test_the_honeypot_is_out_of_reach_of_the_keyboard(page, live_server):
    page.goto("/contact")
    page.get_by_label("Message").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"
    assert page.locator("#website").is_hidden()


@pytest.mark.parametrize("mode", ["wide", "narrow"])
def test_contact_and_reset_pages_look_right(page, live_server, mode):
    """Accessible in both colour modes (serious_violations checks both), wide and 375 px."""
    if mode == "narrow":
        page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/contact")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".fw-error-summary")).to_be_focused()
    check(page, f"errors-{mode}")
    page.goto("/password/forgot")
    check(page, f"forgot-{mode}")
    page.goto("/password/reset/not-a-token")
    screenshot(page, f"reset-invalid-{mode}")


def test_password_reset_in_the_browser(page, live_server, smtp):
    add_user(live_server.app)
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail address").fill("alice@example.com")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    check(page, "reset-sent")
    assert deliver(live_server.app) == 1
    link = re.search(r"http://\S+/password/reset/\S+", smtp.inbox.messages[0].get_content()).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill("weak")
    page.get_by_label("Confirm new password").fill("weak")
    page.get_by_role("button", name="Set my new password").click()
    expect(page.locator(".fw-error-summary")).to_be_focused()
    check(page, "reset-errors")
    page.get_by_label("New password", exact=True).fill("Brand-new-pass-2")
    page.get_by_label("Confirm new password").fill("Brand-new-pass-2")
    page.get_by_role("button", name="Set my new password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Username or e-mail").fill("alice")
    page.get_by_label("Password").fill("Brand-new-pass-2")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".alert-success")).to_contain_text("Welcome back")
    page.goto(link)
    expect(page.locator("h1")).to_have_text("This link has been used")
    check(page, "reset-used")
