"""The form gallery in Chromium: accessible in both colour modes, every error state drawn, a live summary."""

import re

import pytest
from playwright.sync_api import expect

from gallery.examples import EXAMPLES
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations

ERROR_EXAMPLES = [
    e.slug for e in EXAMPLES if e.section == "fields" and any(d.state == "error" for d in e.demos)
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_gallery_passes_axe_in_both_colour_modes(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/gallery")
    assert page.locator("html").get_attribute("data-bs-theme") == scheme
    assert serious_violations(page) == []
    assert page.console_errors == []  # no CSP violation, no script error
    screenshot(page, f"gallery-{scheme}")


def test_every_field_example_draws_its_error_state(page):
    """Each field's "With an error" demo marks its control invalid and describes it with a visible message."""
    page.goto("/gallery")
    drawn = page.locator(".fw-example").evaluate_all(
        """articles => articles.flatMap(article => {
            const demo = [...article.querySelectorAll('.fw-demo')]
                .find(d => d.querySelector('.fw-state')?.textContent === 'With an error');
            if (!demo) return [];
            const invalid = [...demo.querySelectorAll('[aria-invalid=true]')];
            // A group of radios or checkboxes is described on its fieldset.
            const describedBy = control => control.closest('[aria-describedby]')?.getAttribute('aria-describedby') || '';
            const isMessage = id => {
                const message = document.getElementById(id);
                return message && message.classList.contains('invalid-feedback') && message.innerText.trim() !== '';
            };
            const described = invalid.length > 0 && invalid.every(control => describedBy(control).split(' ').some(isMessage));
            return described ? [article.id] : [];
        })"""
    )
    assert ERROR_EXAMPLES  # the gallery still has error states to check
    assert drawn == ERROR_EXAMPLES


def test_error_summary_example_drawn_with_links_to_nested_fields(page):
    page.goto("/gallery")
    summary = page.locator("#summary .fw-error-summary")
    expect(summary).to_contain_text("Your departure must be after your arrival.")
    links = summary.get_by_role("link")
    assert links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#summary-error-name",
        "#summary-error-address-city",
        "#summary-error-address-postal_code",
        "#summary-error-guests-1",
    ]
    expect(summary).not_to_be_focused()  # a demonstration never steals focus


def test_submitted_summary_takes_focus_and_its_links_focus_nested_fields(page):
    page.goto("/gallery")
    form = page.locator("#summary form")
    form.get_by_label("Your name").fill("Ada Lovelace")
    with page.expect_navigation():
        form.get_by_role("button", name="Book").click()

    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    summary = page.locator("#summary .fw-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter your name.")).to_have_count(0)  # fixed, so gone
    screenshot(page, "gallery-summary-submitted")

    summary.get_by_role("link", name="Enter your town or city.").click()
    expect(page.locator("#summary-error-address-city")).to_be_focused()
    summary.get_by_role("link", name="Enter the guest's name.").click()
    expect(page.locator("#summary-error-guests-1")).to_be_focused()
    assert page.console_errors == []


def test_removing_a_row_keeps_the_summary_links_on_their_fields(page):
    """After a row goes, the summary drops that row's problem and its other links follow the renumbered rows."""
    page.goto("/gallery")
    form = page.locator("#summary form")
    form.get_by_role("button", name="Add guest").click()  # three rows: Grace Hopper, empty, empty
    with page.expect_navigation():
        form.get_by_role("button", name="Book").click()
    summary = page.locator("#summary .fw-error-summary")
    guest_links = summary.get_by_role("link", name="Enter the guest's name.")
    assert guest_links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#summary-error-guests-1",
        "#summary-error-guests-2",
    ]
    page.locator("#summary-error-guests-2").fill("typed in the third row")

    page.locator("#summary form").get_by_role("button", name="Remove Guest 2").click()

    assert guest_links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#summary-error-guests-1"
    ]
    guest_links.click()
    expect(page.locator("#summary-error-guests-1")).to_be_focused()
    expect(page.locator("#summary-error-guests-1")).to_have_value("typed in the third row")
    assert page.console_errors == []
