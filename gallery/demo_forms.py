"""The gallery's small real-world forms: layouts, buttons, the error summary, repeating rows.

Declared like any Formwork form, with the registration's own address form and
country list where they need one.
"""

from wtforms import BooleanField
from wtforms import DateField
from wtforms import EmailField
from wtforms import FieldList
from wtforms import FormField
from wtforms import RadioField
from wtforms import SearchField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TelField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import InputRequired
from wtforms.validators import Length

from forms.base import FormworkForm
from forms.fields import LongSelectField
from forms.recipe import ingredient_rows
from forms.registration import AddressForm
from forms.registration import country_choices
from gallery.field_types import CATEGORIES
from macros.reveal import RevealedBy


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
    country = LongSelectField(
        "Country", choices=country_choices, validators=[DataRequired("Choose your country.")]
    )
    ship = SubmitField("Continue")


class BookingDemoForm(FormworkForm):
    """Errors at every depth, for the error summary: a field, a nested one, a row's and the form's."""

    name = StringField("Your name", validators=[DataRequired("Enter your name.")])
    address = FormField(AddressForm, label="Address")
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


class RevealDemoForm(FormworkForm):
    """Conditional reveal: each way of contact asks its own follow-up; a gift asks for a message."""

    contact = RadioField(
        "How should we contact you?",
        choices=[
            SelectChoice("email", "E-mail"),
            SelectChoice("phone", "Phone"),
            SelectChoice("post", "Post"),
        ],
        validators=[InputRequired("Choose how we should contact you.")],
    )
    contact_email = EmailField(
        "E-mail address",
        validators=[
            RevealedBy("contact", "email"),
            DataRequired("Enter your e-mail address."),
            Email("Enter a valid e-mail address."),
        ],
        render_kw={"autocomplete": "email"},
    )
    contact_phone = TelField(
        "Phone number",
        validators=[RevealedBy("contact", "phone"), DataRequired("Enter your phone number.")],
        render_kw={"autocomplete": "tel"},
    )
    gift = BooleanField("This is a gift")
    gift_message = TextAreaField(
        "Gift message",
        validators=[RevealedBy("gift"), DataRequired("Write the gift message."), Length(max=200)],
    )
    send = SubmitField("Continue")
