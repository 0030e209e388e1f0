"""What the gallery says the server received: each field's name, Python type and typed value.

Rows are plain strings, kept in the session until the next page, each value cut
at its field's maximum; a password is never shown.
"""

import datetime
from decimal import Decimal
from typing import Any

from wtforms import Field
from wtforms import Form

from input_limits import clipped
from macros.fields import field_kind
from macros.tree import walk_fields

QUALIFIED_MODULES = frozenset({"datetime", "decimal"})


def received_rows(form: Form) -> list[list[str]]:
    """[name, type, value] of every field that arrived, names without the example's prefix."""
    prefix = getattr(form, "_prefix", "")
    return [
        received_row(field, field.name.removeprefix(prefix))
        for field in walk_fields(form)
        if field.type != "CSRFTokenField" and field_kind(field) != "submit"  # data, not its token or buttons
    ]


def received_row(field: Field, name: str) -> list[str]:
    """One row of the table: what WTForms made of the field, as Python would show it."""
    if field.type == "PasswordField":
        return [name, "str", "(not shown)"]
    return [name, type_name(field.data), shown(bounded(field, field.data)) + choice_label(field)]


def bounded(field: Field, value: Any) -> Any:
    """`value` with its text cut at the field's maximum, so the session keeps only that much."""
    if isinstance(value, str):
        return clipped(field, value)
    if isinstance(value, list):
        return [bounded(field, item) for item in value]
    return value


def type_name(value: Any) -> str:
    """`str`, `bool`, `datetime.date`, `decimal.Decimal`, `list[str]`, `FileStorage`, `NoneType`."""
    if isinstance(value, list):
        inner = sorted({type_name(item) for item in value})
        return f"list[{' | '.join(inner)}]" if inner else "list"
    kind = type(value)
    module = kind.__module__
    return f"{module}.{kind.__name__}" if module in QUALIFIED_MODULES else kind.__name__


def shown(value: Any) -> str:
    """A value as Python writes it, dates in ISO form and files by their name."""
    if isinstance(value, list):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if hasattr(value, "filename"):
        return repr(value.filename or "")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return repr(value)


def choice_label(field: Field) -> str:
    """For a choice field, the label each chosen value stands for: `  (Pro)`."""
    if not hasattr(field, "iter_choices") or field.data in (None, "", []):
        return ""
    labels = [str(choice.label) for choice in field.iter_choices() if choice.selected]
    return f"  ({', '.join(labels)})" if labels else ""
