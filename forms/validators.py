"""Reusable validators: account fields, numbers a person can mean, and length checks that come first."""

import math
import re
from decimal import Decimal
from functools import cache

from email_validator import EmailNotValidError
from email_validator import validate_email
from wtforms import Field
from wtforms import Form
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import StopValidation
from wtforms.validators import ValidationError

from models import User
from models import login_key

USERNAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
PASSWORD_MIN_LENGTH = 10
# (test, what the user is told is missing)
PASSWORD_RULES = [
    (lambda p: len(p) >= PASSWORD_MIN_LENGTH, f"at least {PASSWORD_MIN_LENGTH} characters"),
    (lambda p: any(c.isupper() for c in p), "an upper-case letter"),
    (lambda p: any(c.islower() for c in p), "a lower-case letter"),
    (lambda p: any(c.isdigit() for c in p), "a digit"),
    (lambda p: any(not c.isalnum() and not c.isspace() for c in p), "a symbol such as ! or #"),
]

STRENGTH_HELP = "At least 10 characters, with upper- and lower-case letters, a digit and a symbol."


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def strong_password(form: Form, field: Field) -> None:
    """Require every PASSWORD_RULES item, naming exactly what is missing."""
    missing = [message for test, message in PASSWORD_RULES if not test(field.data or "")]
    if missing:
        raise ValidationError(f"Your password needs {join_words(missing)}.")


def username_format(form: Form, field: Field) -> None:
    """Letters, digits and underscores, starting with a letter."""
    if not USERNAME_PATTERN.match(field.data or ""):
        raise ValidationError(
            "Use only letters, digits and underscores, and start with a letter (like ada_lovelace)."
        )


# The longest address the users table stores: one longer is refused by the e-mail field's own
# Length check, and never sent to the database (bounded_chain's promise).
EMAIL_LOOKUP_MAX = User.__table__.c.email.type.length


def username_available(form: Form, field: Field) -> None:
    """The username is not taken by anyone, ignoring case (unless the form leaves that to the database).

    The form's e-mail address is looked up in the same query (`User.logins_taken`); the
    answer waits on the form for `email_available`, which runs later in the same validation.
    """
    if not getattr(form, "check_availability", True):
        return
    email = getattr(form, "email", None)
    address = (email.data or "") if email is not None else ""
    if len(address) > EMAIL_LOOKUP_MAX:  # its length check runs after this field's: leave it to that
        address = ""
    answers = User.logins_taken(field.data or "", address)
    form.logins_looked_up = answers
    if answers[login_key(field.data or "")]:
        raise ValidationError("That username is taken. Please choose another.")


def normalised_email(form: Form, field: Field) -> None:
    """A deliverable-looking address (no DNS lookup), rewritten to its normal form."""
    try:
        result = validate_email(field.data or "", check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(str(exc)) from None
    field.data = result.normalized


def email_available(form: Form, field: Field) -> None:
    """No account uses this e-mail address yet, ignoring case (unless the form leaves that to the database)."""
    if not getattr(form, "check_availability", True):
        return
    looked_up = vars(form).pop("logins_looked_up", {})  # by username_available, this validation
    key = login_key(field.data or "")
    if looked_up[key] if key in looked_up else User.login_taken(field.data or ""):
        raise ValidationError("An account with this e-mail address already exists. Try signing in.")


def real_number(form: Form, field: Field) -> None:
    """Put before NumberRange on Integer/Decimal/Float fields: one clear message per mistake.

    A value WTForms could not read ("abc") already carries its message; the range
    check would add a second, misleading one about None, so validation stops here.
    "NaN" and "Infinity" parse as numbers but are refused (NumberRange lets NaN
    through, and raises on a signalling NaN).
    """
    if field.process_errors:
        raise StopValidation()
    data = field.data
    if (isinstance(data, Decimal) and not data.is_finite()) or (
        isinstance(data, float) and not math.isfinite(data)
    ):
        raise StopValidation(field.gettext("Enter a number."))


class StoppingLength(Length):
    """`Length` that ends the field's validation when it fails: nothing later sees an oversized value."""

    def __call__(self, form: Form, field: Field) -> None:
        try:
            super().__call__(form, field)
        except ValidationError as error:
            raise StopValidation(error.args[0] if error.args else None) from None


# Validators that only look at whether a value is there: they keep their place at the front.
PRESENCE_CHECKS = (DataRequired, InputRequired, Optional)


@cache
def bounded_chain(validators: tuple) -> tuple:
    """`validators` with every `Length` run first (after presence checks) and stopping the chain.

    So a 16 MB value in an e-mail field gets "too long" at once, instead of being
    parsed by email-validator for seconds, and no validator sees more than the maximum.
    """
    presence = [v for v in validators if isinstance(v, PRESENCE_CHECKS)]
    lengths = [StoppingLength(v.min, v.max, v.message) for v in validators if type(v) is Length]
    rest = [v for v in validators if not isinstance(v, PRESENCE_CHECKS) and type(v) is not Length]
    return tuple(presence + lengths + rest)


# Control characters no keyboard types (tab and line breaks aside); PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(form: Form, field: Field) -> None:
    """No control characters other than tabs and line breaks."""
    if CONTROL_CHARACTERS.search(field.data or ""):
        raise ValidationError("Remove the unusual characters (control codes) from this field.")


def single_line(form: Form, field: Field) -> None:
    """One line of plain text: no line breaks or control characters (a name that ends up in a header)."""
    if CONTROL_CHARACTERS.search(field.data or "") or any(c in (field.data or "") for c in "\r\n\t"):
        raise ValidationError("Use one line of plain text.")
