"""The names people give their files: checked, and kept readable for display only.

The stored name is always a UUID (uploads.storage); the display name is what
the person called the file, with Unicode kept (a "Lebenslauf März.pdf" stays
readable) but nothing that could act as a path, a header break or a second,
executable extension.
"""

import unicodedata

from werkzeug.utils import secure_filename

MAX_NAME_LENGTH = 255
# Extensions a web server or a desktop might run or render; refused inside a name too
# (`invoice.php.pdf`), where a misconfigured server could still act on them.
RISKY_EXTENSIONS = frozenset(
    [
        "php",
        "php3",
        "php4",
        "php5",
        "phtml",
        "phar",
        "asp",
        "aspx",
        "jsp",
        "jspx",
        "cgi",
        "pl",
        "py",
        "rb",
        "sh",
        "bash",
        "exe",
        "dll",
        "com",
        "bat",
        "cmd",
        "msi",
        "scr",
        "ps1",
        "vbs",
        "vbe",
        "js",
        "mjs",
        "jse",
        "wsf",
        "hta",
        "html",
        "htm",
        "xhtml",
        "shtml",
        "svg",
        "svgz",
        "xml",
        "jar",
        "apk",
        "app",
    ]
)


class NameRejected(ValueError):
    """The file name cannot be used; the message says why, for the person."""


def checked_name(filename: str, allowed: tuple[str, ...]) -> tuple[str, str]:
    """(display name, extension) for an uploaded file name, or NameRejected with the reason."""
    if any(unicodedata.category(char) == "Cc" for char in filename):
        raise NameRejected("its name contains control characters (such as a line break).")
    if "/" in filename or "\\" in filename:
        raise NameRejected("its name contains a folder path; send the file itself.")
    # Format characters (right-to-left overrides, zero-width joiners) could make "fdp.exe" read as "exe.pdf".
    name = "".join(
        c for c in unicodedata.normalize("NFC", filename) if unicodedata.category(c) != "Cf"
    ).strip()
    if len(name) > MAX_NAME_LENGTH:
        raise NameRejected(f"its name is longer than {MAX_NAME_LENGTH} characters.")
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower()
    if not dot:
        raise NameRejected(f"its name has no extension: only {join_kinds(allowed)} files can be uploaded.")
    if not any(char.isalnum() for char in stem):
        raise NameRejected("its name has no letters or digits before the extension.")
    if extension not in allowed:
        raise NameRejected(f"only {join_kinds(allowed)} files can be uploaded.")
    inner = {part.lower().strip() for part in stem.split(".")[1:]}
    risky = sorted(inner & RISKY_EXTENSIONS)
    if risky:
        raise NameRejected(f"its name hides a second extension (.{risky[0]}).")
    return name, extension


def shown_name(filename: str | None, limit: int = 60) -> str:
    """A file's name as a message may quote it: the last path part, no control or format
    characters, shortened with an ellipsis past `limit` characters ("" when nothing is left)."""
    last = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in last if unicodedata.category(c) not in ("Cc", "Cf")).strip()
    return name if len(name) <= limit else name[: limit - 1] + "…"


def about_file(filename: str | None, message: str) -> str:
    """`message` naming the file it is about: 'holiday.heic: Choose a JPEG, PNG, WebP or GIF image.'"""
    name = shown_name(filename)
    return f"{name}: {message}" if name else message


def join_kinds(allowed: tuple[str, ...]) -> str:
    """'PDF, DOCX or TXT'."""
    kinds = [kind.upper() for kind in allowed]
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]


def ascii_fallback(display_name: str) -> str:
    """An ASCII name for old clients (Content-Disposition `filename=`); `filename*` has the real one."""
    fallback = secure_filename(display_name)
    extension = display_name.rpartition(".")[2].lower()
    return fallback if "." in fallback.strip(".") else f"document.{extension}"
