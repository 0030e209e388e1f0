"""A wizard's URLs for one run (`<prefix>/<wid>/<step>`, `<prefix>/<wid>/review`), built cheaply.

The engine's rules all sit under the blueprint's prefix, which is also the start URL:
`url_for` of a step is the start URL (without a trailing slash) followed by `/<wid>/<step>`,
since Werkzeug's string converter leaves a value of unreserved URL characters
(`A-Z a-z 0-9 _ . ~ -`) as it is. So the start URL is built by `url_for` once for each way
the request's URL adapter builds URLs (script root, host, subdomain, scheme: what makes
`url_for` give `/app/register` or `http://host/register`), and each run's URL is appended
to it: about 1 us, against 5 to 10 for `url_for` (11 a registration). A value with any
other character, an app with URL defaults, and a build outside a request go to `url_for`.
`tests/test_wizard_urls.py` compares the two under script roots, hosts and odd values.
"""

import re

from flask import url_for
from flask.globals import request_ctx

# Values Werkzeug's string converter puts in a URL as they are (RFC 3986's unreserved characters).
UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")
# Adapter settings kept per app, at most (a Host header a client makes up is one more).
KEPT_STARTS = 64


class RunUrls:
    """The URLs of a wizard's runs: its step and review pages."""

    def __init__(self, wizard_name: str) -> None:
        self.name = wizard_name
        self.start = f"{wizard_name}.start"

    def page(self, wid: str, page: str) -> str:
        """The URL of `page` (a step's name, or "review") of the run `wid`, as `url_for` builds it."""
        base = self.start_url() if UNRESERVED.fullmatch(wid) and UNRESERVED.fullmatch(page) else None
        if base is not None:
            return f"{base}/{wid}/{page}"
        if page == "review":
            return url_for(f"{self.name}.review", wid=wid)
        return url_for(f"{self.name}.step", wid=wid, step=page)

    def start_url(self) -> str | None:
        """`url_for` of the start URL, without a trailing slash, kept per adapter settings; None when not to be kept."""
        context = request_ctx._get_current_object() if request_ctx else None
        adapter = context.url_adapter if context is not None else None
        if adapter is None or context.app.url_default_functions:
            return None
        kept = context.app.extensions.setdefault(f"run_urls:{self.name}", {})
        key = (adapter.script_name, adapter.server_name, adapter.subdomain, adapter.url_scheme)
        base = kept.get(key)
        if base is None:
            if len(kept) >= KEPT_STARTS:
                kept.clear()
            base = kept[key] = url_for(self.start).rstrip("/")
        return base
