"""The form macro library's Python side, beside the templates it serves (`templates/macros/`).

`fields.py` answers `fields.html` (a field's kind, label marker, aria wiring),
`forms.py` answers `forms.html` (rows and columns, buttons, the error summary),
`plain.py` draws a plain control in one call, `groups.py` a checkbox or choice group,
`cells.py` any of those or a nested form, `wrapper.py` a whole form, `progress.py` the
wizard's progress bar, `buttons.py` a form that is one button (`escaping.py` escapes for
them), `rows.py` FieldList rows and their Add/Move/Remove buttons; `reveal.py` and
`date_parts.py` the conditional reveal and the three-box date. `init_app` registers them all.
"""

from flask import Flask

from macros import buttons
from macros import cells
from macros import fields
from macros import forms
from macros import plain
from macros import progress
from macros import reveal
from macros import rows
from macros import wrapper
from macros.date_parts import PARTS


def init_app(app: Flask) -> None:
    """Expose the helpers to every template, the `do` extension, and the marker defaults."""
    app.jinja_env.add_extension("jinja2.ext.do")
    for key, value in fields.MARKER_DEFAULTS.items():
        app.config.setdefault(key, value)
    app.jinja_env.globals.update(
        field_kind=fields.field_kind,
        is_required=fields.is_required,
        label_marker=fields.label_marker,
        help_text=fields.help_text,
        field_messages=fields.messages,
        autocomplete_for=fields.autocomplete_for,
        accept_for=fields.accept_for,
        takes_images=fields.takes_images,
        max_length=fields.max_length,
        describedby=fields.describedby,
        control_attrs=fields.control_attrs,
        draw_control=plain.draw_control,
        draw_cell=cells.draw_cell,
        is_password=fields.is_password,
        date_part_attrs=fields.date_part_attrs,
        DATE_PARTS=PARTS,
        reveals_of=reveal.reveals,
        REVEAL_CHECKED=reveal.CHECKED,
        form_errors=forms.form_errors,
        summary_id=forms.summary_id,
        summary_focus=forms.summary_focus,
        has_file_field=forms.has_file_field,
        has_fieldlist=forms.has_fieldlist,
        layout_rows=forms.layout_rows,
        submit_fields=forms.submit_fields,
        forward_button=forms.forward_button,
        draw_progress=progress.draw_progress,
        button_form_drawer=buttons.ButtonForm,
        form_macro=wrapper.FormMacro,
        field_macro=cells.FieldMacro,
        fields_macro=cells.FieldsMacro,
        fieldlist_row_label=rows.row_label,
        fieldlist_row_title=rows.row_title,
        fieldlist_blank_row=rows.blank_row,
        fieldlist_can_add=rows.can_add,
        fieldlist_can_remove=rows.can_remove,
        FIELDLIST_ADD=rows.ADD_BUTTON,
        FIELDLIST_REMOVE=rows.REMOVE_BUTTON,
        FIELDLIST_MOVE=[("up" if step < 0 else "down", name) for name, step in rows.MOVE_BUTTONS.items()],
    )
