"""The recipe form through /recipes/new: rows, row buttons without JavaScript, every crafted input."""

from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from recipes.models import Ingredient
from recipes.models import Recipe
from tests.page_reading import parse
from tests.recipe_client import ingredient_inputs
from tests.recipe_client import page_form
from tests.recipe_client import rows_data
from tests.recipe_client import stored
from tests.recipe_client import summary_links
from tests.recipe_client import valid_recipe

NEW = "/recipes/new"


@pytest.fixture
def cook(logged_in_client):
    return logged_in_client


def post_new(client, app, **fields):
    """POST /recipes/new with a valid recipe, changed by `fields` (None removes a field)."""
    data = {**page_form(client, NEW), **valid_recipe(app)}
    for name, value in fields.items():
        name = name.replace("__", "-")
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(NEW, data=data)


def count_recipes(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Recipe.id)))


def test_signing_in_is_needed_to_write_a_recipe(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_valid_recipe_is_stored_with_its_rows_in_order(cook, app):
    response = post_new(cook, app)
    assert response.status_code == 302
    recipe_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored(app, recipe_id) == {
        "title": "Lemon tart",
        "servings": 4,
        "category": "Cakes and desserts",
        "rows": [(0, "Flour", Decimal("1.5"), "cup"), (1, "Eggs", Decimal("2"), "piece")],
    }


def test_the_category_choices_come_from_the_database(cook):
    options = [o.get_text() for o in parse(cook.get(NEW)).select("select[name=category] option")]
    assert options[0] == "Choose a category"
    assert "Soups" in options and "Cakes and desserts" in options


def test_blank_rows_at_the_end_are_left_out(cook, app):
    response = post_new(cook, app, **rows_data([("Flour", "200", "g"), ("", "", ""), ("", "", "")]))
    assert response.status_code == 302
    assert count_recipes(app) == 1
    with app.app_context():
        assert db.session.scalars(select(Ingredient.name)).all() == ["Flour"]


def test_only_blank_rows_is_a_group_error_on_the_fieldset(cook, app):
    response = post_new(cook, app, **rows_data([("", "", ""), ("", "", "")]))
    assert response.status_code == 200
    assert ("#ingredients", "Add at least one ingredient.") in summary_links(response)
    fieldset = parse(response).find(id="ingredients")
    assert "ingredients-error" in fieldset["aria-describedby"]
    assert len(ingredient_inputs(response)) == 1  # blank rows dropped, a row to type in kept
    assert count_recipes(app) == 0


def test_more_rows_than_max_entries_is_a_group_error(cook, app):
    rows = [(f"Spice {n}", "1", "tsp") for n in range(51)]
    response = post_new(cook, app, **rows_data(rows))
    assert response.status_code == 200
    links = summary_links(response)
    assert links[0][0] == "#ingredients"
    assert "up to 50 ingredients" in links[0][1]
    assert len(ingredient_inputs(response)) == 50
    assert count_recipes(app) == 0


def test_a_rows_own_error_links_to_that_rows_field(cook, app):
    rows = [("Flour", "200", "g"), ("Butter", "100", "g"), ("", "3", "")]
    response = post_new(cook, app, **rows_data(rows))
    assert ("#ingredients-2-name", "Name the ingredient, or remove this row.") in summary_links(response)
    box = parse(response).find(id="ingredients-2-name")
    assert box["aria-invalid"] == "true"


def test_a_sparse_huge_index_becomes_the_first_row(cook, app):
    data = {
        "ingredients-999-name": "Saffron",
        "ingredients-999-quantity": "1",
        "ingredients-999-unit": "pinch",
    }
    fields = {name: None for name in rows_data([("", "", ""), ("", "", "")])}
    response = post_new(cook, app, **fields, **data)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Ingredient.name)).all() == ["Saffron"]


def test_a_row_without_its_name_is_a_row_error(cook, app):
    response = post_new(cook, app, ingredients__0__name=None)
    assert ("#ingredients-0-name", "Name the ingredient, or remove this row.") in summary_links(response)
    assert count_recipes(app) == 0


@pytest.mark.parametrize(
    ("field", "value", "anchor", "message"),
    [
        ("category", "9999", "#category", "Choose a category from the list."),
        ("category", "abc", "#category", "Choose a category."),
        ("category", "", "#category", "Choose a category."),
        ("category", "9" * 5000, "#category", "Choose a category."),
        ("servings", "-1", "#servings", "Choose 1 to 100 servings."),
        ("servings", "0", "#servings", "Choose 1 to 100 servings."),
        ("servings", "101", "#servings", "Choose 1 to 100 servings."),
        ("servings", "abc", "#servings", "Not a valid integer value."),
        ("servings", "10**30", "#servings", "Not a valid integer value."),
        ("servings", "1" + "0" * 30, "#servings", "Choose 1 to 100 servings."),
        ("servings", "", "#servings", "Enter how many people it serves."),
        (
            "ingredients-0-quantity",
            "1/0",
            "#ingredients-0-quantity",
            "The number under the slash cannot be 0",
        ),
        (
            "ingredients-0-quantity",
            "NaN",
            "#ingredients-0-quantity",
            "Enter an amount like 2, 0.5, 1/2 or 1 1/2.",
        ),
        ("ingredients-0-quantity", "1e400", "#ingredients-0-quantity", "Enter an amount like"),
        ("ingredients-0-unit", "bushel", "#ingredients-0-unit", "Choose a unit from the list."),
        ("title", "", "#title", "Give the recipe a title."),
        ("title", "x" * 121, "#title", "Keep the title under 120 characters."),
        ("title", "Tart\x00", "#title", "Remove the control characters from this text."),
        ("ingredients-1-name", "E" * 81, "#ingredients-1-name", "Keep the name under 80 characters."),
        ("description", "x" * 2001, "#description", "Keep the description under 2000 characters."),
    ],
)
def test_each_crafted_value_is_a_field_error_and_nothing_is_stored(cook, app, field, value, anchor, message):
    response = post_new(cook, app, **{field: value})
    assert response.status_code == 200
    assert any(href == anchor and text.startswith(message) for href, text in summary_links(response)), (
        summary_links(response)
    )
    assert count_recipes(app) == 0


def press(client, app, button: str, value: str, rows):
    """Press a row button with `rows` typed in; the page that comes back."""
    data = {**page_form(client, NEW), **valid_recipe(app, rows), button: value}
    return client.post(NEW, data=data)


ROWS = [("Flour", "200", "g"), ("Butter", "100", "g"), ("Eggs", "2", "")]


def names_shown(response) -> list[str]:
    return [value for _, value in ingredient_inputs(response)]


def test_add_without_javascript_keeps_the_data_and_shows_no_errors(cook, app):
    response = press(cook, app, "fw-add", "ingredients", ROWS)
    assert response.status_code == 200
    assert names_shown(response) == ["Flour", "Butter", "Eggs", ""]
    assert parse(response).find(class_="fw-error-summary") is None
    assert parse(response).find(id="ingredients-3-name").has_attr("autofocus")
    assert parse(response).find(id="title")["value"] == "Lemon tart"
    assert count_recipes(app) == 0


def test_remove_a_middle_row_without_javascript_renumbers_the_rest(cook, app):
    response = press(cook, app, "fw-remove", "ingredients-1", ROWS)
    assert ingredient_inputs(response) == [("ingredients-0-name", "Flour"), ("ingredients-1-name", "Eggs")]
    assert parse(response).find(id="ingredients-1-quantity")["value"] == "2"


@pytest.mark.parametrize(
    ("button", "row", "order", "focused"),
    [
        ("fw-move-up", "ingredients-2", ["Flour", "Eggs", "Butter"], ("ingredients-1", "up")),
        ("fw-move-up", "ingredients-1", ["Butter", "Flour", "Eggs"], ("ingredients-0", "down")),
        ("fw-move-down", "ingredients-0", ["Butter", "Flour", "Eggs"], ("ingredients-1", "down")),
        ("fw-move-down", "ingredients-1", ["Flour", "Eggs", "Butter"], ("ingredients-2", "up")),
    ],
)
def test_move_without_javascript_swaps_rows_and_keeps_focus_on_the_button(
    cook, app, button, row, order, focused
):
    response = press(cook, app, button, row, ROWS)
    assert names_shown(response) == order
    page = parse(response)
    assert page.find(class_="fw-error-summary") is None
    moved = page.find(attrs={"data-fw-move": focused[1], "value": focused[0], "autofocus": True})
    assert moved is not None and not moved.has_attr("hidden")


def test_the_first_rows_move_up_and_the_last_rows_move_down_are_hidden(cook):
    page = parse(cook.get(NEW))
    buttons = page.select("[data-fw-rows] [data-fw-move]")
    assert [b.has_attr("hidden") for b in buttons] == [True, True]  # one row: nowhere to move


@pytest.mark.parametrize(
    ("button", "value"),
    [
        ("fw-move-up", "ingredients-0"),
        ("fw-move-down", "ingredients-2"),
        ("fw-move-up", "ingredients-7"),
        ("fw-move-down", "ingredients-" + "9" * 5000),
        ("fw-remove", "ingredients-3"),
        ("fw-remove", "steps-0"),
        ("fw-add", "nothing"),
    ],
)
def test_a_row_button_naming_a_row_that_does_not_exist_changes_nothing(cook, app, button, value):
    response = press(cook, app, button, value, ROWS)
    assert response.status_code == 200
    assert names_shown(response) == ["Flour", "Butter", "Eggs"]
    assert count_recipes(app) == 0


def test_add_stops_at_fifty_rows(cook, app):
    rows = [(f"Spice {n}", "1", "tsp") for n in range(50)]
    response = press(cook, app, "fw-add", "ingredients", rows)
    assert len(ingredient_inputs(response)) == 50
    assert parse(response).find(attrs={"data-fw-add": True}).has_attr("hidden")


def test_rows_numbered_twice_over_count_once(cook, app):
    rows = rows_data([(f"Spice {n}", "1", "tsp") for n in range(30)])
    padded = {
        name.replace(f"-{n}-", f"-0{n}-"): value
        for n in range(30)
        for name, value in rows.items()
        if f"-{n}-" in name
    }
    response = post_new(cook, app, **rows, **padded)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Ingredient.id))) == 30


def test_a_blank_row_between_filled_ones_asks_to_be_named_or_removed(cook, app):
    response = post_new(cook, app, **rows_data([("Flour", "200", "g"), ("", "", ""), ("Eggs", "2", "")]))
    assert summary_links(response) == [("#ingredients-1-name", "Name the ingredient, or remove this row.")]
    assert count_recipes(app) == 0
