"""The library's three components: conditional reveal, password reveal, and a date in three boxes."""

import datetime

import pytest
from wtforms import BooleanField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import Optional

from forms.base import FormworkSubform
from macros.date_parts import DatePartsField
from macros.reveal import RevealedBy
from tests.macro_rendering import described_by
from tests.macro_rendering import render
from tests.macro_rendering import render_field
from tests.macro_rendering import submitted
from tests.page_reading import parse
from tests.registration_client import Registration


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


class ContactForm(FormworkSubform):
    contact = RadioField(
        "How should we contact you?",
        choices=[SelectChoice("email", "E-mail"), SelectChoice("phone", "Phone")],
        validators=[Optional()],
    )
    address = StringField(
        "E-mail address", validators=[RevealedBy("contact", "email"), DataRequired("Enter it.")]
    )
    number = StringField(
        "Phone number", validators=[RevealedBy("contact", "phone"), DataRequired("Enter it.")]
    )
    gift = BooleanField("This is a gift")
    note = StringField("Gift message", validators=[RevealedBy("gift"), DataRequired("Write the message.")])


class BirthdayForm(FormworkSubform):
    birthday = DatePartsField(
        "Date of birth", subject="Your date of birth", validators=[DataRequired("Enter your date of birth.")]
    )


# ---- Conditional reveal ----


def test_follow_up_questions_are_drawn_inside_their_choice_and_not_again():
    page = render("{{ render_fields(form) }}", form=ContactForm())
    reveal = page.find(id="contact-0-reveal")
    assert reveal["data-fw-reveal"] == "contact-0"
    assert reveal.find("input", id="address") is not None
    assert page.find(id="contact-1-reveal").find("input", id="number") is not None
    assert page.find(id="gift-reveal").find("input", id="note") is not None
    assert [tag["id"] for tag in page.find_all("input", type="text")] == ["address", "number", "note"]


def test_a_choice_controls_its_follow_up():
    page = render("{{ render_fields(form) }}", form=ContactForm())
    assert page.find(id="contact-0")["aria-controls"] == "contact-0-reveal"
    assert page.find(id="gift")["aria-controls"] == "gift-reveal"
    assert not page.find(id="contact-0-reveal").has_attr("hidden")  # without JavaScript: simply shown


def test_a_follow_up_is_not_validated_when_its_choice_is_not_picked():
    form = submitted(
        ContactForm, {"contact": "phone", "number": "01632 960 001", "address": "typed, then changed"}
    )
    assert form.errors == {}
    assert form.address.data is None  # an answer to a question not asked is not kept


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"contact": "email"}, {"address": ["Enter it."]}),
        ({"contact": "phone"}, {"number": ["Enter it."]}),
        ({"gift": "y"}, {"note": ["Write the message."]}),
    ],
)
def test_a_follow_up_is_validated_when_its_choice_is_picked(data, errors):
    assert submitted(ContactForm, data).errors == errors


def test_a_failing_follow_up_is_linked_from_the_summary():
    page = render("{{ render_form(form) }}", form=submitted(ContactForm, {"gift": "y"}))
    assert page.select_one(".fw-error-summary a")["href"] == "#note"


# ---- Password reveal ----


def test_every_password_field_gets_a_show_button_that_starts_hidden_and_unpressed():
    form = type("F", (FormworkSubform,), {"secret": PasswordField("Password")})()
    page = render_field(form.secret)
    box = page.find("input", id="secret")
    assert box["type"] == "password"
    button = page.find("button", attrs={"data-fw-password": "secret"})
    assert button["type"] == "button"
    assert button["aria-controls"] == "secret"
    assert button["aria-pressed"] == "false"
    assert button.has_attr("hidden")  # useless without JavaScript, so not shown
    assert button.get_text(" ", strip=True) == "Show password"


@pytest.mark.parametrize("url", ["/login", "registration"])
def test_the_product_password_fields_get_the_show_button(client, url):
    response = client.get(Registration(client).url("account") if url == "registration" else url)
    buttons = parse(response).find_all("button", attrs={"data-fw-password": True})
    assert buttons
    assert all(parse(response).find("input", id=b["data-fw-password"])["type"] == "password" for b in buttons)


# ---- A date in three boxes ----


def test_three_boxes_draw_one_field_filled_from_a_date():
    page = render_field(BirthdayForm(data={"birthday": datetime.date(1990, 4, 7)}).birthday)
    boxes = page.select("fieldset#birthday input")
    assert [(box["name"], box["value"]) for box in boxes] == [
        ("birthday-day", "7"),
        ("birthday-month", "4"),
        ("birthday-year", "1990"),
    ]
    assert [box["autocomplete"] for box in boxes] == ["bday-day", "bday-month", "bday-year"]
    assert [page.find("label", attrs={"for": box["id"]}).get_text() for box in boxes] == [
        "Day",
        "Month",
        "Year",
    ]
    assert page.find("legend").get_text(strip=True) == "Date of birth"


def test_three_boxes_give_one_date():
    form = submitted(BirthdayForm, {"birthday-day": " 27", "birthday-month": "03", "birthday-year": "2007"})
    assert form.errors == {}
    assert form.birthday.data == datetime.date(2007, 3, 27)


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("", "", "", "Enter your date of birth.", ["day", "month", "year"]),
        ("27", "", "2007", "Your date of birth must include a month.", ["month"]),
        ("", "3", "", "Your date of birth must include a day and year.", ["day", "year"]),
        ("27", "13", "2007", "Enter the month as a number from 1 to 12.", ["month"]),
        (
            "x",
            "3",
            "07",
            "Enter the day as a number from 1 to 31 and the year with 4 digits, like 2007.",
            ["day", "year"],
        ),
        ("30", "2", "2026", "Your date of birth must be a real date: February 2026 has no day 30.", ["day"]),
        ("٣", "3", "2007", "Enter the day as a number from 1 to 31.", ["day"]),
    ],
)
def test_a_wrong_date_has_one_error_naming_the_wrong_part(day, month, year, message, wrong):
    form = submitted(BirthdayForm, {"birthday-day": day, "birthday-month": month, "birthday-year": year})
    assert form.errors == {"birthday": [message]}
    page = render("{{ render_form(form) }}", form=form)
    invalid = [box["name"].removeprefix("birthday-") for box in page.select("input[aria-invalid=true]")]
    assert invalid == wrong
    assert page.select_one(".fw-error-summary a")["href"] == f"#birthday-{wrong[0]}"
    assert described_by(page.find("fieldset", id="birthday")) == ["birthday-error"]


def test_what_was_typed_comes_back_in_its_box():
    form = submitted(BirthdayForm, {"birthday-day": "31", "birthday-month": "4", "birthday-year": "1990"})
    page = render_field(form.birthday)
    assert [box["value"] for box in page.select("fieldset#birthday input")] == ["31", "4", "1990"]
