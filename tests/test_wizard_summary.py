"""The review page reads stored answers as a form built over them would show them."""

import pytest
from wtforms import DecimalField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField

from forms.base import FormworkForm
from forms.registration import AccountForm
from forms.registration import PreferencesForm
from forms.registration import ProfileForm
from wizard.formdata import stored_fields
from wizard.formdata import to_multidict
from wizard.summary import answer_readers
from wizard.summary import answer_rows
from wizard.summary import display_value


def built_rows(form_class, answers, left_out=frozenset()):
    """What the review showed before: the form built over the answers, field by field."""
    form = form_class(formdata=to_multidict(answers), meta={"csrf": False})
    return [
        (field.label.text, display_value(field))
        for field in stored_fields(form)
        if field.type != "HiddenField" and field.name not in left_out
    ]


ANSWERS = [
    (AccountForm, {"username": ["ada"], "email": ["ada@example.com"]}),
    (AccountForm, {}),
    (
        ProfileForm,
        {
            "first_name": ["Ada"],
            "last_name": ["<Lovelace>"],
            "address-street": ["1 Analytical Way"],
            "address-city": ["London"],
            "address-postal_code": ["N1"],
            "address-country": ["GB"],
        },
    ),
    (ProfileForm, {"first_name": ["Ada"], "address-country": ["ZZ"]}),
    (
        PreferencesForm,
        {"plan": ["pro"], "newsletter": ["y"], "interests": ["python", "design"], "agree_terms": ["y"]},
    ),
    (PreferencesForm, {"plan": ["nonsense"], "interests": ["unknown"]}),
    (PreferencesForm, {}),
]


@pytest.mark.parametrize(("form_class", "answers"), ANSWERS)
def test_stored_answers_read_as_the_built_form_shows_them(app, form_class, answers):
    left_out = frozenset({"remove_avatar", "agree_terms"})
    with app.test_request_context():
        assert answer_rows(form_class, answers, left_out) == built_rows(form_class, answers, left_out)


def test_registration_forms_are_read_without_building_them(app):
    with app.test_request_context():
        assert all(
            answer_readers(form_class) is not None
            for form_class in (AccountForm, ProfileForm, PreferencesForm)
        )


class DefaultedForm(FormworkForm):
    city = StringField("City", default="London")
    size = RadioField("Size", choices=[SelectChoice("s", "Small"), SelectChoice("m", "Medium")], default="m")


@pytest.mark.parametrize("answers", [{}, {"city": ["Paris"], "size": ["s"]}, {"city": [""], "size": [""]}])
def test_plain_defaults_are_read_as_the_form_keeps_them(app, answers):
    with app.test_request_context():
        assert answer_rows(DefaultedForm, answers, frozenset()) == built_rows(DefaultedForm, answers)


class CallableDefaultForm(FormworkForm):
    city = StringField("City", default=lambda: "London")


class FilteredForm(FormworkForm):
    name = StringField("Name", filters=[lambda value: value and value.strip()])


class NumberForm(FormworkForm):
    amount = DecimalField("Amount")


class ChangingChoicesForm(FormworkForm):
    size = RadioField("Size", choices=lambda: [SelectChoice("s", "Small")])


@pytest.mark.parametrize("form_class", [CallableDefaultForm, FilteredForm, NumberForm, ChangingChoicesForm])
def test_a_form_that_needs_building_to_read_is_built(app, form_class):
    with app.test_request_context():
        assert answer_rows(form_class, {}, frozenset()) is None
