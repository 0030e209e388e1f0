"""A plain control (input, select, textarea, file, range, colour) drawn in one Python call.

`render_field`'s last branch, the one most fields of a page take, was markup around a
dozen expressions, each paid for through Jinja's call machinery. `draw_control` writes
the same markup, byte for byte; `cells.draw_cell` calls it without going through the
macro at all.
"""

from typing import Any

from markupsafe import Markup
from wtforms import Field

from macros.controls import control_parts
from macros.escaping import quick_escape

# The kinds render_field draws in its last branch (macros.fields.KINDS, plus "input").
PLAIN_KINDS = frozenset({"input", "select", "textarea", "file", "range", "color"})

# render_field's named keywords and their defaults (templates/macros/fields.html): any
# other keyword is an HTML attribute of the control.
RENDER_FIELD_DEFAULTS: dict[str, Any] = {
    "required_marker": None,
    "optional_marker": None,
    "label_class": "form-label",
    "wrapper_class": None,
    "layout": "stacked",
    "label": None,
    "switch": False,
    "inline": False,
    "current_url": None,
    "current_name": None,
    "preview": None,
    "grid": None,
    "reveal": None,
}


def wrapper_class(layout: str, wrapper: str | None) -> str:
    """The class of the `<div>` around a field, by layout; `wrapper` replaces the default."""
    if layout == "horizontal":
        return "row " + (wrapper or "mb-3")
    if wrapper is not None:
        return wrapper
    return "col-12 col-md-auto" if layout == "inline" else "mb-3"


def marked_label(text: str, state: str, marker: str) -> str:
    """A label's text, then its required/optional marker when there is one (the `_label_text` macro)."""
    if marker:
        return f'{quick_escape(text)} <span class="fw-{quick_escape(state)}">{quick_escape(marker)}</span>'
    return quick_escape(text)


def draw_control(
    field: Field,
    kind: str,
    attrs: dict[str, Any],
    wrap: str,
    horizontal: bool = False,
    label: str | None = None,
    label_class: str = "form-label",
    required_marker: str | None = None,
    optional_marker: str | None = None,
    preview: bool | None = None,
    current_url: str | None = None,
    current_name: str | None = None,
) -> Markup:
    """A plain field's label, control, count, current file, preview, help and errors."""
    current = kind == "file" and bool(current_url or current_name)
    part = control_parts(field, kind, attrs, label, required_marker, optional_marker, preview, current)
    fid = quick_escape(field.id)
    out = [
        f'<div class="{quick_escape(wrap)}">\n    <label class="',
        "col-sm-3 col-form-label" if horizontal else quick_escape(label_class),
        f'" for="{fid}">{marked_label(part.label, part.state, part.marker)}</label>\n    ',
    ]
    if horizontal:
        out.append('<div class="col-sm-9">')
    control = quick_escape(field(**part.attrs))
    if kind == "range":
        value = "" if field.data is None else quick_escape(field.data)
        out.append(
            f'\n    <div class="d-flex align-items-center gap-3">\n      {control}\n      <output'
            f' class="fw-range-value" id="{fid}-value" for="{fid}">{value}</output>\n    </div>'
        )
    elif part.password:
        disabled = " disabled" if part.attrs.get("disabled") else ""
        out.append(
            f'\n    <div class="input-group has-validation fw-password">\n      {control}\n      <button'
            f' type="button" class="btn btn-outline-secondary fw-password-toggle" data-fw-password="{fid}"\n'
            f'        aria-controls="{fid}" aria-pressed="false"{disabled} hidden>Show<span'
            ' class="visually-hidden"> password</span></button>\n    </div>'
        )
    else:
        out.append(f"\n    {control}")
    if part.count:
        count = quick_escape(part.count)
        out.append(
            f'\n    <div id="{fid}-count" class="form-text fw-count" data-fw-count-for="{fid}"'
            f' data-fw-max="{count}">You can enter up to {count} characters.</div>'
        )
    if current:
        out.append(f'\n    <div id="{fid}-current" class="fw-current-file">')
        if part.image and current_url:
            out.append(
                f'<img src="{quick_escape(current_url)}" alt="" class="fw-thumb" width="48" height="48">'
            )
        if current_url:
            name = quick_escape(current_name or "view it")
            out.append(
                f'\n      <span>Current file: <a href="{quick_escape(current_url)}">{name}</a></span>\n    </div>'
            )
        else:
            out.append(f"\n      <span>Current file: {quick_escape(current_name)}</span>\n    </div>")
    if part.image:
        out.append(f'\n    <div id="{fid}-preview" class="fw-preview" data-fw-preview-for="{fid}"></div>')
    out.append("\n    ")
    out.append(feedback(field.id, part.help, part.messages))
    out.append("\n    ")
    if horizontal:
        out.append("</div>")
    out.append("\n  </div>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)


def feedback(field_id: str, text: str, found: list[str]) -> str:
    """The `_feedback` macro's help then errors, both named by the control's aria-describedby."""
    out = []
    if text:
        out.append(f'<div id="{quick_escape(field_id)}-help" class="form-text">{quick_escape(text)}</div>')
    if found:
        out.append(f'<div id="{quick_escape(field_id)}-error" class="invalid-feedback d-block">')
        out.extend(
            f'<span class="d-block"><span class="visually-hidden">Error: </span>{quick_escape(message)}</span>'
            for message in found
        )
        out.append("</div>")
    return "".join(out)
