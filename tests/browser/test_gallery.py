"""The form gallery in Chromium: every page accessible in both colour modes and silent in the console,
every error state drawn, a live summary only after a submit."""

import re

import pytest
from playwright.sync_api import expect

from gallery.examples import EXAMPLES
from gallery.families import FAMILIES
from tests.browser.conftest import new_context
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations

PAGES = ["/gallery", *(f"/gallery/{family.slug}" for family in FAMILIES)]
ERROR_EXAMPLES = [e.slug for e in EXAMPLES if any(d.state == "error" for d in e.demos) and not e.postable]


def console_messages(page) -> list[str]:
    """Every console message of every type (log, info, warning, error) the page writes from now on."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


@pytest.mark.parametrize("url", PAGES)
def test_every_gallery_page_passes_axe_and_is_silent_in_the_console(page, url):
    messages = console_messages(page)
    page.goto(url)
    page.wait_for_load_state("load")
    assert serious_violations(page) == []  # in both colour modes
    assert messages == []  # not a warning: the error demos hold values a browser keeps
    assert page.console_errors == []


def test_every_error_demo_shows_the_value_that_was_refused(page):
    """Number, date, time, month, week and colour boxes keep the bad value beside its message."""
    page.goto("/gallery/dates-numbers")
    kept = {
        "servings-error-servings": "99",
        "weight-error-weight": "75",
        "birthday-error-birthday": "1850-04-27",
        "delivery-error-delivery": "2026-07-01T06:30",
        "pickup-error-pickup": "19:30",
        "expiry-error-expiry": "2019-09",
        "week-error-week": "2026-W02",
        "colour-error-colour": "#fff8e0",
        "moved-in-error-moved_in-day": "30",
    }
    for control, value in kept.items():
        expect(page.locator(f"#{control}")).to_have_value(value)


def test_every_field_example_draws_its_error_state(page):
    """Each field's "With an error" demo marks its control invalid and describes it with a visible message."""
    drawn = []
    for url in PAGES[1:]:
        page.goto(url)
        drawn += page.locator(".fw-example").evaluate_all(
            """articles => articles.flatMap(article => {
                const demo = [...article.querySelectorAll('.fw-demo')]
                    .find(d => d.querySelector('.fw-state')?.textContent === 'With an error');
                if (!demo) return [];
                const invalid = [...demo.querySelectorAll('[aria-invalid=true]')];
                // A group of radios, checkboxes or date boxes is described on its fieldset.
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
    assert sorted(drawn) == sorted(ERROR_EXAMPLES)


def test_the_static_summary_demo_is_not_an_alert_and_never_takes_focus(page):
    page.goto("/gallery/errors")
    summary = page.locator("#summary .fw-error-summary")
    expect(summary).to_contain_text("Your departure must be after your arrival.")
    expect(summary).not_to_have_attribute("role", "alert")
    assert page.get_by_role("alert").count() == 0
    links = summary.get_by_role("link")
    assert links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#summary-error-name",
        "#summary-error-address-city",
        "#summary-error-address-postal_code",
        "#summary-error-guests-1",
    ]
    expect(summary).not_to_be_focused()


def test_submitted_summary_is_an_alert_on_its_own_page_and_its_links_focus_nested_fields(page):
    page.goto("/gallery/errors")
    form = page.locator("#summary form")
    form.get_by_label("Your name").fill("Ada Lovelace")
    with page.expect_navigation():
        form.get_by_role("button", name="Book").click()

    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    expect(page.get_by_role("heading", level=1)).to_have_text("Errors and summary")
    summary = page.locator("#summary .fw-error-summary")
    expect(summary).to_have_attribute("role", "alert")
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
    page.goto("/gallery/errors")
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


def test_a_valid_submit_comes_back_to_its_own_card(page):
    page.goto("/gallery/layouts")
    form = page.locator("#inline form")
    form.get_by_label("Search").fill("lemon tart")
    with page.expect_navigation():
        form.get_by_role("button", name="Search").click()
    assert page.url.endswith("/gallery/layouts#inline")
    table = page.locator("#inline .fw-received")
    expect(table).to_be_in_viewport()
    expect(table.locator("tr", has_text="q")).to_contain_text("'lemon tart'")


def test_copy_puts_the_template_on_the_clipboard(browser, live_server):
    context = new_context(browser, live_server)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/gallery/text")
    button = page.locator("#name [data-fw-copy]").first
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "{{ render_field(form.name) }}"
    context.close()


def test_the_search_box_filters_the_side_navigation_as_you_type(page):
    page.goto("/gallery/text")
    nav = page.get_by_role("navigation", name="Gallery")
    nav.get_by_label("Find a component").press_sequentially("three")
    expect(nav.get_by_role("link", name="Date in three boxes (DatePartsField)")).to_be_visible()
    expect(nav.get_by_role("link", name="Text (StringField)")).to_be_hidden()
    expect(nav.locator("[data-fw-filter-status]")).to_have_text("1 example matches.")
    nav.get_by_role("link", name="Date in three boxes (DatePartsField)").click()
    expect(page).to_have_url(re.compile(r"/gallery/dates-numbers#moved-in$"))
