"""forms.validators.real_number: one clear message per mistake, never a crash, for numeric fields."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import DecimalField
from wtforms import FloatField
from wtforms import IntegerField
from wtforms.validators import InputRequired
from wtforms.validators import NumberRange

from forms.base import FormworkSubform
from forms.validators import real_number


class AmountsForm(FormworkSubform):
    servings = IntegerField("Servings", validators=[InputRequired(), real_number, NumberRange(1, 24)])
    price = DecimalField("Price", validators=[InputRequired(), real_number, NumberRange(min=0)])
    weight = FloatField("Weight", validators=[InputRequired(), real_number, NumberRange(0.01, 50)])


def errors_for(name: str, value: str) -> list[str]:
    form = AmountsForm(formdata=MultiDict({"servings": "2", "price": "1.50", "weight": "0.5", name: value}))
    form.validate()
    return form[name].errors


def test_sensible_numbers_pass():
    form = AmountsForm(formdata=MultiDict({"servings": "2", "price": "1.50", "weight": "0.5"}))
    assert form.validate(), form.errors


@pytest.mark.parametrize(("name", "value"), [("servings", "two"), ("price", "1,5,0"), ("weight", "heavy")])
def test_an_unreadable_number_gets_one_message_not_a_range_error_too(name, value):
    errors = errors_for(name, value)
    assert len(errors) == 1
    assert errors[0].startswith("Not a valid")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("price", "NaN"),
        ("price", "sNaN"),
        ("price", "Infinity"),
        ("price", "-inf"),
        ("weight", "nan"),
        ("weight", "inf"),
    ],
)
def test_nan_and_infinity_are_refused_without_crashing(name, value):
    assert errors_for(name, value) == ["Enter a number."]


def test_an_out_of_range_number_still_gets_the_range_message():
    assert errors_for("servings", "40") == ["Number must be between 1 and 24."]
