"""FieldList rows that work without JavaScript: the Add/Remove buttons are plain submits.

The macro library draws an "Add" button (`fw-add=<list name>`) under a FieldList
and "Move up", "Move down" (`fw-move-up`/`fw-move-down=<row name>`) and "Remove"
(`fw-remove=<row name>`) buttons in each row. A view handles them
before validating, so the page comes back with the row added or removed and
nothing typed lost:

    form = RecipeForm()
    if apply_row_action(form):
        return render_template("recipes/edit.html", form=form)
    if form.validate_on_submit():
        ...

static/js/forms.js does the same in the page when JavaScript runs, and keeps
the names contiguous, so the server receives exactly the rows shown.
"""

from collections.abc import Mapping

from flask import request
from wtforms import Field
from wtforms import FieldList
from wtforms import Form

from macros.rows import ADD_BUTTON
from macros.rows import MOVE_BUTTONS
from macros.rows import REMOVE_BUTTON
from macros.rows import can_add
from macros.tree import walk_fields


def apply_row_action(form: Form, formdata: Mapping[str, str] | None = None) -> bool:
    """Apply the add/remove/move row button the user pressed; True when one was pressed.

    When it returns True the caller renders the form again without validating it.
    Unknown lists, rows out of range, and adds beyond `max_entries` change nothing.
    The first control of the new (or next) row gets `autofocus`.
    """
    formdata = request.form if formdata is None else formdata
    if ADD_BUTTON in formdata:
        fieldlist = find_fieldlist(form, formdata[ADD_BUTTON])
        if fieldlist is not None and can_add(fieldlist):
            _focus(fieldlist, fieldlist.append_entry())
        return True
    if REMOVE_BUTTON in formdata:
        fieldlist, position = pressed_row(form, formdata[REMOVE_BUTTON])
        if fieldlist is not None:
            remove_row(fieldlist, position)
        return True
    for button, offset in MOVE_BUTTONS.items():
        if button in formdata:
            fieldlist, position = pressed_row(form, formdata[button])
            if fieldlist is not None and 0 <= position + offset < len(fieldlist.entries):
                move_row(fieldlist, position, offset)
            return True
    return False


def pressed_row(form: Form, value: str) -> tuple[FieldList | None, int]:
    """The list and position of the row a row button names (`ingredients-2`), or (None, -1)."""
    list_name, _, index = value.rpartition("-")
    fieldlist = find_fieldlist(form, list_name)
    position = row_position(index)
    if fieldlist is None or position is None or position >= len(fieldlist.entries):
        return None, -1
    return fieldlist, position


def row_position(text: str) -> int | None:
    """The row number at the end of a Remove button's value, or None unless it is plain ASCII digits.

    `str.isdigit` alone lets "²" through (int() then fails), and a 5,000-digit
    number exceeds int()'s limit: both must change nothing rather than raise.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return None
    return int(text)


def remove_row(fieldlist: FieldList, position: int) -> None:
    """Remove one row, renumber the rest, and keep at least `min_entries` rows."""
    fieldlist.pop_entry(position)
    while len(fieldlist.entries) < fieldlist.min_entries:
        fieldlist.append_entry()
    if fieldlist.entries:
        _focus(fieldlist, fieldlist.entries[min(position, len(fieldlist.entries) - 1)])
    else:
        fieldlist.focus_add_button = True


def move_row(fieldlist: FieldList, position: int, offset: int) -> None:
    """Swap a row with its neighbour (`offset` -1 or 1), renumber, and focus the button pressed again."""
    entries = fieldlist.entries
    entries[position], entries[position + offset] = entries[position + offset], entries[position]
    fieldlist._compact_indices()  # WTForms' own renumbering, as pop_entry and insert_entry use
    moved = entries[position + offset]
    at_edge = position + offset in (0, len(entries) - 1)
    direction = "up" if offset < 0 else "down"
    fieldlist.focus_move = (moved.name, ("down" if direction == "up" else "up") if at_edge else direction)


def find_fieldlist(form: Form, name: str) -> FieldList | None:
    """The FieldList called `name` (its full, prefixed name) anywhere in `form`."""
    return next(
        (f for f in walk_fields(form, containers=True) if f.type == "FieldList" and f.name == name), None
    )


def _focus(fieldlist: FieldList, entry: Field) -> None:
    """Give the row's first visible control `autofocus` (a fresh render_kw: it is shared)."""
    leaf = entry
    while leaf.type in ("FormField", "FieldList"):
        children = leaf.form if leaf.type == "FormField" else leaf.entries
        visible = [child for child in children if child.type not in ("HiddenField", "CSRFTokenField")]
        if not visible:
            return
        leaf = visible[0]
    leaf.render_kw = {**(leaf.render_kw or {}), "autofocus": True}
