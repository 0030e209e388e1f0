"""FieldList rows as the macro library draws them: their labels, Add/Move/Remove buttons and blank row.

The macros draw an "Add" button (`fw-add=<list name>`) under a FieldList and
"Move up", "Move down" (`fw-move-up`/`fw-move-down=<row name>`) and "Remove"
(`fw-remove=<row name>`) buttons in each row, plain submit buttons that a view
hands to `forms.fieldlist.apply_row_action` before validating, and a blank row
numbered `__index__` for static/js/forms.js, which adds, moves and removes rows
in the page and keeps the names contiguous.
"""

from markupsafe import Markup
from wtforms import Field
from wtforms import FieldList

ADD_BUTTON = "fw-add"
REMOVE_BUTTON = "fw-remove"
MOVE_BUTTONS = {"fw-move-up": -1, "fw-move-down": 1}  # the button's name: which way the row goes
PLACEHOLDER = "__index__"


def can_add(fieldlist: FieldList) -> bool:
    """Whether another row fits under `max_entries`."""
    return not fieldlist.max_entries or len(fieldlist.entries) < fieldlist.max_entries


def can_remove(fieldlist: FieldList) -> bool:
    """Whether a row may go without dropping under `min_entries`."""
    return len(fieldlist.entries) > fieldlist.min_entries


def row_label(fieldlist: FieldList) -> str:
    """What one row is called: the entry field's own label when declared, else the list's.

    `FieldList(FormField(IngredientForm, label="Ingredient"), label="Ingredients")`
    gives rows "Ingredient 1", "Ingredient 2"...
    """
    unbound = fieldlist.unbound_field
    declared = unbound.kwargs.get("label") or next((a for a in unbound.args if isinstance(a, str)), None)
    return str(declared or fieldlist.label.text)


def row_title(fieldlist: FieldList, number: int | str) -> Markup:
    """ "Ingredient <span data-fw-row-number>2</span>": the number is kept up to date by forms.js."""
    return Markup('{} <span data-fw-row-number="">{}</span>').format(row_label(fieldlist), number)


def blank_row(fieldlist: FieldList) -> Field:
    """A fresh, empty row numbered `__index__`, for the page's JavaScript row template.

    Mirrors FieldList._add_entry without touching the list's entries or counter.
    """
    options = {
        "name": f"{fieldlist.name}-{PLACEHOLDER}",
        "id": f"{fieldlist.id}-{PLACEHOLDER}",
        "_meta": fieldlist.meta,
    }
    entry = fieldlist.meta.bind_field(None, fieldlist.unbound_field, options)
    entry.short_name = PLACEHOLDER
    entry.process(None)
    return entry
