"""Part headers read through multipart_headers give Werkzeug's own answers, remembered only when short."""

import pytest
from werkzeug.datastructures import Headers
from werkzeug.http import parse_options_header
from werkzeug.sansio import multipart
from werkzeug.sansio.multipart import MultipartDecoder

import multipart_headers
from multipart_boundaries import BoundaryFindingDecoder
from multipart_headers import kept_disposition
from multipart_headers import parse_disposition
from multipart_headers import part_charset

DISPOSITIONS = [
    'form-data; name="theme"',
    'form-data; name="avatar"; filename="me.png"',
    'form-data; name="a\\"b"; filename="c:\\\\x\\\\y.txt"',
    "form-data; name=plain",
    "form-data; name=\"f\"; filename*=UTF-8''na%C3%AFve.txt",
    'form-data; NAME="upper"',
    "form-data",
    "",
    None,
    'form-data; name="' + "x" * 300 + '"',
]


@pytest.mark.parametrize("value", DISPOSITIONS)
def test_a_disposition_reads_as_werkzeug_reads_it_the_first_time_and_the_next(value):
    expected = parse_options_header(value)
    for _ in range(2):
        disposition, options = parse_disposition(value)
        assert (disposition, dict(options)) == expected


def test_a_remembered_answer_cannot_be_changed_by_a_request():
    _, options = parse_disposition('form-data; name="theme"')
    with pytest.raises(TypeError):
        options["name"] = "other"  # type: ignore[index]
    assert parse_disposition('form-data; name="theme"')[1]["name"] == "theme"


def test_only_short_values_are_remembered():
    long_value = 'form-data; name="' + "y" * multipart_headers.LONGEST_KEPT + '"'
    before = kept_disposition.cache_info().currsize
    assert parse_disposition(long_value)[1]["name"] == "y" * multipart_headers.LONGEST_KEPT
    assert kept_disposition.cache_info().currsize == before
    assert kept_disposition.cache_info().maxsize == multipart_headers.DISPOSITIONS_KEPT


def test_a_part_without_a_content_type_is_utf_8_without_asking_werkzeug():
    asked = []
    answer = part_charset(Headers([("Content-Disposition", 'form-data; name="a"')]), asked.append)
    assert answer == "utf-8" and asked == []


@pytest.mark.parametrize("name", ["Content-Type", "content-type", "CONTENT-TYPE"])
def test_a_part_with_a_content_type_gets_werkzeugs_answer(name):
    headers = Headers([(name, "text/plain; charset=ISO-8859-1")])
    assert part_charset(headers, lambda seen: "werkzeug's") == "werkzeug's"


def test_the_decoder_reads_dispositions_through_parse_disposition_and_werkzeug_is_left_alone():
    """A Werkzeug upgrade that stops reading the disposition by this name fails here."""
    assert "parse_options_header" in MultipartDecoder.next_event.__code__.co_names
    assert BoundaryFindingDecoder.next_event.__code__ is MultipartDecoder.next_event.__code__
    assert BoundaryFindingDecoder.next_event.__globals__["parse_options_header"] is parse_disposition
    assert multipart.parse_options_header is parse_options_header
