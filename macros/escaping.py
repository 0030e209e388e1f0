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


def quick_escape(value: Any) -> str:
    """The text `markupsafe.escape(value)` gives, without making a Markup of it: a str by one translate.

    Markup is already safe and an int has nothing to escape; anything else goes through escape.
    """
    kind = type(value)
    if kind is str:
        return value.translate(ESCAPES)
    if kind is Markup:
        return value
    if kind is int:
        return str(value)
    return escape(value)
