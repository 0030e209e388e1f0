"""The header of each multipart part read as Werkzeug reads it, without parsing again what every form repeats.

Werkzeug's decoder reads each part's `Content-Disposition` (`form-data; name="theme"`) with
`werkzeug.http.parse_options_header`: about 3.6 us a part, 7 with a filename, some 40-65 us of
a ten-field form's parse (bench: a preferences POST body, 195 -> 129 us). A form sends the very
same header for each of its text fields on every request, so `parse_disposition` keeps
Werkzeug's answers for the last DISPOSITIONS_KEPT values (least recently used dropped). Only
values up to LONGEST_KEPT characters are kept, so the memory held stays small whatever is sent;
longer ones are parsed each time. The answer is Werkzeug's own, its options read-only (a
mapping proxy), since the same object is handed to every request that sends that header.

`part_charset` spares each text part (which has no `Content-Type`) the BadRequestKeyError that
Werkzeug's `get_part_charset` raises and catches inside `headers.get("content-type")`.
"""

import functools
import types
from collections.abc import Callable
from collections.abc import Mapping

from werkzeug.datastructures import Headers
from werkzeug.http import parse_options_header

from responses import has_header

DISPOSITIONS_KEPT = 512
LONGEST_KEPT = 256


@functools.lru_cache(maxsize=DISPOSITIONS_KEPT)
def kept_disposition(value: str) -> tuple[str, Mapping[str, str]]:
    """Werkzeug's reading of a short `Content-Disposition` value, its options read-only."""
    disposition, options = parse_options_header(value)
    return disposition, types.MappingProxyType(options)


def parse_disposition(value: str | None) -> tuple[str, Mapping[str, str]]:
    """`parse_options_header(value)` as Werkzeug's decoder reads it (`.get` of the options), remembered for short values."""
    if value is not None and len(value) <= LONGEST_KEPT:
        return kept_disposition(value)
    return parse_options_header(value)


def part_charset(headers: Headers, werkzeugs: Callable[[Headers], str]) -> str:
    """UTF-8 for a part without a `Content-Type` (what Werkzeug answers then), else Werkzeug's answer."""
    if has_header(headers, "content-type"):
        return werkzeugs(headers)
    return "utf-8"
