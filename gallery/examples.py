"""The gallery's one list of examples. A new example is one entry in EXAMPLES.

Each example names a form class and one or more demos: a Jinja snippet (shown
beside its output, exactly as it runs) and the state of the form it renders.
Snippets see the macros of `macros/forms.html`, `form`, `action` (where a
form posts to) and `sample_image` (a URL to show as a current file).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from gallery import demo_forms as demo
from gallery import fixtures
from gallery.field_types import FieldTypesForm

STATES = {
    "empty": "Empty",
    "filled": "Filled in",
    "error": "With an error",
    "disabled": "Disabled",
    "help": "With help text",
}
FIELD_STATES = ("empty", "filled", "error", "disabled", "help")


@dataclass(frozen=True)
class Demo:
    """One rendering of an example: the form's state and the snippet that draws it."""

    state: str
    source: str


@dataclass(frozen=True)
class Example:
    """A titled example: demos of one form class, with the data each state needs."""

    slug: str
    title: str
    section: str  # the family page it is shown on (gallery/families.py)
    form_class: type
    demos: tuple[Demo, ...]
    note: str = ""
    fields: tuple[str, ...] = ()  # only these fields of form_class (a one-field form)
    sample: Mapping[str, Any] = field(default_factory=dict)
    bad_input: Mapping[str, Any] = field(default_factory=dict)
    help_text: Mapping[str, str] = field(default_factory=dict)
    postable: bool = False
    show_html: bool = False


def field_example(
    name: str,
    title: str,
    section: str,
    attrs: str = "",
    states: tuple[str, ...] = FIELD_STATES,
    filled: str = "",
    note: str = "",
) -> Example:
    """An example of one field of FieldTypesForm, in `states`; `attrs` are extra macro arguments."""

    def call(*extra: str) -> str:
        arguments = "".join(f", {argument}" for argument in (attrs, *extra) if argument)
        return f"{{{{ render_field(form.{name}{arguments}) }}}}"

    demos = tuple(
        Demo(state, call("disabled=true" if state == "disabled" else "", filled if state == "filled" else ""))
        for state in states
    )
    return Example(
        slug=name.replace("_", "-"),
        title=title,
        section=section,
        form_class=FieldTypesForm,
        demos=demos,
        note=note,
        fields=(name,),
        sample=fixtures.SAMPLE_DATA,
        bad_input=fixtures.BAD_INPUT,
        help_text=fixtures.HELP_TEXT,
        show_html=name == "token",
    )


def form_example(
    slug: str, title: str, section: str, form_class: type, source: str, state: str = "empty", **extra
) -> Example:
    """An example that renders a whole form, which really posts to /gallery."""
    return Example(slug, title, section, form_class, (Demo(state, source),), postable=True, **extra)


WIZARD_BUTTONS = """{{ wizard_progress([("account", "Account"), ("profile", "Profile"), ("preferences", "Preferences")], "profile") }}
{{ render_form(form, action=action, buttons=[
     {"name": "action", "value": "next", "label": "Continue"},
     {"name": "action", "value": "back", "label": "Back", "style": "outline-secondary"}]) }}"""

WIZARD_DONE = """{{ wizard_progress([("account", "Account"), ("profile", "Profile"), ("preferences", "Preferences")], "review") }}"""

EXAMPLES: list[Example] = [
    field_example("name", "Text (StringField)", "text"),
    field_example("email", "E-mail (EmailField)", "text"),
    field_example("website", "Web address (URLField)", "text"),
    field_example("phone", "Telephone (TelField)", "text"),
    field_example("search", "Search (SearchField)", "text"),
    field_example(
        "password",
        "Password with a Show button (PasswordField)",
        "text",
        note="Every password box gets the Show button, drawn by the macro; a password is never written back into the page.",
    ),
    field_example("message", "Text area with a character count (TextAreaField)", "text", attrs="rows=3"),
    field_example("servings", "Whole number (IntegerField)", "dates-numbers"),
    field_example("price", "Decimal (DecimalField)", "dates-numbers"),
    field_example("weight", "Decimal number (FloatField)", "dates-numbers"),
    field_example("spiciness", "Slider (IntegerRangeField)", "dates-numbers"),
    field_example("strength", "Decimal slider (DecimalRangeField)", "dates-numbers"),
    field_example("terms", "Checkbox (BooleanField)", "choices"),
    field_example(
        "newsletter",
        "Switch (BooleanField)",
        "choices",
        attrs="switch=true",
        states=("empty", "filled", "disabled", "help"),
    ),
    field_example("category", "Drop-down (SelectField)", "choices"),
    field_example("diets", "Multiple choice list (SelectMultipleField)", "choices"),
    field_example("plan", "Radio buttons (RadioField)", "choices"),
    field_example(
        "interests",
        "Checkboxes (MultiCheckboxField)",
        "choices",
        note="forms.fields.MultiCheckboxField: a SelectMultipleField drawn as checkboxes.",
    ),
    field_example("birthday", "Date (DateField)", "dates-numbers"),
    field_example(
        "moved_in",
        "Date in three boxes (DatePartsField)",
        "dates-numbers",
        note="macros.date_parts.DatePartsField: one field in Python (a datetime.date), one error that names the wrong box.",
    ),
    field_example("delivery", "Date and time (DateTimeLocalField)", "dates-numbers"),
    field_example("pickup", "Time (TimeField)", "dates-numbers"),
    field_example("expiry", "Month (MonthField)", "dates-numbers"),
    field_example(
        "week",
        "Week (IsoWeekField)",
        "dates-numbers",
        note="forms.fields.IsoWeekField: WTForms' WeekField, reading ISO weeks as browsers send them.",
    ),
    field_example("colour", "Colour (ColorField)", "dates-numbers"),
    form_example(
        "reveal",
        "A choice that reveals a follow-up question",
        "choices",
        demo.RevealDemoForm,
        "{{ render_form(form, action=action) }}",
        note='RevealedBy("contact", "email") on a field draws it under that choice and validates it only when the choice is picked.',
    ),
    field_example(
        "recipe_card",
        "File (FileField)",
        "files",
        filled='current_name="lemon-tart.pdf"',
        note="accept= comes from FileAllowed.",
    ),
    field_example(
        "photo",
        "Image with preview (FileField)",
        "files",
        filled='current_url=sample_image, current_name="lemon-tart.svg"',
        note="An image-only FileAllowed adds a preview of the chosen picture; current_url shows the one kept.",
    ),
    field_example("documents", "Several files (MultipleFileField)", "files"),
    field_example(
        "token",
        "Hidden (HiddenField)",
        "text",
        states=("filled",),
        note="Nothing visible: the HTML it writes is shown.",
    ),
    field_example(
        "address",
        "Nested form (FormField)",
        "nested",
        states=("empty", "filled", "error", "help"),
        note="A fieldset with a legend; nested names such as address-city.",
    ),
    field_example("save", "Submit button (SubmitField)", "layouts", states=("empty", "disabled")),
    field_example("publish", "Button (ButtonField)", "layouts", states=("empty", "disabled")),
    form_example(
        "stacked",
        "Stacked (the default)",
        "layouts",
        demo.ContactDemoForm,
        "{{ render_form(form, action=action) }}",
    ),
    form_example(
        "horizontal",
        "Horizontal",
        "layouts",
        demo.ContactDemoForm,
        '{{ render_form(form, action=action, layout="horizontal") }}',
    ),
    form_example(
        "inline",
        "Inline",
        "layouts",
        demo.SearchDemoForm,
        '{{ render_form(form, action=action, layout="inline") }}',
    ),
    form_example(
        "grid",
        "Rows and columns",
        "layouts",
        demo.ShippingDemoForm,
        '{{ render_form(form, action=action, grid=[["first_name", "last_name"], ["city:8", "postal_code:4"]]) }}',
        note="Name the fields of each row; :8 gives a field 8 of 12 columns. Fields not named get a row each, in form order.",
    ),
    form_example(
        "wizard-buttons",
        "Forward and Back buttons, with wizard progress",
        "wizard",
        demo.NameDemoForm,
        WIZARD_BUTTONS,
        note="Continue comes first in the page, so Enter presses it; the layout draws Back on the left.",
    ),
    Example(
        "progress-done",
        "Progress once every step is done",
        "wizard",
        demo.NameDemoForm,
        (Demo("empty", WIZARD_DONE),),
        note='Any name that is not a step (the review page gives "review") marks every step done.',
    ),
    form_example(
        "summary",
        "Error summary",
        "errors",
        demo.BookingDemoForm,
        "{{ render_form(form, action=action) }}",
        state="error",
        bad_input=fixtures.BOOKING_BAD_INPUT,
        note="Links reach nested fields (summary-error-address-city), list rows (summary-error-guests-1) and form-wide errors.",
    ),
    form_example(
        "recipe",
        "Rows you can add, move and remove (FieldList)",
        "nested",
        demo.RecipeDemoForm,
        '{{ render_form(form, action=action, field_attrs={"ingredients": {"grid": ["name:6 quantity:3 unit:3"]}}) }}',
        state="filled",
        sample=fixtures.RECIPE_SAMPLE,
        note="Without JavaScript, Add, Move and Remove are submit buttons the view handles with forms.fieldlist.apply_row_action. The ingredient rows are the recipe form's own (forms.recipe.IngredientForm).",
    ),
    form_example(
        "everything",
        "Every field type in one form",
        "layouts",
        FieldTypesForm,
        '{{ render_form(form, action=action, field_attrs={"newsletter": {"switch": true}}) }}',
        help_text=fixtures.HELP_TEXT,
    ),
]

EXAMPLES_BY_SLUG = {example.slug: example for example in EXAMPLES}
