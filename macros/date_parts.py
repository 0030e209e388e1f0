"""A date typed in three boxes (day, month, year) that is one field in Python, with one error.

`DatePartsField` reads `<name>-day`, `<name>-month` and `<name>-year`, gives a
`datetime.date` (None when all three are empty, for DataRequired to report), and
on a bad value one message that says which part is wrong. `invalid_parts` names
the boxes the macro marks, and the error summary links to the first of them.
"""

import calendar
import datetime
from typing import Any

from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

PARTS = ("day", "month", "year")
LIMITS = {"day": (1, 31), "month": (1, 12), "year": (1000, 9999)}
WRONG = {
    "day": "the day as a number from 1 to 31",
    "month": "the month as a number from 1 to 12",
    "year": "the year with 4 digits, like 2007",
}
MAX_PART_LENGTH = 8  # what is kept of a crafted box, to show it back


def join_parts(parts: list[str]) -> str:
    """ "day", "day and month", "day, month and year"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def text_of(value: Any) -> str:
    """A posted box as text: a file sent under a box's name counts as empty."""
    return value if isinstance(value, str) else ""


class DatePartsField(Field):
    """A date as three number boxes; `data` is a `datetime.date` or None.

    `subject` starts its messages ("Date of birth must include a month."); the label
    may be a question, so it is not used.
    """

    widget = None  # drawn by templates/macros/fields.html (kind "dateparts"), never by itself

    def __init__(
        self, label: str | None = None, validators: Any = None, subject: str = "The date", **kwargs: Any
    ) -> None:
        super().__init__(label, validators, **kwargs)
        self.subject = subject
        self.parts: dict[str, str] = dict.fromkeys(PARTS, "")
        self.invalid_parts: list[str] = []

    def part_id(self, part: str) -> str:
        """The id of one box: `<id>-day`, `<id>-month`, `<id>-year`."""
        return f"{self.id}-{part}"

    def part_name(self, part: str) -> str:
        """The name one box is posted under."""
        return f"{self.name}-{part}"

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        """Read the three boxes from `formdata`, else fill them from `data` (or the default)."""
        self.process_errors = []
        self.invalid_parts = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        names = [self.part_name(part) for part in PARTS]
        if formdata is not None and any(name in formdata for name in names):
            self.raw_data = [text_of(formdata.get(name)) for name in names]
            self.parts = {
                part: text.strip()[:MAX_PART_LENGTH] for part, text in zip(PARTS, self.raw_data, strict=True)
            }
            self.data = None
            try:
                self.data = self.parse()
            except ValueError as error:
                self.process_errors.append(error.args[0])
            return
        self.raw_data = None if formdata is None else []
        self.data = data if isinstance(data, datetime.date) else None
        if self.data is not None:
            self.parts = {"day": str(data.day), "month": str(data.month), "year": str(data.year)}

    def parse(self) -> datetime.date | None:
        """The date the boxes hold; ValueError naming the wrong part(s) and marking them."""
        subject = self.subject
        filled = [part for part in PARTS if self.parts[part]]
        if not filled:
            return None
        missing = [part for part in PARTS if part not in filled]
        if missing:
            self.invalid_parts = missing
            raise ValueError(f"{subject} must include a {join_parts(missing)}.")
        numbers = {part: self.number(part) for part in PARTS}
        self.invalid_parts = [part for part in PARTS if numbers[part] is None]
        if self.invalid_parts:
            raise ValueError(f"Enter {join_parts([WRONG[part] for part in self.invalid_parts])}.")
        day, month, year = numbers["day"], numbers["month"], numbers["year"]
        if day > calendar.monthrange(year, month)[1]:
            self.invalid_parts = ["day"]
            raise ValueError(
                f"{subject} must be a real date: {calendar.month_name[month]} {year} has no day {day}."
            )
        return datetime.date(year, month, day)

    def number(self, part: str) -> int | None:
        """The box's whole number when it is in range, else None (ASCII digits only)."""
        text = self.parts[part]
        low, high = LIMITS[part]
        if not (text.isascii() and text.isdigit()) or (part == "year" and len(text) != 4):
            return None
        value = int(text)
        return value if low <= value <= high else None

    def pre_validate(self, form: Any) -> None:
        """A box that could not be read is the one error: no validator adds a second."""
        if self.process_errors:
            raise StopValidation()

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""
