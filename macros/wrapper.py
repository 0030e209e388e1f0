"""A whole form (`render_form`) and its error summary (`render_errors`) drawn in one Python call.

The wrapper was markup around a score of expressions: the `<form>` tag, the error
summary, the hidden tag, a `render_fields` macro call, the buttons; each paid for
through Jinja's call machinery, on every form page. `draw_form` writes the same
markup, byte for byte (`tests/test_macros_fast_paths.py` compares it with the macro's
own branch), for the common case: a Flask-WTF form, no `{% call %}` body, no
FieldList, buttons given as dicts. For anything else it returns None and the macro
(`_render_form`) draws the form as before; `FormMacro` is the `render_form` templates
call. Its fields are drawn by `cells.draw_fields`; a cell that cannot be drawn in
Python goes through the `render_field` macro, which the template hands in.
"""

from collections.abc import Callable
from collections.abc import Hashable
from typing import Any

from markupsafe import Markup
from wtforms import Form

from macros.blank_forms import MAX_KEPT
from macros.blank_forms import blank_drawing_key
from macros.blank_forms import hidden_halves
from macros.blank_forms import hidden_now
from macros.cells import RenderField
from macros.cells import draw_fields
from macros.escaping import quick_escape
from macros.forms import form_errors
from macros.forms import has_fieldlist
from macros.forms import has_file_field
from macros.forms import submit_fields
from macros.forms import summary_focus
from macros.forms import summary_id


def draw_errors(form: Form, title: str = "There is a problem", focus: bool | None = None) -> Markup:
    """The error summary `render_errors` draws: a link to each failing field; empty without errors."""
    problems = form_errors(form)
    if not problems:
        return Markup("")
    heading_id = quick_escape(summary_id(form))
    live = summary_focus(form) if focus is None else focus
    out = ['<div class="alert alert-danger fw-error-summary"']
    if live:
        out.append(f' role="alert" aria-labelledby="{heading_id}"')
    out.append(' tabindex="-1"')
    if live:
        out.append(" data-fw-focus")
    out.append(f'>\n  <h2 id="{heading_id}" class="h5">{quick_escape(title)}</h2>\n  <ul class="mb-0">')
    for field_id, message in problems:
        if field_id:
            out.append(
                f'\n    <li><a href="#{quick_escape(field_id)}" class="alert-link">{quick_escape(message)}</a></li>'
            )
        else:
            out.append(f"\n    <li>{quick_escape(message)}</li>")
    out.append("\n  </ul>\n</div>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)


class FormMacro:
    """`render_form` itself: `draw_form` first, the Jinja macro for what draw_form leaves to it.

    Through a Jinja macro that only handed its arguments on, a call cost 11 us before
    anything was drawn. Called like the macro: the same arguments, and `caller` from a
    `{% call %}` block (which always goes to the macro).
    """

    def __init__(self, macro: Callable[..., Markup], render_field: RenderField) -> None:
        self.macro = macro
        self.render_field = render_field
        # Blank forms' drawings (macros/blank_forms.py): key -> the markup before and after the
        # hidden fields, and the hidden fields' own markup before and after the CSRF token.
        self.blank_drawings: dict[Hashable, tuple[str, str, tuple[str, str] | None]] = {}

    def __call__(self, *args: Any, caller: Any = None, **kwargs: Any) -> Markup:
        if caller is not None:
            return self.macro(*args, caller=caller, **kwargs)
        form = args[0] if args else kwargs.get("form")
        options = {name: value for name, value in kwargs.items() if name != "form"}
        key = blank_drawing_key(form, args[1:], options)
        kept = self.blank_drawings.get(key) if key is not None else None
        if kept is not None:
            hidden = hidden_now(form, kept[2])
            return Markup("".join((kept[0], hidden, kept[1])))  # noqa: S704 (all of it drawn escaped)
        drawn = draw_form(self.render_field, *args, **kwargs)
        if drawn is None:
            return self.macro(*args, **kwargs)
        if key is not None and len(self.blank_drawings) < MAX_KEPT:
            hidden = hidden_now(form, None)  # the hidden fields as draw_form drew them
            head, found, tail = str(drawn).partition(hidden) if hidden else (str(drawn), "", "")
            if found or not hidden:
                self.blank_drawings[key] = (head, tail, hidden_halves(form, hidden))
        return drawn


def draw_form(
    render_field: RenderField,
    /,
    form: Form,
    action: str = "",
    method: str = "post",
    buttons: list[dict[str, Any]] | None = None,
    button_class: str = "btn btn-primary",
    id: str | None = None,
    novalidate: bool = True,
    layout: str = "stacked",
    grid: list | str | None = None,
    field_attrs: dict[str, dict[str, Any]] | None = None,
    secondary_button_class: str = "btn btn-outline-secondary",
    form_class: str = "",
    summary: bool = True,
    **options: Any,
) -> Markup | None:
    """What `render_form` draws with these arguments (`options`: its other keywords); None when it must draw it."""
    if not hasattr(form, "hidden_tag") or has_fieldlist(form):
        return None
    if any(not isinstance(button, dict) for button in buttons or ()):
        return None
    inline = layout == "inline"
    forward_submits, secondary_submits = submit_fields(form)
    out = [f'<form method="{quick_escape(method)}"']
    if action:
        out.append(f' action="{quick_escape(action)}"')
    if id:
        out.append(f' id="{quick_escape(id)}"')
    out.append(f'\n  class="fw-form fw-form-{quick_escape(layout)}')
    if inline:
        out.append(" row g-3 align-items-end")
    if form_class:
        out.append(f" {quick_escape(form_class)}")
    out.append('"')
    if has_file_field(form):
        out.append(' enctype="multipart/form-data"')
    if novalidate:
        out.append(" novalidate")
    out.append(">")
    if summary and inline and form_errors(form):
        out.append(f'\n  <div class="col-12">{draw_errors(form)}</div>')
    elif summary:
        out.append(draw_errors(form))
    out.append(f"\n  {quick_escape(form.hidden_tag())}")
    fields = draw_fields(
        form, render_field, None if inline else grid, field_attrs, {**options, "layout": layout}
    )
    out.append(f"\n  {fields}")
    outer = "col-12 col-md-auto" if inline else ("row" if layout == "horizontal" else "mt-4")
    inner = " col-sm-9 offset-sm-3" if layout == "horizontal" else ""
    out.append(f'\n  <div class="{outer}">\n  <div class="fw-actions{inner}">')
    # A submit field is its widget alone, as render_field draws it.
    for position, field in enumerate(forward_submits):
        out.append(
            quick_escape(field(**{"class": button_class if position == 0 else secondary_button_class}))
        )
    out.extend(draw_button(button) for button in buttons or ())
    out.extend(quick_escape(field(**{"class": secondary_button_class})) for field in secondary_submits)
    out.append("\n  </div>\n  </div>\n</form>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)


def draw_button(button: dict[str, Any]) -> str:
    """One of render_form's `buttons`: {"name", "value", "label", "style", "formnovalidate"}, each optional."""

    def text(key: str) -> str:  # a missing key prints nothing, as an undefined one does in Jinja
        return quick_escape(button[key]) if key in button else ""

    out = [f'\n    <button type="submit" class="btn btn-{quick_escape(button.get("style") or "primary")}"']
    if button.get("name"):
        out.append(f' name="{text("name")}" value="{text("value")}"')
    if button.get("formnovalidate"):
        out.append(" formnovalidate")
    out.append(f">{text('label')}</button>")
    return "".join(out)
