"""Follow the site's own links from a page, as a visitor clicking every one would."""

from collections import deque
from urllib.parse import urljoin
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from tests.page_reading import parse

# Not pages: the locally served Bootstrap files, static assets, JSON endpoints.
NOT_PAGES = ("/vendor/", "/static/", "/api/", "/healthz")
MAX_PAGES = 150


def site_path(href: str, base: str) -> str | None:
    """`href` as a path (with query, without fragment) on this site, or None for other sites and assets."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https") or parts.netloc not in ("localhost", ""):
        return None
    if parts.path.startswith(NOT_PAGES):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def crawl(client, start: str = "/", limit: int = MAX_PAGES) -> dict[str, object]:
    """Every HTML page reachable from `start` by GET links: {path asked for: final response}.

    Redirects are followed (a signed-out visit to /profile lands on the sign-in page);
    at most `limit` pages, so a page that links to ever new URLs cannot loop the crawl.
    """
    queue = deque([start])
    seen = {start}
    pages: dict[str, object] = {}
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = client.get(path, follow_redirects=True)
        if response.mimetype != "text/html":
            continue
        pages[path] = response
        base = "http://localhost" + response.request.full_path.rstrip("?")
        for link in parse(response).find_all("a", href=True):
            target = site_path(link["href"], base)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages
