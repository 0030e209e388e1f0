"""Formwork's response class: Flask's, handing its headers to the server without checking each one again.

Werkzeug's `get_wsgi_headers` starts every response by copying its headers into a
new `Headers`, which passes each value through `add` and its newline check again,
although each was checked when it was set: with the security headers that is ten
values, about 10 us a response. When the copy is all it would give back (no
Location or Content-Location to rewrite, a Content-Length already known, a status
whose headers are sent as they are), the copy is made from the checked list at once.
Every other response takes Werkzeug's own path.
"""

from flask import Response
from werkzeug.datastructures import Headers

# The headers Werkzeug's `get_wsgi_headers` rewrites when a response has them.
REWRITTEN = frozenset({"location", "content-location"})


class FormworkResponse(Response):
    """Flask's response; `get_wsgi_headers` skips re-checking headers when Werkzeug would change nothing."""

    def get_wsgi_headers(self, environ) -> Headers:
        """Werkzeug's headers for the server: a plain copy when it has nothing to fix.

        Leans on `Headers._list` (Werkzeug 3.1, pinned in requirements.txt; the tests
        compare this with Werkzeug's own result for every kind of response it treats
        differently).
        """
        names = {name.lower() for name, _ in self.headers}
        status = self.status_code
        plain_status = status >= 200 and status not in (204, 304)  # 1xx, 204 and 304 lose headers
        if plain_status and "content-length" in names and names.isdisjoint(REWRITTEN):
            headers = Headers()
            headers._list = list(self.headers._list)
            return headers
        return super().get_wsgi_headers(environ)
