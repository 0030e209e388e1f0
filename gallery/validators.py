"""Validators the gallery's demonstration fields use to show errors on values a browser keeps.

A browser drops text a date, time, number or colour box cannot parse, so the
"With an error" demos post well-formed values that break a rule instead.
"""

from collections.abc import Callable
from typing import Any

from wtforms import Field
from wtforms import Form
from wtforms.validators import ValidationError


class Between:
    """`key(data)` must lie from `low` to `high`; for dates, times, weeks and hours of a day."""

    def __init__(self, low: Any, high: Any, message: str, key: Callable[[Any], Any] | None = None) -> None:
        self.low, self.high, self.message = low, high, message
        self.key = key or (lambda data: data)

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is not None and not self.low <= self.key(field.data) <= self.high:
            raise ValidationError(self.message)


def dark_enough(form: Form, field: Field) -> None:
    """A theme colour must keep white text readable: a relative luminance under 0.18 (4.5:1 on white)."""
    text = field.data or ""
    if len(text) != 7 or not text.startswith("#"):
        return  # the format is the Regexp's job
    try:
        channels = [int(text[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except ValueError:
        return
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    if 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] > 0.18:
        raise ValidationError("Choose a darker colour: white text must stay readable on it.")
