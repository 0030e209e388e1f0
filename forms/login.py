"""The sign-in form."""

from wtforms import BooleanField
from wtforms import PasswordField
from wtforms import StringField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import Length

from forms.base import FormworkForm


class LoginForm(FormworkForm):
    """Username or e-mail, and password."""

    reuse_blank_drawing = True  # the same empty form for everyone (macros/blank_forms.py)

    username = StringField(
        "Username or e-mail",
        validators=[DataRequired("Enter your username or e-mail address."), Length(max=254)],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password."), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")
