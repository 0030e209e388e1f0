"""Forgotten passwords: ask for a reset link, then choose a new password with the registration's rules."""

from wtforms import EmailField
from wtforms import PasswordField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo
from wtforms.validators import Length

from forms.base import FormworkForm
from forms.validators import STRENGTH_HELP
from forms.validators import normalised_email
from forms.validators import strong_password

MAX_PASSWORD = 1024


def new_password_field() -> PasswordField:
    """A new password, held to the registration's rules (PASSWORD_RULES), with their hint."""
    return PasswordField(
        "New password",
        validators=[
            DataRequired("Choose a password."),
            Length(max=MAX_PASSWORD, message="Your password must be at most 1024 characters long."),
            strong_password,
        ],
        description=STRENGTH_HELP,
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )


def confirm_password_field() -> PasswordField:
    """The new password typed again; it must match the `password` field."""
    return PasswordField(
        "Confirm new password",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("password", "The two passwords do not match."),
        ],
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )


class ForgotPasswordForm(FormworkForm):
    """The address of the account; the answer is the same whether or not one uses it."""

    email = EmailField(
        "E-mail address",
        description="The address of your Formwork account. We will send it a link to choose a new password.",
        validators=[
            DataRequired("Enter the e-mail address of your account."),
            Length(max=254),
            normalised_email,
        ],
        render_kw={"spellcheck": "false"},
    )
    submit = SubmitField("Send me a link")


class NewPasswordForm(FormworkForm):
    """A new password typed twice, held to the registration's rules (PASSWORD_RULES)."""

    password = new_password_field()
    confirm_password = confirm_password_field()


class ResetPasswordForm(NewPasswordForm):
    """`/password/reset/<token>`: the new password."""

    submit = SubmitField("Set my new password")
