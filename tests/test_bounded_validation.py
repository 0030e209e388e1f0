"""Length checks run first and end a field's validation: no validator sees more than the maximum."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import ValidationError

import forms.validators
from forms.base import FormworkForm
from forms.registration import AccountForm
from forms.validators import StoppingLength
from forms.validators import bounded_chain

HUGE = "a@" + "b" * 1_000_000 + ".example"


def test_a_huge_email_is_too_long_and_never_reaches_email_validator(app, monkeypatch):
    seen = []
    monkeypatch.setattr(forms.validators, "validate_email", lambda value, **kw: seen.append(len(value)))
    with app.test_request_context(method="POST"):
        form = AccountForm(formdata=MultiDict({"email": HUGE}), meta={"csrf": False})
        form.validate()
    assert seen == []
    assert form.email.errors == ["Field cannot be longer than 254 characters."]


def probe(form, field):
    if len(field.data or "") > 10:
        raise AssertionError("a validator after Length saw an oversized value")
    raise ValidationError("probe ran")


class ProbeForm(FormworkForm):
    # Length declared last, after an expensive check: it still runs first.
    name = StringField("Name", validators=[DataRequired(), probe, Length(max=10)])


@pytest.mark.parametrize(
    ("value", "errors"), [("x" * 11, ["Field cannot be longer than 10 characters."]), ("ok", ["probe ran"])]
)
def test_length_runs_before_later_validators_and_stops_the_chain(app, value, errors):
    with app.test_request_context(method="POST"):
        form = ProbeForm(formdata=MultiDict({"name": value}), meta={"csrf": False})
        assert not form.validate()
    assert form.name.errors == errors


def test_the_chain_keeps_presence_checks_first_and_is_built_once():
    required, expensive, length = DataRequired(), probe, Length(max=5)
    chain = bounded_chain((expensive, length, required))
    assert chain[0] is required
    assert isinstance(chain[1], StoppingLength) and chain[1].max == 5
    assert chain[2] is expensive
    assert bounded_chain((expensive, length, required)) is chain
