"""DelimiterPattern finds what the installed Werkzeug's own boundary regexes find, wherever they look.

Each generated buffer is searched from every position by both patterns of both decoders;
start, end, both groups (or no match) must agree. These searches never hand over to the
regex (`find_only`), so they test the `find` path; a body full of false delimiters tests the
hand-over. Whole bodies, fed in random pieces, must decode to the same events. A Werkzeug
upgrade that changes its regexes fails here.
"""

import itertools
import os
import random

import pytest
from werkzeug.sansio.multipart import Epilogue
from werkzeug.sansio.multipart import MultipartDecoder
from werkzeug.sansio.multipart import NeedData

import multipart_boundaries
from multipart_boundaries import BoundaryFindingDecoder
from multipart_boundaries import DelimiterPattern
from tests.conftest import count_calls

BOUNDARIES = [
    b"a",
    b"-",
    b"--a",  # its delimiter "----a" overlaps itself
    b"a--",
    b"-a-",
    b"aa",
    b"ab-ab",
    b".",
    b"+",
    b"a.b+c*?",
    b"(x)|[y]^$\\",
    b"a b",
    b"----WebKitFormBoundary7MA4YWxkTrZu0gW",
    b"---------------WerkzeugFormPart_1700000000.123456789",
    b"x" * 70,
]
BLANKS = [b" ", b"\t", b"\x0b", b"\x0c"]
LINE_BREAKS = [b"\r", b"\n", b"\r\n"]


def pieces(boundary: bytes) -> list[bytes]:
    """What buffers are made of: delimiters whole and cut, line breaks, blanks, dashes, data."""
    delimiter = b"--" + boundary
    return [delimiter, delimiter[:-1], boundary, b"-", b"--", *LINE_BREAKS, *BLANKS, b"x"]


def outcome(match) -> tuple | None:
    """What the decoder could read of a match, plus the whole match, as plain values."""
    if match is None:
        return None
    return match.start(), match.end(), bytes(match.group(1)), bytes(match.group(0))


def werkzeug_and_ours(boundary: bytes) -> list[tuple]:
    """(Werkzeug's compiled regex, the DelimiterPattern standing for it), for both patterns."""
    werkzeug = MultipartDecoder(boundary)
    ours = BoundaryFindingDecoder(boundary)
    return [(werkzeug.preamble_re, ours.preamble_re), (werkzeug.boundary_re, ours.boundary_re)]


def assert_same_searches(pairs: list[tuple], buffer: bytes, note: str = "") -> None:
    """Both patterns agree on `buffer` (as the decoder's bytearray and as bytes) from every position."""
    for subject in (bytearray(buffer), buffer):
        for pos in range(-2, len(buffer) + 2):
            for regex, pattern in pairs:
                expected = outcome(regex.search(subject, pos))
                assert outcome(pattern.search(subject, pos)) == expected, (buffer, pos, regex.pattern, note)


@pytest.fixture
def find_only(monkeypatch):
    """No search hands over to Werkzeug's regex, however many false delimiters it meets."""
    monkeypatch.setattr(multipart_boundaries, "FALSE_DELIMITERS", 10**9)


@pytest.mark.usefixtures("find_only")
@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_every_short_buffer_is_searched_as_werkzeug_does(boundary):
    """Every arrangement of up to three pieces, from every position."""
    pairs = werkzeug_and_ours(boundary)
    for length in range(4):
        for arrangement in itertools.product(pieces(boundary), repeat=length):
            assert_same_searches(pairs, b"".join(arrangement))


@pytest.mark.usefixtures("find_only")
@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_long_random_buffers_are_searched_as_werkzeug_does(boundary):
    chooser = random.Random(boundary)
    pairs = werkzeug_and_ours(boundary)
    for _ in range(300):
        count = chooser.randint(5, 25)
        assert_same_searches(pairs, b"".join(chooser.choices(pieces(boundary), k=count)))


@pytest.mark.usefixtures("find_only")
def test_a_fresh_random_boundary_is_searched_as_werkzeug_does():
    """Boundaries as browsers make them: the seed is printed by the assertion if one ever differs."""
    seed = os.urandom(8).hex()
    chooser = random.Random(seed)
    for _ in range(20):
        boundary = b"----formwork" + chooser.randbytes(12).hex().encode()
        pairs = werkzeug_and_ours(boundary)
        for _ in range(20):
            buffer = b"".join(chooser.choices(pieces(boundary), k=chooser.randint(1, 15)))
            assert_same_searches(pairs, buffer, note=f"seed {seed}")


@pytest.mark.parametrize("boundary", [b"a", b"--a", b"x.y"])
def test_a_buffer_full_of_false_delimiters_hands_over_to_werkzeugs_regex(boundary, monkeypatch):
    """A crafted body costs what Werkzeug's regex costs, not a Python step per false delimiter."""
    handovers = count_calls(monkeypatch, multipart_boundaries, "werkzeug_regex")
    delimiter = b"--" + boundary
    buffer = (b"\n" + delimiter + b"X") * 40 + delimiter * 20 + b"\r\n" + delimiter + b"--\r\n"
    assert_same_searches(werkzeug_and_ours(boundary), buffer)
    assert len(handovers) == 2  # once for each of the two patterns, then for good


def test_a_match_gives_werkzeug_groups_and_refuses_others():
    match = DelimiterPattern(b"b", line_break_required=True).search(b"x\r\n--b--\r\n")
    assert (match.start(), match.end(), match.group(1), match.group()) == (1, 10, b"--\r\n", b"\r\n--b--\r\n")
    with pytest.raises(IndexError):
        match.group(2)


def test_the_decoder_is_werkzeugs_in_every_attribute_but_its_two_patterns():
    """Werkzeug's __init__ ran on a placeholder boundary: nothing else it sets may depend on it."""
    boundary = b"----formwork" + os.urandom(8).hex().encode()
    werkzeug = vars(MultipartDecoder(boundary, 1000, max_parts=7))
    ours = vars(BoundaryFindingDecoder(boundary, 1000, max_parts=7))
    assert ours.keys() == werkzeug.keys()
    patterns = {"preamble_re", "boundary_re"}
    assert {key: value for key, value in ours.items() if key not in patterns} == {
        key: value for key, value in werkzeug.items() if key not in patterns
    }
    assert all(isinstance(ours[key], DelimiterPattern) for key in patterns)


def events(decoder: MultipartDecoder, chunks: list[bytes]) -> list:
    """Every event `decoder` gives for `chunks` (then the end), or the error it raises, by name."""
    seen: list = []
    try:
        for chunk in [*chunks, None]:
            decoder.receive_data(chunk)
            event = decoder.next_event()
            while not isinstance(event, NeedData | Epilogue):
                seen.append(event)
                event = decoder.next_event()
            if isinstance(event, Epilogue):
                seen.append(event)
                break
    except Exception as error:  # Werkzeug's ValueError or RequestEntityTooLarge, compared by kind
        seen.append(type(error).__name__)
    return seen


def body(chooser: random.Random, boundary: bytes) -> bytes:
    """A multipart body, well formed or not: odd line breaks, blanks, stray delimiters, short ends."""
    delimiter = b"--" + boundary
    parts = [chooser.choice([b"", b"preamble", *LINE_BREAKS])]
    for number in range(chooser.randint(0, 4)):
        parts += [
            chooser.choice([b"", *LINE_BREAKS]) if number == 0 else chooser.choice(LINE_BREAKS),
            delimiter,
            chooser.choice([b"", *BLANKS]),
            chooser.choice(LINE_BREAKS),
            b'Content-Disposition: form-data; name="f%d"' % number,
            chooser.choice([b"", b'; filename="a.txt"']),
            chooser.choice(LINE_BREAKS) * 2,
            b"".join(chooser.choices(pieces(boundary), k=chooser.randint(0, 6))),
        ]
    parts += [chooser.choice(LINE_BREAKS), delimiter, chooser.choice([b"--", b"--  ", b"", b"-"])]
    parts += [chooser.choice([b"", b"\r\n", b"epilogue"])]
    return b"".join(parts)


@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_bodies_fed_in_random_pieces_decode_to_werkzeugs_events(boundary):
    chooser = random.Random(boundary)
    for _ in range(150):
        data = body(chooser, boundary)
        cuts = sorted(chooser.sample(range(len(data) + 1), k=min(len(data) + 1, chooser.randint(0, 6))))
        chunks = [data[start:end] for start, end in itertools.pairwise([0, *cuts, len(data)])]
        limits = {"max_form_memory_size": chooser.choice([None, 40]), "max_parts": chooser.choice([None, 2])}
        expected = events(MultipartDecoder(boundary, **limits), chunks)
        assert events(BoundaryFindingDecoder(boundary, **limits), chunks) == expected, data
