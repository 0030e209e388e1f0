"""How much of a visitor's unvalidated input is ever stored: each value cut at its field's maximum.

Back drafts of the wizard and the gallery's "what the server received" keep text
nobody has validated. Each value is cut at its field's `Length(max=...)` (else at
`MAX_VALUE_CHARS`), a field keeps no more values than it can take, and a wizard
record as a whole is held to `MAX_RECORD_BYTES` (`wizard/storage.py`).
"""

from wtforms import Field
from wtforms import SelectMultipleField

from macros.fields import max_length

MAX_VALUE_CHARS = 1000  # a stored value of a field that declares no maximum length
MAX_RECORD_BYTES = 64 * 1024  # a whole wizard run as stored; a full registration, maximal drafts too: 7 KiB


def field_max_chars(field: Field) -> int:
    """The most characters of `field`'s value that are kept: its declared maximum, else MAX_VALUE_CHARS."""
    return max_length(field) or MAX_VALUE_CHARS


def clipped(field: Field, text: str) -> str:
    """`text` cut at `field`'s maximum."""
    return text[: field_max_chars(field)]


def kept_values(field: Field, values: list[str]) -> list[str]:
    """The values of `field` worth keeping: one (every choice of a multiple choice), each clipped."""
    most = sum(1 for _ in field.iter_choices()) if isinstance(field, SelectMultipleField) else 1
    return [clipped(field, value) for value in values[:most]]
