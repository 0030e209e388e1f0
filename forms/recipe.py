"""The recipe form: title, category, servings and repeating ingredient rows.

`IngredientForm` and `UNITS` are shared with the gallery's recipe demo. Rows are
added, removed and moved by `forms.fieldlist.apply_row_action` before validation;
on validation, blank rows at the end are dropped (never an error), and the number
of rows the browser really sent is checked against `min_entries`/`max_entries`
(WTForms itself silently cuts extra rows off).
"""

import re
import secrets
import unicodedata
from typing import Any

from flask import request
from wtforms import Field
from wtforms import FieldList
from wtforms import Form
from wtforms import FormField
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms import SearchField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.quantity import QuantityField
from forms.validators import real_number
from recipes.models import DESCRIPTION_MAX
from recipes.models import INGREDIENT_NAME_MAX
from recipes.models import SUBMISSION_MAX
from recipes.models import TITLE_MAX
from recipes.models import Category
from recipes.models import IngredientRow
from recipes.models import Recipe

MAX_INGREDIENTS = 50
MAX_SERVINGS = 100
SEARCH_MAX = 100
UNITS = [
    SelectChoice("", "No unit"),
    SelectChoice("g", "grams"),
    SelectChoice("kg", "kilograms"),
    SelectChoice("ml", "millilitres"),
    SelectChoice("l", "litres"),
    SelectChoice("tsp", "teaspoons"),
    SelectChoice("tbsp", "tablespoons"),
    SelectChoice("cup", "cups"),
    SelectChoice("pinch", "pinches"),
    SelectChoice("piece", "pieces"),
]
UNIT_LABELS = {choice.value: choice.label for choice in UNITS}
ROW_INDEX = re.compile(r"^([0-9]{1,6})(?:-|$)")


def plain_text(form: Form, field: Field) -> None:
    """Refuse control characters (line breaks and tabs aside): PostgreSQL cannot store NUL."""
    if any(unicodedata.category(c) == "Cc" and c not in "\r\n\t" for c in field.data or ""):
        raise ValidationError("Remove the control characters from this text.")


def category_id(value: Any) -> int | None:
    """SelectField coerce: the "Choose a category" placeholder is None, an id an int."""
    return None if value in ("", None) else int(value)


class IngredientForm(FormworkSubform):
    """One ingredient row: what, how much (as cooks write it) and in which unit."""

    name = StringField(
        "Ingredient",
        validators=[
            DataRequired("Name the ingredient, or remove this row."),
            Length(max=INGREDIENT_NAME_MAX, message=f"Keep the name under {INGREDIENT_NAME_MAX} characters."),
            plain_text,
        ],
    )
    quantity = QuantityField("Quantity")  # a text keyboard on phones: "1/2" needs the slash
    unit = SelectField("Unit", choices=UNITS, invalid_choice_message="Choose a unit from the list.")

    def is_blank(self) -> bool:
        """Nothing typed or chosen in this row."""
        return (
            not (self.name.data or "").strip() and not self.quantity._value().strip() and not self.unit.data
        )

    def row(self) -> IngredientRow:
        """The row as plain data for the model."""
        return IngredientRow(self.name.data.strip(), self.quantity.data, self.unit.data or "")


def posted_row_count(fieldlist: FieldList, formdata: Any) -> int:
    """How many distinct rows the browser sent for `fieldlist` (before WTForms cuts at max_entries)."""
    if not formdata:
        return 0
    prefix = fieldlist.name + "-"
    indices = set()
    for key in formdata:
        match = ROW_INDEX.match(key[len(prefix) :]) if key.startswith(prefix) else None
        if match:
            indices.add(int(match.group(1)))  # "01" and "1" are one row to WTForms
    return len(indices)


def row_count(form: "RecipeForm", field: FieldList) -> None:
    """The group check, shown on the fieldset: at least min_entries filled rows, at most max_entries sent."""
    if form.posted_rows > field.max_entries:
        raise ValidationError(
            f"A recipe can have up to {field.max_entries} ingredients: "
            f"you sent {form.posted_rows}, and only the first {field.max_entries} are shown."
        )
    if len(field.entries) < field.min_entries:
        raise ValidationError("Add at least one ingredient.")


def ingredient_rows(max_entries: int = MAX_INGREDIENTS, **kwargs: Any) -> UnboundField:
    """The ingredients FieldList (unbound), for the recipe form and the gallery's demo."""
    return FieldList(
        FormField(IngredientForm, label="Ingredient"),
        label="Ingredients",
        min_entries=1,
        max_entries=max_entries,
        **kwargs,
    )


class RecipeForm(FormworkForm):
    """A recipe with its ingredients; the category choices come from the database."""

    title = StringField(
        "Recipe title",
        validators=[
            DataRequired("Give the recipe a title."),
            Length(max=TITLE_MAX, message=f"Keep the title under {TITLE_MAX} characters."),
            plain_text,
        ],
    )
    description = TextAreaField(
        "Description",
        description="What makes it good, and how to make it.",
        validators=[
            Length(max=DESCRIPTION_MAX, message=f"Keep the description under {DESCRIPTION_MAX} characters."),
            plain_text,
        ],
        render_kw={"rows": 5},
    )
    category = SelectField(
        "Category",
        coerce=category_id,
        validators=[real_number, DataRequired("Choose a category.")],
        invalid_value_message="Choose a category.",
        invalid_choice_message="Choose a category from the list.",
    )
    servings = IntegerField(
        "Servings",
        default=4,
        validators=[
            InputRequired("Enter how many people it serves."),
            real_number,
            NumberRange(1, MAX_SERVINGS, f"Choose 1 to {MAX_SERVINGS} servings."),
        ],
        render_kw={"min": 1, "max": MAX_SERVINGS},
    )
    ingredients = ingredient_rows(
        validators=[row_count],
        description="Write amounts as you would on paper: 2, 0.5, 1/2, 1 1/2 or ½. Blank rows at the end are left out.",
    )
    save = SubmitField("Save recipe")

    posted_rows = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = [SelectChoice(value, label) for value, label in Category.choices()]
        self.category.choices = [SelectChoice("", "Choose a category"), *categories]

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        formdata = self.meta.wrap_formdata(self, formdata)
        self.posted_rows = posted_row_count(self.ingredients, formdata)
        super().process(formdata, obj, data, extra_filters, **kwargs)

    def validate(self, extra_validators: Any = None) -> bool:
        """Drop blank rows at the end, validate, and keep min_entries rows on the page."""
        rows = self.ingredients
        while rows.entries and rows.entries[-1].form.is_blank():
            rows.pop_entry()
        valid = super().validate(extra_validators)
        while len(rows.entries) < rows.min_entries:
            rows.append_entry()
        return valid

    @classmethod
    def for_recipe(cls, recipe: Recipe) -> "RecipeForm":
        """The edit form: the stored recipe on the first view, what was posted after that."""
        if request.method == "POST":
            return cls()
        rows = [{"name": i.name, "quantity": i.quantity, "unit": i.unit} for i in recipe.ingredients]
        fields = ("title", "description", "category_id", "servings")
        data = {name.removesuffix("_id"): getattr(recipe, name) for name in fields}
        return cls(data={**data, "ingredients": rows})

    def apply_to(self, recipe: Recipe) -> None:
        """Copy the validated answers onto `recipe`; its rows become exactly the rows shown."""
        recipe.title = self.title.data.strip()
        recipe.description = (self.description.data or "").strip()
        recipe.category_id = self.category.data
        recipe.servings = self.servings.data
        recipe.replace_ingredients([entry.form.row() for entry in self.ingredients])


SUBMISSION_KEY = re.compile(rf"[A-Za-z0-9_-]{{16,{SUBMISSION_MAX}}}")


class NewRecipeForm(RecipeForm):
    """The new-recipe form, with a key of its own that makes sending it twice harmless."""

    submission = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_submitted():
            self.submission.data = secrets.token_urlsafe(16)

    def submission_key(self) -> str | None:
        """The form's key as posted, or None when it is missing or not one this form made."""
        key = self.submission.data or ""
        return key if SUBMISSION_KEY.fullmatch(key) else None


class RecipeSearchForm(FormworkForm):
    """The list's search box (`GET /recipes?q=`): no CSRF, nothing is changed by a search."""

    class Meta:
        csrf = False

    q = SearchField("Search recipes", render_kw={"placeholder": "A title or an ingredient"})
    search = SubmitField("Search")

    def query(self) -> str:
        """What to search for: the box's text, control characters dropped, at most SEARCH_MAX long."""
        text = "".join(c for c in self.q.data or "" if unicodedata.category(c) != "Cc")
        return " ".join(text.split())[:SEARCH_MAX]


class ServingsForm(FormworkForm):
    """The servings switch on a recipe's page (`GET ?servings=N`): quantities are scaled on the server."""

    class Meta:
        csrf = False

    servings = IntegerField(
        "Servings",
        validators=[
            InputRequired("Enter a number of servings."),
            real_number,
            NumberRange(1, MAX_SERVINGS, f"Choose 1 to {MAX_SERVINGS} servings."),
        ],
        render_kw={"min": 1, "max": MAX_SERVINGS},
    )
    scale = SubmitField("Update quantities")


class DeleteRecipeForm(FormworkForm):
    """The confirmation step of deleting a recipe: the first POST shows it, this button deletes."""

    confirm = SubmitField("Yes, delete this recipe")
