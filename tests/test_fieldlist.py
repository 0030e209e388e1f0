"""forms.fieldlist and macros.rows: the Add and Remove row buttons that work without JavaScript."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import FieldList
from wtforms import FormField
from wtforms import HiddenField
from wtforms import StringField

from forms.base import FormworkSubform
from forms.fieldlist import apply_row_action
from forms.fieldlist import find_fieldlist
from macros.rows import blank_row
from macros.rows import can_add
from macros.rows import can_remove
from macros.rows import row_label


class IngredientForm(FormworkSubform):
    row_id = HiddenField()
    name = StringField("Name", render_kw={"spellcheck": "false"})  # one dict, shared by every row
    amount = StringField("Amount")


class RecipeForm(FormworkSubform):
    ingredients = FieldList(
        FormField(IngredientForm, label="Ingredient"), label="Ingredients", min_entries=1, max_entries=3
    )
    tags = FieldList(StringField("Tag"), label="Tags")


class MenuForm(FormworkSubform):
    """A list inside a nested form, so its full name carries both prefixes."""

    recipe = FormField(RecipeForm)


def posted(names: list[str], tags: list[str] = (), button: tuple[str, str] | None = None, prefix: str = ""):
    """What the browser sends: one ingredient row per name, the tags, and the button pressed."""
    data = MultiDict()
    for index, name in enumerate(names):
        data.add(f"{prefix}ingredients-{index}-name", name)
        data.add(f"{prefix}ingredients-{index}-amount", f"{index + 1} cups")
    for index, tag in enumerate(tags):
        data.add(f"{prefix}tags-{index}", tag)
    if button:
        data.add(*button)
    return data


def pressed(button: tuple[str, str], names: list[str], tags: list[str] = ()) -> tuple[RecipeForm, bool]:
    """The form after the view handled `button`, and whether it was a row button."""
    formdata = posted(names, tags, button)
    form = RecipeForm(formdata)
    return form, apply_row_action(form, formdata)


def names_of(form) -> list[str]:
    return [row.form.name.data for row in form.ingredients]


def test_add_appends_a_blank_row_and_keeps_what_was_typed():
    form, handled = pressed(("fw-add", "ingredients"), ["flour", "butter"])
    assert handled is True
    assert names_of(form) == ["flour", "butter", None]
    assert [row.form.amount.data for row in form.ingredients][:2] == ["1 cups", "2 cups"]
    assert form.ingredients[2].form.name.name == "ingredients-2-name"


def test_add_stops_at_max_entries():
    form, handled = pressed(("fw-add", "ingredients"), ["flour", "butter", "eggs"])
    assert handled is True
    assert names_of(form) == ["flour", "butter", "eggs"]
    assert can_add(form.ingredients) is False


def test_add_to_a_single_field_list():
    form, _ = pressed(("fw-add", "tags"), ["flour"], ["sweet"])
    assert form.tags.data == ["sweet", None]


def test_remove_renumbers_the_rows_contiguously():
    form, handled = pressed(("fw-remove", "ingredients-1"), ["flour", "butter", "eggs"])
    assert handled is True
    assert names_of(form) == ["flour", "eggs"]
    assert [row.form.name.name for row in form.ingredients] == ["ingredients-0-name", "ingredients-1-name"]
    assert form.ingredients[1].form.amount.data == "3 cups"


def test_remove_keeps_min_entries():
    form, _ = pressed(("fw-remove", "ingredients-0"), ["flour"])
    assert names_of(form) == [None]
    assert can_remove(form.ingredients) is False


def test_remove_from_a_single_field_list():
    form, _ = pressed(("fw-remove", "tags-0"), ["flour"], ["sweet", "quick"])
    assert form.tags.data == ["quick"]
    assert form.tags[0].name == "tags-0"


@pytest.mark.parametrize(
    "button",
    [
        ("fw-add", "unknown"),
        ("fw-add", ""),
        ("fw-add", "ingredients-0"),
        ("fw-remove", "unknown-0"),
        ("fw-remove", "ingredients-3"),
        ("fw-remove", "ingredients-99999999999"),
        ("fw-remove", "ingredients-" + "9" * 5000),
        ("fw-remove", "ingredients"),
        ("fw-remove", "ingredients-"),
        ("fw-remove", "ingredients--1"),
        ("fw-remove", "ingredients-+1"),
        ("fw-remove", "ingredients- 1"),
        ("fw-remove", "ingredients-²"),
        ("fw-remove", "ingredients-__index__"),
        ("fw-remove", "nonsense"),
        ("fw-remove", ""),
    ],
)
def test_unknown_or_malformed_buttons_change_nothing(button):
    form, handled = pressed(button, ["flour", "butter"], ["sweet"])
    assert handled is True
    assert names_of(form) == ["flour", "butter"]
    assert form.tags.data == ["sweet"]


def test_no_row_button_means_the_form_was_submitted():
    form, handled = pressed(None, ["flour"])
    assert handled is False
    assert names_of(form) == ["flour"]


def test_buttons_find_a_list_inside_a_nested_form():
    formdata = posted(["flour", "butter"], button=("fw-remove", "recipe-ingredients-0"), prefix="recipe-")
    form = MenuForm(formdata)
    assert apply_row_action(form, formdata) is True
    assert [row.form.name.data for row in form.recipe.ingredients] == ["butter"]
    assert find_fieldlist(form, "recipe-ingredients") is form.recipe.ingredients


def test_blank_row_is_named_with_the_index_placeholder():
    form = RecipeForm(posted(["flour"]))
    row = blank_row(form.ingredients)
    assert row.name == "ingredients-__index__"
    assert [field.name for field in row.form] == [
        "ingredients-__index__-row_id",
        "ingredients-__index__-name",
        "ingredients-__index__-amount",
    ]
    assert blank_row(form.tags).name == "tags-__index__"


def test_blank_row_leaves_the_list_alone():
    form = RecipeForm(posted(["flour"]))
    blank_row(form.ingredients)
    assert names_of(form) == ["flour"]
    form.ingredients.append_entry()
    assert form.ingredients[-1].name == "ingredients-1"


def autofocused(form) -> list[str]:
    """The names of the controls that will carry `autofocus`."""
    return [
        field.name
        for row in form.ingredients
        for field in row.form
        if (field.render_kw or {}).get("autofocus")
    ]


def test_the_new_rows_first_visible_control_gets_focus():
    form, _ = pressed(("fw-add", "ingredients"), ["flour"])
    assert autofocused(form) == ["ingredients-1-name"]


def test_after_a_remove_focus_goes_to_the_row_that_took_its_place():
    form, _ = pressed(("fw-remove", "ingredients-0"), ["flour", "butter"])
    assert autofocused(form) == ["ingredients-0-name"]


def test_removing_the_last_row_focuses_the_add_button():
    form, _ = pressed(("fw-remove", "tags-0"), ["flour"], ["sweet"])
    assert form.tags.entries == []
    assert form.tags.focus_add_button is True


def test_focus_does_not_leak_into_other_forms():
    pressed(("fw-add", "ingredients"), ["flour"])
    fresh = RecipeForm(posted(["flour", "butter"]))
    assert autofocused(fresh) == []


def test_rows_are_named_after_the_entry_label():
    form = RecipeForm()
    assert row_label(form.ingredients) == "Ingredient"
    assert row_label(form.tags) == "Tag"


def test_move_up_swaps_a_row_with_the_one_above_and_renumbers_both():
    form, handled = pressed(("fw-move-up", "ingredients-2"), ["flour", "butter", "eggs"])
    assert handled is True
    assert names_of(form) == ["flour", "eggs", "butter"]
    assert [row.form.name.name for row in form.ingredients] == [f"ingredients-{i}-name" for i in range(3)]
    assert form.ingredients[1].form.amount.data == "3 cups"  # the row's other values moved with it
    assert form.ingredients.focus_move == ("ingredients-1", "up")


def test_move_down_a_single_field_row():
    form, _ = pressed(("fw-move-down", "tags-0"), ["flour"], ["sweet", "quick"])
    assert form.tags.data == ["quick", "sweet"]
    assert form.tags.focus_move == ("tags-1", "up")  # the last row has no Move down: its twin takes focus


@pytest.mark.parametrize(
    "button",
    [
        ("fw-move-up", "ingredients-0"),
        ("fw-move-down", "ingredients-1"),
        ("fw-move-up", "ingredients-5"),
        ("fw-move-down", "ingredients-" + "9" * 5000),
        ("fw-move-up", "ingredients-²"),
        ("fw-move-down", "unknown-0"),
        ("fw-move-up", ""),
    ],
)
def test_moves_past_the_edge_or_of_unknown_rows_change_nothing(button):
    form, handled = pressed(button, ["flour", "butter"])
    assert handled is True
    assert names_of(form) == ["flour", "butter"]
