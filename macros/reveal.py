"""Conditional reveal: a follow-up question shown under the radio or checkbox that asks for it.

Put `RevealedBy("contact", "phone")` first in the follow-up field's validators: it
is then drawn inside that choice (hidden by forms.js until the choice is picked,
simply shown without JavaScript), and validated only when the choice is picked.
"""

from typing import Any

from wtforms import Field
from wtforms import Form
from wtforms.validators import Optional
from wtforms.validators import StopValidation

CHECKED = "y"  # the value a BooleanField's checkbox sends


class RevealedBy(Optional):
    """Validate this field only when the sibling `controller` has `value` picked (a checkbox: ticked).

    Otherwise its errors are cleared, its data dropped and the chain stopped,
    so an answer to a question the person never opened is never stored. A kind
    of Optional, so Formwork's validator ordering keeps it before DataRequired.
    """

    field_flags: dict[str, Any] = {}

    def __init__(self, controller: str, value: str = CHECKED) -> None:
        super().__init__()
        self.controller = controller
        self.value = value

    def picked(self, form: Form) -> bool:
        """Whether the controlling choice is picked in `form`."""
        return choice_picked(form[self.controller].data, self.value)

    def __call__(self, form: Form, field: Field) -> None:
        if not self.picked(form):
            field.errors[:] = []
            field.data = None
            raise StopValidation()


def choice_picked(data: Any, value: str) -> bool:
    """Whether a choice field's `data` includes `value` (True for a ticked BooleanField)."""
    if isinstance(data, bool):
        return data
    if isinstance(data, (list, tuple)):
        return value in [str(item) for item in data]
    return data is not None and str(data) == value


def revealer(field: Field) -> RevealedBy | None:
    """The field's RevealedBy validator, when it is a follow-up question.

    A plain loop, not next() over a generator: a choice group asks it of every field
    of its form (`reveals`), some forty times on the preferences step.
    """
    for validator in field.validators or ():
        if isinstance(validator, RevealedBy):
            return validator
    return None


def reveals(field: Field) -> dict[str, list[Field]]:
    """The follow-up fields of a choice field, by the option value that reveals them."""
    form = getattr(field, "_form", None)
    found: dict[str, list[Field]] = {}
    if form is None:
        return found
    for sibling in form:
        rule = revealer(sibling)
        if rule is not None and rule.controller == field.short_name:
            found.setdefault(rule.value, []).append(sibling)
    return found


def is_revealed(field: Field) -> bool:
    """True when the field is drawn inside its controller's option, not on a row of its own."""
    rule = revealer(field)
    form = getattr(field, "_form", None)
    return rule is not None and form is not None and rule.controller in form
