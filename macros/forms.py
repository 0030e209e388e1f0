"""What `templates/macros/forms.html` asks of a form: its rows and columns, multipart, buttons, error summary."""

from typing import Any
from typing import NamedTuple

from wtforms import Field
from wtforms import Form

from macros.fields import field_kind
from macros.reveal import is_revealed
from macros.rows import blank_row
from macros.tree import walk_fields

# Submit fields with these names step backwards or aside, so they never come first.
SECONDARY_SUBMITS = frozenset({"back", "previous", "cancel", "reset", "delete", "remove"})
GRID_COLUMNS = 12
FILE_FIELDS = frozenset({"FileField", "MultipleFileField"})


class Row(NamedTuple):
    """One line of a form: its cells as (field, column class, render_field keywords); `grid` when it needs a .row."""

    cells: list[tuple[Field, str, dict[str, Any]]]
    grid: bool


def has_file_field(form: Form) -> bool:
    """True when a form (or a nested one) has a file input, so it needs multipart.

    A FieldList with no rows yet counts its blank row: forms.js may add one,
    and the form must already be multipart when it does.
    """
    for field in walk_fields(form, containers=True):
        if field.type in FILE_FIELDS:
            return True
        if field.type == "FieldList" and not field.entries:
            row = blank_row(field)
            if row.type in FILE_FIELDS or (row.type == "FormField" and has_file_field(row.form)):
                return True
    return False


def has_fieldlist(form: Form) -> bool:
    """True when a form has a FieldList, whose add/remove buttons come before the form's own."""
    return any(field.type == "FieldList" for field in walk_fields(form, containers=True))


def _cell(form: Form, spec: str) -> tuple[Field, str]:
    """`"city"` or `"city:8"` (8 of 12 columns from the md breakpoint) as (field, class)."""
    name, _, width = spec.partition(":")
    if name not in form:
        raise KeyError(f"grid names {name!r}, which is not a field of {type(form).__name__}")
    if width and not (width.isdigit() and 1 <= int(width) <= GRID_COLUMNS):
        raise ValueError(f"grid width for {name!r} must be 1 to {GRID_COLUMNS}, not {width!r}")
    return form[name], f"col-md-{width}" if width else "col-md"


def layout_rows(
    form: Form,
    grid: list | str | None = None,
    options: dict[str, Any] | None = None,
    field_attrs: dict[str, dict[str, Any]] | None = None,
) -> list[Row]:
    """The visible fields of `form` in rows: `grid` lists rows of field names, e.g.

    `[["first_name", "last_name"], ["street"], ["city:8", "postal_code:4"]]`.
    A row may also be one string, `"city:8 postal_code:4"`; `grid="columns"` puts
    every field on one row. Rows are drawn in form order (by their first field),
    and fields the grid does not name get a row each. Hidden fields and submit
    buttons are left out: render_form draws them elsewhere. Each cell carries the
    keywords its render_field call takes: `options`, overlaid by the field's own
    `field_attrs` entry.
    """
    options, field_attrs = options or {}, field_attrs or {}
    return [
        Row(
            [
                (field, column, {**options, **field_attrs.get(field.short_name, {})})
                for field, column in cells
            ],
            grid,
        )
        for cells, grid in _rows(form, grid)
    ]


def _rows(form: Form, grid: list | str | None) -> list[Row]:
    """layout_rows' rows, each cell still (field, column class)."""
    if grid == "columns":
        grid = [[field.short_name for field in form if drawn_on_a_row(field)]]
    rows: list[Row] = []
    placed: set[str] = set()
    for line in grid or []:
        specs = line.split() if isinstance(line, str) else list(line)
        cells = [_cell(form, spec) for spec in specs]
        if not cells:
            continue
        placed.update(field.short_name for field, _ in cells)
        rows.append(Row(cells, grid=len(cells) > 1 or cells[0][1] != "col-md"))
    for field in form:
        if field.short_name not in placed and drawn_on_a_row(field):
            rows.append(Row([(field, "")], grid=False))
    if grid:  # keep the form's own order for rows the grid does not mention
        order = {field.short_name: position for position, field in enumerate(form)}
        rows.sort(key=lambda row: order[row.cells[0][0].short_name])
    return rows


def drawn_on_a_row(field: Field) -> bool:
    """False for hidden fields, buttons and follow-up questions drawn inside their choice."""
    return field_kind(field) not in ("hidden", "submit") and not is_revealed(field)


def submit_fields(form: Form) -> tuple[list[Field], list[Field]]:
    """The form's submit buttons as (forward, secondary): Back, Cancel and the like are secondary.

    render_form draws the forward ones, then its `buttons`, then the secondary
    ones, so Enter in a field (which presses the first) never steps back.
    """
    buttons = [field for field in form if field_kind(field) == "submit"]
    secondary = [field for field in buttons if _is_secondary(field)]
    return [field for field in buttons if field not in secondary], secondary


def _is_secondary(field: Field) -> bool:
    render_kw = field.render_kw or {}
    return field.short_name in SECONDARY_SUBMITS or bool(render_kw.get("formnovalidate"))


def forward_button(form: Form, buttons: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """What Enter should submit: {name, value, label}, or None when the form has no button.

    The first forward submit field, else the first of `buttons`, else (a form whose
    only buttons are secondary) the first secondary one.
    """
    forward, secondary = submit_fields(form)
    if not forward and buttons:
        first = buttons[0]
        return {"name": first.get("name"), "value": first.get("value"), "label": first.get("label")}
    fields = forward or secondary
    if not fields:
        return None
    field = fields[0]
    value = field._value() if field.type == "ButtonField" else field.label.text
    return {"name": field.name, "value": value, "label": field.label.text}


# The error summary -----------------------------------------------------------


def anchor_for(field: Field) -> str:
    """The id a summary link jumps to: the control itself, or a group's first option."""
    kind = field_kind(field)
    if kind in ("radio", "checkboxes"):
        first = next(iter(field), None)
        return first.id if first is not None else field.id
    if kind == "hidden":
        return ""  # nothing visible to jump to
    if kind == "dateparts":  # the first wrong box
        return field.part_id(field.invalid_parts[0] if field.invalid_parts else "day")
    return field.id


def form_errors(form: Form) -> list[tuple[str, str]]:
    """(anchor id, message) for every error in `form`, nested ones included, in field order.

    Form-wide errors (WTForms 3's `form.form_errors`) come first, with no anchor.
    A FormField's own form-wide errors (a FieldList row's too) and a FieldList's
    own errors link to their fieldset.
    """
    found: list[tuple[str, str]] = [("", message) for message in getattr(form, "form_errors", [])]
    for field in walk_fields(form, containers=True):
        if field.type == "FormField":
            found.extend((field.id, message) for message in getattr(field.form, "form_errors", []))
        elif field.type == "FieldList":
            found.extend((field.id, m) for m in field.errors if isinstance(m, str))
        elif (
            field.type != "CSRFTokenField" and field.errors
        ):  # a group's anchor builds its options: only if needed
            anchor = anchor_for(field)
            found.extend((anchor, message) for message in field.errors if isinstance(message, str))
    return found


def summary_id(form: Form) -> str:
    """A page-unique id for the summary's heading: forms with a prefix get their own."""
    return f"{getattr(form, '_prefix', '')}error-summary-title"


def summary_focus(form: Form) -> bool:
    """Whether the summary takes focus on load; `meta={"focus_error_summary": False}` turns it off.

    Demonstration forms (the gallery's) use it so they never steal focus from the page.
    """
    return bool(getattr(form.meta, "focus_error_summary", True))
