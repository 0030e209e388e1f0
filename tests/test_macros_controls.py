"""render_field's controls: autocomplete, files, character counts, switches, sliders, hidden, buttons."""

import datetime

import pytest
from flask_wtf.file import FileAllowed
from flask_wtf.file import FileField
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField
from wtforms import ButtonField
from wtforms import HiddenField
from wtforms import IntegerRangeField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.validators import Length
from wtforms.widgets import HiddenInput

from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.fields import IsoWeekField
from forms.registration import AddressForm
from gallery import fixtures
from gallery.field_types import FieldTypesForm
from tests.macro_rendering import described_by
from tests.macro_rendering import one_field
from tests.macro_rendering import render
from tests.macro_rendering import render_field
from tests.macro_rendering import submitted


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("name", "token"),
    [
        ("username", "username"),
        ("email", "email"),
        ("password", "new-password"),
        ("current_password", "current-password"),
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("street_address", "address-line1"),
        ("city", "address-level2"),
        ("postal_code", "postal-code"),
        ("country", "country"),
        ("phone", "tel"),
    ],
)
def test_autocomplete_token_follows_the_field_name(name, token):
    soup = render_field(one_field(StringField("Label"), name)[name])
    assert soup.find(id=name)["autocomplete"] == token


def test_a_multi_line_street_field_takes_the_whole_street_address_token():
    soup = render_field(one_field(TextAreaField("Address"), "street_address").street_address)
    assert soup.find(id="street_address")["autocomplete"] == "street-address"


def test_caller_autocomplete_wins():
    soup = render_field(one_field(StringField("E-mail"), "email").email, autocomplete="off")
    assert soup.find(id="email")["autocomplete"] == "off"


def test_unknown_field_names_get_no_autocomplete():
    soup = render_field(one_field(StringField("Favourite cake"), "favourite_cake").favourite_cake)
    assert not soup.find(id="favourite_cake").has_attr("autocomplete")


@pytest.mark.parametrize(
    ("unbound", "accept"),
    [
        (FileField("Card", validators=[FileAllowed(["pdf", "txt"])]), ".pdf,.txt"),
        (MultipleFileField("Documents", validators=[FileAllowed(["PDF", ".docx"])]), ".pdf,.docx"),
        (FileField("Anything"), None),
    ],
)
def test_file_accept_comes_from_file_allowed(unbound, accept):
    control = render_field(one_field(unbound).x).find(id="x")
    assert control["type"] == "file"
    assert control.get("accept") == accept


def test_an_image_only_file_field_gets_a_preview():
    soup = render_field(one_field(FileField("Photo", validators=[FileAllowed(["png", "jpg"])])).x)
    preview = soup.find(id=soup.find(id="x")["data-fw-preview"])
    assert preview["data-fw-preview-for"] == "x"


@pytest.mark.parametrize(
    ("unbound", "arguments"),
    [
        (FileField("Card", validators=[FileAllowed(["pdf"])]), {}),
        (FileField("Photo", validators=[FileAllowed(["png"])]), {"preview": False}),
    ],
)
def test_other_file_fields_get_no_preview(unbound, arguments):
    soup = render_field(one_field(unbound).x, **arguments)
    assert not soup.find(id="x").has_attr("data-fw-preview")
    assert soup.find(id="x-preview") is None


def test_the_current_file_is_shown_when_editing():
    field = one_field(FileField("Photo", validators=[FileAllowed(["png"])])).x
    soup = render_field(field, current_url="/media/tart.png", current_name="tart.png")
    current = soup.find(id="x-current")
    link = current.find("a")
    assert (link["href"], link.get_text()) == ("/media/tart.png", "tart.png")
    assert current.find("img")["src"] == "/media/tart.png"
    assert "x-current" in described_by(soup.find(id="x"))


def test_a_current_file_without_a_url_is_named():
    soup = render_field(one_field(FileField("Card")).x, current_name="card.pdf")
    current = soup.find(id="x-current")
    assert current.get_text(" ", strip=True) == "Current file: card.pdf"
    assert current.find("a") is None


def test_a_textarea_with_a_max_length_counts_characters():
    soup = render_field(one_field(TextAreaField("Bio", validators=[Length(max=200)]), "bio").bio)
    count = soup.find(id="bio-count")
    assert count["data-fw-max"] == "200" and count["data-fw-count-for"] == "bio"
    assert "200 characters" in count.get_text()
    assert "bio-count" in described_by(soup.find("textarea", id="bio"))


def test_a_textarea_without_a_max_length_has_no_count():
    soup = render_field(one_field(TextAreaField("Bio", validators=[Length(min=5)]), "bio").bio)
    assert soup.find(id="bio-count") is None


@pytest.mark.parametrize(("switch", "role"), [(True, "switch"), (False, None)])
def test_a_checkbox_can_be_a_switch(switch, role):
    control = render_field(one_field(BooleanField("Newsletter")).x, switch=switch).find(id="x")
    assert control.get("role") == role
    assert ("form-switch" in control.parent["class"]) is switch


def test_a_slider_shows_its_value_in_an_output():
    soup = render_field(one_field(IntegerRangeField("Spiciness", default=3)).x)
    assert soup.find(id="x")["type"] == "range"
    output = soup.find("output")
    assert (output["for"], output["id"], output.get_text()) == (
        ["x"],
        "x-value",
        "3",
    )  # `for` is a token list


def test_a_hidden_field_is_only_its_input():
    soup = render_field(one_field(HiddenField(default="gallery")).x)
    assert [(tag.name, tag["type"], tag["value"]) for tag in soup.find_all(True)] == [
        ("input", "hidden", "gallery")
    ]


def test_any_field_with_a_hidden_widget_is_only_its_input():
    soup = render_field(one_field(StringField("Token", default="t1", widget=HiddenInput())).x)
    assert [(tag.name, tag["type"], tag["value"]) for tag in soup.find_all(True)] == [
        ("input", "hidden", "t1")
    ]


def test_a_form_draws_a_hidden_widget_field_once_and_unlabelled():
    form = type(
        "TokenForm", (FormworkForm,), {"token": StringField("Token", default="t1", widget=HiddenInput())}
    )()
    soup = render("{{ render_form(form) }}", form=form)
    assert len(soup.find_all("input", attrs={"name": "token"})) == 1
    assert soup.find("label") is None


def test_a_submit_field_is_a_primary_button():
    control = render_field(one_field(SubmitField("Save")).x).find(id="x")
    assert (control.name, control["type"], control["value"]) == ("input", "submit", "Save")
    assert control["class"] == ["btn", "btn-primary"]


def test_a_submit_field_takes_the_callers_class():
    control = render_field(one_field(SubmitField("Back")).x, **{"class": "btn btn-link"}).find(id="x")
    assert control["class"] == ["btn", "btn-link"]


def test_a_button_field_is_a_button_element():
    control = render_field(one_field(ButtonField("Publish now")).x).find(id="x")
    assert (control.name, control.get_text(strip=True)) == ("button", "Publish now")


def every_field(fields):
    """Every leaf field of a form, nested FormFields included."""
    for field in fields:
        if field.type == "FormField":
            yield from every_field(field.form)
        else:
            yield field


@pytest.mark.parametrize("state", ["empty", "filled", "error"])
def test_every_gallery_field_type_renders(state):
    if state == "filled":
        form = FieldTypesForm(formdata=None, data=fixtures.SAMPLE_DATA)
    elif state == "error":
        form = submitted(FieldTypesForm, fixtures.BAD_INPUT)
    else:
        form = FieldTypesForm(formdata=None)
    soup = render("{{ render_form(form) }}", form=form)
    for field in every_field(form):
        # A date in three boxes posts each under its own name; its first box stands for it.
        name = field.part_name("day") if field.type == "DatePartsField" else field.name
        control = soup.find(attrs={"name": name})
        assert control is not None, field.name
        if field.type not in ("HiddenField", "CSRFTokenField", "SubmitField", "ButtonField"):
            assert soup.find("label", attrs={"for": control["id"]}) is not None, field.name


@pytest.mark.parametrize(
    ("sent", "monday"),
    [("2026-W31", datetime.date(2026, 7, 27)), ("2027-W01", datetime.date(2027, 1, 4))],
)
def test_week_fields_read_and_write_iso_weeks_as_browsers_do(sent, monday):
    form = submitted(type("WeekForm", (FormworkSubform,), {"week": IsoWeekField("Week")}), {"week": sent})
    assert form.week.data == monday
    assert render_field(form.week).find("input", id="week")["value"] == sent


def test_a_subclassed_select_is_drawn_as_a_select():
    """The registration's Country (forms.fields.LongSelectField) gets Bootstrap's select styling."""
    soup = render_field(AddressForm().country)
    control = soup.find(id="country")
    assert control.name == "select"
    assert "form-select" in control["class"]
    assert "form-control" not in control["class"]
