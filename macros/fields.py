"""What `templates/macros/fields.html` asks of a field: its kind, labels, aria wiring, attributes.

Decisions that need WTForms introspection live here, so the macros stay markup.
"""

import re
from functools import cache
from typing import Any

from flask import current_app
from flask import has_app_context
from flask_wtf.file import FileAllowed
from wtforms import Field
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length

# autocomplete tokens (HTML spec) for the field names used across Formwork. A street field
# takes `street-address` only as a textarea; on a one-line input that token is invalid HTML,
# so autocomplete_for gives it `address-line1` there.
AUTOCOMPLETE = {
    "username": "username",
    "email": "email",
    "password": "new-password",
    "new_password": "new-password",
    "confirm_password": "new-password",
    "current_password": "current-password",
    "name": "name",
    "full_name": "name",
    "first_name": "given-name",
    "given_name": "given-name",
    "last_name": "family-name",
    "family_name": "family-name",
    "nickname": "nickname",
    "organisation": "organization",
    "organization": "organization",
    "street": "street-address",
    "street_address": "street-address",
    "address_line1": "address-line1",
    "address_line2": "address-line2",
    "city": "address-level2",
    "town": "address-level2",
    "region": "address-level1",
    "county": "address-level1",
    "state": "address-level1",
    "postal_code": "postal-code",
    "postcode": "postal-code",
    "zip": "postal-code",
    "country": "country",
    "phone": "tel",
    "tel": "tel",
    "url": "url",
    "website": "url",
    "birthday": "bday",
    "date_of_birth": "bday",
}

# How the macros draw each field type; anything else is an <input>.
KINDS = {
    "BooleanField": "checkbox",
    "RadioField": "radio",
    "SelectField": "select",
    "SelectMultipleField": "select",
    "QuerySelectField": "select",
    "QuerySelectMultipleField": "select",
    "TextAreaField": "textarea",
    "FileField": "file",
    "MultipleFileField": "file",
    "HiddenField": "hidden",
    "CSRFTokenField": "hidden",
    "SubmitField": "submit",
    "ButtonField": "submit",
    "FormField": "formfield",
    "FieldList": "fieldlist",
    "IntegerRangeField": "range",
    "DecimalRangeField": "range",
    "ColorField": "color",
    "DatePartsField": "dateparts",
}
CONTROL_CLASSES = {
    "select": "form-select",
    "range": "form-range",
    "color": "form-control form-control-color",
    "checkbox": "form-check-input",
}
ROW_SEGMENT = re.compile(r"-(\d+|__index__)(-|$)")  # a FieldList row's index in a field name
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "svg"})
MARKER_DEFAULTS = {"FORM_REQUIRED_MARKER": "", "FORM_OPTIONAL_MARKER": "(optional)"}


def field_kind(field: Field) -> str:
    """The macro branch for `field`: input, checkbox, radio, select, ... .

    Choice fields drawn as groups (any option_widget of checkboxes or radios,
    such as forms.fields.MultiCheckboxField) are "checkboxes" or "radio"; any
    field drawn with a hidden input (`StringField(widget=HiddenInput())`) is "hidden".
    """
    if getattr(field.widget, "input_type", None) == "hidden":
        return "hidden"
    option_type = getattr(getattr(field, "option_widget", None), "input_type", None)
    if option_type == "checkbox":
        return "checkboxes"
    if option_type == "radio":
        return "radio"
    return kind_of_class(type(field))


@cache
def kind_of_class(field_class: type) -> str:
    """The kind of the nearest class in `field_class`'s ancestry that KINDS knows.

    A subclass (forms.fields.LongSelectField, say) is drawn like the WTForms
    field it extends, not as a plain input.
    """
    return next((KINDS[klass.__name__] for klass in field_class.__mro__ if klass.__name__ in KINDS), "input")


def is_password(field: Field) -> bool:
    """True for a password box (PasswordField, or any field drawn with PasswordInput): it gets a Show button."""
    return getattr(field.widget, "input_type", None) == "password"


def date_part_attrs(field: Field, part: str) -> dict[str, Any]:
    """The attributes of one box of a DatePartsField: its wrong parts are marked invalid."""
    invalid = part in field.invalid_parts or (bool(field.errors) and not field.invalid_parts)
    attrs: dict[str, Any] = {
        "class": f"form-control fw-date-{part}" + (" is-invalid" if invalid else ""),
        "id": field.part_id(part),
        "name": field.part_name(part),
        "type": "text",
        "inputmode": "numeric",
        "value": field.parts[part],
    }
    if invalid:
        attrs["aria-invalid"] = "true"
    if autocomplete_for(field) == "bday":
        attrs["autocomplete"] = f"bday-{part}"
    return attrs


def is_required(field: Field) -> bool:
    """True when the field must be filled (DataRequired/InputRequired)."""
    return bool(field.flags.required) or any(
        isinstance(v, (DataRequired, InputRequired)) for v in field.validators
    )


def label_marker(field: Field, required: str | None = None, optional: str | None = None) -> tuple[str, str]:
    """("required" | "optional", words) to print after a label; the words may be empty.

    None means the site-wide default from `FORM_REQUIRED_MARKER` / `FORM_OPTIONAL_MARKER`.
    """
    key = "FORM_REQUIRED_MARKER" if is_required(field) else "FORM_OPTIONAL_MARKER"
    chosen = required if key == "FORM_REQUIRED_MARKER" else optional
    if chosen is None:
        config = current_app.config if has_app_context() else {}
        chosen = config.get(key, MARKER_DEFAULTS[key])
    return ("required" if key == "FORM_REQUIRED_MARKER" else "optional"), chosen or ""


def help_text(field: Field) -> str:
    """The field's description as plain text: the template escapes it, even if it was Markup."""
    return str(field.description) if field.description else ""


def messages(field: Field) -> list[str]:
    """The field's own error messages (a FieldList's also holds its entries' errors)."""
    errors = field.errors if isinstance(field.errors, (list, tuple)) else []
    return [message for message in errors if isinstance(message, str)]


def autocomplete_for(field: Field) -> str | None:
    """The autocomplete token for a field, from its short name and kind; None when unknown.

    Fields inside FieldList rows get none: `ingredients-0-name` names an
    ingredient, not the person, and a browser must not offer their name there.
    """
    if ROW_SEGMENT.search(field.name):
        return None
    autocomplete = AUTOCOMPLETE.get(field.short_name)
    if autocomplete == "street-address" and field_kind(field) != "textarea":
        return "address-line1"
    return autocomplete


def allowed_extensions(field: Field) -> list[str] | None:
    """The extensions a FileAllowed validator lets through, or None without one."""
    for validator in field.validators:
        if isinstance(validator, FileAllowed) and not isinstance(validator.upload_set, str):
            try:
                return [str(ext).lstrip(".").lower() for ext in validator.upload_set]
            except TypeError:  # a Flask-Uploads UploadSet is not iterable
                return None
    return None


def accept_for(field: Field) -> str | None:
    """An `accept` attribute from a FileAllowed validator: `.png,.jpg`."""
    extensions = allowed_extensions(field)
    return ",".join("." + ext for ext in extensions) if extensions else None


def takes_images(field: Field) -> bool:
    """True when a file field only accepts images, so the macros add a preview."""
    accept = (field.render_kw or {}).get("accept", "")
    if accept:
        return all(part.strip().startswith("image/") for part in accept.split(","))
    extensions = allowed_extensions(field)
    return bool(extensions) and set(extensions) <= IMAGE_EXTENSIONS


def max_length(field: Field) -> int | None:
    """The Length(max=...) of a field, for a live character count."""
    for validator in field.validators:
        if isinstance(validator, Length) and validator.max not in (None, -1):
            return validator.max
    return None


def describedby(*ids: str | None) -> str | None:
    """Join non-empty ids for aria-describedby, keeping order, dropping repeats."""
    seen: list[str] = []
    for group in ids:
        for item in (group or "").split():
            if item not in seen:
                seen.append(item)
    return " ".join(seen) or None


def control_attrs(field: Field, kind: str, attrs: dict[str, Any], extra_ids: tuple = ()) -> dict[str, Any]:
    """The attributes for a field's control: classes, aria wiring, autocomplete, accept.

    The caller's `class` and `aria-describedby` (and the field's `render_kw` ones)
    are kept and extended, never replaced.
    """
    attrs = dict(attrs)
    render_kw = field.render_kw or {}
    classes = [
        CONTROL_CLASSES.get(kind, "form-control"),
        "is-invalid" if field.errors else "",
        render_kw.get("class", render_kw.get("class_", "")),
        attrs.pop("class", ""),
        attrs.pop("class_", ""),
    ]
    attrs["class"] = " ".join(c for c in classes if c)
    ids = describedby(
        attrs.pop("aria-describedby", None),
        attrs.pop("aria_describedby", None),
        render_kw.get("aria-describedby", render_kw.get("aria_describedby")),
        f"{field.id}-help" if field.description else None,
        *extra_ids,
        f"{field.id}-error" if field.errors else None,
    )
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    token = autocomplete_for(field)
    if token and "autocomplete" not in attrs and "autocomplete" not in render_kw:
        attrs["autocomplete"] = token
    if kind == "color" and not field._value() and "value" not in attrs:
        attrs["value"] = "#000000"  # what a browser shows for no colour; value="" is invalid HTML
    if kind == "file" and "accept" not in attrs and "accept" not in render_kw:
        accept = accept_for(field)
        if accept:
            attrs["accept"] = accept
    return attrs
