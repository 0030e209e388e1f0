"""The review page's answers, read from a step's stored form data without building its form again.

Each form class is looked at once: for every stored field, its label and a reader that
turns the stored values into what `display_value` would show for a form built over them.
A form with a field whose display cannot be read from the stored strings alone (filters,
defaults, coercion, rows that vary per run) has no readers, and its step builds the form.
"""

from collections.abc import Callable
from functools import cache
from typing import Any

from wtforms import Field
from wtforms import Form

from wizard.formdata import SKIPPED_TYPES

Reader = Callable[[list[str]], str]
AnswerReaders = tuple[tuple[str, str, Reader], ...]

# Fields whose shown value (`_value()`) is the stored string itself.
TEXT_TYPES = frozenset({"StringField", "EmailField", "TextAreaField", "TelField", "URLField", "SearchField"})
CHOICE_TYPES = frozenset({"RadioField", "SelectField", "SelectMultipleField", "MultiCheckboxField"})


def display_value(field: Any) -> str:
    """A field's answer as a person reads it: choice labels, Yes/No, 'Not given'."""
    if field.type == "BooleanField":
        return "Yes" if field.data else "No"
    if hasattr(field, "label_of"):  # long lists know their labels without a scan
        return field.label_of(field.data) or "None chosen"
    choices = choice_labels(field) if hasattr(field, "iter_choices") else None
    if choices is not None:
        values = field.data if isinstance(field.data, list) else [field.data]
        shown = [choices.get(str(v), str(v)) for v in values if v not in (None, "")]
        return ", ".join(shown) or "None chosen"
    return (field._value() if hasattr(field, "_value") else str(field.data or "")) or "Not given"


def choice_labels(field: Field) -> dict[str, str]:
    """A choice field's labels by value."""
    return {str(value): label for value, label, *_ in field.iter_choices()}


@cache
def answer_readers(form_class: type[Form]) -> AnswerReaders | None:
    """(field name, label, reader) for each stored field of `form_class`; None when one is not readable."""
    readers: list[tuple[str, str, Reader]] = []
    if not add_readers(form_class(formdata=None, meta={"csrf": False}), readers):
        return None
    return tuple(readers)


def add_readers(form: Form, readers: list[tuple[str, str, Reader]]) -> bool:
    """Append the readers of `form`'s stored fields, nested forms included, in page order; False if one is missing."""
    declared = dict(form._unbound_fields)
    for field in form:
        if field.type == "FieldList":  # its rows vary per run
            return False
        if field.type == "FormField":
            if not add_readers(field.form, readers):
                return False
            continue
        if field.type in SKIPPED_TYPES or field.type == "HiddenField":
            continue
        reader = reader_for(field, declared[field.short_name].kwargs)
        if reader is None:
            return False
        readers.append((field.name, field.label.text, reader))
    return True


def reader_for(field: Field, declared: dict[str, Any]) -> Reader | None:
    """How `display_value` would read `field` over stored values, or None if that needs the field.

    `declared` is the field's keywords in its form class: choices given as a callable may
    change between forms, except a LongSelectField's, a fixed list by contract. Defaults
    are read when they are plain strings.
    """
    default = field.default
    if field.filters or not (default is None or isinstance(default, str)):
        return None
    if field.type == "BooleanField":  # an absent box is unticked, whatever its default
        false_values = field.false_values
        return lambda values: "Yes" if values and values[0] not in false_values else "No"
    if hasattr(field, "label_of"):
        label_of = field.label_of
        return lambda values: label_of(values[0] if values else default) or "None chosen"
    if field.type in CHOICE_TYPES and field.coerce is str and not callable(declared.get("choices")):
        labels = choice_labels(field)
        if field.type in ("SelectMultipleField", "MultiCheckboxField"):  # absent: none chosen
            return lambda values: ", ".join(labels.get(v, v) for v in values if v != "") or "None chosen"
        return lambda values: (
            labels.get(chosen, chosen) if (chosen := first(values, default)) else "None chosen"
        )
    if field.type in TEXT_TYPES:
        return lambda values: first(values, default) or "Not given"
    return None


def first(values: list[str], default: str | None) -> str:
    """A one-value field's stored value; its default when nothing was stored (as WTForms keeps it)."""
    return values[0] if values else (default or "")


def answer_rows(
    form_class: type[Form], answers: dict[str, list[str]], left_out: frozenset[str]
) -> list[tuple[str, str]] | None:
    """(label, answer) pairs of a step's stored answers, or None when its form must be built to read them."""
    readers = answer_readers(form_class)
    if readers is None:
        return None
    return [(label, read(answers.get(name, []))) for name, label, read in readers if name not in left_out]
