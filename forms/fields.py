"""Field types WTForms leaves to the application."""

from functools import cached_property
from typing import Any

from markupsafe import Markup
from markupsafe import escape
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import WeekField
from wtforms import widgets
from wtforms.validators import ValidationError

from forms.base import quick_html_params
from forms.field_copies import copiable_init


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a group of checkboxes (the macros draw a fieldset/legend)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class IsoWeekField(WeekField):
    """A week as `<input type=week>` sends it, ISO 8601 (`2026-W31`); data is that week's Monday.

    WTForms' WeekField reads and writes with `%Y-W%W` (weeks counted from the
    first Monday), one week off the browser's ISO numbering in most years.
    """

    @copiable_init
    def __init__(self, label=None, validators=None, format="%G-W%V", **kwargs) -> None:
        super().__init__(label, validators, format, **kwargs)


class ChoiceList(list[SelectChoice]):
    """A fixed list of plain SelectChoices that also knows its values and labels by heart."""

    @cached_property
    def labels(self) -> dict[str, str]:
        return {str(choice.value): choice.label for choice in self}

    @cached_property
    def options_html(self) -> list[tuple[str, str]]:
        """(value, `<option ...>label</option>` tail) pairs, escaped once."""
        return [(str(c.value), f' value="{escape(c.value)}">{escape(c.label)}</option>') for c in self]

    @cached_property
    def all_options(self) -> str:
        """Every `<option>`, none selected, joined once."""
        return "".join(f"<option{tail}" for _, tail in self.options_html)

    @cached_property
    def option_starts(self) -> dict[str, int] | None:
        """Where each value's `<option` begins in `all_options`; None if a value repeats."""
        starts, position = {}, 0
        for value, tail in self.options_html:
            starts[value] = position
            position += len("<option") + len(tail)
        return starts if len(starts) == len(self) else None

    def options_selecting(self, selected: str | None) -> str:
        """`all_options` with `selected`'s option marked selected."""
        starts = self.option_starts
        if starts is None:
            return "".join(
                f"<option selected{tail}" if value == selected else f"<option{tail}"
                for value, tail in self.options_html
            )
        start = starts.get(selected) if selected is not None else None
        if start is None:
            return self.all_options
        cut = start + len("<option")
        return f"{self.all_options[:cut]} selected{self.all_options[cut:]}"


class QuickSelect(widgets.Select):
    """`<select>` markup identical to WTForms', written from a ChoiceList's pre-escaped options.

    A 250-country list otherwise builds 250 option objects and attribute strings
    on every render. Fields without a ChoiceList take WTForms' own path.
    """

    def __call__(self, field: SelectField, **kwargs: Any) -> Markup:
        if not isinstance(field.choices, ChoiceList) or self.multiple:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = getattr(field.flags, flag)
        options = field.choices.options_selecting(None if field.data is None else str(field.data))
        return Markup(f"<select {quick_html_params(name=field.name, **kwargs)}>{options}</select>")  # noqa: S704


class LongSelectField(SelectField):
    """A SelectField for long fixed lists (countries): lookups instead of scans.

    Give it a ChoiceList, or a callable taking no arguments that returns one
    (`country_choices`, which builds the list once). The list is fixed: a callable must
    give the same one every time, since the field is bound once and its later bindings
    are copies sharing that list (forms/field_copies.py). Validation is a dict lookup and
    rendering uses pre-escaped options; the markup and messages are WTForms' own.

    The callable is called as the field is bound. WTForms would call it at the first
    read of `choices`, after `inspect.signature` (5 us, more in a request) to learn
    whether it wants the form and the field: every page and every validation of a
    form with a country paid for that.
    """

    widget = QuickSelect()

    @copiable_init  # a fixed list: the callable gives the same ChoiceList every time
    def __init__(self, *args, choices=None, **kwargs) -> None:
        super().__init__(*args, choices=choices, **kwargs)
        if callable(choices) or isinstance(choices, ChoiceList):
            # As given or as the callable gives it: SelectField copies lists into plain ones.
            self.choices = choices() if callable(choices) else choices

    def pre_validate(self, form) -> None:
        if not isinstance(self.choices, ChoiceList) or not self.validate_choice:
            return super().pre_validate(form)
        if self.data is None or str(self.data) not in self.choices.labels:
            raise ValidationError(self.invalid_choice_message or self.gettext("Not a valid choice."))
        return None

    def label_of(self, value: str | None) -> str | None:
        """The label shown for a value."""
        return self.choices.labels.get(str(value)) if isinstance(self.choices, ChoiceList) else None
