"""Escaping for the macro library's Python side: the text markupsafe.escape gives, with fewer Markup objects.

`markupsafe.escape` makes a Markup of every value it is given, and a form page escapes
a few hundred values (attributes, labels, messages) that are joined into one string
straight away. Formwork's attribute writer (`forms/base.py`) uses it too.
"""

from typing import Any

from markupsafe import Markup
from markupsafe import escape

# What markupsafe.escape does to a plain str, as one str.translate (no Markup made per value).
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;"})


def translate_escape(text: str) -> str:
    """A str escaped as markupsafe.escape escapes it, by one str.translate."""
    return text.translate(ESCAPES)


try:
    # The C function markupsafe.escape itself runs on a str (MarkupSafe 3.0 and later): 0.03 us
    # for a class name, where str.translate with a table takes 0.4 us and 1.9 us for a CSRF
    # token. It is not public API, hence the fallback; tests/test_forms_base.py compares
    # both with escape.
    from markupsafe import _escape_inner as escape_text
except ImportError:  # pragma: no cover (a MarkupSafe without it)
    escape_text = translate_escape


def quick_escape(value: Any) -> str:
    """The text `markupsafe.escape(value)` gives, without making a Markup of it: a str by escape_text.

    Markup is already safe and an int has nothing to escape; anything else goes through escape.
    """
    kind = type(value)
    if kind is str:
        return escape_text(value)
    if kind is Markup:
        return value
    if kind is int:
        return str(value)
    return escape(value)
