"""Render the form macro library through the real app, and read what it writes as a DOM."""

from bs4 import BeautifulSoup
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from forms.base import FormworkSubform

IMPORTS = (
    '{% from "macros/forms.html" import render_field, render_fields, render_row, render_errors, '
    "render_form, wizard_progress %}"
)


def one_field(unbound, name: str = "x"):
    """A form with just `unbound`, called `name`."""
    return type("OneFieldForm", (FormworkSubform,), {name: unbound})()


def render(source: str, **context) -> BeautifulSoup:
    """`source` run with every macro of macros/forms.html in scope (inside a request context)."""
    return BeautifulSoup(render_template_string(IMPORTS + source, **context), "html.parser")


def render_field(field, **arguments) -> BeautifulSoup:
    """One `render_field` call; `arguments` are its keyword arguments (hyphenated names allowed)."""
    return render("{{ render_field(field, **arguments) }}", field=field, arguments=arguments)


def submitted(form_class, data: dict | None = None, **meta):
    """A form bound to posted `data` and validated, so it carries the errors a user would see."""
    formdata = MultiDict()
    for name, value in (data or {}).items():
        for item in value if isinstance(value, list) else [value]:
            formdata.add(name, item)
    form = form_class(formdata=formdata, meta=meta or None)
    form.validate()
    return form


def described_by(tag) -> list[str]:
    """The ids a control's aria-describedby names, in order."""
    return (tag.get("aria-describedby") or "").split()
