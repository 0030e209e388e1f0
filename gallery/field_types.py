"""The gallery's form with one field of every type the macro library draws.

The gallery renders each field of it empty, filled in, after real validation of
bad input, disabled and with help text (`gallery/fixtures.py`); the "whole form"
example posts all of it.
"""

import datetime
from decimal import Decimal

from flask_wtf.file import FileAllowed
from flask_wtf.file import FileField
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField
from wtforms import ButtonField
from wtforms import ColorField
from wtforms import DateField
from wtforms import DateTimeLocalField
from wtforms import DecimalField
from wtforms import DecimalRangeField
from wtforms import EmailField
from wtforms import FloatField
from wtforms import FormField
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms import IntegerRangeField
from wtforms import MonthField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SearchField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TelField
from wtforms import TextAreaField
from wtforms import TimeField
from wtforms import URLField
from wtforms.validators import URL
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.validators import Optional
from wtforms.validators import Regexp

from forms.base import FormworkForm
from forms.fields import IsoWeekField
from forms.fields import MultiCheckboxField
from forms.registration import INTERESTS
from forms.registration import PLANS
from forms.registration import AddressForm
from forms.validators import real_number
from gallery.validators import Between
from gallery.validators import dark_enough
from macros.date_parts import DatePartsField
from uploads.images import IMAGE_EXTENSIONS

CATEGORIES = [
    SelectChoice("", "Choose a category"),
    SelectChoice("bread", "Bread"),
    SelectChoice("cake", "Cakes"),
    SelectChoice("soup", "Soups"),
]
EIGHT, TWENTY = datetime.time(8), datetime.time(20)
DIETS = [
    SelectChoice("vegetarian", "Vegetarian"),
    SelectChoice("vegan", "Vegan"),
    SelectChoice("gluten-free", "Gluten-free"),
    SelectChoice("halal", "Halal"),
]


class FieldTypesForm(FormworkForm):
    """One field of every type the macro library draws."""

    name = StringField("Full name", validators=[DataRequired("Enter your full name."), Length(max=80)])
    email = EmailField(
        "E-mail address",
        validators=[
            DataRequired("Enter your e-mail address."),
            Email("Enter an e-mail address like name@example.com."),
        ],
    )
    website = URLField(
        "Website", validators=[Optional(), URL(message="Enter a web address like https://example.com.")]
    )
    phone = TelField(
        "Phone number",
        validators=[
            Optional(),
            Regexp(r"^\+?[0-9 ()-]{6,20}$", message="Enter a phone number, like 01632 960 001."),
        ],
    )
    search = SearchField("Search recipes", validators=[Length(min=2, message="Type at least 2 characters.")])
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Choose a password."),
            Length(min=10, message="Use at least 10 characters."),
        ],
    )
    message = TextAreaField(
        "Message",
        validators=[
            DataRequired("Write your message."),
            Length(max=200, message="Keep it under 200 characters."),
        ],
    )
    servings = IntegerField(
        "Servings",
        validators=[
            InputRequired("Enter a number of servings."),
            real_number,
            NumberRange(1, 24, "Choose 1 to 24 servings."),
        ],
    )
    price = DecimalField(
        "Price in euros",
        places=2,
        validators=[Optional(), real_number, NumberRange(min=0, message="The price cannot be negative.")],
    )
    weight = FloatField(
        "Weight in kilograms",
        validators=[Optional(), real_number, NumberRange(0.01, 50, "Enter 0.01 to 50 kilograms.")],
    )
    spiciness = IntegerRangeField(
        "Spiciness", default=2, validators=[real_number, NumberRange(0, 5, "Choose 0 to 5.")]
    )
    strength = DecimalRangeField(
        "Coffee strength",
        default=Decimal("0.5"),
        validators=[real_number, NumberRange(0, 1, "Choose 0 to 1.")],
    )
    terms = BooleanField(
        "I agree to the terms of use", validators=[DataRequired("Agree to the terms to continue.")]
    )
    newsletter = BooleanField("Monthly newsletter")
    category = SelectField("Category", choices=CATEGORIES, validators=[DataRequired("Choose a category.")])
    diets = SelectMultipleField(
        "Diets", choices=DIETS, validators=[DataRequired("Choose at least one diet.")]
    )
    plan = RadioField("Plan", choices=PLANS, validators=[InputRequired("Choose a plan.")])
    interests = MultiCheckboxField(
        "Interests", choices=INTERESTS, validators=[DataRequired("Choose at least one interest.")]
    )
    birthday = DateField(
        "Date of birth",
        validators=[
            DataRequired("Enter a date, like 1990-04-27."),
            Between(
                datetime.date(1900, 1, 1), datetime.date(2020, 12, 31), "Enter a date from 1900 to 2020."
            ),
        ],
    )
    moved_in = DatePartsField(
        "When did you move in?",
        subject="The date you moved in",
        validators=[DataRequired("Enter the date you moved in.")],
    )
    delivery = DateTimeLocalField(
        "Delivery time",
        validators=[
            DataRequired("Enter a date and time."),
            Between(EIGHT, TWENTY, "Deliveries run from 8:00 to 20:00.", key=datetime.datetime.time),
        ],
    )
    pickup = TimeField(
        "Pick-up time",
        validators=[
            DataRequired("Enter a time, like 17:30."),
            Between(EIGHT, datetime.time(18), "The shop is open from 8:00 to 18:00."),
        ],
    )
    expiry = MonthField(
        "Card expiry month",
        validators=[
            DataRequired("Enter a month, like 2027-09."),
            Between(datetime.date(2026, 1, 1), datetime.date(2040, 12, 1), "That card has expired."),
        ],
    )
    week = IsoWeekField(
        "Holiday week",
        validators=[
            DataRequired("Enter a week, like 2026-W31."),
            Between(
                20, 40, "Holidays can be from week 20 to week 40.", key=lambda day: day.isocalendar().week
            ),
        ],
    )
    colour = ColorField(
        "Theme colour",
        validators=[Regexp(r"^#[0-9a-fA-F]{6}$", message="Choose a colour."), dark_enough],
    )
    recipe_card = FileField(
        "Recipe card", validators=[FileAllowed(["pdf", "txt"], "Choose a PDF or text file.")]
    )
    photo = FileField(
        "Photo", validators=[FileAllowed(IMAGE_EXTENSIONS, "Choose a JPEG, PNG, WebP or GIF image.")]
    )
    documents = MultipleFileField(
        "Documents", validators=[FileAllowed(["pdf", "docx", "txt"], "Choose PDF, DOCX or text files.")]
    )
    token = HiddenField(
        default="gallery", validators=[DataRequired("The form lost its token: reload the page.")]
    )
    address = FormField(AddressForm, label="Delivery address")
    save = SubmitField("Save")
    publish = ButtonField("Publish now")
