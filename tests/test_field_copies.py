"""Fields copied from a kept prototype (forms/field_copies.py) are what binding would make.

Every form class of the app is built three ways: bound afresh (copying switched off), the
first time with copying on (it binds and keeps a prototype) and the second (a copy). The
three must agree attribute by attribute, and what a copy owns (containers, flags, label)
must be its own: changing it on one form must not show on the next.
"""

import importlib
import pkgutil
from decimal import Decimal
from types import SimpleNamespace

import pytest
import wtforms
from wtforms import DataList
from wtforms import DecimalField
from wtforms import FieldList
from wtforms import FormField
from wtforms import StringField
from wtforms.fields.core import Field
from wtforms.fields.core import Flags
from wtforms.fields.core import Label
from wtforms.fields.core import UnboundField

from forms import field_copies
from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.field_copies import MAX_COPIES_KEPT
from forms.field_copies import PROTOTYPES_ATTRIBUTE
from forms.field_copies import copiable
from forms.registration import AccountForm
from forms.registration import PreferencesForm
from forms.registration import ProfileForm

APP_PACKAGES = ("forms", "gallery", "recipes", "documents", "contact")
APP_PACKAGES += ("account", "auth", "wizard", "profiles")


def every_form_class() -> list[type]:
    """Every FormworkForm and FormworkSubform subclass the app defines."""
    for package in APP_PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")

    def below(cls: type) -> list[type]:
        return [found for sub in cls.__subclasses__() for found in (sub, *below(sub))]

    return [
        cls for cls in below(FormworkForm) + below(FormworkSubform) if cls.__module__.split(".")[0] != "tests"
    ]


def build(cls: type):
    """A blank form of `cls` (the account forms take the signed-in user)."""
    try:
        return cls()
    except TypeError:
        return cls(SimpleNamespace(check_password=lambda password: False))


def state(value):
    """What a field, form or validator holds, as plain data to compare (identity aside)."""
    if isinstance(value, Field):
        attributes = {k: v for k, v in vars(value).items() if k not in ("meta", "_form", "csrf_impl")}
        if value.name in ("shown", "submission"):  # the contact form's time stamp, a recipe's random id
            attributes.pop("data")
        return (type(value), {k: state(v) for k, v in attributes.items()})
    if isinstance(value, FormworkForm | FormworkSubform):
        return (type(value), [(name, state(field)) for name, field in value._fields.items()])
    if isinstance(value, UnboundField | type):  # the same object on both sides (prototypes aside)
        return ("same", id(value))
    if isinstance(value, Flags):
        return ("flags", vars(value))
    if isinstance(value, Label):
        return ("label", value.field_id, value.text)
    if isinstance(value, list | tuple):
        return (type(value), [state(v) for v in value])
    if isinstance(value, dict):
        return {k: state(v) for k, v in value.items()}
    if hasattr(value, "__dict__") and type(value).__module__.startswith(("forms", "wtforms", "flask_wtf")):
        return (type(value), {k: state(v) for k, v in vars(value).items()})
    return value


def test_the_inits_read_for_copying_are_the_installed_wtforms_ones():
    assert wtforms.__version__ == field_copies.READ_FOR_WTFORMS, (
        "WTForms moved: re-read the __init__ of each class in forms/field_copies.py's _READ_CLASSES"
    )


def test_every_form_of_the_app_is_built_the_same_by_copies(app, monkeypatch):
    classes = every_form_class()
    assert len(classes) >= 25, classes
    with app.test_request_context():
        copied_first = {cls: state(build(cls)) for cls in classes}
        copied_again = {cls: state(build(cls)) for cls in classes}
        monkeypatch.setattr(field_copies, "copiable", lambda field_class: False)
        afresh = {cls: state(build(cls)) for cls in classes}
    for cls in classes:
        assert copied_again[cls] == afresh[cls], cls
        assert copied_first[cls] == afresh[cls], cls


def test_the_steps_fields_are_copies_and_each_belongs_to_its_own_form(app):
    with app.test_request_context():
        AccountForm()
        first, second = ProfileForm(), ProfileForm()
    assert PROTOTYPES_ATTRIBUTE in vars(AccountForm.username)
    for one, other in ((first.first_name, second.first_name), (first.address.city, second.address.city)):
        assert one is not other
        assert one.meta is one._form.meta and other.meta is other._form.meta
        assert one._form is not other._form
    assert first.first_name._form is first and first.address.form.city._form is first.address.form


def test_what_a_copy_owns_is_its_own(app):
    with app.test_request_context():
        PreferencesForm()
        changed = PreferencesForm()
        changed.avatar.render_kw["data-changed"] = "yes"
        changed.avatar.label.text = "Changed"
        changed.avatar.flags.changed = True
        changed.avatar.validators.append(lambda form, field: None)
        changed.plan.choices.append(("changed", "Changed"))
        changed.agree_terms.description = "Changed"
        fresh = PreferencesForm()
    assert "data-changed" not in fresh.avatar.render_kw
    assert fresh.avatar.label.text == "Profile photo"
    assert not fresh.avatar.flags.changed
    assert len(fresh.avatar.validators) == len(changed.avatar.validators) - 1
    assert ("changed", "Changed") not in fresh.plan.choices
    assert fresh.agree_terms.description != "Changed"


def forget_prototypes(form_class: type) -> None:
    """As if no form of `form_class` had been built in this process."""
    for _name, unbound_field in form_class._unbound_fields or ():
        vars(unbound_field).pop(PROTOTYPES_ATTRIBUTE, None)


def test_what_the_first_form_changes_in_place_stays_its_own(app):
    with app.test_request_context():
        PreferencesForm()
        forget_prototypes(PreferencesForm)
        first = PreferencesForm()  # bound afresh: its state becomes the prototype
        assert vars(PreferencesForm.avatar)[PROTOTYPES_ATTRIBUTE]
        first.avatar.render_kw["data-changed"] = "yes"
        first.avatar.validators.append(lambda form, field: None)
        first.plan.choices.append(("changed", "Changed"))
        later = PreferencesForm()
    assert "data-changed" not in later.avatar.render_kw
    assert len(later.avatar.validators) == len(first.avatar.validators) - 1
    assert ("changed", "Changed") not in later.plan.choices


def test_copies_of_the_country_field_share_its_one_fixed_list(app):
    with app.test_request_context():
        one, two = ProfileForm(), ProfileForm()
    assert one.address.country.choices is two.address.country.choices
    assert len(one.address.country.choices) > 200


def test_the_csrf_field_is_bound_afresh_with_each_forms_own_csrf(app):
    with app.test_request_context():
        one, two = AccountForm(meta={"csrf": True}), AccountForm(meta={"csrf": True})
    assert not copiable(type(one.csrf_token))
    assert one.csrf_token.csrf_impl is not two.csrf_token.csrf_impl
    assert one.csrf_token.csrf_impl.meta is one.meta


class CountingField(StringField):
    """A field whose __init__ nobody has read for copying: it must run on every build."""

    built = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingField.built += 1


class UnreadFieldsForm(FormworkForm):
    counted = CountingField("Counted")
    amount = DecimalField("Amount", use_locale=False, default=Decimal("1.5"))


def test_fields_with_an_unread_init_are_bound_as_wtforms_binds_them(app):
    assert not copiable(CountingField)
    assert not copiable(DecimalField)  # a locale-aware one reads the form's locales
    assert copiable(StringField) and copiable(FormField) and copiable(FieldList)
    with app.test_request_context():
        CountingField.built = 0
        for _ in range(3):
            form = UnreadFieldsForm()
    assert CountingField.built == 3
    assert PROTOTYPES_ATTRIBUTE not in vars(UnreadFieldsForm.counted)
    assert form.amount.data == Decimal("1.5")


class RowForm(FormworkSubform):
    name = StringField("Name")


def test_prototypes_per_field_are_bounded_whatever_prefixes_a_request_chooses(app):
    with app.test_request_context():
        rows = [RowForm(prefix=f"rows-{index}") for index in range(MAX_COPIES_KEPT * 4)]
    assert len(vars(RowForm.name)[PROTOTYPES_ATTRIBUTE]) == MAX_COPIES_KEPT
    assert [row.name.name for row in rows] == [f"rows-{index}-name" for index in range(MAX_COPIES_KEPT * 4)]
    assert [row.name.id for row in rows[-2:]] == [f"rows-{index}-name" for index in (62, 63)]


@pytest.mark.parametrize("answer", ["Ada", "<b>Ada</b>"])
def test_a_copied_form_reads_and_validates_its_own_answers(app, answer):
    with app.test_request_context(method="POST", data={"first_name": answer}):
        ProfileForm(meta={"csrf": False})
        form = ProfileForm(meta={"csrf": False})
        form.validate()
    assert form.first_name.data == answer
    assert "first_name" not in form.errors and "last_name" in form.errors
    assert ProfileForm.last_name.__dict__[PROTOTYPES_ATTRIBUTE]
    with app.test_request_context():
        assert ProfileForm().first_name.data is None


class DataListForm(FormworkForm):
    fruit = StringField("Fruit", datalist=DataList(["apple", "pear"]))
    named = StringField("Named", datalist="fruits")


def test_a_field_with_an_inline_datalist_gets_its_own_clone_on_every_build(app):
    with app.test_request_context():
        forms_built = [DataListForm() for _ in range(3)]
    datalists = [form.fruit._datalist for form in forms_built]
    assert len({id(datalist) for datalist in datalists}) == 3
    assert {datalist.id for datalist in datalists} == {"fruit-datalist"}
    assert list(vars(DataListForm.fruit)[PROTOTYPES_ATTRIBUTE].values()) == [field_copies.BOUND_AFRESH]
    [named] = vars(DataListForm.named)[PROTOTYPES_ATTRIBUTE].values()
    assert isinstance(named, field_copies.Prototype)
