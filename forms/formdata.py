"""What a Formwork form reads from a request: only what a browser could have sent it.

Flask-WTF hands a form `request.files` and `request.form` together, or a JSON
body as a dict. WTForms then trusts the shapes: a file posted under a text
field's name reaches `Length` as a `FileStorage`, a JSON object reaches
`email-validator` as a dict, and a FieldList row index of "²" or of 5,000
digits makes `int()` raise. Each of those was a 500. `clean_formdata` drops,
before any field sees them:

- keys with a row-index segment that is not 1 to 6 ASCII digits (a browser
  only ever sends what forms.js or the server numbered);
- values that are neither text nor a file (JSON numbers, objects, nulls);
- files under the name of a field that does not take files.

A field whose value was dropped behaves as if it had been left empty, so the
user gets that field's ordinary error message. Forms nested in FormFields and
FieldList rows clean their own fields the same way (their Meta runs this too).
"""

from typing import Any

from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import MultiDict
from wtforms import FieldList
from wtforms import FileField
from wtforms import Form
from wtforms import FormField

MAX_INDEX_DIGITS = 6


def sane_key(key: str) -> bool:
    """False when a dash-separated segment of `key` looks like a row index but int() could not take it."""
    return all(
        not segment.isdigit() or (segment.isascii() and len(segment) <= MAX_INDEX_DIGITS)
        for segment in key.split("-")
    )


def clean_formdata(form: Form, formdata: Any) -> Any:
    """`formdata` without what no browser could send to `form`; the same object when nothing is wrong."""
    if formdata is None:
        return None
    keep = []
    dropped = False
    for key, value in formdata.items(multi=True):
        if sane_key(key) and (
            isinstance(value, str) or (isinstance(value, FileStorage) and files_allowed(form, key))
        ):
            keep.append((key, value))
        else:
            dropped = True
    return MultiDict(keep) if dropped else formdata


def files_allowed(form: Form, key: str) -> bool:
    """False when `key` names one of `form`'s fields (or a FieldList row) that does not take files.

    Keys under a FormField, or under a FieldList of FormFields, are left to the
    nested form, which runs this check for its own fields. It reads declarations,
    not the bound tree `macros.tree.walk_fields` walks: formdata is cleaned before
    FormFields build their forms and FieldLists their rows.
    """
    for field in form:
        if key == field.name:
            return isinstance(field, FileField)
        if isinstance(field, FieldList) and key.startswith(field.name + "-"):
            return _row_takes_files(field.unbound_field, key[len(field.name) + 1 :])
        if isinstance(field, FormField) and key.startswith(field.name + field.separator):
            return True
    return True  # no field reads it


def _row_takes_files(unbound: Any, rest: str) -> bool:
    """Whether a FieldList row (`unbound`, the list's row field) takes a file at `<index>[-rest]`."""
    index, _, deeper = rest.partition("-")
    if not index.isdigit():
        return True  # not a row: no field reads it
    field_class = unbound.field_class
    if issubclass(field_class, FormField):
        return True
    if issubclass(field_class, FieldList):
        inner = unbound.args[0] if unbound.args else unbound.kwargs.get("unbound_field")
        return _row_takes_files(inner, deeper) if deeper else False
    return not deeper and issubclass(field_class, FileField)
