"""Formwork's response class: Flask's, handing its headers to the server without checking each one again.

Werkzeug's `get_wsgi_headers` starts every response by copying its headers into a
new `Headers`, which passes each value through `add` and its newline check again,
although each was checked when it was set: with the security headers that is ten
values, about 10 us a response. When the copy is all it would give back (no
Location or Content-Location to rewrite, a Content-Length already known, a status
whose headers are sent as they are), the copy is made from the checked list at once.
A redirect to a path of this site written in plain URL characters (every redirect the app
makes: `url_for` quotes what it puts in) is such a response too: Werkzeug would pass its
Location through `iri_to_uri`, which gives such a path back unchanged (about 20 us of a
redirect). Every other response takes Werkzeug's own path.

A response made from a text body with no headers given (every page a view renders, every
redirect) starts with its Content-Type and Content-Length written into Werkzeug's list at
once: Werkzeug would look for a Content-Type among no headers (a caught KeyError), then set
each header through its checks (about 2 us of a response's 3.5).
"""

import functools
import re
from typing import Any

from flask import Response
from werkzeug.datastructures import Headers
from werkzeug.utils import get_content_type

# The headers Werkzeug's `get_wsgi_headers` rewrites when a response has them.
REWRITTEN = frozenset({"location", "content-location"})
# A site path (not `//host`) and query in characters `iri_to_uri` leaves as they are, not ending in
# "?" (an empty query it would drop): tests/test_request_overhead.py compares the two.
PLAIN_LOCATION = re.compile(r"/(?!/)[A-Za-z0-9._~/=&%-]*(\?[A-Za-z0-9._~/=&%?-]*[A-Za-z0-9._~/=&%-])?\Z")


def checked_header(name: str, value: str) -> tuple[str, str]:
    """(name, value) as Werkzeug's Headers stores it, its value checked (no newline): for a list built once."""
    headers = Headers()
    headers.add(name, value)
    return headers._list[0]


def has_header(headers: Headers, name: str) -> bool:
    """`name in headers` for a lower-case `name`, asked of the names: Werkzeug answers a miss by
    raising and catching its KeyError (1.2 against 0.6 µs)."""
    return any(present.lower() == name for present, _ in headers)


@functools.lru_cache(maxsize=64)
def content_type_header(mimetype: str) -> tuple[str, str]:
    """The Content-Type header Werkzeug gives a text body of `mimetype`, checked as Headers checks it, once.

    A value Werkzeug refuses (a newline) raises each time, as it would; only good ones are kept.
    """
    return checked_header("Content-Type", get_content_type(mimetype, "utf-8"))


class FormworkResponse(Response):
    """Flask's response: a text body's first headers written at once, and headers not re-checked for the server."""

    def __init__(
        self,
        response: Any = None,
        status: Any = None,
        headers: Any = None,
        mimetype: str | None = None,
        content_type: str | None = None,
        direct_passthrough: bool = False,
    ) -> None:
        """Werkzeug's response; a str body without headers or content type given gets its two headers at once.

        The same list Werkzeug would build (Content-Type from the mimetype or the default, then
        Content-Length of the UTF-8 body), its Content-Type checked once per mimetype
        (tests/test_request_shortcuts.py compares the two for every kind of body).
        """
        text_type = self.default_mimetype if mimetype is None else mimetype
        if not (
            isinstance(response, str)
            and headers is None
            and content_type is None
            and text_type is not None
            and self.automatically_set_content_length
        ):
            super().__init__(response, status, headers, mimetype, content_type, direct_passthrough)
            return
        body = response.encode()
        made = Headers()
        made._list = [content_type_header(text_type), ("Content-Length", str(len(body)))]
        super().__init__(None, status, made, direct_passthrough=direct_passthrough)
        self.response = [body]

    def get_wsgi_headers(self, environ) -> Headers:
        """Werkzeug's headers for the server: a plain copy when it has nothing to fix.

        Leans on `Headers._list` (Werkzeug 3.1, pinned in requirements.txt; the tests
        compare this with Werkzeug's own result for every kind of response it treats
        differently).
        """
        names = {name.lower() for name, _ in self.headers}
        status = self.status_code
        plain_status = status >= 200 and status not in (204, 304)  # 1xx, 204 and 304 lose headers
        if plain_status and "content-length" in names and self.plain_locations(names):
            headers = Headers()
            headers._list = list(self.headers._list)
            return headers
        return super().get_wsgi_headers(environ)

    def plain_locations(self, names: set[str]) -> bool:
        """Whether Werkzeug would leave the Location and Content-Location (if any) as they are."""
        if names.isdisjoint(REWRITTEN):
            return True
        if "content-location" in names or self.autocorrect_location_header:
            return False
        return all(PLAIN_LOCATION.match(value) for value in self.headers.getlist("Location"))
