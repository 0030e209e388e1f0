"""What a request body may be, checked once for every route before a view or form reads it.

Werkzeug holds a multipart text part to `MAX_FORM_MEMORY_SIZE` (Flask's setting,
500 kB), but reads a url-encoded body or a JSON body whole, whatever its size
under `MAX_CONTENT_LENGTH`. Here all three are held to the same cap (413), a JSON
body nested too deep for the parser is a 400 rather than a `RecursionError`, and
a part with no name, or with a control character in its name (which no browser
sends), is left out, so Flask-WTF and the forms never meet a `None` key. Multipart
bodies are decoded by multipart_boundaries' decoder (Werkzeug's, without two
regexes compiled per request).
"""

import io
import re
from typing import IO
from typing import Any

from flask import Flask
from flask import request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge

from cookie_header import OneCookieHeaderRequest
from multipart_boundaries import BoundaryFindingFormDataParser

# The characters no browser puts in a part's name: C0 controls and DEL. One regular expression
# search per name (in C), not a Python loop over its characters: every key of every POST passes here.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def browser_name(name: str | None) -> bool:
    """Whether a browser could have sent a part under this name (control characters never)."""
    return name is not None and CONTROL_CHARACTER.search(name) is None


def read_capped(stream: IO[bytes], cap: int | None, content_length: int | None) -> bytes:
    """The whole body, or 413 as soon as it is known to be larger than `cap`."""
    if cap is not None and content_length is not None and content_length > cap:
        raise RequestEntityTooLarge()
    data = stream.read() if cap is None else stream.read(cap + 1)
    if cap is not None and len(data) > cap:
        raise RequestEntityTooLarge()
    return data


class CappedFormDataParser(BoundaryFindingFormDataParser):
    """Werkzeug's form parser, with url-encoded bodies capped and nameless parts left out."""

    def parse(self, stream: IO[bytes], mimetype: str, content_length: int | None, options=None) -> Any:
        stream, form, files = super().parse(stream, mimetype, content_length, options)
        return stream, self.named(form), self.named(files)

    def named(self, values: MultiDict) -> MultiDict:
        """`values` without the parts a browser could not have sent; the same object when all are fine."""
        if all(browser_name(key) for key in values):
            return values
        return self.cls([(key, value) for key, value in values.items(multi=True) if browser_name(key)])

    def _parse_urlencoded(self, stream: IO[bytes], mimetype: str, content_length: int | None, options) -> Any:
        body = read_capped(stream, self.max_form_memory_size, content_length)
        return super()._parse_urlencoded(io.BytesIO(body), mimetype, len(body), options)


class CappedRequest(OneCookieHeaderRequest):
    """Flask's request with CappedFormDataParser and a capped, depth-safe `get_json` (and quick cookies)."""

    form_data_parser_class = CappedFormDataParser

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        cap = self.max_form_memory_size
        # What was read, not what was declared: a chunked body declares no length
        # (a declared one is refused earlier, by refuse_oversized_body).
        if cap is not None and len(self.get_data(cache=cache)) > cap:
            raise RequestEntityTooLarge()
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            if silent:
                return None
            raise BadRequest("The JSON body is nested too deeply to read.") from None


# Bodies read whole into memory: held to MAX_FORM_MEMORY_SIZE whether a view reads them or not.
WHOLE_BODY_TYPES = {"application/x-www-form-urlencoded", "application/json"}


def refuse_oversized_body() -> None:
    """413 for a url-encoded or JSON body declared larger than the cap, before anything reads it.

    The declared length is looked at first: most requests (every GET) declare none, and
    need neither the cap from the config nor their content type parsed. One that has no
    CONTENT_LENGTH in its environ (or an empty one) has no `content_length` either, and
    is let through without Werkzeug looking for that header and Transfer-Encoding (two
    KeyErrors caught, about 2 us).
    """
    current = request._get_current_object()  # the request itself: a proxy's attribute costs 0.7 us more
    if not current.environ.get("CONTENT_LENGTH"):
        return
    declared = current.content_length
    if not declared:
        return
    cap = current.max_form_memory_size
    if cap is not None and declared > cap and current.mimetype in WHOLE_BODY_TYPES:
        raise RequestEntityTooLarge()


def register_request_limits(app: Flask) -> None:
    """Parse every request of `app` with the caps above."""
    app.request_class = CappedRequest
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_oversized_body)
