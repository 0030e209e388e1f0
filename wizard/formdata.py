"""Turning a form into plain form data and back, for storage beside the session."""

from collections.abc import Iterator

from werkzeug.datastructures import MultiDict
from wtforms import Field
from wtforms import Form

from input_limits import kept_values
from macros.tree import walk_fields

# The one list of field types a wizard never stores nor shows as answers: secrets, files
# (kept by stored name elsewhere), tokens and buttons.
SKIPPED_TYPES = frozenset(
    {"PasswordField", "FileField", "MultipleFileField", "CSRFTokenField", "SubmitField", "ButtonField"}
)


def field_errors(form: Form) -> dict[str, list[str]]:
    """Field name -> messages of every leaf field with errors."""
    return {field.name: list(field.errors) for field in walk_fields(form) if field.errors}


def stored_fields(form: Form) -> Iterator[Field]:
    """The leaf fields whose values may be kept."""
    return (field for field in walk_fields(form) if field.type not in SKIPPED_TYPES)


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
    """What was typed into `form`'s own fields (unvalidated), minus passwords and files.

    Each value is cut at its field's maximum, and a field keeps no more values than it takes.
    """
    return {
        field.name: kept_values(field, [str(value) for value in formdata.getlist(field.name)])
        for field in stored_fields(form)
        if field.name in formdata
    }


def to_multidict(data: dict[str, list[str]] | None) -> MultiDict:
    """Stored form data as the MultiDict a form reads."""
    return MultiDict([(key, value) for key, values in (data or {}).items() for value in values])
