"""Python helpers behind the Jinja macro library (`templates/macros/forms.html`).

Decisions that need WTForms introspection live here, so the macros stay markup.
"""

from flask import Flask
from flask_wtf.file import FileAllowed
from wtforms import Field
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length

# autocomplete tokens (HTML spec) for the field names used across Formwork.
AUTOCOMPLETE = {
    "username": "username",
    "email": "email",
    "password": "new-password",
    "confirm_password": "new-password",
    "first_name": "given-name",
    "last_name": "family-name",
    "name": "name",
    "street": "street-address",
    "city": "address-level2",
    "region": "address-level1",
    "postal_code": "postal-code",
    "country": "country",
    "phone": "tel",
    "tel": "tel",
    "url": "url",
    "website": "url",
}

# How the macros draw each field type.
KINDS = {
    "BooleanField": "checkbox",
    "RadioField": "radio",
    "SelectField": "select",
    "SelectMultipleField": "select",
    "QuerySelectField": "select",
    "TextAreaField": "textarea",
    "FileField": "file",
    "MultipleFileField": "file",
    "HiddenField": "hidden",
    "CSRFTokenField": "hidden",
    "SubmitField": "submit",
    "FormField": "formfield",
    "FieldList": "fieldlist",
    "IntegerRangeField": "range",
    "DecimalRangeField": "range",
    "ColorField": "color",
}


def field_kind(field: Field) -> str:
    """The macro branch for `field`: input, checkbox, radio, select, ... ."""
    if getattr(field.widget, "input_type", None) == "checkbox" and field.type != "BooleanField":
        return "checkboxes" if hasattr(field, "iter_choices") else "checkbox"
    return KINDS.get(field.type, "input")


def is_required(field: Field) -> bool:
    """True when the field must be filled (DataRequired/InputRequired)."""
    return bool(field.flags.required) or any(
        isinstance(v, (DataRequired, InputRequired)) for v in field.validators
    )


def autocomplete_for(field: Field) -> str | None:
    """The autocomplete token for a field, from its short name; None when unknown."""
    return AUTOCOMPLETE.get(field.short_name)


def accept_for(field: Field) -> str | None:
    """An `accept` attribute from a FileAllowed validator: `.png,.jpg`."""
    for validator in field.validators:
        if isinstance(validator, FileAllowed):
            return ",".join("." + ext.lstrip(".") for ext in validator.upload_set)
    return None


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


def form_errors(form) -> list[tuple[str, str]]:
    """(field id, message) for every error in `form`, nested ones included, in field order.

    Form-wide errors (WTForms 3's `form.form_errors`) come first, with no id.
    """
    found: list[tuple[str, str]] = [("", message) for message in getattr(form, "form_errors", [])]

    def walk(fields) -> None:
        for field in fields:
            if field.type == "FormField":
                walk(field.form)
            elif field.type == "FieldList":
                for entry in field.entries:
                    walk(entry.form if entry.type == "FormField" else [entry])
            elif field.type != "CSRFTokenField":
                found.extend((field.id, message) for message in field.errors if isinstance(message, str))

    walk(form)
    return found


def has_file_field(form) -> bool:
    """True when a form (or a nested one) has a file input, so it needs multipart."""
    for field in form:
        if field.type in ("FileField", "MultipleFileField"):
            return True
        if field.type == "FormField" and has_file_field(field.form):
            return True
    return False


def register_template_helpers(app: Flask) -> None:
    """Expose the helpers to every template."""
    app.jinja_env.globals.update(
        field_kind=field_kind,
        is_required=is_required,
        autocomplete_for=autocomplete_for,
        accept_for=accept_for,
        max_length=max_length,
        describedby=describedby,
        form_errors=form_errors,
        has_file_field=has_file_field,
    )
