"""A checkbox, and a radio or checkbox group, each drawn in one Python call.

They are `render_field`'s checkbox and radio/checkboxes branches, written
byte for byte as the macro writes them (`tests/test_macros_fast_paths.py` compares
the two), so that `render_form` and `render_fields` draw the preferences step without a macro call per field. A choice with follow-up questions (conditional
reveal) is left to the macro: each function then returns None.
"""

from typing import Any

from markupsafe import Markup
from wtforms import Field

from macros.escaping import quick_escape
from macros.fields import control_attrs
from macros.fields import describedby
from macros.fields import field_kind
from macros.fields import help_text
from macros.fields import label_marker
from macros.fields import messages
from macros.plain import feedback
from macros.plain import marked_label
from macros.reveal import reveals


def label_text(field: Field, named: dict[str, Any], show_optional: bool = True) -> str:
    """The `_label_text` macro: the label, then its required/optional marker."""
    state, words = label_marker(field, named["required_marker"], named["optional_marker"])
    text = field.label.text if named["label"] is None else named["label"]
    return marked_label(text, state, words if show_optional or state == "required" else "")


def has_follow_ups(field: Field, named: dict[str, Any]) -> bool:
    """Whether any option of a choice field reveals follow-up questions (the macro draws those)."""
    return bool(reveals(field) if named["reveal"] is None else named["reveal"])


def draw_checkbox(field: Field, attrs: dict[str, Any], named: dict[str, Any], wrap: str) -> Markup | None:
    """render_field's checkbox branch: a box, its label and feedback; None when it reveals questions."""
    if has_follow_ups(field, named):
        return None
    switch = named["switch"]
    if switch:
        attrs = {**attrs, "role": "switch"}
    horizontal = named["layout"] == "horizontal"
    opening, closing = ('<div class="col-sm-9 offset-sm-3">', "</div>") if horizontal else ("", "")
    control = quick_escape(field(**control_attrs(field, "checkbox", attrs)))
    html = (
        f'\n  <div class="{quick_escape(wrap)}">{opening}'
        f'\n    <div class="form-check{" form-switch" if switch else ""}">\n      {control}'
        f'\n      <label class="form-check-label" for="{quick_escape(field.id)}">{label_text(field, named, False)}</label>'
        f"\n      {feedback(field.id, help_text(field), messages(field))}\n    </div>"
        f"\n  {closing}</div>"
    )
    return Markup(html)  # noqa: S704 (every value is escaped as it is written)


def draw_choices(field: Field, attrs: dict[str, Any], named: dict[str, Any], wrap: str) -> Markup | None:
    """render_field's radio/checkboxes branch: a fieldset of options; None when one reveals questions."""
    if has_follow_ups(field, named):
        return None
    attrs = dict(attrs)
    ids = describedby(
        attrs.pop("aria-describedby", None),
        attrs.pop("aria_describedby", None),
        f"{field.id}-help" if field.description else None,
        f"{field.id}-error" if field.errors else None,
    )
    group_class = attrs.pop("class", "")
    disabled = attrs.pop("disabled", False)
    option_class = "form-check-input is-invalid" if field.errors else "form-check-input"
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field_kind(field) == "checkboxes":  # one box of a group is never "required" on its own
        attrs["required"] = False
    horizontal = named["layout"] == "horizontal"
    fid = quick_escape(field.id)
    out = [
        f'\n  <fieldset class="{quick_escape(wrap)}{f" {quick_escape(group_class)}" if group_class else ""}" id="{fid}"'
    ]
    if ids:
        out.append(f' aria-describedby="{quick_escape(ids)}"')
    if disabled:
        out.append(" disabled")
    legend_class = (
        "col-form-label col-sm-3 pt-0" if horizontal else f"{quick_escape(named['label_class'])} fs-6"
    )
    out.append(f'>\n    <legend class="{legend_class}">{label_text(field, named)}</legend>\n    ')
    if horizontal:
        out.append('<div class="col-sm-9">')
    inline = " form-check-inline" if named["inline"] else ""
    out.extend(
        f'\n    <div class="form-check{inline}">\n      {quick_escape(option(**{"class": option_class, **attrs}))}'
        f'\n      <label class="form-check-label" for="{quick_escape(option.id)}">{quick_escape(option.label.text)}</label>'
        "\n    </div>"
        for option in field
    )
    out.append(f"\n    {feedback(field.id, help_text(field), messages(field))}\n    ")
    if horizontal:
        out.append("</div>")
    out.append("\n  </fieldset>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)
