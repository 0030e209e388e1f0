"""render_field's accessibility wiring: labels, descriptions, errors, groups, nesting, markers, escaping.

FieldList rows: test_macros_rows.py.
"""

import pytest
from markupsafe import Markup
from wtforms import BooleanField
from wtforms import DateField
from wtforms import FormField
from wtforms import HiddenField
from wtforms import IntegerRangeField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired

from forms.base import FormworkSubform
from forms.fields import MultiCheckboxField
from tests.macro_rendering import described_by
from tests.macro_rendering import one_field
from tests.macro_rendering import render
from tests.macro_rendering import render_field
from tests.macro_rendering import submitted

SCRIPT = "<script>alert(1)</script>"


class AddressForm(FormworkSubform):
    token = HiddenField(default="kept")
    street = StringField("Street", validators=[DataRequired("Enter the street.")])
    city = StringField("Town or city", validators=[DataRequired("Enter the town.")])


class DeliveryForm(FormworkSubform):
    address = FormField(AddressForm, label="Delivery address")


class ProfileForm(FormworkSubform):
    username = StringField(
        "Username", validators=[DataRequired("Choose a username.")], description="Letters and digits."
    )
    nickname = StringField("Nickname")
    plan = RadioField(
        "Plan",
        choices=[SelectChoice("free", "Free"), SelectChoice("pro", "Pro")],
        validators=[InputRequired("Choose a plan.")],
        description="You can change it later.",
    )
    interests = MultiCheckboxField(
        "Interests",
        choices=[SelectChoice("bread", "Bread"), SelectChoice("soup", "Soup")],
        validators=[DataRequired("Pick one.")],
    )
    address = FormField(AddressForm, label="Home address")
    delivery = FormField(DeliveryForm)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    "unbound",
    [
        StringField("Name"),
        TextAreaField("Bio"),
        SelectField("Size", choices=[SelectChoice("S"), SelectChoice("M")]),
        DateField("Day"),
        IntegerRangeField("Level"),
        BooleanField("Agree"),
    ],
)
def test_label_points_at_its_control(unbound):
    soup = render_field(one_field(unbound).x)
    assert soup.label["for"] == "x"
    assert soup.find(id="x").name in ("input", "select", "textarea")


def test_help_and_error_ids_are_joined_in_aria_describedby():
    soup = render_field(submitted(ProfileForm).username)
    assert described_by(soup.find(id="username")) == ["username-help", "username-error"]
    assert soup.find(id="username-help").get_text() == "Letters and digits."
    assert "Choose a username." in soup.find(id="username-error").get_text()


@pytest.mark.parametrize(("name", "own_ids"), [("username", ["username-help"]), ("nickname", [])])
def test_caller_aria_describedby_is_kept(name, own_ids):
    soup = render_field(ProfileForm()[name], **{"aria-describedby": "terms-note"})
    assert described_by(soup.find(id=name)) == ["terms-note", *own_ids]


def test_caller_aria_describedby_is_kept_on_a_radio_group():
    soup = render_field(ProfileForm().plan, **{"aria-describedby": "terms-note"})
    assert described_by(soup.find("fieldset", id="plan")) == ["terms-note", "plan-help"]


def test_aria_invalid_marks_only_the_failing_controls():
    data = {"nickname": "Ada", "address-street": "1 Main St", "delivery-address-street": "2 High St"}
    soup = render("{{ render_fields(form) }}", form=submitted(ProfileForm, data))
    invalid = {tag["name"] for tag in soup.select('[aria-invalid="true"]')}
    assert invalid == {"username", "plan", "interests", "address-city", "delivery-address-city"}
    assert all(
        soup.find(attrs={"name": name}).get("aria-invalid") is None for name in ("nickname", "address-street")
    )


def test_error_text_starts_with_a_visually_hidden_error_prefix():
    error = render_field(submitted(ProfileForm).username).find(id="username-error")
    assert error.select_one(".visually-hidden").get_text() == "Error: "
    assert error.get_text() == "Error: Choose a username."


def test_help_text_stays_shown_next_to_an_error():
    soup = render_field(submitted(ProfileForm).username)
    help_text = soup.find(id="username-help")
    assert help_text.get_text() == "Letters and digits."
    assert "visually-hidden" not in help_text.get("class", []) and not help_text.has_attr("hidden")
    assert soup.find(id="username-error") is not None


@pytest.mark.parametrize(
    ("name", "kind", "legend"), [("plan", "radio", "Plan"), ("interests", "checkbox", "Interests")]
)
def test_choice_groups_are_fieldsets_with_a_legend(name, kind, legend):
    fieldset = render_field(ProfileForm()[name]).find("fieldset", id=name)
    assert fieldset.legend.get_text(" ", strip=True).startswith(legend)
    options = fieldset.find_all("input", type=kind)
    assert [option["id"] for option in options] == [f"{name}-0", f"{name}-1"]
    assert all(fieldset.find("label", attrs={"for": option["id"]}) for option in options)


def test_no_single_box_of_a_required_checkbox_group_is_required():
    boxes = render_field(ProfileForm().interests).find_all("input", type="checkbox")
    assert boxes and not any(box.has_attr("required") for box in boxes)


@pytest.mark.parametrize("name", ["plan", "interests"])
def test_group_error_is_named_by_the_fieldset_and_marks_every_option(name):
    soup = render_field(submitted(ProfileForm)[name])
    assert f"{name}-error" in described_by(soup.find("fieldset", id=name))
    assert all(option.get("aria-invalid") == "true" for option in soup.find_all("input"))


def test_form_field_is_a_fieldset_with_nested_ids():
    soup = render_field(ProfileForm().address)
    fieldset = soup.find("fieldset", id="address")
    assert fieldset.legend.get_text(strip=True) == "Home address"
    city = fieldset.find("input", id="address-city")
    assert city["name"] == "address-city"
    assert fieldset.find("label", attrs={"for": "address-city"}).get_text(strip=True) == "Town or city"
    assert fieldset.find("input", id="address-token")["value"] == "kept"


def test_form_fields_nest_recursively():
    soup = render_field(ProfileForm().delivery)
    inner = soup.find("fieldset", id="delivery").find("fieldset", id="delivery-address")
    assert inner.legend.get_text(strip=True) == "Delivery address"
    assert inner.find("input", id="delivery-address-city")["name"] == "delivery-address-city"


def test_a_disabled_form_field_disables_its_fieldset():
    soup = render_field(ProfileForm().address, disabled=True)
    assert soup.find("fieldset", id="address").has_attr("disabled")
    assert not render_field(ProfileForm().address).find("fieldset", id="address").has_attr("disabled")


def label_text(soup, control_id: str) -> str:
    return soup.find("label", attrs={"for": control_id}).get_text(" ", strip=True)


def test_optional_fields_say_so_in_words_by_default():
    soup = render("{{ render_fields(form) }}", form=ProfileForm())
    assert label_text(soup, "nickname") == "Nickname (optional)"
    assert label_text(soup, "username") == "Username"


def test_markers_come_from_the_config(make_app):
    app = make_app(FORM_REQUIRED_MARKER="(required)", FORM_OPTIONAL_MARKER="")
    with app.test_request_context():
        soup = render("{{ render_fields(form) }}", form=ProfileForm())
    assert label_text(soup, "username") == "Username (required)"
    assert label_text(soup, "nickname") == "Nickname"
    assert soup.find("fieldset", id="plan").legend.get_text(" ", strip=True) == "Plan (required)"


@pytest.mark.parametrize(
    ("arguments", "username", "nickname"),
    [
        ({"required_marker": "(must)"}, "Username (must)", "Nickname (optional)"),
        ({"optional_marker": "(if you like)"}, "Username", "Nickname (if you like)"),
        ({"optional_marker": ""}, "Username", "Nickname"),
    ],
)
def test_macro_arguments_choose_the_markers(arguments, username, nickname):
    soup = render("{{ render_fields(form, **arguments) }}", form=ProfileForm(), arguments=arguments)
    assert label_text(soup, "username") == username
    assert label_text(soup, "nickname") == nickname


def test_markers_reach_the_fields_of_a_nested_form():
    soup = render_field(ProfileForm().address, required_marker="(required)")
    assert label_text(soup, "address-city") == "Town or city (required)"


def test_a_lone_checkbox_has_no_optional_marker():
    assert label_text(render_field(one_field(BooleanField("Agree")).x), "x") == "Agree"


@pytest.mark.parametrize(
    ("unbound", "data"),
    [
        (StringField("Name", description=SCRIPT), None),
        (StringField("Name", description=Markup(SCRIPT)), None),  # noqa: S704 (the point of the test)
        (StringField(SCRIPT), None),
        (StringField("Name", default=SCRIPT), None),
        (TextAreaField("Notes", default="</textarea>" + SCRIPT), None),
        (RadioField("Plan", choices=[SelectChoice("a", SCRIPT)]), None),
        (StringField("Name", validators=[DataRequired(SCRIPT)]), {}),
    ],
    ids=["description", "markup-description", "label", "value", "textarea", "option", "error"],
)
def test_markup_in_field_text_comes_out_as_text(unbound, data):
    form_class = type("OneFieldForm", (FormworkSubform,), {"x": unbound})
    form = form_class() if data is None else submitted(form_class, data)
    soup = render_field(form.x)
    assert soup.find("script") is None
    shown = [soup.get_text(), *(tag.get("value", "") for tag in soup.find_all("input"))]
    assert any(SCRIPT in text for text in shown)
