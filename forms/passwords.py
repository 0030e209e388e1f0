"""Forgotten passwords: ask for a reset link, then choose a new password with the registration's rules."""

from wtforms import EmailField
from wtforms import PasswordField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo
from wtforms.validators import Length

from forms.base import FormworkForm
from forms.validators import normalised_email
from forms.validators import strong_password

RULES_HELP = "At least 10 characters, with upper- and lower-case letters, a digit and a symbol."
MAX_PASSWORD = 1024


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

    password = PasswordField(
        "New password",
        validators=[
            DataRequired("Choose a password."),
            Length(max=MAX_PASSWORD, message="Your password must be at most 1024 characters long."),
            strong_password,
        ],
        description=RULES_HELP,
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        "Confirm new password",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("password", "The two passwords do not match."),
        ],
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )


class ResetPasswordForm(NewPasswordForm):
    """`/password/reset/<token>`: the new password."""

    submit = SubmitField("Set my new password")
