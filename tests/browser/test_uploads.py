"""Profile, account and documents in Chromium: preview, size check, progress, keyboard only, axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LOADED_WIDTH
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.registration_client import png_bytes
from tests.upload_files import pdf_bytes

ADDRESS = {"street": "1 Navy Way", "city": "Arlington", "postal_code": "22202", "country": "US"}


@pytest.fixture
def signed_in(page, live_server):
    add_user(live_server.app, last_name="Hopper", **ADDRESS)
    page.goto("/login")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    return page


def axe_clean(page, name: str) -> None:
    """No serious axe finding or console error on the page as it is now; a screenshot to look at."""
    assert serious_violations(page) == [], name  # in both colour modes
    assert page.console_errors == []
    screenshot(page, f"uploads-{name}")


def test_profile_previews_the_photo_then_saves_it_in_two_sizes(signed_in, tmp_path):
    page = signed_in
    photo = tmp_path / "me.png"
    photo.write_bytes(png_bytes((800, 600)))
    page.goto("/profile")
    page.locator("#avatar").set_input_files(str(photo))
    preview = page.locator("#avatar-preview img")
    expect(preview).to_have_attribute("alt", "Preview of me.png")
    assert preview.evaluate(LOADED_WIDTH) == 800
    page.get_by_label("About you").fill("Rear admiral.")
    expect(page.locator("#bio-count")).to_contain_text("987 characters remaining")
    page.get_by_label("First name").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my profile").click()
    expect(page.locator(".fw-error-summary")).to_be_focused()
    chosen = page.locator("img[alt='The new photo you chose']")
    assert chosen.evaluate(LOADED_WIDTH) > 0  # kept: no need to choose it again
    axe_clean(page, "profile-errors")
    page.get_by_label("First name").fill("Grace")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my profile").click()
    expect(page.locator(".alert-success")).to_contain_text("Your profile is saved.")
    avatar = page.locator("img[alt='Your profile photo']")
    assert "128w" in avatar.get_attribute("srcset")
    assert avatar.evaluate(LOADED_WIDTH) > 0
    assert "-128.webp" in avatar.evaluate("img => img.currentSrc")  # 96 px at 1x: the small size
    axe_clean(page, "profile")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "uploads-profile-375")


def test_a_file_over_the_limit_is_caught_in_the_page_before_upload(signed_in, live_server, tmp_path):
    live_server.app.config["DOCUMENT_MAX_BYTES"] = 1000
    page = signed_in
    requests = []
    page.on("request", lambda request: request.method == "POST" and requests.append(request.url))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    page.goto("/documents")
    field = page.locator("#documents")
    field.set_input_files(str(big))
    error = page.locator("#documents-size-error")
    expect(error).to_contain_text("“big.txt” is 2 KB: the most one file may be is 1000 bytes.")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "documents-size-error" in field.get_attribute("aria-describedby")
    page.get_by_role("button", name="Upload").click()
    expect(field).to_be_focused()
    assert requests == []  # nothing was sent
    small = tmp_path / "small.txt"
    small.write_bytes(b"fits")
    field.set_input_files(str(small))
    expect(error).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")


def test_documents_upload_with_a_progress_bar(signed_in, tmp_path):
    page = signed_in
    files = []
    for name in ("one.pdf", "two.pdf"):
        path = tmp_path / name
        path.write_bytes(pdf_bytes() + b"%" * (1024 * 1024) + pdf_bytes()[-40:])  # about 1 MB each
        files.append(str(path))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 1024 * 1024},
    )
    page.goto("/documents")
    page.locator("#documents").set_input_files(files)
    page.get_by_role("button", name="Upload").click()
    status = page.locator(".fw-upload-progress [role=status]")
    expect(status).to_contain_text(re.compile(r"Uploading… [0-9]+ %"))
    seen = int(page.locator(".fw-upload-progress progress").evaluate("bar => bar.value"))
    assert 0 <= seen < 100
    expect(page.locator(".alert-success")).to_contain_text("2 documents uploaded.", timeout=15_000)
    expect(page.locator("tbody tr")).to_have_count(2)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.wait_for_timeout(300)
    assert page.console_errors == []
    axe_clean(page, "documents")


def test_refused_documents_are_named_after_an_upload_through_the_progress_path(signed_in, tmp_path):
    page = signed_in
    bad = tmp_path / "page.pdf"
    bad.write_bytes(b"<html><script>alert(1)</script></html>")
    page.goto("/documents")
    page.locator("#documents").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#documents-error")).to_contain_text("“page.pdf” was not uploaded")
    expect(page.locator(".fw-error-summary")).to_be_visible()
    axe_clean(page, "documents-refused")


def test_delete_a_document_with_the_keyboard_only(signed_in, tmp_path):
    page = signed_in
    doc = tmp_path / "notes.txt"
    doc.write_bytes(b"Some notes")
    page.goto("/documents")
    page.locator("#documents").set_input_files(str(doc))
    page.locator("#documents").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Upload")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("tbody tr")).to_have_count(1)
    delete = page.get_by_role("button", name="Delete notes.txt")
    for _ in range(40):
        page.keyboard.press("Tab")
        if delete.evaluate("el => el === document.activeElement"):
            break
    expect(delete).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Delete this document?")
    axe_clean(page, "document-delete")
    confirm = page.get_by_role("button", name="Yes, delete it")
    for _ in range(40):
        page.keyboard.press("Tab")
        if confirm.evaluate("el => el === document.activeElement"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("“notes.txt” was deleted.")
    expect(page.locator("tbody tr")).to_have_count(0)


def test_account_pages_pass_axe(signed_in):
    page = signed_in
    page.goto("/account/password")
    axe_clean(page, "account-password")
    page.get_by_role("button", name="Change my password").click()
    expect(page.locator(".fw-error-summary")).to_be_visible()
    axe_clean(page, "account-password-errors")
    page.goto("/account/delete")
    axe_clean(page, "account-delete")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    expect(page.locator("#password-error")).to_contain_text("That is not your current password.")
    axe_clean(page, "account-delete-errors")
