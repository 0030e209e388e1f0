"""Multipart requests read through the app's own request class come out as Werkzeug's parser reads them.

The app's requests decode multipart bodies with multipart_boundaries.BoundaryFindingDecoder;
fields, files, limits (413) and malformed bodies (400, never a 500) must not notice.
"""

import io

import pytest
import werkzeug.formparser
from flask import request
from sqlalchemy import select
from werkzeug.formparser import FormDataParser
from werkzeug.sansio import multipart

import multipart_boundaries
from contact.models import ContactMessage
from extensions import db
from multipart_boundaries import BoundaryFindingDecoder
from multipart_boundaries import BoundaryFindingFormDataParser
from tests.conftest import count_calls
from tests.contact_client import GOOD
from tests.contact_client import page_values


def part(boundary: bytes, name: bytes, value: bytes, *, filename: bytes | None = None, eol=b"\r\n") -> bytes:
    """One part with its delimiter before it, `eol` as every line break."""
    disposition = b'Content-Disposition: form-data; name="%s"' % name
    if filename is not None:
        disposition += b'; filename="%s"%sContent-Type: application/octet-stream' % (filename, eol)
    return eol + b"--" + boundary + eol + disposition + eol + eol + value


def closing(boundary: bytes, eol=b"\r\n") -> bytes:
    return eol + b"--" + boundary + b"--" + eol


def body_of(boundary: bytes, eol=b"\r\n", preamble=b"", epilogue=b"") -> bytes:
    """Fields and files whose values hold line breaks, dashes and near-boundaries."""
    near = b"--" + boundary[:-1]
    return b"".join(
        [
            preamble,
            part(boundary, b"name", "Ada Lovelace, née Byron".encode(), eol=eol),
            part(boundary, b"tag", b"first", eol=eol),
            part(boundary, b"tag", b"second\r\n--\n-" + near, eol=eol),
            part(boundary, b"empty", b"", eol=eol),
            part(boundary, b"file", b"line\r\n" + near + b"\r\n--x\r\n" * 50, filename=b"a.txt", eol=eol),
            part(boundary, b"nothing", b"", filename=b"", eol=eol),
            closing(boundary, eol),
            epilogue,
        ]
    )


BODIES = {
    "as a browser sends it": (
        b"----WebKitFormBoundaryx7MA4YWxkTrZu0gW",
        body_of(b"----WebKitFormBoundaryx7MA4YWxkTrZu0gW"),
    ),
    "regex metacharacters in the boundary": (b"a.b+c?(x)=:',_", body_of(b"a.b+c?(x)=:',_")),
    "a boundary that overlaps itself": (b"--a", body_of(b"--a")),
    "LF line breaks": (b"lf-boundary", body_of(b"lf-boundary", eol=b"\n")),
    "CR line breaks": (b"cr-boundary", body_of(b"cr-boundary", eol=b"\r")),
    "a preamble and an epilogue": (b"pe", body_of(b"pe", preamble=b"ignore me", epilogue=b"and me\r\n")),
    "blanks after a delimiter": (b"blank", body_of(b"blank").replace(b"--blank\r\n", b"--blank \t\r\n", 2)),
    "no line break before the first delimiter": (b"first", body_of(b"first").removeprefix(b"\r\n")),
    "no closing delimiter": (b"open", body_of(b"open").removesuffix(closing(b"open"))),
    "no Content-Disposition": (b"cd", body_of(b"cd").replace(b"Content-Disposition", b"Content-Whatever", 1)),
    "the boundary nowhere": (b"absent", body_of(b"elsewhere")),
    "nothing after the headers": (b"cut", body_of(b"cut")[:60]),
    "a text part in its own charset": (
        b"cs",
        body_of(b"cs").replace(
            b'name="name"\r\n', b'name="name"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n', 1
        ),
    ),
    "quoted and long names": (
        b"qn",
        body_of(b"qn")
        .replace(b'name="name"', b'name="n\\"a\\"me"', 1)
        .replace(b'name="empty"', b'name="' + b"e" * 300 + b'"'),
    ),
}

MALFORMED = [
    "no closing delimiter",
    "no Content-Disposition",
    "the boundary nowhere",
    "nothing after the headers",
]


def environ(boundary: bytes, body: bytes) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": f'multipart/form-data; boundary="{boundary.decode()}"',
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }


def readable(form, files) -> tuple[list, list]:
    """Fields, and files as (name, filename, content type, content): what a view could read."""
    read_files = [
        (name, upload.filename, upload.content_type, upload.read())
        for name, upload in files.items(multi=True)
    ]
    return list(form.items(multi=True)), read_files


@pytest.mark.parametrize("case", BODIES)
def test_a_multipart_body_is_read_as_werkzeugs_own_parser_reads_it(app, case):
    boundary, body = BODIES[case]
    _, form, files = FormDataParser().parse_from_environ(environ(boundary, body))
    expected = readable(form, files)
    with app.test_request_context("/contact", environ_overrides=environ(boundary, body)):
        assert readable(request.form, request.files) == expected
    if case not in MALFORMED:  # two empty forms alike would prove nothing
        assert ("tag", "first") in expected[0] and expected[1][0][3].startswith(b"line\r\n")


def test_the_apps_requests_use_the_boundary_finding_decoder_and_werkzeug_is_left_alone(app, monkeypatch):
    boundary, body = BODIES["as a browser sends it"]
    built = count_calls(monkeypatch, BoundaryFindingDecoder, "__init__")
    compiled = count_calls(monkeypatch, multipart_boundaries, "werkzeug_regex")
    assert issubclass(app.request_class.form_data_parser_class, BoundaryFindingFormDataParser)
    with app.test_request_context("/contact", environ_overrides=environ(boundary, body)):
        assert request.form["name"] == "Ada Lovelace, née Byron"
    assert len(built) == 1 and built[0][1] == boundary
    assert compiled == []  # no regex compiled for this boundary
    assert werkzeug.formparser.MultipartDecoder is multipart.MultipartDecoder


def contact_post(client, boundary: bytes, parts: list[bytes] = ()):
    """POST /contact as a multipart body: the page's values and good answers, then `parts`."""
    values = {**page_values(client), **GOOD}
    fields = [part(boundary, name.encode(), value.encode()) for name, value in values.items()]
    body = b"".join([*fields, *parts, closing(boundary)])
    return client.post(
        "/contact", data=body, content_type="multipart/form-data; boundary=" + boundary.decode()
    )


def test_a_multipart_post_is_read_by_the_route(app, client):
    """The contact form sent as multipart validates and is stored: every field was read."""
    response = contact_post(client, b"x.y+z")
    assert response.status_code in (302, 303)
    with app.app_context():
        stored = db.session.scalars(select(ContactMessage)).one()
    assert (stored.name, stored.message) == (GOOD["name"], GOOD["message"])


def test_more_parts_than_max_form_parts_is_413(make_app):
    client = make_app(MAX_FORM_PARTS=5).test_client()
    response = contact_post(client, b"parts")  # the page's fields and the answers: more than five
    assert response.status_code == 413


def test_a_text_part_over_max_form_memory_size_is_413(make_app):
    client = make_app(MAX_FORM_MEMORY_SIZE=1000).test_client()
    response = contact_post(client, b"memory", [part(b"memory", b"message", b"x" * 1001)])
    assert response.status_code == 413


def test_a_body_over_max_content_length_is_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=4096).test_client()
    response = contact_post(client, b"length", [part(b"length", b"message", b"x" * 4096)])
    assert response.status_code == 413


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_body_is_400_not_500(client, case):
    boundary, body = BODIES[case]
    response = client.post(
        "/contact", data=body, content_type="multipart/form-data; boundary=" + boundary.decode()
    )
    assert response.status_code == 400


def test_a_multipart_body_without_a_boundary_is_400(client):
    response = client.post("/contact", data=b"--x\r\n\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
