"""The contact form, with its two bot traps: a honeypot field and a signed time stamp."""

import time
from email.headerregistry import Address

from email_validator import EmailNotValidError
from email_validator import validate_email
from flask import current_app
from itsdangerous import BadSignature
from itsdangerous import URLSafeSerializer
from wtforms import EmailField
from wtforms import Field
from wtforms import Form
from wtforms import HiddenField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from forms.validators import plain_text
from forms.validators import single_line

SUBJECTS = {
    "question": "A question",
    "account": "My account",
    "feedback": "Feedback on Formwork",
    "bug": "Something does not work",
    "other": "Something else",
}
MESSAGE_MIN, MESSAGE_MAX = 10, 2000


def reply_address(form: Form, field: Field) -> None:
    """An address we can put in Reply-To: valid (no DNS lookup), ASCII before the @, normalised."""
    try:
        result = validate_email(field.data or "", check_deliverability=False, allow_smtputf8=False)
        Address(addr_spec=result.ascii_email)
    except EmailNotValidError as error:
        raise ValidationError(str(error)) from None
    except (ValueError, IndexError):
        raise ValidationError("Enter an e-mail address we can reply to, like name@example.com.") from None
    field.data = result.normalized
    form.reply_to_address = result.ascii_email


def stamp_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="contact-form-shown")


class ContactForm(FormworkForm):
    """Name, e-mail, subject and message; `bot_reason` tells a person from a bot."""

    name = StringField(
        "Your name", validators=[DataRequired("Enter your name."), Length(max=100), single_line]
    )
    email = EmailField(
        "E-mail address",
        description="We only use it to reply to you.",
        validators=[
            DataRequired("Enter your e-mail address, so we can reply."),
            Length(max=254),
            reply_address,
        ],
    )
    subject = SelectField(
        "Subject",
        choices=[SelectChoice("", "Choose a subject")]
        + [SelectChoice(v, label) for v, label in SUBJECTS.items()],
        validators=[DataRequired("Choose what your message is about.")],
    )
    message = TextAreaField(
        "Message",
        validators=[
            DataRequired("Write your message."),
            Length(
                min=MESSAGE_MIN,
                max=MESSAGE_MAX,
                message=f"Write between {MESSAGE_MIN} and {MESSAGE_MAX} characters.",
            ),
            plain_text,
        ],
        render_kw={"rows": 6},
    )
    # The honeypot: hidden from sight, keyboards and screen readers; only a bot fills it in.
    website = StringField("Leave this field empty", render_kw={"tabindex": "-1", "autocomplete": "off"})
    # When the form was shown, signed so a bot cannot claim it waited.
    shown = HiddenField()
    send = SubmitField("Send message")

    reply_to_address = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.posted_stamp = self.shown.data or ""
        if not self.shown.data:  # a fresh page, or one posted without its stamp: stamp it now
            self.shown.data = stamp_serializer().dumps(round(time.time(), 3))

    @property
    def subject_label(self) -> str:
        return SUBJECTS.get(self.subject.data, "Contact")

    def bot_reason(self) -> str | None:
        """Why this looks like a bot ("honeypot", "too fast", "no stamp"), or None for a person."""
        if self.website.data:
            return "honeypot"
        minimum = current_app.config["CONTACT_MIN_SECONDS"]
        if minimum <= 0:
            return None
        try:
            shown = stamp_serializer().loads(self.posted_stamp)
        except BadSignature:
            return "no stamp"
        if not isinstance(shown, int | float) or time.time() - shown < minimum:
            return "too fast"
        return None
