"""Documents: several uploaded at once, sniffed by content, private, downloaded as attachments."""

import io
import zipfile

import pytest

from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.upload_files import docx_bytes
from tests.upload_files import docx_zip_bomb
from tests.upload_files import fail_commits
from tests.upload_files import pdf_bytes
from tests.upload_files import png_file
from tests.upload_files import stored_documents as stored
from tests.upload_files import upload_area
from tests.upload_files import upload_documents as upload
from tests.upload_files import zip_bytes
from uploads import storage

MZ_EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_documents_need_sign_in(client):
    response = client.get("/documents")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_several_documents_are_stored_listed_and_usage_shown(app, logged_in_client, tmp_path):
    page = upload(
        logged_in_client,
        (pdf_bytes(), "Report.pdf"),
        (docx_bytes(), "Letter.docx"),
        ("Grüße aus Köln\n".encode(), "Notizen März.txt"),
    )
    assert page.status_code == 200
    assert "3 documents uploaded." in page.get_data(as_text=True)
    rows = parse(page).select("tbody tr")
    assert [row.select_one("td").get_text(strip=True) for row in rows] == [
        "Notizen März.txt",
        "Letter.docx",
        "Report.pdf",
    ]
    assert {row.select("td")[1].get_text(strip=True) for row in rows} == {"PDF", "Word (DOCX)", "Text"}
    documents = stored(app)
    assert [d.kind for d in documents] == ["pdf", "docx", "txt"]
    assert len(upload_area(tmp_path)) == 3
    assert all(d.stored_name in upload_area(tmp_path) for d in documents)  # UUID names, no user text
    assert "Notizen" not in "".join(upload_area(tmp_path))
    assert parse(page).find("progress", id="usage")["value"] == str(sum(d.size for d in documents))
    assert "of 50 MB used" in page.get_data(as_text=True)


BAD_FILES = [
    pytest.param(pdf_bytes(), "../../etc/passwd", "folder path", id="path-traversal"),
    # Werkzeug reads the quoted name's backslashes as escapes: "....win.ini" arrives, and is refused.
    pytest.param(pdf_bytes(), "..\\..\\win.ini", "only PDF, DOCX or TXT", id="windows-path-traversal"),
    pytest.param(pdf_bytes(), "....pdf", "no letters or digits", id="sanitises-to-nothing"),
    pytest.param(pdf_bytes(), "★★★.pdf", "no letters or digits", id="only-symbols"),
    pytest.param(pdf_bytes(), "a.php.pdf", "second extension (.php)", id="double-extension-php-pdf"),
    pytest.param(pdf_bytes(), "a.pdf.php", "only PDF, DOCX or TXT", id="double-extension-pdf-php"),
    pytest.param(pdf_bytes(), "x" * 296 + ".pdf", "longer than 255", id="300-character-name"),
    pytest.param(MZ_EXECUTABLE, "setup.pdf", "not a PDF", id="renamed-executable-pdf"),
    pytest.param(MZ_EXECUTABLE, "setup.txt", "binary file", id="renamed-executable-txt"),
    pytest.param(MZ_EXECUTABLE, "setup.exe", "only PDF, DOCX or TXT", id="executable"),
    pytest.param(HTML_PAGE, "page.pdf", "not a PDF", id="pdf-that-is-html"),
    pytest.param(HTML_PAGE, "page.txt", "web page or image markup", id="renamed-html-txt"),
    pytest.param(HTML_PAGE, "page.docx", "not a Word", id="renamed-html-docx"),
    pytest.param(SVG_WITH_SCRIPT, "image.svg", "only PDF, DOCX or TXT", id="svg-with-script"),
    pytest.param(SVG_WITH_SCRIPT, "image.txt", "web page or image markup", id="svg-with-script-as-txt"),
    pytest.param(docx_zip_bomb(), "bomb.docx", "zip bomb", id="docx-zip-bomb"),
    pytest.param(
        zip_bytes({"a.txt": b"hello"}), "archive.docx", "ZIP archive, not a Word", id="zip-renamed-docx"
    ),
    pytest.param(bytes(range(256)) * 4, "data.txt", "binary file", id="binary-named-txt"),
    pytest.param("Hello, world\n".encode("utf-16"), "utf16.txt", "UTF-16", id="utf16-txt"),
    pytest.param("café".encode("latin-1"), "latin1.txt", "not UTF-8", id="latin1-txt"),
    pytest.param(b"", "empty.pdf", "empty", id="zero-bytes"),
    pytest.param(pdf_bytes()[:-40], "cut.pdf", "damaged or incomplete", id="truncated-pdf"),
    pytest.param(png_file(), "photo.pdf", "not a PDF", id="image-named-pdf"),
    pytest.param(pdf_bytes(), "report.txt", "not UTF-8", id="pdf-named-txt"),
    pytest.param(docx_bytes(), "letter.pdf", "not a PDF", id="docx-named-pdf"),
]


@pytest.mark.parametrize(("content", "name", "reason"), BAD_FILES)
def test_bad_files_are_refused_by_name_with_nothing_left_on_disk(
    app, logged_in_client, tmp_path, content, name, reason
):
    page = upload(logged_in_client, (content, name), (pdf_bytes(), "good.pdf"))
    error = parse(page).find(id="documents-error")
    assert error is not None, "the refusal is a field error"
    assert reason in error.get_text()
    assert parse(page).find(id="documents")["aria-invalid"] == "true"
    assert [d.display_name for d in stored(app)] == ["good.pdf"]  # the good one still went in
    assert len(upload_area(tmp_path)) == 1  # and nothing else, not even a partial write


def raw_upload(client, encoded_name: str, content: bytes):
    """A multipart body written by hand: its file name in the RFC 2231 `filename*` form,
    the only way a control character can reach the server inside a name."""
    token = form_values(client.get("/documents"), action="/documents")["csrf_token"]
    boundary = "fw-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"documents\"; filename*=UTF-8''{encoded_name}\r\n"
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        "/documents",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        follow_redirects=True,
    )


@pytest.mark.parametrize(
    "encoded_name", ["a%00b.pdf", "a%0Ab.pdf", "a%0D%0AX-Evil%3A%201.pdf", "%1B%5B31m.pdf"]
)
def test_control_characters_in_a_name_are_refused(app, logged_in_client, tmp_path, encoded_name):
    page = raw_upload(logged_in_client, encoded_name, pdf_bytes())
    assert "contains control characters" in parse(page).find(id="documents-error").get_text()
    assert stored(app) == [] and upload_area(tmp_path) == []


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(make_app, tmp_path):
    app = make_app(DOCUMENT_MAX_BYTES=1000)
    add_user(app)
    client = app.test_client()
    client.post(
        "/login",
        data={**form_values(client.get("/login")), "username": "alice", "password": "Correct-horse-1"},
    )
    page = upload(client, (b"x" * 1001, "big.txt"), (b"y" * 1000, "fits.txt"))
    assert (
        "“big.txt” was not uploaded: it is larger than 1000 bytes"
        in parse(page).find(id="documents-error").get_text()
    )
    assert [d.display_name for d in stored(app)] == ["fits.txt"]
    assert len(upload_area(tmp_path)) == 1


def test_the_quota_refuses_what_would_go_over_it(make_app, tmp_path):
    app = make_app(DOCUMENT_QUOTA_BYTES=2500)
    add_user(app)
    client = app.test_client()
    client.post(
        "/login",
        data={**form_values(client.get("/login")), "username": "alice", "password": "Correct-horse-1"},
    )
    page = upload(client, (b"a" * 1000, "one.txt"), (b"b" * 1000, "two.txt"), (b"c" * 1000, "three.txt"))
    error = parse(page).find(id="documents-error").get_text()
    assert (
        "“three.txt” was not uploaded: it would take you over your 2.4 KB of space (500 bytes left)" in error
    )
    assert sorted(d.display_name for d in stored(app)) == ["one.txt", "two.txt"]
    assert "2 KB of 2.4 KB used" in page.get_data(as_text=True)


def test_more_files_than_allowed_are_refused_and_none_stored(make_app, tmp_path):
    app = make_app(DOCUMENT_MAX_FILES=2)
    add_user(app)
    client = app.test_client()
    client.post(
        "/login",
        data={**form_values(client.get("/login")), "username": "alice", "password": "Correct-horse-1"},
    )
    page = upload(client, *[(b"text", f"{n}.txt") for n in range(3)])
    assert page.status_code == 200
    assert (
        "Choose at most 2 documents at a time (you chose 3)."
        in parse(page).find(id="documents-error").get_text()
    )
    assert stored(app) == [] and upload_area(tmp_path) == []


def test_an_upload_with_no_file_asks_for_one(logged_in_client):
    values = form_values(logged_in_client.get("/documents"), action="/documents")
    page = logged_in_client.post("/documents", data=values, content_type="multipart/form-data")
    assert "Choose one or more documents" in parse(page).find(id="documents-error").get_text()


def test_a_reload_after_a_partly_refused_upload_stores_nothing_twice(app, logged_in_client):
    response = upload(logged_in_client, (pdf_bytes(), "a.pdf"), (b"", "b.txt"), follow=False)
    assert response.status_code == 302  # Post/Redirect/Get, even with a refusal to show
    page = logged_in_client.get("/documents")
    assert "“b.txt” was not uploaded: it is empty." in parse(page).find(id="documents-error").get_text()
    again = logged_in_client.get("/documents")
    assert parse(again).find(id="documents-error") is None  # shown once
    assert len(stored(app)) == 1


def test_uploads_stream_in_chunks_and_never_read_a_file_whole(app, logged_in_client, monkeypatch):
    """The intake reads bounded chunks (the memory benchmark measures the whole request)."""
    reads = []
    real_receive = storage.receive_stream

    class Spy:
        def __init__(self, stream):
            self.stream = stream

        def read(self, size=-1):
            reads.append(size)
            return self.stream.read(size)

    monkeypatch.setattr(
        storage, "receive_stream", lambda kind, stream, most: real_receive(kind, Spy(stream), most)
    )
    upload(logged_in_client, (b"line\n" * 100_000, "long.txt"))
    assert len(reads) > 5 and all(0 < size <= 64 * 1024 for size in reads)
    assert stored(app)[0].size == 500_000


def test_a_valid_docx_with_many_parts_is_fine_but_too_many_is_refused(logged_in_client, app):
    parts = {"[Content_Types].xml": docx_bytes() and b"", "word/document.xml": b"<w:document/>"}
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as archive:
        parts["[Content_Types].xml"] = archive.read("[Content_Types].xml")
    crowded = zip_bytes({**parts, **{f"word/media/{n}.bin": b"x" for n in range(2001)}})
    page = upload(
        logged_in_client,
        (zip_bytes({**parts, "word/styles.xml": b"<w:styles/>"}), "fine.docx"),
        (crowded, "crowded.docx"),
    )
    assert "more than 2000 parts" in parse(page).find(id="documents-error").get_text()
    assert [d.display_name for d in stored(app)] == ["fine.docx"]


def test_files_written_for_a_failed_commit_are_removed(app, logged_in_client, tmp_path, monkeypatch):
    values = form_values(logged_in_client.get("/documents"), action="/documents")
    values["documents"] = [(io.BytesIO(pdf_bytes()), "a.pdf"), (io.BytesIO(b"notes"), "b.txt")]
    fail_commits(monkeypatch)
    response = logged_in_client.post("/documents", data=values, content_type="multipart/form-data")
    monkeypatch.undo()
    assert response.status_code == 503
    assert stored(app) == [] and upload_area(tmp_path) == []
