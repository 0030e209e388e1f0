"""Blank forms drawn once: a form holding only its defaults looks the same on every request.

Everyone who opens a registration step for the first time, or the sign-in page, is
shown the same empty form; from one request to the next only its hidden fields differ
(the CSRF token above all). `render_form` (macros/wrapper.py `FormMacro`) keeps the
drawing of such a form and, the next time, writes the request's own hidden fields
between the two halves it kept: the three registration steps' forms took 170, 250 and
300 µs of CPU to draw, and a kept drawing 25 to 33 (`blank_drawing_key` included).

Only a form class that promises it, in its own body (`reuse_blank_drawing = True`, see
forms/base.py; a subclass does not inherit the promise), is reused: built blank (no request
data, no object, no data; `built_blank`), its fields' labels, descriptions, flags, choices
and widgets are those of its class, except for what its `blank_drawing_variant()` returns.
Its fields' values must still be the ones it was built with (`leaf_values`, noted when it
was built): a value set afterwards makes it drawn afresh. The key also holds the field
names (a field deleted for one run), the call's arguments and the label-marker settings.
A form with an error is never reused. Each app keeps at most `MAX_KEPT` drawings, which
hold only markup built from the classes' defaults: no one's answers.
"""

from collections.abc import Hashable

from flask import current_app
from wtforms import Form
from wtforms import FormField
from wtforms.widgets import HiddenInput

from macros.escaping import quick_escape
from macros.tree import walk_fields

MAX_KEPT = 64
MARKER_KEYS = ("FORM_REQUIRED_MARKER", "FORM_OPTIONAL_MARKER")


def promises_blank_drawing(form_class: type) -> bool:
    """Whether `form_class` itself (not a base class) sets `reuse_blank_drawing`."""
    return bool(form_class.__dict__.get("reuse_blank_drawing", False))


def blank_drawing_key(form: object, arguments: tuple, options: dict) -> Hashable | None:
    """What a blank form's drawing depends on, as a dict key; None when it must be drawn afresh."""
    if not promises_blank_drawing(type(form)) or not getattr(form, "built_blank", False):
        return None
    if not unchanged(form):
        return None
    names: list[str] = []
    if not error_free(form, names):
        return None
    config = current_app.config
    return (
        type(form),
        tuple(names),
        getattr(form, "blank_drawing_variant", tuple)(),
        tuple(config.get(key) for key in MARKER_KEYS),
        repr(arguments),
        repr(sorted(options.items())),
    )


def leaf_values(form: Form) -> dict[str, str]:
    """What each visible field of `form` (nested ones included) holds, as text to compare, by field name."""
    return {
        field.name: repr(field.data)
        for field in walk_fields(form)
        if not isinstance(field.widget, HiddenInput)
    }


def unchanged(form: Form) -> bool:
    """Whether each visible field still holds what it held when the form was built (`blank_values`).

    A field deleted since (the names are part of the key) is not asked about.
    """
    built_with = getattr(form, "blank_values", None)
    return built_with is not None and all(
        built_with.get(name, object()) == value for name, value in leaf_values(form).items()
    )


def error_free(form: Form, names: list[str]) -> bool:
    """Whether no field of `form`, nested ones included, has an error; the fields' names go into `names`."""
    if getattr(form, "form_errors", None):
        return False
    for field in form:
        names.append(field.name)
        if isinstance(field, FormField):
            if not error_free(field.form, names):
                return False
        elif field.errors:
            return False
    return True


def token_field(form: Form):
    """The form's CSRF field when it is its only hidden field and holds this request's token, else None."""
    hidden = [field for field in form if isinstance(field.widget, HiddenInput)]
    name = getattr(form.meta, "csrf_field_name", None) if getattr(form.meta, "csrf", False) else None
    if len(hidden) == 1 and hidden[0].short_name == name and getattr(hidden[0], "current_token", None):
        return hidden[0]
    return None


def hidden_halves(form: Form, hidden: str) -> tuple[str, str] | None:
    """The form's hidden fields as drawn (`hidden`), split around its CSRF token: all that changes per request.

    None when anything else could (another hidden field, no token): then they are drawn each time.
    """
    field = token_field(form)
    if field is None:
        return None
    token = str(quick_escape(field.current_token))
    head, found, tail = hidden.partition(token)
    return (head, tail) if found and token not in tail else None


def hidden_now(form: Form, halves: tuple[str, str] | None) -> str:
    """This request's hidden fields: the kept halves around its token, or Flask-WTF's `hidden_tag`."""
    field = token_field(form) if halves is not None else None
    if field is None:
        return str(quick_escape(form.hidden_tag()))  # type: ignore[attr-defined]
    return f"{halves[0]}{quick_escape(field.current_token)}{halves[1]}"
