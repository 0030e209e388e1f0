"""The registration wizard's three steps: account, profile, preferences."""

from functools import cache

import pycountry
from wtforms import BooleanField
from wtforms import EmailField
from wtforms import FormField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import Regexp
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.fields import ChoiceList
from forms.fields import LongSelectField
from forms.fields import MultiCheckboxField
from forms.uploads import avatar_field
from forms.validators import STRENGTH_HELP
from forms.validators import email_available
from forms.validators import normalised_email
from forms.validators import strong_password
from forms.validators import username_available
from forms.validators import username_format

PLANS = [
    SelectChoice("free", "Free: the basics"),
    SelectChoice("pro", "Pro: unlimited recipes"),
    SelectChoice("team", "Team: share with up to 10 people"),
]
INTERESTS = [
    SelectChoice("baking", "Baking"),
    SelectChoice("vegetarian", "Vegetarian cooking"),
    SelectChoice("quick", "Quick weeknight meals"),
    SelectChoice("preserving", "Preserving and pickling"),
]


@cache
def country_choices() -> ChoiceList:
    """ISO 3166 countries by name, after an empty "choose" option."""
    countries = sorted(pycountry.countries, key=lambda c: getattr(c, "common_name", c.name))
    return ChoiceList(
        [SelectChoice("", "Choose a country")]
        + [SelectChoice(c.alpha_2, getattr(c, "common_name", c.name)) for c in countries]
    )


def choice_label(choices: list[SelectChoice], value: str) -> str:
    """The label shown for `value` among `choices` (the value itself when unknown)."""
    return next((choice.label for choice in choices if choice.value == value), value)


class AccountForm(FormworkForm):
    """Step 1: who you are to the site. The password is hashed as soon as this step is accepted."""

    username = StringField(
        "Username",
        validators=[
            DataRequired("Choose a username."),
            Length(3, 25, "Your username must be 3 to 25 characters long."),
            username_format,
            username_available,
        ],
        description="3 to 25 letters, digits or underscores, starting with a letter.",
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    email = EmailField(
        "E-mail address",
        validators=[
            DataRequired("Enter your e-mail address."),
            Length(max=254),
            normalised_email,
            email_available,
        ],
        render_kw={"spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        description=STRENGTH_HELP,
        render_kw={"maxlength": 1024},
    )
    confirm_password = PasswordField("Confirm password", render_kw={"maxlength": 1024})

    reuse_blank_drawing = True  # the same empty form for everyone (macros/blank_forms.py)
    # True once the wizard holds an accepted password: blank boxes then mean "keep it".
    has_password = False
    # False where the database's unique indexes are the check (a wizard's final confirm):
    # the look-ups would only repeat, racily, what the insert refuses anyway.
    check_availability = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.password.flags.required = self.confirm_password.flags.required = True

    def blank_drawing_variant(self) -> bool:
        """keep_existing_password changes the password boxes' flags and help."""
        return self.has_password

    def keep_existing_password(self) -> None:
        """Let the password boxes stay blank: the wizard already has a hash."""
        self.has_password = True
        self.password.flags.required = self.confirm_password.flags.required = False
        self.password.description = "Leave both password boxes blank to keep the password you chose."

    def validate_password(self, field: PasswordField) -> None:
        if not field.data and self.has_password:
            return
        if not field.data:
            raise ValidationError("Choose a password.")
        if len(field.data) > 1024:
            raise ValidationError("Your password must be at most 1024 characters long.")
        strong_password(self, field)

    def validate_confirm_password(self, field: PasswordField) -> None:
        if not self.password.data and self.has_password:
            if field.data:
                raise ValidationError(
                    "Type the new password in both boxes, or leave both blank to keep the one you chose."
                )
            return
        if field.data != self.password.data:
            raise ValidationError("The two passwords do not match.")


class AddressForm(FormworkSubform):
    """A postal address, nested in the profile step as `address-*`."""

    street = StringField(
        "Street address", validators=[DataRequired("Enter your street address."), Length(max=120)]
    )
    city = StringField("Town or city", validators=[DataRequired("Enter your town or city."), Length(max=80)])
    region = StringField("State, county or region", validators=[Optional(), Length(max=80)])
    postal_code = StringField(
        "Postal code",
        validators=[
            DataRequired("Enter your postal code."),
            Length(max=20),
            Regexp(
                r"^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$", message="Enter a postal code like 12345 or SW1A 1AA."
            ),
        ],
    )
    country = LongSelectField(
        "Country", choices=country_choices, validators=[DataRequired("Choose your country.")]
    )


class ProfileForm(FormworkForm):
    """Step 2: your name and address."""

    reuse_blank_drawing = True

    first_name = StringField(
        "First name", validators=[DataRequired("Enter your first name."), Length(max=80)]
    )
    last_name = StringField("Last name", validators=[DataRequired("Enter your last name."), Length(max=80)])
    address = FormField(AddressForm, label="Address")


class PreferencesForm(FormworkForm):
    """Step 3: plan, newsletter, interests, an optional avatar, and the terms."""

    reuse_blank_drawing = True  # remove_avatar, deleted while no photo is staged, is told by the field names

    plan = RadioField(
        "Plan",
        choices=PLANS,
        default="free",
        validators=[DataRequired("Choose a plan.")],
        description="Formwork is a demonstration: no plan costs anything, and you can change it later.",
    )
    newsletter = BooleanField("Send me the monthly newsletter")
    interests = MultiCheckboxField("Interests", choices=INTERESTS, description="Pick as many as you like.")
    avatar = avatar_field()
    # Shown only while a photo is staged (wizard.registration.PreferencesStep).
    remove_avatar = BooleanField("Remove my photo")
    agree_terms = BooleanField(
        "I agree to the terms of use",
        validators=[DataRequired("You must agree to the terms to create an account.")],
        description="The terms of use are linked above this form.",
    )


class ConfirmForm(FormworkForm):
    """The review page's form: its CSRF token and the Back and Confirm buttons."""

    reuse_blank_drawing = True
