"""forms.quantity: amounts as cooks write them, stored as Decimals, shown back tidily."""

from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from forms.base import FormworkSubform
from forms.quantity import QuantityField
from forms.quantity import format_quantity
from forms.quantity import parse_quantity


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("2", Decimal("2")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("0,25", Decimal("0.25")),
        ("1/2", Decimal("0.5")),
        ("1 / 2", Decimal("0.5")),
        ("1 1/2", Decimal("1.5")),
        ("½", Decimal("0.5")),
        ("1½", Decimal("1.5")),
        ("2 ¾", Decimal("2.75")),
        ("⅓", Decimal("0.3333")),
        ("1/3", Decimal("0.3333")),
        ("  200  ", Decimal("200")),
        ("10000", Decimal("10000")),
    ],
)
def test_what_cooks_write_is_read_exactly(typed, amount):
    assert parse_quantity(typed) == amount


def test_a_whole_number_is_stored_without_an_exponent():
    assert str(parse_quantity("200")) == "200"


def test_blank_is_no_quantity():
    assert parse_quantity("   ") is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1/0", "The number under the slash cannot be 0"),
        ("NaN", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("Infinity", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("1e400", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("10**30", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("1_000", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("٣", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("a handful", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("9" * 5000, "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("0.12345", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("-1", "Enter an amount greater than zero, or leave it blank."),
        ("0", "Enter an amount greater than zero, or leave it blank."),
        ("1/999999", "Enter an amount greater than zero, or leave it blank."),
        ("10001", "Enter an amount up to 10,000."),
    ],
)
def test_what_is_not_an_amount_is_refused_with_a_clear_message(typed, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_quantity(typed)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("2", "2"),
        ("200", "200"),
        ("0.5", "1/2"),
        ("1.5", "1 1/2"),
        ("0.3333", "1/3"),
        ("0.6667", "2/3"),
        ("0.375", "3/8"),
        ("2.75", "2 3/4"),
        ("0.1", "0.1"),
        ("0.15", "0.15"),
        ("12.34", "12.3"),
        ("123.456", "123"),
        ("0.0001", "0.0001"),
    ],
)
def test_stored_amounts_are_shown_as_tidy_fractions(amount, shown):
    assert format_quantity(Decimal(amount)) == shown


class RowForm(FormworkSubform):
    quantity = QuantityField("Quantity")


def test_the_field_shows_back_what_was_typed():
    form = RowForm(MultiDict({"quantity": "1 ½"}))
    assert form.validate()
    assert form.quantity.data == Decimal("1.5")
    assert 'value="1 ½"' in form.quantity()


def test_the_field_shows_a_stored_amount_as_a_fraction():
    form = RowForm(data={"quantity": Decimal("0.5000")})
    assert 'value="1/2"' in form.quantity()


def test_a_bad_amount_is_a_field_error_and_kept_in_the_box():
    form = RowForm(MultiDict({"quantity": "1/0"}))
    assert not form.validate()
    assert form.quantity.errors == ["The number under the slash cannot be 0: enter an amount like 1/2."]
    assert 'value="1/0"' in form.quantity()
