"""Recipes in Chromium: rows added, moved and removed in the page (keyboard only) and by the server
(JavaScript off), what is stored is what was shown, and every recipe page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.conftest import screenshot
from tests.browser.conftest import serious_violations
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.recipe_client import make_recipe
from tests.recipe_client import row_names
from tests.recipe_client import stored


@pytest.fixture
def author(live_server):
    return add_user(live_server.app)


def sign_in(page) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()


@pytest.fixture
def cook(page, author):
    """A signed-in author on the new-recipe page, JavaScript on."""
    sign_in(page)
    page.goto("/recipes/new")
    return page


@pytest.fixture
def cook_without_js(browser, live_server, author):
    """The same, in a browser context whose scripts never run."""
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    sign_in(page)
    page.goto("/recipes/new")
    yield page
    context.close()


def row_numbering(page) -> list[list[str]]:
    """Per row: its controls' names and ids, and its buttons' values, all of which carry its number."""
    return page.locator("#ingredients [data-fw-rows] > [data-fw-row]").evaluate_all(
        """rows => rows.map(row => [row.id,
            ...[...row.querySelectorAll('input, select')].map(c => c.name + '|' + c.id),
            ...[...row.querySelectorAll('button')].map(b => b.value)])"""
    )


def expected_numbering(rows: int) -> list[list[str]]:
    return [
        [f"ingredients-{i}"]
        + [f"ingredients-{i}-{name}|ingredients-{i}-{name}" for name in ("name", "quantity", "unit")]
        + [f"ingredients-{i}"] * 3
        for i in range(rows)
    ]


def names_in_page(page) -> list[str]:
    return page.locator("#ingredients [data-fw-rows] input[name$='-name']").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )


def type_into_focused(page, text: str) -> None:
    page.keyboard.type(text)


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element's accessible name (or label) starts with `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.labels?.[0]?.innerText || '').trim()"
        )
        if focused.replace("\n", " ").startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_rows_added_moved_and_removed_with_the_keyboard_are_stored_as_shown(cook, live_server, author):
    page = cook
    status = page.locator("#ingredients [data-fw-status]")
    page.locator("#title").focus()
    page.keyboard.type("Lemon curd")
    page.keyboard.press("Tab")  # description
    page.keyboard.press("Tab")  # category
    page.keyboard.press("ArrowDown")  # the first category
    page.locator("#ingredients-0-name").focus()
    page.keyboard.type("Lemons")
    page.keyboard.press("Tab")
    page.keyboard.type("3")

    for name in ("Sugar", "Butter", "Eggs"):
        tab_to(page, "Add ingredient")
        page.keyboard.press("Enter")
        expect(page.locator(f"#ingredients-{len(names_in_page(page)) - 1}-name")).to_be_focused()
        page.keyboard.type(name)
    expect(status).to_have_text("Ingredient 4 added.")
    assert names_in_page(page) == ["Lemons", "Sugar", "Butter", "Eggs"]

    # Eggs up twice, with the keyboard: focus stays on the button pressed.
    page.locator("#ingredients-3-name").focus()
    tab_to(page, "Move up")
    page.keyboard.press("Enter")
    expect(page.locator("[data-fw-move=up][value='ingredients-2']")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("[data-fw-move=up][value='ingredients-1']")).to_be_focused()
    expect(status).to_have_text("Moved up: now Ingredient 2 of 4.")
    assert names_in_page(page) == ["Lemons", "Eggs", "Sugar", "Butter"]

    # Sugar goes: focus lands on the row that took its place.
    page.locator("#ingredients-2-name").focus()
    tab_to(page, "Remove")
    page.keyboard.press("Enter")
    expect(page.locator("#ingredients-2-name")).to_be_focused()
    expect(page.locator("#ingredients-2-name")).to_have_value("Butter")
    assert row_numbering(page) == expected_numbering(3)
    assert page.locator("[data-fw-move=up][value='ingredients-0']").is_hidden()
    assert page.locator("[data-fw-move=down][value='ingredients-2']").is_hidden()
    screenshot(page, "recipe-new-js-before-save")

    with page.expect_navigation():
        page.keyboard.press("Enter")  # in a row's box: saves, never adds or removes
    expect(page.locator("h1")).to_have_text("Lemon curd")
    recipe_id = int(page.url.rsplit("/", 1)[1])
    assert row_names(live_server.app, recipe_id) == ["Lemons", "Eggs", "Butter"]
    assert page.console_errors == []


def test_without_javascript_the_server_adds_moves_and_removes_rows(cook_without_js, live_server):
    page = cook_without_js
    page.locator("#title").fill("Pancakes")
    page.locator("#category").select_option(label="Breakfast")
    page.locator("#ingredients-0-name").fill("Flour")
    page.locator("#ingredients-0-quantity").fill("100")
    page.locator("#ingredients-0-unit").select_option("g")
    for index, name in ((1, "Milk"), (2, "Eggs")):
        with page.expect_navigation():
            page.get_by_role("button", name="Add ingredient").click()
        expect(page.locator(f"#ingredients-{index}-name")).to_be_focused()  # autofocus, no script
        page.keyboard.type(name)
    expect(page.locator(".fw-error-summary")).to_have_count(0)

    with page.expect_navigation():
        page.get_by_role("button", name="Move up Ingredient 3").click()
    assert names_in_page(page) == ["Flour", "Eggs", "Milk"]
    expect(page.locator("[data-fw-move=up][value='ingredients-1']")).to_be_focused()
    with page.expect_navigation():
        page.get_by_role("button", name="Remove Ingredient 1").click()
    assert names_in_page(page) == ["Eggs", "Milk"]
    expect(page.locator("#title")).to_have_value("Pancakes")
    screenshot(page, "recipe-new-nojs-before-save")

    with page.expect_navigation():
        page.get_by_role("button", name="Save recipe").click()
    recipe_id = int(page.url.rsplit("/", 1)[1])
    assert row_names(live_server.app, recipe_id) == ["Eggs", "Milk"]


def test_servings_and_delete_work_without_javascript(cook_without_js, live_server, author):
    page = cook_without_js
    recipe_id = make_recipe(live_server.app, author, rows=[("Flour", "200", "g"), ("Milk", "1/2", "cup")])
    page.goto(f"/recipes/{recipe_id}")
    page.get_by_role("spinbutton", name="Servings").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Update quantities").click()
    expect(page.locator(".fw-ingredients li")).to_have_text(["100 g Flour", "1/4 cup Milk"])

    with page.expect_navigation():
        page.get_by_role("button", name="Delete recipe").click()
    expect(page.locator("h1")).to_have_text("Delete “Lemon tart”?")
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, delete this recipe").click()
    expect(page).to_have_url(re.compile(r"/recipes$"))
    assert stored(live_server.app, recipe_id) is None


def test_recipe_pages_pass_axe(cook, live_server, author):
    page = cook
    recipe_id = make_recipe(live_server.app, author)
    findings = {}

    def check(name: str) -> None:
        problems = serious_violations(page) + page.console_errors
        page.console_errors.clear()
        if problems:
            findings[name] = problems
        screenshot(page, f"recipe-{name}")

    page.goto("/recipes/new")
    page.get_by_role("button", name="Add ingredient").click()
    check("new")
    page.locator("#ingredients-0-quantity").fill("1/0")
    page.locator("#ingredients-1-quantity").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Save recipe").click()
    expect(page.locator(".fw-error-summary")).to_be_focused()
    check("new-errors")
    page.goto(f"/recipes/{recipe_id}?servings=8")
    check("show")
    page.goto(f"/recipes/{recipe_id}/edit")
    check("edit")
    page.goto("/recipes?q=lemon")
    check("list")
    page.goto(f"/recipes/{recipe_id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Delete recipe").click()
    check("delete")
    assert findings == {}


def test_the_recipe_form_fits_a_phone(cook):
    page = cook
    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("button", name="Add ingredient").click()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(page, "recipe-new-375")
    assert overflow <= 0


def test_row_buttons_come_after_the_rows_fields_on_screen_as_in_the_tab_order(cook):
    page = cook
    page.get_by_role("button", name="Add ingredient").click()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        below = page.locator("#ingredients [data-fw-rows] > [data-fw-row]").evaluate_all(
            """rows => rows.every(row => {
                const fields = [...row.querySelectorAll('input, select')].map(c => c.getBoundingClientRect().bottom);
                const buttons = [...row.querySelectorAll('button:not([hidden])')].map(b => b.getBoundingClientRect().top);
                return Math.min(...buttons) >= Math.max(...fields);
            })"""
        )
        assert below, f"a row's buttons sit beside or above its fields at {width} px"
    page.locator("#ingredients-0-unit").focus()
    page.keyboard.press("Tab")
    expect(page.locator("[data-fw-move=down][value='ingredients-0']")).to_be_focused()
