"""What a document really is, by its content: PDF, DOCX or UTF-8 text. Reads are bounded.

The extension a person gave must match what the bytes are; the client's
Content-Type is never consulted. DOCX is a ZIP, so it is judged from the
archive's directory (entry count, declared sizes, compression ratios) before
any part is decompressed, and only its small `[Content_Types].xml` is read,
with a cap. Generic sniffers often call an Office file "a ZIP"; here a ZIP
without the Word parts is refused.
"""

import codecs
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import IO

CHUNK = 64 * 1024
PDF_HEADER_WINDOW = 1024  # the PDF specification lets the header sit anywhere in the first 1 KB
PDF_TRAILER_WINDOW = 4096
PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
PDF_STARTXREF = re.compile(rb"startxref\s+([0-9]{1,15})\s+%%EOF")
PDF_XREF = re.compile(rb"\s*(xref|[0-9]+\s+[0-9]+\s+obj\b)")
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
DOCX_MAX_RATIO = 100  # for parts over DOCX_RATIO_FROM bytes; a zip bomb's parts compress by thousands
DOCX_RATIO_FROM = 1024 * 1024
DOCX_CONTENT_TYPES_MAX = 1024 * 1024
DOCX_REQUIRED = ("[Content_Types].xml", "word/document.xml")
DOCX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


class ContentRejected(ValueError):
    """The bytes are not what the extension says; the message says why, for the person."""


def sniff_document_type(fh: IO[bytes], size: int, extension: str) -> None:
    """Check that the file open as `fh` (`size` bytes) really is a `extension` document."""
    fh.seek(0)
    CHECKS[extension](fh, size)


def check_pdf(fh: IO[bytes], size: int) -> None:
    """A PDF header in the first kilobyte, and a trailer whose `startxref` points at a cross-reference."""
    head = fh.read(PDF_HEADER_WINDOW)
    header = PDF_HEADER.search(head)
    if header is None:
        raise ContentRejected("it is not a PDF document.")
    fh.seek(max(0, size - PDF_TRAILER_WINDOW))
    found = list(PDF_STARTXREF.finditer(fh.read(PDF_TRAILER_WINDOW)))
    if not found:
        raise ContentRejected("it is a damaged or incomplete PDF (its end is missing).")
    offset = int(found[-1].group(1))
    # Offsets count from the header; some writers put bytes before it.
    for start in dict.fromkeys((offset, offset + header.start())):
        if start < size:
            fh.seek(start)
            if PDF_XREF.match(fh.read(64)):
                return
    raise ContentRejected("it is a damaged PDF (its cross-reference table cannot be found).")


def check_docx(fh: IO[bytes], size: int) -> None:
    """A sane ZIP (entries, sizes, ratios checked from its directory) holding the Word parts."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ContentRejected("it is not a Word (DOCX) document.") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > DOCX_MAX_ENTRIES:
            raise ContentRejected(
                f"it holds more than {DOCX_MAX_ENTRIES} parts, more than any Word document."
            )
        if sum(entry.file_size for entry in entries) > DOCX_MAX_UNCOMPRESSED:
            raise ContentRejected("it would unpack to far more than any Word document (a zip bomb?).")
        for entry in entries:
            if entry.file_size > DOCX_RATIO_FROM and entry.file_size > DOCX_MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise ContentRejected("it is compressed far more than any Word document (a zip bomb?).")
        names = {entry.filename for entry in entries}
        if not all(part in names for part in DOCX_REQUIRED):
            raise ContentRejected("it is a ZIP archive, not a Word (DOCX) document.")
        try:
            with archive.open("[Content_Types].xml") as part:
                content_types = part.read(DOCX_CONTENT_TYPES_MAX + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError):
            raise ContentRejected("it is a damaged or encrypted Word (DOCX) document.") from None
    if len(content_types) > DOCX_CONTENT_TYPES_MAX or DOCX_MAIN_TYPE not in content_types:
        raise ContentRejected("it is not a Word (DOCX) document (a macro file or another Office type?).")


def check_text(fh: IO[bytes], size: int) -> None:
    """UTF-8 text without NUL bytes, that no browser would take for a web page."""
    head = fh.read(CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentRejected("it is UTF-16 text; save it as UTF-8 and upload it again.")
    if head.removeprefix(codecs.BOM_UTF8).lstrip()[:16].lower().startswith(MARKUP_STARTS):
        raise ContentRejected("it is web page or image markup (HTML, SVG or XML), not plain text.")
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = head
    while chunk:
        if b"\0" in chunk:
            raise ContentRejected("it is a binary file, not text.")
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            raise ContentRejected("it is not UTF-8 text; save it as UTF-8 and upload it again.") from None
        chunk = fh.read(CHUNK)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ContentRejected("it is not UTF-8 text; save it as UTF-8 and upload it again.") from None


CHECKS: dict[str, Callable[[IO[bytes], int], None]] = {
    "pdf": check_pdf,
    "docx": check_docx,
    "txt": check_text,
}
DOCUMENT_EXTENSIONS = tuple(CHECKS)
