"""Bound fields made by copying one bound the WTForms way, rather than binding each anew.

A form binds every field each time it is built: `UnboundField.bind` calls the field's
class, and `Field.__init__` (with its subclasses') works out the name, id, label, flags
and checked validators again. None of that depends on the form being built, only on the
unbound field, its name, prefix and translations: every build of a step's form binds the
same fields to the same result. `bound_copy` binds a field once the WTForms way, keeps a
pristine copy of it, and gives each later form a copy of that, with the form's own `meta`
and `_form`. Built blank in a request: the account step's form 53 -> 46 µs, the profile
step's (with its address) 98 -> 71, preferences 78 -> 57, the profile page's 112 -> 82; a
registration x0.96 in CPU per page (bench/side_by_side.py, 11 rounds).

A copy is what binding would have made: the instance's attributes, with each list, dict
and set copied (what `Field.__init__` makes per instance: `render_kw`, `choices`, the
validator list), its own `Flags` and `Label`; everything else (validators, widgets, a
`ChoiceList`, defaults) is shared, as WTForms shares what a field is given. A field is
copied only when every `__init__` in its class's MRO is one read for this
(`COPIABLE_INITS`, and Formwork's own marked `@copiable_init`): an `__init__` that
reads the form (`CSRFTokenField`'s CSRF object, a locale-aware number's locale) or the
request would be wrong to copy, and any other is bound as WTForms binds it.
tests/test_field_copies.py compares copies with fresh bindings for every form of the app.

A default label (a field given none) is translated as the field is bound, with the
translations the form asked for, which are part of the key; Formwork has no locale per
request. Each unbound field keeps at most MAX_COPIES_KEPT prototypes (one per name and
prefix): a FieldList's rows are prefixed by their index, which a crafted request chooses.
"""

from collections.abc import Callable
from functools import cache
from typing import Any
from typing import TypeVar

from wtforms import fields as wtforms_fields
from wtforms.fields.core import Field
from wtforms.fields.core import Flags
from wtforms.fields.core import Label
from wtforms.fields.core import UnboundField

READ_FOR_WTFORMS = "3.3.2"
MAX_COPIES_KEPT = 16
BOUND_AFRESH = object()  # kept in place of a prototype for a field that must be bound every time
# Where each UnboundField keeps its prototypes: {(name, prefix, translations): Prototype}.
PROTOTYPES_ATTRIBUTE = "_formwork_prototypes"

# The WTForms classes whose __init__ only stores what it is given (read for WTForms 3.3.2, the
# version requirements.txt pins; tests/test_field_copies.py asks for a re-read when it moves):
# not CSRFTokenField (it holds the form's CSRF object), nor LocaleAwareNumberField and
# DecimalField (a locale-aware one reads the form's locales).
_READ_CLASSES = (
    wtforms_fields.Field,
    wtforms_fields.BooleanField,
    wtforms_fields.SelectFieldBase,
    wtforms_fields.SelectField,
    wtforms_fields.SelectMultipleField,
    wtforms_fields.RadioField,
    wtforms_fields.FormField,
    wtforms_fields.FieldList,
    wtforms_fields.IntegerField,
    wtforms_fields.FloatField,
    wtforms_fields.DateTimeField,
    wtforms_fields.DateField,
    wtforms_fields.TimeField,
    wtforms_fields.MonthField,
    wtforms_fields.WeekField,
    wtforms_fields.DateTimeLocalField,
)
COPIABLE_INITS: set[Callable[..., None]] = {
    klass.__dict__["__init__"] for klass in _READ_CLASSES if "__init__" in klass.__dict__
}

InitT = TypeVar("InitT", bound=Callable[..., None])


def copiable_init(init: InitT) -> InitT:
    """Mark a field class's `__init__` as storing only what it is given (so its fields may be copied)."""
    COPIABLE_INITS.add(init)
    return init


@cache
def copiable(field_class: type) -> bool:
    """Whether every `__init__` in the class's MRO is one known to depend on its arguments alone."""
    return all(
        klass.__dict__["__init__"] in COPIABLE_INITS
        for klass in field_class.__mro__
        if klass is not object and "__init__" in klass.__dict__
    )


class Prototype:
    """A bound field's state as binding left it, and how to copy it (which attributes are containers)."""

    __slots__ = ("containers", "field_class", "flags", "label", "state")

    def __init__(self, field: Field) -> None:
        self.field_class = type(field)
        self.state = {name: value for name, value in field.__dict__.items() if name not in ("meta", "_form")}
        self.containers = tuple(
            (name, type(value)) for name, value in self.state.items() if type(value) in (list, dict, set)
        )
        for name, kind in self.containers:  # not the bound field's own: its form may change them
            self.state[name] = kind(self.state[name])
        self.flags = dict(field.flags.__dict__)
        self.label = (field.label.field_id, field.label.text)

    def bound_to(self, form: Any) -> Field:
        """A new field with this state, its containers, flags and label its own, bound to `form`."""
        state = self.state.copy()
        for name, kind in self.containers:
            state[name] = kind(state[name])
        flags = Flags()
        flags.__dict__.update(self.flags)
        state["flags"] = flags
        state["label"] = Label(*self.label)
        state["meta"] = form.meta
        state["_form"] = form
        field = object.__new__(self.field_class)
        field.__dict__ = state
        return field


def bound_copy(
    form: Any, unbound_field: UnboundField, options: dict[str, Any], bind: Callable[[], Field]
) -> Field:
    """The field `bind()` would return for `form`: a copy of a kept prototype when one may be kept.

    `options` are the name, prefix and translations `BaseForm` binds with; `bind` binds the
    WTForms way (the Meta's own `bind_field`), and its state becomes the prototype. The
    prototypes live on the unbound field (`PROTOTYPES_ATTRIBUTE`), so they go when it goes.
    """
    if len(options) != 3 or not copiable(unbound_field.field_class):
        return bind()
    try:
        key = (options["name"], options["prefix"], options["translations"])
        kept = unbound_field.__dict__.setdefault(PROTOTYPES_ATTRIBUTE, {})
        prototype = kept.get(key)
    except (KeyError, TypeError):  # other options, or unhashable translations: nothing to key on
        return bind()
    if prototype is BOUND_AFRESH:
        return bind()
    if prototype is not None:
        return prototype.bound_to(form)
    field = bind()
    if len(kept) < MAX_COPIES_KEPT:
        # Kept before the form processes anything into the field.
        kept[key] = Prototype(field) if copiable_state(field) else BOUND_AFRESH
    return field


def copiable_state(field: Field) -> bool:
    """Whether a bound field holds nothing made for it alone but what `Prototype` copies.

    An inline DataList is cloned for each field as it is bound (and caches the choices it
    resolved for that field), so a field with one is bound afresh every time; so is one
    whose label is not a plain `Label` (a copy could not be given its own).
    """
    return isinstance(field.__dict__.get("_datalist"), str | None) and type(field.label) is Label
