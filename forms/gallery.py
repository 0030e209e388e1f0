"""The gallery's demonstration forms: one field of every WTForms type, and small real-world forms.

Each form is declared like any Formwork form; the gallery renders it empty,
filled in (`SAMPLE_DATA`), after real validation of bad input (`BAD_INPUT`),
disabled and with help text (`HELP_TEXT`).
"""

import datetime
from decimal import Decimal
from io import BytesIO

from flask_wtf.file import FileAllowed
from flask_wtf.file import FileField
from flask_wtf.file import MultipleFileField
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField
from wtforms import ButtonField
from wtforms import ColorField
from wtforms import DateField
from wtforms import DateTimeLocalField
from wtforms import DecimalField
from wtforms import DecimalRangeField
from wtforms import EmailField
from wtforms import FieldList
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
from forms.base import FormworkSubform
from forms.fields import IsoWeekField
from forms.fields import MultiCheckboxField
from forms.recipe import ingredient_rows
from forms.validators import real_number
from uploads.images import IMAGE_EXTENSIONS

CATEGORIES = [
    SelectChoice("", "Choose a category"),
    SelectChoice("bread", "Bread"),
    SelectChoice("cake", "Cakes"),
    SelectChoice("soup", "Soups"),
]
DIETS = [
    SelectChoice("vegetarian", "Vegetarian"),
    SelectChoice("vegan", "Vegan"),
    SelectChoice("gluten-free", "Gluten-free"),
    SelectChoice("halal", "Halal"),
]
PLANS = [SelectChoice("free", "Free"), SelectChoice("pro", "Pro"), SelectChoice("team", "Team")]
INTERESTS = [
    SelectChoice("baking", "Baking"),
    SelectChoice("preserving", "Preserving"),
    SelectChoice("quick", "Quick meals"),
]
COUNTRIES = [
    SelectChoice("", "Choose a country"),
    SelectChoice("FR", "France"),
    SelectChoice("DE", "Germany"),
    SelectChoice("GB", "United Kingdom"),
]


class AddressDemoForm(FormworkSubform):
    """A postal address, nested as `address-*`."""

    street = StringField("Street address", validators=[DataRequired("Enter the street address.")])
    city = StringField("Town or city", validators=[DataRequired("Enter the town or city.")])
    postal_code = StringField(
        "Postal code", validators=[DataRequired("Enter the postal code."), Length(max=12)]
    )
    country = SelectField("Country", choices=COUNTRIES, validators=[DataRequired("Choose the country.")])


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
    birthday = DateField("Date of birth", validators=[DataRequired("Enter a date, like 1990-04-27.")])
    delivery = DateTimeLocalField("Delivery time", validators=[DataRequired("Enter a date and time.")])
    pickup = TimeField("Pick-up time", validators=[DataRequired("Enter a time, like 17:30.")])
    expiry = MonthField("Card expiry month", validators=[DataRequired("Enter a month, like 2027-09.")])
    week = IsoWeekField("Holiday week", validators=[DataRequired("Enter a week, like 2026-W31.")])
    colour = ColorField("Theme colour", validators=[Regexp(r"^#[0-9a-fA-F]{6}$", message="Choose a colour.")])
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
    address = FormField(AddressDemoForm, label="Delivery address")
    save = SubmitField("Save")
    publish = ButtonField("Publish now")


SAMPLE_DATA = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "website": "https://example.com",
    "phone": "01632 960 001",
    "search": "lemon tart",
    "password": "ignored: password boxes are never refilled",
    "message": "Could the recipe list the oven temperature in both units?",
    "servings": 4,
    "price": Decimal("12.50"),
    "weight": 1.25,
    "spiciness": 4,
    "strength": Decimal("0.8"),
    "terms": True,
    "newsletter": True,
    "category": "cake",
    "diets": ["vegetarian", "gluten-free"],
    "plan": "pro",
    "interests": ["baking", "quick"],
    "birthday": datetime.date(1990, 4, 27),
    "delivery": datetime.datetime(2026, 7, 1, 18, 30),
    "pickup": datetime.time(17, 30),
    "expiry": datetime.date(2027, 9, 1),
    "week": datetime.date(2026, 7, 27),
    "colour": "#2b6cb0",
    "token": "gallery",
    "address": {"street": "12 Rue de la Paix", "city": "Paris", "postal_code": "75002", "country": "FR"},
}

# What a careless visitor types: every field fails its validators.
BAD_INPUT = {
    "name": "",
    "email": "ada@",
    "website": "not a web address",
    "phone": "call me",
    "search": "x",
    "password": "short",
    "message": "x" * 210,
    "servings": "lots",
    "price": "-3",
    "weight": "heavy",
    "spiciness": "9",
    "strength": "3",
    "category": "",
    "plan": "",
    "birthday": "27/04/1990",
    "delivery": "tomorrow",
    "pickup": "teatime",
    "expiry": "September",
    "week": "summer",
    "colour": "blue",
    "token": "",
    "address-street": "",
    "address-city": "",
    "address-postal_code": "",
    "address-country": "",
    "recipe_card": FileStorage(BytesIO(b""), filename="card.exe"),
    "photo": FileStorage(BytesIO(b""), filename="holiday.bmp"),
    "documents": [
        FileStorage(BytesIO(b""), filename="notes.pdf"),
        FileStorage(BytesIO(b""), filename="run.sh"),
    ],
}

HELP_TEXT = {
    "name": "As it appears on your bank card.",
    "email": "We only use it to send your receipts.",
    "website": "Start with https://.",
    "phone": "Include the country code if you live abroad.",
    "search": "Search by title or ingredient.",
    "password": "At least 10 characters.",
    "message": "Tell us what went wrong and what you expected.",
    "servings": "How many people the recipe feeds.",
    "price": "Use a dot for decimals, like 12.50.",
    "weight": "Before cooking.",
    "spiciness": "0 is mild, 5 is very hot.",
    "strength": "From weak (0) to strong (1).",
    "terms": "You can read them on the terms page.",
    "newsletter": "One e-mail a month; unsubscribe at any time.",
    "category": "Where the recipe is listed.",
    "diets": "Hold Ctrl (Cmd on a Mac) to choose more than one.",
    "plan": "You can change plan at any time.",
    "interests": "Pick as many as you like.",
    "birthday": "For example, 1990-04-27.",
    "delivery": "Deliveries run from 8:00 to 20:00.",
    "pickup": "The shop is open until 18:00.",
    "expiry": "As printed on the card.",
    "week": "We pause deliveries that week.",
    "colour": "Used for your profile header.",
    "recipe_card": "A PDF or text file up to 2 MB.",
    "photo": "A JPEG, PNG, WebP or GIF image.",
    "documents": "Choose several files at once.",
    "address": "Where we send the parcel.",
    "save": "",
}


class RecipeDemoForm(FormworkForm):
    """Repeating rows: ingredients (the real recipe form's rows) and tags (single-field rows)."""

    title = StringField(
        "Recipe title", validators=[DataRequired("Give the recipe a title."), Length(max=120)]
    )
    ingredients = ingredient_rows(max_entries=8)
    tags = FieldList(StringField("Tag", validators=[Length(max=30)]), label="Tags", max_entries=4)
    save = SubmitField("Save recipe")


class ContactDemoForm(FormworkForm):
    """A short contact form, for the layouts."""

    name = StringField("Your name", validators=[DataRequired("Enter your name.")])
    email = EmailField(
        "E-mail address",
        validators=[DataRequired("Enter your e-mail address."), Email("Enter a valid e-mail address.")],
    )
    topic = SelectField(
        "Topic",
        choices=[
            SelectChoice("help", "Help with an order"),
            SelectChoice("idea", "An idea"),
            SelectChoice("other", "Something else"),
        ],
    )
    message = TextAreaField("Message", validators=[DataRequired("Write your message."), Length(max=500)])
    copy = BooleanField("Send me a copy")
    send = SubmitField("Send message")


class SearchDemoForm(FormworkForm):
    """A one-line search form, for the inline layout."""

    q = SearchField("Search", validators=[DataRequired("Type something to search for.")])
    category = SelectField("In", choices=[SelectChoice("all", "All recipes"), *CATEGORIES[1:]])
    go = SubmitField("Search")


class ShippingDemoForm(FormworkForm):
    """Names and an address laid out in a grid."""

    first_name = StringField("First name", validators=[DataRequired("Enter your first name.")])
    last_name = StringField("Last name", validators=[DataRequired("Enter your last name.")])
    street = StringField("Street address", validators=[DataRequired("Enter your street address.")])
    city = StringField("Town or city", validators=[DataRequired("Enter your town or city.")])
    postal_code = StringField("Postal code", validators=[DataRequired("Enter your postal code.")])
    country = SelectField("Country", choices=COUNTRIES, validators=[DataRequired("Choose your country.")])
    ship = SubmitField("Continue")


class BookingDemoForm(FormworkForm):
    """Errors at every depth, for the error summary: a field, a nested one, a row's and the form's."""

    name = StringField("Your name", validators=[DataRequired("Enter your name.")])
    address = FormField(AddressDemoForm, label="Address")
    guests = FieldList(
        StringField("Guest", validators=[DataRequired("Enter the guest's name.")]),
        label="Guests",
        min_entries=2,
        max_entries=6,
    )
    arrive = DateField("Arrival", validators=[DataRequired("Enter your arrival date.")])
    leave = DateField("Departure", validators=[DataRequired("Enter your departure date.")])
    book = SubmitField("Book")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.arrive.data and self.leave.data and self.leave.data <= self.arrive.data:
            self.form_errors.append("Your departure must be after your arrival.")
            valid = False
        return valid


class NameDemoForm(FormworkForm):
    """A wizard-like step with no submit field of its own: render_form's buttons draw them."""

    first_name = StringField("First name", validators=[DataRequired("Enter your first name.")])
    last_name = StringField("Last name", validators=[DataRequired("Enter your last name.")])


RECIPE_SAMPLE = {
    "title": "Lemon tart",
    "ingredients": [
        {"name": "Plain flour", "quantity": Decimal("200"), "unit": "g"},
        {"name": "Butter", "quantity": Decimal("100"), "unit": "g"},
        {"name": "Lemons", "quantity": Decimal("3"), "unit": ""},
    ],
    "tags": ["dessert", "citrus"],
}

BOOKING_BAD_INPUT = {
    "name": "",
    "address-street": "1 High Street",
    "address-city": "",
    "address-postal_code": "",
    "address-country": "GB",
    "guests-0": "Grace Hopper",
    "guests-1": "",
    "arrive": "2026-08-10",
    "leave": "2026-08-03",
}
