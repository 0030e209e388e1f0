"""What the error summary lists: every failing field, nested ones included, with its anchor."""

from wtforms import Field
from wtforms import Form

from forms.rendering import field_kind


def anchor_for(field: Field) -> str:
    """The id a summary link jumps to: the control itself, or a group's first option."""
    kind = field_kind(field)
    if kind in ("radio", "checkboxes"):
        first = next(iter(field), None)
        return first.id if first is not None else field.id
    if kind == "hidden":
        return ""  # nothing visible to jump to
    return field.id


def form_errors(form: Form) -> list[tuple[str, str]]:
    """(anchor id, message) for every error in `form`, nested ones included, in field order.

    Form-wide errors (WTForms 3's `form.form_errors`) come first, with no anchor.
    A FormField's own form-wide errors (a FieldList row's too) and a FieldList's
    own errors link to their fieldset.
    """
    found: list[tuple[str, str]] = [("", message) for message in getattr(form, "form_errors", [])]

    def walk(fields) -> None:
        for field in fields:
            if field.type == "FormField":
                found.extend((field.id, message) for message in getattr(field.form, "form_errors", []))
                walk(field.form)
            elif field.type == "FieldList":
                found.extend((field.id, m) for m in field.errors if isinstance(m, str))
                walk(field.entries)  # FormField rows keep their own form-wide errors
            elif field.type != "CSRFTokenField":
                anchor = anchor_for(field)
                found.extend((anchor, message) for message in field.errors if isinstance(message, str))

    walk(form)
    return found


def summary_id(form: Form) -> str:
    """A page-unique id for the summary's heading: forms with a prefix get their own."""
    return f"{getattr(form, '_prefix', '')}error-summary-title"


def summary_focus(form: Form) -> bool:
    """Whether the summary takes focus on load; `meta={"focus_error_summary": False}` turns it off.

    Demonstration forms (the gallery's) use it so they never steal focus from the page.
    """
    return bool(getattr(form.meta, "focus_error_summary", True))
