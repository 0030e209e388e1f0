"""Turning a form into plain form data and back, for storage beside the session."""

from collections.abc import Iterator

from werkzeug.datastructures import MultiDict
from wtforms import Field
from wtforms import Form

# Never stored: secrets, files (kept by stored name elsewhere), tokens and buttons.
SKIPPED_TYPES = {"PasswordField", "FileField", "MultipleFileField", "CSRFTokenField", "SubmitField"}


def iter_fields(form: Form) -> Iterator[Field]:
    """Every leaf field of a form, nested FormField/FieldList ones included."""
    for field in form:
        if field.type == "FormField":
            yield from iter_fields(field.form)
        elif field.type == "FieldList":
            for entry in field.entries:
                if entry.type == "FormField":
                    yield from iter_fields(entry.form)
                else:
                    yield entry
        else:
            yield field


def field_errors(form: Form) -> dict[str, list[str]]:
    """Field name -> messages of every leaf field with errors."""
    return {field.name: list(field.errors) for field in iter_fields(form) if field.errors}


def stored_fields(form: Form) -> Iterator[Field]:
    """The leaf fields whose values may be kept."""
    return (field for field in iter_fields(form) if field.type not in SKIPPED_TYPES)


def form_to_formdata(form: Form) -> dict[str, list[str]]:
    """What a browser would post to reproduce `form`'s current (cleaned) data."""
    out: dict[str, list[str]] = {}
    for field in stored_fields(form):
        if field.type == "BooleanField":
            if field.data:
                out[field.name] = ["y"]
        elif isinstance(field.data, list | tuple):
            out[field.name] = [str(value) for value in field.data]
        elif hasattr(field, "_value"):
            out[field.name] = [field._value()]
        elif field.data is not None:
            out[field.name] = [str(field.data)]
    return out


def request_to_draft(formdata: MultiDict, form: Form) -> dict[str, list[str]]:
    """What was typed into `form`'s own fields (unvalidated), minus passwords and files."""
    names = {field.name for field in stored_fields(form)}
    return {key: [str(v) for v in formdata.getlist(key)] for key in formdata if key in names}


def to_multidict(data: dict[str, list[str]] | None) -> MultiDict:
    """Stored form data as the MultiDict a form reads."""
    return MultiDict([(key, value) for key, values in (data or {}).items() for value in values])
