"""Repeating rows and field enhancements in Chromium, with and without JavaScript.

The gallery's recipe example (gallery.demo_forms.RecipeDemoForm) posts for real: after a
valid submit the page lists what the server received, which must be the rows shown.
"""

import re

import pytest
from playwright.sync_api import expect

from gallery.demo_forms import RecipeDemoForm
from gallery.fixtures import RECIPE_SAMPLE
from tests.browser.conftest import LOADED_WIDTH
from tests.browser.conftest import new_context
from tests.browser.conftest import screenshot
from tests.registration_client import png_bytes

PREFIX = "recipe-filled-"
INGREDIENTS = f"#{PREFIX}ingredients"
MIN_ROWS = RecipeDemoForm.ingredients.kwargs["min_entries"]
MAX_ROWS = RecipeDemoForm.ingredients.kwargs["max_entries"]
SAMPLE_ROWS = len(RECIPE_SAMPLE["ingredients"])


@pytest.fixture
def gallery(page):
    """The gallery (the page fixture scrolls without animation, so clicks land at once)."""
    page.goto("/gallery/nested")
    return page


@pytest.fixture
def gallery_without_js(browser, live_server):
    """The gallery in a page whose scripts never run: Add and Remove are plain submits."""
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/gallery/nested")
    yield page
    context.close()


def submit(button) -> None:
    """Press a submit button and wait for the page the server answers with."""
    with button.page.expect_navigation():
        button.click()


def recipe(page):
    """The recipe example's form."""
    return page.locator("#recipe form")


def shown_values(page) -> list[list[str]]:
    """[name, value] of every control of the recipe form, as the page would send it (names unprefixed)."""
    return recipe(page).evaluate(
        """(form, prefix) => [...form.elements]
            .filter(e => e.name.startsWith(prefix) && !['submit', 'hidden'].includes(e.type))
            .map(e => [e.name.slice(prefix.length), e.value || '(empty)'])""",
        PREFIX,
    )


def received_values(page) -> list[list[str]]:
    """The "What the server received" table shown after a valid submit, as [name, value] like shown_values.

    The table writes values as Python does ('Flour', a choice with its label, None): unwrapped here.
    """
    received = page.locator("#recipe .fw-received")
    expect(received).to_be_visible()
    return received.evaluate(
        """table => [...table.tBodies[0].rows].map(row => {
            const value = row.cells[2].textContent;
            const plain = value.replace(/^'(.*)'(  \\(.*\\))?$/, "$1");
            return [row.cells[0].textContent, ["None", ""].includes(plain) ? "(empty)" : plain];
        })"""
    )


def ingredient_names(page) -> list[str]:
    """The names of the ingredient rows' first inputs, in page order."""
    return page.locator(f"{INGREDIENTS} [data-fw-row] input[name$='-name']").evaluate_all(
        "inputs => inputs.map(i => i.name)"
    )


def assert_rows_numbered_in_order(page, rows: int) -> None:
    """Names, ids, labels, Move and Remove buttons and row titles all count 0..rows-1 (1..rows shown), no gaps."""
    numbering = page.locator(INGREDIENTS).evaluate(
        """list => [...list.querySelectorAll('[data-fw-rows] > [data-fw-row]')].map(row => ({
            id: row.id,
            names: [...row.querySelectorAll('input, select')].map(c => c.name),
            ids: [...row.querySelectorAll('input, select')].map(c => c.id),
            labelsPointAtControls: [...row.querySelectorAll('label')].every(
                l => row.querySelector('#' + CSS.escape(l.htmlFor))),
            remove: row.querySelector('[data-fw-remove]').value,
            moves: [...row.querySelectorAll('[data-fw-move]')].map(b => b.value + (b.hidden ? ' (hidden)' : '')),
            numbers: [...row.querySelectorAll('[data-fw-row-number]')].map(s => s.textContent),
        }))"""
    )
    expected = []
    for index in range(rows):
        row = f"{PREFIX}ingredients-{index}"
        controls = [f"{row}-name", f"{row}-quantity", f"{row}-unit"]
        expected.append(
            {
                "id": row,
                "names": controls,
                "ids": controls,
                "labelsPointAtControls": True,
                "remove": row,
                "moves": [
                    row + (" (hidden)" if index == 0 else ""),
                    row + (" (hidden)" if index == rows - 1 else ""),
                ],
                "numbers": [str(index + 1)]
                * 4,  # the legend, and the Move up, Move down and Remove buttons' hidden text
            }
        )
    assert numbering == expected


def test_rows_added_and_removed_in_the_page_stay_contiguous_and_all_arrive(gallery):
    page = gallery
    ingredients = page.locator(INGREDIENTS)
    status = ingredients.locator("[data-fw-status]")
    add = ingredients.get_by_role("button", name="Add ingredient")

    add.click()
    expect(page.locator(f"#{PREFIX}ingredients-3-name")).to_be_focused()
    expect(status).to_have_text("Ingredient 4 added.")
    add.click()
    expect(page.locator(f"#{PREFIX}ingredients-4-name")).to_be_focused()
    page.keyboard.type("Sugar")  # typed where focus landed

    ingredients.get_by_role("button", name="Remove Ingredient 2", exact=True).click()
    expect(status).to_have_text("Ingredient 2 removed.")
    expect(page.locator(f"#{PREFIX}ingredients-1-name")).to_be_focused()  # the row that took its place
    expect(page.locator(f"#{PREFIX}ingredients-1-name")).to_have_value("Lemons")
    assert_rows_numbered_in_order(page, SAMPLE_ROWS + 2 - 1)

    page.locator(f"#{PREFIX}ingredients-2-name").fill("Eggs")
    page.locator(f"#{PREFIX}ingredients-2-quantity").fill("2")
    page.locator(f"#{PREFIX}ingredients-3-unit").select_option("g")
    expect(page.locator(f"#{PREFIX}ingredients-3-name")).to_have_value("Sugar")
    shown = shown_values(page)
    screenshot(page, "fieldlist-js-before-submit", page.locator("#recipe"))
    submit(recipe(page).get_by_role("button", name="Save recipe"))

    assert received_values(page) == shown
    assert len(shown) == 1 + 4 * 3 + 2  # the title, four rows of three, two tags
    assert page.console_errors == []


def test_add_hides_at_max_entries_and_remove_at_min_entries(gallery):
    page = gallery
    ingredients = page.locator(INGREDIENTS)
    add = ingredients.locator("[data-fw-add]")
    for _ in range(MAX_ROWS - SAMPLE_ROWS):
        add.click()
    assert len(ingredient_names(page)) == MAX_ROWS
    expect(add).to_be_hidden()
    expect(ingredients.locator("[data-fw-max-note]")).to_have_text(f"You can add up to {MAX_ROWS}.")

    for _ in range(MAX_ROWS - MIN_ROWS):
        ingredients.get_by_role("button", name="Remove Ingredient 1", exact=True).click()
    assert len(ingredient_names(page)) == MIN_ROWS
    expect(ingredients.locator("[data-fw-remove]")).to_be_hidden()
    expect(page.locator(f"#{PREFIX}ingredients-0-name")).to_be_focused()
    expect(add).to_be_visible()
    expect(ingredients.locator("[data-fw-max-note]")).to_be_hidden()


def test_removing_the_last_optional_row_focuses_add(gallery):
    page = gallery
    tags = page.locator(f"#{PREFIX}tags")
    tags.get_by_role("button", name="Remove Tag 2").click()
    expect(page.locator(f"#{PREFIX}tags-0")).to_be_focused()
    tags.get_by_role("button", name="Remove Tag 1").click()
    expect(tags.get_by_role("button", name="Add tag")).to_be_focused()
    expect(tags.locator("[data-fw-status]")).to_have_text("Tag 1 removed.")

    submit(recipe(page).get_by_role("button", name="Save recipe"))
    received = received_values(page)
    assert ["title", "Lemon tart"] in received
    assert [name for name, _ in received if name.startswith("tags")] == []


def test_rows_are_added_and_removed_by_the_server_without_javascript(gallery_without_js):
    page = gallery_without_js
    page.locator(f"#{PREFIX}title").fill("Lemon curd")
    submit(recipe(page).get_by_role("button", name="Add ingredient"))

    assert ingredient_names(page) == [f"{PREFIX}ingredients-{i}-name" for i in range(SAMPLE_ROWS + 1)]
    expect(page.locator(f"#{PREFIX}title")).to_have_value("Lemon curd")  # typed values kept
    new_name = page.locator(f"#{PREFIX}ingredients-3-name")
    expect(new_name).to_be_focused()  # by autofocus, which needs no script
    new_name.fill("Sugar")

    submit(recipe(page).get_by_role("button", name="Remove Ingredient 2", exact=True))
    assert_rows_numbered_in_order(page, SAMPLE_ROWS)
    names = [page.locator(f"#{PREFIX}ingredients-{i}-name").input_value() for i in range(SAMPLE_ROWS)]
    assert names == ["Plain flour", "Lemons", "Sugar"]
    expect(page.locator(f"#{PREFIX}ingredients-1-name")).to_be_focused()
    shown = shown_values(page)
    screenshot(page, "fieldlist-nojs-before-submit", page.locator("#recipe"))
    submit(recipe(page).get_by_role("button", name="Save recipe"))

    assert received_values(page) == shown
    assert ["title", "Lemon curd"] in shown


def test_server_keeps_min_entries_and_focuses_add_after_the_last_row(gallery_without_js):
    """The server's limits (max_entries too) are unit-tested in tests/test_fieldlist.py; this is the page."""
    page = gallery_without_js
    ingredients = page.locator(INGREDIENTS)
    for _ in range(SAMPLE_ROWS - MIN_ROWS):
        submit(ingredients.locator(f"[data-fw-remove][value='{PREFIX}ingredients-0']"))
    assert len(ingredient_names(page)) == MIN_ROWS
    expect(ingredients.locator("[data-fw-remove]")).to_be_hidden()

    tags = page.locator(f"#{PREFIX}tags")
    for _ in range(2):
        submit(tags.locator(f"[data-fw-remove][value='{PREFIX}tags-0']"))
    expect(tags.locator("[data-fw-row]")).to_have_count(0)
    expect(tags.get_by_role("button", name="Add tag")).to_be_focused()


@pytest.mark.parametrize("opened", ["gallery", "gallery_without_js"])
def test_enter_in_a_row_submits_the_form_not_add_or_remove(request, opened):
    page = request.getfixturevalue(opened)
    shown = shown_values(page)
    with page.expect_navigation():
        page.locator(f"#{PREFIX}ingredients-1-name").press("Enter")

    assert received_values(page) == shown  # saved as shown: no row added, none removed
    assert len(ingredient_names(page)) == SAMPLE_ROWS


def test_character_count_follows_typing(gallery):
    page = gallery
    page.goto("/gallery/text")
    message = page.locator("#message-empty-message")
    count = page.locator("#message-empty-message-count")
    expect(count).to_have_text("You have 200 characters remaining.")
    expect(message).to_have_attribute("aria-describedby", re.compile(r"\bmessage-empty-message-count\b"))

    message.press_sequentially("Hello")
    expect(count).to_have_text("You have 195 characters remaining.")
    message.fill("x" * 199)
    expect(count).to_have_text("You have 1 character remaining.")
    # The live region catches up once typing pauses, so each key press is not read out.
    expect(page.locator("#message-empty-message-count + [aria-live=polite]")).to_have_text(
        "You have 1 character remaining."
    )
    too_long = page.locator("#message-error-message-count")  # the 210 characters the server refused
    expect(too_long).to_have_text("You have 10 characters too many.")
    expect(too_long).to_have_class(re.compile(r"\btext-danger-emphasis\b"))


def test_choosing_an_image_shows_its_preview(gallery):
    page = gallery
    page.goto("/gallery/files")
    photo = page.locator("#photo-empty-photo")
    photo.set_input_files(
        files=[{"name": "tart.png", "mimeType": "image/png", "buffer": png_bytes((60, 40))}]
    )

    preview = page.locator("#photo-empty-photo-preview img")
    expect(preview).to_have_attribute("alt", "Preview of tart.png")
    expect(preview).to_be_visible()
    assert preview.evaluate(LOADED_WIDTH) == 60
    photo.set_input_files([])
    expect(preview).to_have_count(0)
    assert page.console_errors == []
