"""Base form classes: Formwork's forms render their widgets with a faster attribute writer.

WTForms builds every HTML attribute with `Markup.format`, which dominated the cost
of a form page. `Meta.render_field` (WTForms' hook for customising rendering)
here renders each `Input` widget with WTForms' own logic, swapping only the
attribute writer for an equivalent, much faster one. The output is identical
(tests compare it with WTForms' own). It pays: with WTForms' own writer a step GET
costs 0.37 to 0.45 ms more, 22 to 28 % (1.71 against 2.10 ms of CPU in app;
`bench/speed_tricks.py`, four runs on 2026-12-01). `Meta.wrap_formdata` passes
the request's data through `forms.formdata.clean_formdata` first, and
`Meta.bind_field` gives each form a copy of its fields bound once (`forms.field_copies`),
with every `Length` check run first, stopping the chain (`forms.validators.bounded_chain`).
"""

import weakref
from collections.abc import Hashable
from functools import cache
from typing import Any
from typing import ClassVar

from flask_wtf import FlaskForm
from markupsafe import Markup
from markupsafe import escape
from werkzeug.datastructures import MultiDict
from wtforms import Field
from wtforms import Form
from wtforms import widgets
from wtforms.fields.core import Flags
from wtforms.widgets.core import clean_key
from wtforms.widgets.core import html_params

from forms.csrf import CachedPayloadCSRFMeta
from forms.field_copies import bound_copy
from forms.formdata import clean_formdata
from forms.validators import bounded_chain
from macros.blank_forms import leaf_values
from macros.blank_forms import promises_blank_drawing
from macros.escaping import quick_escape


@cache
def attribute_name(key: str) -> str:
    """WTForms' `clean_key` (`class_` -> `class`, `aria_x` -> `aria-x`), worked out once per key."""
    return clean_key(key)


def quick_html_params(**kwargs) -> Markup:
    """Same output as `wtforms.widgets.html_params`, without `Markup.format`."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = attribute_name(key)
        if value is True:
            params.append(key)
        elif value is not False:
            params.append(f'{key}="{quick_escape(value)}"')
    return Markup(" ".join(params))  # noqa: S704 (every value is escaped)


def flags_to_add(flags: Flags, names: list[str], given: dict[str, Any]) -> dict[str, Any]:
    """The flags among `names` that `flags` holds and `given` does not: what WTForms finds through `dir(flags)`.

    WTForms lists `dir(field.flags)` (some forty names) to find the ones in a widget's
    `validation_attrs`: 4 us of a 10 us `<input>`. The flags a field has are its `Flags`
    object's own attributes, so its `__dict__` holds the same ones.
    """
    own = vars(flags)
    return {name: own[name] for name in names if name in own and name not in given}


class QuickInputCall(widgets.Input):
    """WTForms' `Input.__call__`, markup for markup, reading the field's flags without `dir()` (flags_to_add).

    `quick_class` puts this class under the widget's own, so a widget whose `__call__`
    ends in `super().__call__` (password, checkbox, file, number) reaches it too. Flags
    of any other type, or a widget without `validation_attrs`, are left to WTForms' own
    `__call__`; tests/test_forms_base.py compares the two.
    """

    def __call__(self, field: Field, **kwargs: Any) -> Markup:
        flags = getattr(field, "flags", None)
        validation_attrs = getattr(self, "validation_attrs", None)
        if type(flags) is not Flags or validation_attrs is None:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("type", self.input_type)
        if "value" not in kwargs:
            kwargs["value"] = field._value()
        datalist = getattr(field, "_datalist", None)
        if datalist is not None and "list" not in kwargs:
            kwargs["list"] = datalist if isinstance(datalist, str) else datalist.id
        for key, value in flags_to_add(flags, validation_attrs, kwargs).items():
            kwargs[key] = value() if callable(value) else value
        return Markup(f"<input {self.html_params(name=field.name, **kwargs)}>")  # noqa: S704 (escaped)


@cache
def quick_class(widget_class: type) -> type:
    """A subclass of an Input widget class that writes attributes with quick_html_params.

    QuickInputCall comes after the widget's class in its order, standing in for `Input`'s `__call__`.
    """
    return type(
        f"Quick{widget_class.__name__}",
        (widget_class, QuickInputCall),
        {"html_params": staticmethod(quick_html_params)},
    )


class QuickTextArea(widgets.TextArea):
    """WTForms' TextArea, writing its attributes with quick_html_params and reading flags by flags_to_add (same markup)."""

    def __call__(self, field: Field, **kwargs: Any) -> Markup:
        flags = getattr(field, "flags", None)
        if type(flags) is not Flags:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        kwargs.update(flags_to_add(flags, self.validation_attrs, kwargs))
        params = quick_html_params(name=field.name, **kwargs)
        return Markup(f"<textarea {params}>\r\n{escape(field._value())}</textarea>")  # noqa: S704


QUICK_TEXTAREA = QuickTextArea()
_QUICK: "weakref.WeakKeyDictionary[object, object]" = weakref.WeakKeyDictionary()


def quick_widget(widget: Any) -> Any:
    """The quick twin of a widget instance (same settings), or the widget itself."""
    if type(widget) is widgets.TextArea:  # no settings of its own
        return QUICK_TEXTAREA
    if not isinstance(widget, widgets.Input) or type(widget).html_params is not html_params:
        return widget
    twin = _QUICK.get(widget)
    if twin is None:
        twin = object.__new__(quick_class(type(widget)))
        twin.__dict__.update(widget.__dict__)
        _QUICK[widget] = twin
    return twin


class QuickRenderMeta:
    """Meta mixin: render fields through their quick widget twins, and read only sane form data."""

    def wrap_formdata(self, form: Form, formdata: Any) -> Any:
        try:
            formdata = super().wrap_formdata(form, formdata)  # type: ignore[misc]
        except (TypeError, ValueError):  # a JSON body that is not an object: as good as empty
            formdata = MultiDict()
        else:
            formdata = clean_formdata(form, formdata)
        form.given_formdata = formdata is not None  # for FormworkForm.process: was it built blank?
        return formdata

    def bind_field(self, form: Form, unbound_field: Any, options: dict[str, Any]) -> Field:
        return bound_copy(
            form, unbound_field, options, lambda: self.bind_afresh(form, unbound_field, options)
        )

    def bind_afresh(self, form: Form, unbound_field: Any, options: dict[str, Any]) -> Field:
        """Bind as WTForms does, with the `Length` checks first (what `bound_copy` keeps and copies)."""
        field = super().bind_field(form, unbound_field, options)  # type: ignore[misc]
        if field.validators:
            field.validators = list(bounded_chain(tuple(field.validators)))
        return field

    def render_field(self, field: Field, render_kw: dict[str, Any]) -> Markup:
        render_kw = {attribute_name(k): v for k, v in render_kw.items()}
        if field.render_kw:
            render_kw = {**{attribute_name(k): v for k, v in field.render_kw.items()}, **render_kw}
        return quick_widget(field.widget)(field, **render_kw)


class FormworkForm(FlaskForm):
    """Base of every Formwork page form: CSRF (Flask-WTF's tokens, see forms/csrf.py) and quick rendering.

    A class sets `reuse_blank_drawing` in its own body (its subclasses do not inherit it) to
    promise that, built blank, it is drawn the same every time but for what
    `blank_drawing_variant` returns: `render_form` then draws it
    once and reuses the drawing (macros/blank_forms.py). `built_blank` says whether this
    form was built (or last processed) from nothing but its fields' defaults.
    """

    reuse_blank_drawing: ClassVar[bool] = False
    built_blank = False

    class Meta(CachedPayloadCSRFMeta, QuickRenderMeta):
        pass

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs) -> None:
        self.given_formdata = True  # unless Meta.wrap_formdata finds none
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)
        self.built_blank = not self.given_formdata and obj is None and data is None and not kwargs
        # What macros/blank_forms.py compares before reusing a drawing: noted only where it can be reused.
        self.blank_values = (
            leaf_values(self) if self.built_blank and promises_blank_drawing(type(self)) else None
        )

    def blank_drawing_variant(self) -> Hashable:
        """What, besides the class and its field names, the blank drawing of this form depends on."""
        return ()


class FormworkSubform(Form):
    """Base of nested forms (FormField, FieldList rows): no CSRF of their own, quick rendering."""

    class Meta(QuickRenderMeta):
        pass
