"""A form's fields (`render_fields`) and each of its cells drawn in Python, the macro as the fallback.

`render_fields` called the `render_field` macro for every cell, and a step page
draws three to eleven of them. Here a plain control, a checkbox, a radio or
checkbox group and a nested form's fieldset are drawn in Python, byte for byte as
the macro draws them (`tests/test_macros_fast_paths.py` compares the two); any
other cell (a FieldList, a three-box date, a choice that reveals follow-up
questions) goes through the `render_field` macro, which the template hands in.
"""

from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from wtforms import Field
from wtforms import Form

from macros.escaping import quick_escape
from macros.fields import describedby
from macros.fields import field_kind
from macros.fields import help_text
from macros.forms import layout_rows
from macros.groups import draw_checkbox
from macros.groups import draw_choices
from macros.plain import PLAIN_KINDS
from macros.plain import RENDER_FIELD_DEFAULTS
from macros.plain import draw_control
from macros.plain import feedback
from macros.plain import wrapper_class

RenderField = Callable[..., Markup]  # the render_field macro


def draw_cell(
    field: Field, options: dict[str, Any], render_field: RenderField | None = None
) -> Markup | None:
    """What `render_field(field, **options)` draws, or None for a kind drawn only by the macro.

    A nested form's fields need `render_field` for the cells they cannot draw; without
    it a FormField is left to the macro too.
    """
    kind = field_kind(field)
    named = dict(RENDER_FIELD_DEFAULTS)
    attrs: dict[str, Any] = {}
    for key, value in options.items():
        (named if key in RENDER_FIELD_DEFAULTS else attrs)[key] = value
    layout = named["layout"]
    wrap = wrapper_class(layout, named["wrapper_class"])
    if kind in PLAIN_KINDS:
        control = draw_control(
            field,
            kind,
            attrs,
            wrap=wrap,
            horizontal=layout == "horizontal",
            label=named["label"],
            label_class=named["label_class"],
            required_marker=named["required_marker"],
            optional_marker=named["optional_marker"],
            preview=named["preview"],
            current_url=named["current_url"],
            current_name=named["current_name"],
        )
        return Markup(f"\n  {control}")  # noqa: S704 (draw_control's own markup)
    if kind == "checkbox":
        return draw_checkbox(field, attrs, named, wrap)
    if kind in ("radio", "checkboxes"):
        return draw_choices(field, attrs, named, wrap)
    if kind == "formfield" and render_field is not None:
        return draw_fieldset(field, attrs, named, render_field)
    return None


class FieldMacro:
    """`render_field` itself: draw_cell first, the `_render_field` macro for the cells it leaves to it.

    The contact page and the gallery call render_field directly, and through the macro
    a plain field paid a Jinja macro call (11 us) before draw_control drew it. Called
    like the macro: the field and its keywords; more positional arguments or a `caller`
    go to the macro as they are.
    """

    def __init__(self, macro: RenderField) -> None:
        self.macro = macro

    def __call__(self, *args: Any, **options: Any) -> Markup:
        if len(args) != 1 or "caller" in options:  # the field by name, more positionals, a call block
            return self.macro(*args, **options)
        (field,) = args  # every keyword is one of the cell's options, as in the macro
        cell = draw_cell(field, options, self)
        return self.macro(field, **options) if cell is None else cell


class FieldsMacro:
    """`render_fields` itself: draw_fields, the `_render_fields` macro's Python twin, with its arguments.

    FieldList rows (`_row`) and forms render_form leaves to its macro called the macro,
    one Jinja macro call a row before any cell was drawn. A `caller` goes to the macro as it is.
    """

    def __init__(self, macro: Callable[..., Markup], render_field: RenderField) -> None:
        self.macro = macro
        self.render_field = render_field

    def __call__(self, *args: Any, **options: Any) -> Markup:
        if not args or "caller" in options:  # the form by name, or a call block
            return self.macro(*args, **options)
        return self.draw(*args, **options)

    def draw(
        self,
        form: Form,
        /,
        grid: list | str | None = None,
        field_attrs: dict[str, dict[str, Any]] | None = None,
        layout: str = "stacked",
        **options: Any,
    ) -> Markup:
        """The macro's parameters bound as it binds them: a keyword named `form` is a cell option."""
        return draw_fields(form, self.render_field, grid, field_attrs, {**options, "layout": layout})


def draw_fields(
    form: Form,
    render_field: RenderField,
    grid: list | str | None = None,
    field_attrs: dict[str, dict[str, Any]] | None = None,
    options: dict[str, Any] | None = None,
) -> Markup:
    """What `render_fields` draws: each row of `layout_rows`, its cells drawn by draw_cell or the macro."""
    out = []
    for row in layout_rows(form, grid, options, field_attrs):
        if row.grid:
            out.append('\n  <div class="row g-3">')
            for field, column, cell_options in row.cells:
                cell = draw_cell(field, cell_options, render_field) or render_field(field, **cell_options)
                out.append(f'\n    <div class="{quick_escape(column)}">{quick_escape(cell)}</div>')
            out.append("\n  </div>")
        else:
            field, _, cell_options = row.cells[0]
            cell = draw_cell(field, cell_options, render_field) or render_field(field, **cell_options)
            out.append(f"\n  {quick_escape(cell)}")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)


def draw_fieldset(
    field: Field, attrs: dict[str, Any], named: dict[str, Any], render_field: RenderField
) -> Markup:
    """render_field's formfield branch: a nested form in a fieldset, its errors, hidden fields and fields."""
    ids = describedby(
        attrs.get("aria-describedby"),
        attrs.get("aria_describedby"),
        f"{field.id}-help" if field.description else None,
        f"{field.id}-error" if field.form.form_errors else None,
    )
    extra_class = attrs.get("class", "")
    fid = quick_escape(field.id)
    out = [
        f'\n  <fieldset class="{quick_escape(named["wrapper_class"] or "mb-3")} fw-fieldset',
        f" {quick_escape(extra_class)}" if extra_class else "",
        f'" id="{fid}"',
    ]
    if ids:
        out.append(f' aria-describedby="{quick_escape(ids)}"')
    if attrs.get("disabled", False):
        out.append(" disabled")
    label = field.label.text if named["label"] is None else named["label"]
    out.append(f'>\n    <legend class="fs-6 fw-semibold">{quick_escape(label)}</legend>')
    if field.description:
        out.append(f'<div id="{fid}-help" class="form-text">{quick_escape(help_text(field))}</div>')
    out.append("\n    ")
    if field.form.form_errors:  # the `_form_errors` macro: `_feedback`'s error list, no help
        out.append(f"\n  {feedback(field.id, '', field.form.form_errors)}")
    out.append("\n    ")
    out.extend(
        quick_escape(sub())
        for sub in field.form
        if field_kind(sub) == "hidden" and sub.type != "CSRFTokenField"
    )
    options = {key: named[key] for key in ("required_marker", "optional_marker", "layout")}
    fields = draw_fields(field.form, render_field, named["grid"], None, options)
    out.append(f"\n    {fields}\n  </fieldset>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)
