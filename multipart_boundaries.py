"""Multipart bodies parsed by Werkzeug's decoder without compiling two regexes per request.

Werkzeug 3.1.9 (pinned in requirements.txt; this module follows that version) compiles, in
`MultipartDecoder.__init__`, two regular expressions that embed the request's boundary. A
boundary is random per request, so re's cache never helps: every multipart POST (the
wizard's avatar step, the profile, documents, recipes) paid 0.27-0.4 ms of `re.compile`,
against 8 us for BoundaryFindingDecoder (bench/multipart_decoder.py).

`DelimiterPattern` gives the same answer as each of those two regexes (same leftmost match,
`start()`, `end()`, `group(1)`), from `bytes.find` of the literal `--boundary`, a look at the
line break before it, and one boundary-free regex, compiled once, for what follows it. Every
other line of the parser stays Werkzeug's. tests/test_multipart_patterns.py compares the two
with the installed Werkzeug's own regexes over many generated buffers, and checks that
Werkzeug's __init__, run on a placeholder boundary, sets nothing else from the boundary.

Werkzeug has no setting for the decoder class: `MultiPartParser.parse` and
`FormDataParser._parse_multipart` name their collaborator as a module global. `rebound` gives
a copy of each function (the same code object) whose globals name this module's classes, so
only the request class that uses `BoundaryFindingFormDataParser` changes; the process-wide
Werkzeug is left alone. The decoder's `next_event` is rebound the same way, to read part headers
with multipart_headers (Werkzeug's answers, remembered), and the parser asks multipart_headers
for a part's charset; tests/test_multipart_uploads.py reads bodies both ways and compares.
"""

import re
import types
from collections.abc import Callable
from typing import Any
from typing import TypeVar

from werkzeug.datastructures import Headers
from werkzeug.formparser import FormDataParser
from werkzeug.formparser import MultiPartParser
from werkzeug.sansio.multipart import LINE_BREAK
from werkzeug.sansio.multipart import MultipartDecoder

from multipart_headers import parse_disposition
from multipart_headers import part_charset

# What may follow `--boundary` in both of Werkzeug's patterns, with the same group 1: `--` (the
# last boundary) with optional trailing blanks and line break, or blanks and a line break.
AFTER_DELIMITER = re.compile(rb"(--[^\S\n\r]*%s?|[^\S\n\r]*%s)" % (LINE_BREAK, LINE_BREAK))

# Handed to Werkzeug's __init__ so that its two re.compile calls are hits in re's cache; the
# patterns it builds from it are replaced at once.
PLACEHOLDER_BOUNDARY = b"formwork-placeholder-boundary"

# How many false delimiters (a `--boundary` that is no boundary) one search steps over in Python
# before a DelimiterPattern hands over to Werkzeug's compiled regex: a few microseconds' worth.
FALSE_DELIMITERS = 16

Function = TypeVar("Function", bound=Callable[..., Any])


class DelimiterMatch:
    """The part of `re.Match` that Werkzeug's decoder reads: `start()`, `end()` and `group(1)`."""

    __slots__ = ("_after", "_start")

    def __init__(self, start: int, after: re.Match[bytes]) -> None:
        self._start = start
        self._after = after

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._after.end()

    def group(self, index: int = 0) -> bytes:
        """The whole match (0) or what follows the boundary (1), as `re.Match.group` gives them."""
        if index == 1:
            return self._after.group(1)
        if index == 0:
            return bytes(self._after.string[self._start : self._after.end()])
        raise IndexError("no such group")


class DelimiterPattern:
    """Werkzeug's `preamble_re` (line break before optional) or `boundary_re` (required), found by `find`.

    The leftmost match of either regex is at the first `--boundary` from `pos` that is
    followed by what AFTER_DELIMITER accepts (and, for `boundary_re`, preceded by a line
    break): a line break before one delimiter cannot be part of an earlier one, which starts
    with `-`. The match starts at that line break (CRLF taken whole) when it lies at or after `pos`.

    A browser picks a boundary found nowhere in its data, so each search meets at most a
    delimiter or two. A crafted body can hold thousands that are not real ones; after
    FALSE_DELIMITERS of them this pattern hands over, for good, to the very regex Werkzeug
    compiles, so such a body costs what it costs Werkzeug (plus one compile), not a Python loop.
    """

    __slots__ = ("_boundary", "_delimiter", "_line_break_required", "_regex")

    def __init__(self, boundary: bytes, *, line_break_required: bool) -> None:
        self._boundary = boundary
        self._delimiter = b"--" + boundary
        self._line_break_required = line_break_required
        self._regex: re.Pattern[bytes] | None = None

    def search(self, buffer: bytes | bytearray, pos: int = 0) -> DelimiterMatch | re.Match[bytes] | None:
        """The leftmost match at or after `pos`, or None: what the compiled regex's `search` gives."""
        if self._regex is not None:
            return self._regex.search(buffer, pos)
        pos = max(pos, 0)  # as re does; bytes.find would count a negative start from the end
        delimiter = self._delimiter
        index = buffer.find(delimiter, pos)
        for _ in range(FALSE_DELIMITERS):
            if index == -1:
                return None
            start = line_break_start(buffer, index, pos)
            if start is not None or not self._line_break_required:
                after = AFTER_DELIMITER.match(buffer, index + len(delimiter))
                if after is not None:
                    return DelimiterMatch(index if start is None else start, after)
            index = buffer.find(delimiter, index + 1)
        if index == -1:
            return None
        self._regex = werkzeug_regex(self._boundary, line_break_required=self._line_break_required)
        return self._regex.search(buffer, pos)


def werkzeug_regex(boundary: bytes, *, line_break_required: bool) -> re.Pattern[bytes]:
    """The regex Werkzeug's own decoder compiles for `boundary`: its `boundary_re` or its `preamble_re`."""
    decoder = MultipartDecoder(boundary)
    return decoder.boundary_re if line_break_required else decoder.preamble_re


def line_break_start(buffer: bytes | bytearray, index: int, pos: int) -> int | None:
    """Where the line break just before `index` starts (CRLF, LF or CR), not before `pos`; None if none."""
    if index - 2 >= pos and buffer[index - 2 : index] == b"\r\n":
        return index - 2
    if index - 1 >= pos and buffer[index - 1] in b"\r\n":
        return index - 1
    return None


def rebound(function: Function, **names: object) -> Function:
    """`function` (the same code) reading `names` where its module's globals have others."""
    copy = types.FunctionType(
        function.__code__,
        {**function.__globals__, **names},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__doc__ = function.__doc__
    return copy  # type: ignore[return-value]


class BoundaryFindingDecoder(MultipartDecoder):
    """Werkzeug's multipart decoder, its two boundary patterns DelimiterPatterns instead of compiled regexes.

    Its `next_event` is Werkzeug's, reading each part's Content-Disposition with
    multipart_headers.parse_disposition (the same answer, remembered for the values forms repeat).
    """

    next_event = rebound(MultipartDecoder.next_event, parse_options_header=parse_disposition)

    def __init__(
        self, boundary: bytes, max_form_memory_size: int | None = None, *, max_parts: int | None = None
    ) -> None:
        super().__init__(PLACEHOLDER_BOUNDARY, max_form_memory_size, max_parts=max_parts)
        self.boundary = boundary
        self.preamble_re = DelimiterPattern(boundary, line_break_required=False)  # type: ignore[assignment]
        self.boundary_re = DelimiterPattern(boundary, line_break_required=True)  # type: ignore[assignment]


class BoundaryFindingMultiPartParser(MultiPartParser):
    """Werkzeug's multipart parser, decoding with BoundaryFindingDecoder."""

    parse = rebound(MultiPartParser.parse, MultipartDecoder=BoundaryFindingDecoder)

    def get_part_charset(self, headers: Headers) -> str:
        """Werkzeug's answer, without its caught KeyError for a text part (multipart_headers.part_charset)."""
        return part_charset(headers, super().get_part_charset)


class BoundaryFindingFormDataParser(FormDataParser):
    """Werkzeug's form parser, parsing multipart bodies with BoundaryFindingMultiPartParser."""

    _parse_multipart = rebound(
        FormDataParser._parse_multipart, MultiPartParser=BoundaryFindingMultiPartParser
    )
