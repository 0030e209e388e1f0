"""render_errors, render_form and wizard_progress, read as the DOM a browser gets."""

import pytest
from flask_wtf.file import FileField
from wtforms import FieldList
from wtforms import FormField
from wtforms import IntegerField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired

from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.fields import MultiCheckboxField
from tests.macro_rendering import render
from tests.macro_rendering import submitted

SCRIPT = "<script>alert(1)</script>"
CHOICES = [SelectChoice("a", "A"), SelectChoice("b", "B")]
STEPS = [("account", "Account"), ("profile", "Profile"), ("preferences", "Preferences")]


class AddressForm(FormworkSubform):
    city = StringField("Town or city", validators=[DataRequired("Enter the town.")])


class IngredientForm(FormworkSubform):
    name = StringField("Ingredient", validators=[DataRequired("Name the ingredient.")])


class BookingForm(FormworkSubform):
    name = StringField("Name", validators=[DataRequired("Enter your name.")])
    plan = RadioField("Plan", choices=CHOICES, validators=[InputRequired("Choose a plan.")])
    extras = MultiCheckboxField("Extras", choices=CHOICES, validators=[DataRequired("Pick an extra.")])
    address = FormField(AddressForm)
    ingredients = FieldList(FormField(IngredientForm), min_entries=2)

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        self.form_errors.append("The kitchen is closed that day.")
        return False


class PortionForm(FormworkSubform):
    """A row whose own check spans two fields: a form-wide error of the row."""

    quantity = IntegerField("Quantity")
    unit = StringField("Unit")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.quantity.data and not self.unit.data:
            self.form_errors.append("Give a unit with the quantity.")
            return False
        return valid


class PortionsForm(FormworkSubform):
    portions = FieldList(FormField(PortionForm), min_entries=1)


class ShippingForm(FormworkForm):
    back = SubmitField("Back")
    first_name = StringField("First name")
    last_name = StringField("Last name")
    street = StringField("Street")
    city = StringField("Town or city")
    postal_code = StringField("Postal code")
    country = StringField("Country")
    save = SubmitField("Continue")


class NoFileForm(FormworkSubform):
    name = StringField("Name")


class FileForm(FormworkSubform):
    photo = FileField("Photo")


class NestedFileForm(FormworkSubform):
    inner = FormField(FileForm)


class FileRowsForm(FormworkSubform):
    attachments = FieldList(FileField("Attachment"))


class NestedFileRowsForm(FormworkSubform):
    pictures = FieldList(FormField(FileForm), min_entries=1)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def summary_of(form):
    return render("{{ render_errors(form) }}", form=form).find(role="alert")


def test_error_summary_is_an_alert_labelled_by_its_heading():
    summary = summary_of(submitted(BookingForm))
    heading = summary.find(id=summary["aria-labelledby"])
    assert heading.get_text() == "There is a problem"


def test_error_summary_links_to_each_failing_field_in_form_order():
    form = submitted(BookingForm, {"ingredients-0-name": "Flour", "ingredients-1-name": ""})
    items = summary_of(form).find_all("li")
    assert items[0].get_text() == "The kitchen is closed that day." and items[0].find("a") is None
    links = [(item.a["href"], item.a.get_text()) for item in items[1:]]
    assert links == [
        ("#name", "Enter your name."),
        ("#plan-0", "Choose a plan."),
        ("#extras-0", "Pick an extra."),
        ("#address-city", "Enter the town."),
        ("#ingredients-1-name", "Name the ingredient."),
    ]


def test_every_summary_link_reaches_a_control_on_the_page():
    soup = render("{{ render_form(form) }}", form=submitted(BookingForm))
    targets = [link["href"].removeprefix("#") for link in soup.find(role="alert").find_all("a")]
    assert len(targets) == 6
    assert all(soup.find(id=target) is not None for target in targets)


def test_a_rows_own_error_links_to_that_row():
    form = submitted(PortionsForm, {"portions-0-quantity": "3"})
    soup = render("{{ render_form(form) }}", form=form)
    link = soup.find(role="alert").find("a", href="#portions-0")
    assert link.get_text() == "Give a unit with the quantity."
    assert soup.find("fieldset", id="portions-0") is not None


def test_a_form_without_errors_has_no_summary():
    assert summary_of(BookingForm()) is None


def test_summary_messages_are_text():
    form = type("ScriptForm", (FormworkSubform,), {"x": StringField("X", validators=[DataRequired(SCRIPT)])})
    summary = summary_of(submitted(form))
    assert summary.find("script") is None
    assert summary.a.get_text() == SCRIPT


def test_a_form_carries_its_csrf_token():
    token = render("{{ render_form(form) }}", form=ShippingForm()).find("input", attrs={"name": "csrf_token"})
    assert token["type"] == "hidden" and token["value"]


@pytest.mark.parametrize(
    ("form_class", "enctype"),
    [
        (NoFileForm, None),
        (FileForm, "multipart/form-data"),
        (NestedFileForm, "multipart/form-data"),
        (FileRowsForm, "multipart/form-data"),
        (NestedFileRowsForm, "multipart/form-data"),
    ],
)
def test_a_form_is_multipart_only_with_a_file_field(form_class, enctype):
    assert render("{{ render_form(form) }}", form=form_class()).form.get("enctype") == enctype


def test_submit_buttons_come_last_forward_first():
    soup = render("{{ render_form(form) }}", form=ShippingForm())
    controls = soup.form.find_all(["input", "select", "textarea", "button"])
    names = [control["name"] for control in controls if control.get("type") != "hidden"]
    assert names[-2:] == ["save", "back"]
    assert soup.select_one(".fw-actions").find_all("input")[0]["name"] == "save"


def test_buttons_argument_draws_buttons_in_the_order_given():
    buttons = [
        {"name": "action", "value": "next", "label": "Continue"},
        {"name": "action", "value": "back", "label": "Back", "style": "outline-secondary"},
    ]
    soup = render("{{ render_form(form, buttons=buttons) }}", form=NoFileForm(), buttons=buttons)
    drawn = soup.select(".fw-actions button")
    assert [(b["type"], b["name"], b["value"], b.get_text()) for b in drawn] == [
        ("submit", "action", "next", "Continue"),
        ("submit", "action", "back", "Back"),
    ]
    assert [b["class"] for b in drawn] == [["btn", "btn-primary"], ["btn", "btn-outline-secondary"]]


def test_a_back_submit_field_comes_after_the_buttons_argument():
    """Enter presses the first submit button: with a Back field and a Continue button, Continue."""
    form = type("BackForm", (NoFileForm,), {"back": SubmitField("Back")})()
    buttons = [{"name": "action", "value": "next", "label": "Continue"}]
    soup = render("{{ render_form(form, buttons=buttons) }}", form=form, buttons=buttons)
    first = soup.form.find(["input", "button"], attrs={"type": "submit"})
    assert (first.get("name"), first.get("value")) == ("action", "next")
    drawn = soup.select_one(".fw-actions").find_all(["input", "button"])
    assert [control.get("value") for control in drawn] == ["next", "Back"]
    assert "btn-outline-secondary" in drawn[1]["class"]


def test_enter_in_a_form_with_rows_and_a_back_field_presses_forward():
    form = type("RowsBackForm", (PortionsForm,), {"back": SubmitField("Back"), "save": SubmitField("Save")})()
    soup = render("{{ render_form(form) }}", form=form)
    first = soup.form.find(["input", "button"], attrs={"type": "submit"})
    assert (first.get("name"), first.get("value")) == ("save", "Save")


def test_enter_in_a_form_with_rows_presses_forward_not_add():
    form = type("RowsForm", (PortionsForm,), {"save": SubmitField("Save")})()
    soup = render("{{ render_form(form) }}", form=form)
    first = soup.form.find(["input", "button"], attrs={"type": "submit"})
    assert (first.get("name"), first.get("value")) == ("save", "Save")


@pytest.mark.parametrize(
    ("layout", "form_classes", "label_classes", "wrapper_classes"),
    [
        ("stacked", {"fw-form-stacked"}, {"form-label"}, {"mb-3"}),
        ("horizontal", {"fw-form-horizontal"}, {"col-sm-3", "col-form-label"}, {"row", "mb-3"}),
        ("inline", {"fw-form-inline", "row"}, {"form-label"}, {"col-12", "col-md-auto"}),
    ],
)
def test_layouts(layout, form_classes, label_classes, wrapper_classes):
    soup = render("{{ render_form(form, layout=layout) }}", form=ShippingForm(), layout=layout)
    assert form_classes <= set(soup.form["class"])
    label = soup.find("label", attrs={"for": "city"})
    assert set(label["class"]) == label_classes
    assert set(label.parent["class"]) == wrapper_classes


def test_grid_puts_named_fields_in_rows_and_columns():
    grid = [["first_name", "last_name"], ["city:8", "postal_code:4"]]
    soup = render("{{ render_form(form, grid=grid) }}", form=ShippingForm(), grid=grid)
    rows = soup.form.find_all("div", class_="row", recursive=False)
    cells = [
        [(cell["class"], cell.find("input")["name"]) for cell in row.find_all("div", recursive=False)]
        for row in rows
    ]
    assert cells == [
        [(["col-md"], "first_name"), (["col-md"], "last_name")],
        [(["col-md-8"], "city"), (["col-md-4"], "postal_code")],
    ]
    order = [tag["name"] for tag in soup.form.find_all("input", type="text")]
    assert order == ["first_name", "last_name", "street", "city", "postal_code", "country"]


@pytest.mark.parametrize(
    ("grid", "error", "words"),
    [
        ([["first_name", "nickname"]], KeyError, "'nickname', which is not a field of ShippingForm"),
        ([["city:13"]], ValueError, "must be 1 to 12, not '13'"),
        ([["city:wide"]], ValueError, "not 'wide'"),
    ],
)
def test_grid_refuses_unknown_names_and_widths(grid, error, words):
    with pytest.raises(error, match=words):
        render("{{ render_form(form, grid=grid) }}", form=ShippingForm(), grid=grid)


@pytest.mark.parametrize(("current", "number"), [("account", 1), ("profile", 2), ("preferences", 3)])
def test_progress_says_step_n_of_m_and_marks_the_current_step(current, number):
    nav = render("{{ wizard_progress(steps, current) }}", steps=STEPS, current=current).nav
    assert nav.p.get_text() == f"Step {number} of 3"
    items = nav.find_all("li")
    assert [item.get("aria-current") for item in items] == [
        "step" if position == number else None for position in (1, 2, 3)
    ]
    assert ["(completed)" in item.get_text() for item in items] == [
        position < number for position in (1, 2, 3)
    ]


def test_progress_past_the_last_step_marks_no_step_current():
    nav = render("{{ wizard_progress(steps, 'done') }}", steps=STEPS).nav
    assert nav.p.get_text() == "All 3 steps done"
    assert nav.find(attrs={"aria-current": True}) is None
    assert all("(completed)" in item.get_text() for item in nav.find_all("li"))
