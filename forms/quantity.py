"""Quantities as cooks write them: `2`, `0.5`, `1/2`, `1 1/2`, `½`, `1½`, kept as a Decimal.

`parse_quantity` reads only plain ASCII digits, a decimal point (or comma), a
slash and the Unicode vulgar fractions, so "NaN", "1e400", "1_000" or Arabic-Indic digits are
refused as text, before any arithmetic. `format_quantity` writes a Decimal back
as a tidy fraction (`1 1/2`) when it is one of the fractions cooks use, else as
a short decimal.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP
from decimal import Decimal
from fractions import Fraction

from wtforms import StringField

PLACES = 4  # digits kept after the point: 1/3 is stored as 0.3333
MAX_QUANTITY = Decimal(10_000)
MAX_LENGTH = 20
QUANTUM = Decimal(1).scaleb(-PLACES)
COOKS_DENOMINATORS = (2, 3, 4, 8)
FORMAT_HELP = "Enter an amount like 2, 0.5, 1/2 or 1 1/2."
POSITIVE_HELP = "Enter an amount greater than zero, or leave it blank."
ZERO_DENOMINATOR_HELP = "The number under the slash cannot be 0: enter an amount like 1/2."

_NUMBER = r"[0-9]{1,6}"
_DECIMAL = re.compile(rf"(?:{_NUMBER})?[.,][0-9]{{1,{PLACES}}}|{_NUMBER}")
_FRACTION = re.compile(rf"(?:(?P<whole>{_NUMBER})\s+)?(?P<num>{_NUMBER})\s*/\s*(?P<den>{_NUMBER})")
_VULGAR = re.compile(rf"(?:(?P<whole>{_NUMBER})\s*)?(?P<glyph>[\u00bc-\u00be\u2150-\u215e])")


def parse_quantity(text: str) -> Decimal | None:
    """The amount `text` means, or None when it is blank; ValueError with a message a cook understands."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        raise ValueError(FORMAT_HELP)
    if text.startswith("-"):
        raise ValueError(POSITIVE_HELP)
    amount = _read(text)
    if amount is None:
        raise ValueError(FORMAT_HELP)
    if amount > MAX_QUANTITY:
        raise ValueError(f"Enter an amount up to {MAX_QUANTITY:,}.")
    value = tidy_decimal(Decimal(amount.numerator) / Decimal(amount.denominator))
    if value <= 0:
        raise ValueError(POSITIVE_HELP)
    return value


def _read(text: str) -> Fraction | None:
    """The exact value of one of the accepted spellings, or None (ValueError for a zero denominator)."""
    if _DECIMAL.fullmatch(text):
        return Fraction(text.replace(",", "."))
    match = _FRACTION.fullmatch(text)
    if match:
        denominator = int(match["den"])
        if denominator == 0:
            raise ValueError(ZERO_DENOMINATOR_HELP)
        return int(match["whole"] or 0) + Fraction(int(match["num"]), denominator)
    match = _VULGAR.fullmatch(text)
    if match:
        glyph = Fraction(unicodedata.numeric(match["glyph"])).limit_denominator(10)
        return int(match["whole"] or 0) + glyph
    return None


def tidy_decimal(value: Decimal) -> Decimal:
    """`value` rounded to PLACES digits, without trailing zeros or an exponent (200, not 2E+2)."""
    value = value.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    integral = value.to_integral_value()
    return integral.quantize(Decimal(1)) if value == integral else value.normalize()


def format_quantity(value: Decimal | None) -> str:
    """`1 1/2`, `1/3`, `200` or `0.15`: how a recipe shows an amount."""
    if value is None:
        return ""
    whole = int(value)
    rest = value - whole
    if rest == 0:
        return str(whole)
    for denominator in COOKS_DENOMINATORS:
        numerator = round(rest * denominator)
        if 0 < numerator < denominator and abs(rest - Decimal(numerator) / denominator) < Decimal("0.005"):
            fraction = str(Fraction(numerator, denominator))
            return f"{whole} {fraction}" if whole else fraction
    places = 0 if value >= 100 else 1 if value >= 10 else 2
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(tidy_decimal(rounded if rounded else value))


class QuantityField(StringField):
    """A text box for an amount: `data` is a Decimal (or None when blank), shown back as typed."""

    def process_formdata(self, valuelist: list) -> None:
        if valuelist:
            self.data = parse_quantity(valuelist[0])

    def process_data(self, value) -> None:  # type: ignore[no-untyped-def]
        self.data = parse_quantity(value) if isinstance(value, str) else value

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_quantity(self.data)
