"""One call per plain control: everything `render_field` draws around an input, select or textarea.

The label, its required/optional marker, help, errors and the control's attributes
were each a separate helper or macro call from the template; a form page draws a
dozen controls, and each call through Jinja costs more than the work it does.
"""

from typing import Any
from typing import NamedTuple

from wtforms import Field

from macros.fields import control_attrs
from macros.fields import help_text
from macros.fields import is_password
from macros.fields import label_marker
from macros.fields import max_length
from macros.fields import messages
from macros.fields import takes_images


class ControlParts(NamedTuple):
    """What render_field's last branch draws for one field."""

    attrs: dict[str, Any]  # the control's attributes
    label: str
    state: str  # "required" or "optional", the marker's class
    marker: str  # the words after the label, may be empty
    help: str
    messages: list[str]
    count: int | None  # a textarea's character limit, counted live
    image: bool  # a file field that takes images: it gets a preview
    password: bool  # a password box: it gets a Show button


def control_parts(
    field: Field,
    kind: str,
    attrs: dict[str, Any],
    label: str | None = None,
    required_marker: str | None = None,
    optional_marker: str | None = None,
    preview: bool | None = None,
    current: bool = False,
) -> ControlParts:
    """The parts of a plain control; `current` when a file field shows the file it already has."""
    count = max_length(field) if kind == "textarea" else None
    image = kind == "file" and bool(takes_images(field) if preview is None else preview)
    extra_ids = (f"{field.id}-count" if count else None, f"{field.id}-current" if current else None)
    attrs = control_attrs(field, kind, attrs, extra_ids)
    if image:
        attrs["data-fw-preview"] = f"{field.id}-preview"
    state, marker = label_marker(field, required_marker, optional_marker)
    return ControlParts(
        attrs=attrs,
        label=field.label.text if label is None else label,
        state=state,
        marker=marker,
        help=help_text(field),
        messages=messages(field),
        count=count,
        image=image,
        password=is_password(field),
    )
