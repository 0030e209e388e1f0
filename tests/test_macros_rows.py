"""render_field on FieldLists: numbered row fieldsets, Remove and Add buttons, the blank row, row errors."""

import pytest
from wtforms import FieldList
from wtforms import FormField
from wtforms import StringField
from wtforms.validators import DataRequired

from forms.base import FormworkSubform
from tests.macro_rendering import described_by
from tests.macro_rendering import render_field
from tests.macro_rendering import submitted


class IngredientForm(FormworkSubform):
    name = StringField("Name", validators=[DataRequired("Name the ingredient.")])


class RecipeForm(FormworkSubform):
    ingredients = FieldList(
        FormField(IngredientForm, label="Ingredient"), label="Ingredients", min_entries=2, max_entries=3
    )
    tags = FieldList(StringField("Tag"), label="Tags", min_entries=2)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def test_fieldlist_rows_are_numbered_fieldsets_with_remove_buttons():
    soup = render_field(RecipeForm().ingredients)
    rows = soup.select("[data-fw-rows] > .fw-row")
    assert [row["id"] for row in rows] == ["ingredients-0", "ingredients-1"]
    assert [row.legend.get_text(" ", strip=True) for row in rows] == ["Ingredient 1", "Ingredient 2"]
    assert rows[1].find("input", id="ingredients-1-name")["name"] == "ingredients-1-name"
    assert rows[1].find("label", attrs={"for": "ingredients-1-name"}) is not None
    remove = rows[1].find("button", attrs={"name": "fw-remove"})
    assert remove["value"] == "ingredients-1"
    assert soup.find("button", attrs={"name": "fw-add"})["value"] == "ingredients"


def test_fieldlist_template_row_is_numbered_with_a_placeholder():
    template = render_field(RecipeForm().ingredients).find("template")
    assert template.find("input")["name"] == "ingredients-__index__-name"


class PortionForm(FormworkSubform):
    quantity = StringField("Quantity")
    unit = StringField("Unit")

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.quantity.data and not self.unit.data:
            self.form_errors.append("Give a unit with the quantity.")
            return False
        return ok


class PortionsForm(FormworkSubform):
    portions = FieldList(FormField(PortionForm, label="Portion"), min_entries=1)


def test_a_rows_own_error_is_shown_in_the_row_and_named_by_it():
    soup = render_field(submitted(PortionsForm, {"portions-0-quantity": "3"}).portions)
    row = soup.find("fieldset", id="portions-0")
    assert described_by(row) == ["portions-0-error"]
    message = row.find(id="portions-0-error")
    assert message.get_text(" ", strip=True) == "Error: Give a unit with the quantity."


def test_a_disabled_fieldlist_disables_its_fieldset():
    soup = render_field(RecipeForm().ingredients, disabled=True)
    assert soup.find("fieldset", id="ingredients").has_attr("disabled")


def test_fields_in_list_rows_get_no_personal_autocomplete():
    soup = render_field(RecipeForm().ingredients)
    assert not soup.find("input", id="ingredients-0-name").has_attr("autocomplete")
    assert not soup.find("template").find("input").has_attr("autocomplete")


def test_single_field_rows_are_labelled_by_number():
    soup = render_field(RecipeForm().tags)
    assert soup.find("label", attrs={"for": "tags-1"}).get_text(" ", strip=True).startswith("Tag 2")


@pytest.mark.parametrize(("rows", "add_hidden", "remove_hidden"), [(2, False, True), (3, True, False)])
def test_add_and_remove_buttons_hide_at_the_list_limits(rows, add_hidden, remove_hidden):
    data = {f"ingredients-{index}-name": f"item {index}" for index in range(rows)}
    soup = render_field(submitted(RecipeForm, data).ingredients)
    assert soup.find("button", attrs={"name": "fw-add"}).has_attr("hidden") is add_hidden
    removes = soup.select("[data-fw-rows] button[name=fw-remove]")
    assert len(removes) == rows
    assert all(button.has_attr("hidden") is remove_hidden for button in removes)
