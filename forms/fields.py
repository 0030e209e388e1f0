"""Field types WTForms leaves to the application."""

from markupsafe import Markup
from markupsafe import escape
from wtforms import SelectMultipleField
from wtforms import widgets


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a group of checkboxes (the macros draw a fieldset/legend)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class QuickSelect(widgets.Select):
    """A <select> whose plain options skip WTForms' generic attribute builder.

    Same markup as `widgets.Select`; a 250-country list renders several times
    faster. Options with their own attributes take the generic path.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value)
        label = escape(choice.label if choice.label is not None else value)
        selected = " selected" if choice.selected else ""
        return Markup(f'<option{selected} value="{escape(value)}">{label}</option>')  # noqa: S704 (escaped)
