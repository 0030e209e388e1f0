"""Submit the gallery's examples as a browser would, and read back what the page shows."""

import re

import pytest

from gallery.examples import EXAMPLES_BY_SLUG
from macros.rows import PLACEHOLDER
from tests.conftest import module_app
from tests.page_reading import csrf_token
from tests.page_reading import parse


def page_url(slug: str) -> str:
    """The family page an example is shown on."""
    return f"/gallery/{EXAMPLES_BY_SLUG[slug].section}"


class GalleryPages:
    """Each family page as a first-time visitor sees it, fetched and parsed once: `pages[slug]`."""

    def __init__(self, client) -> None:
        self.client = client
        self.parsed: dict = {}

    def __getitem__(self, slug: str):
        url = page_url(slug)
        if url not in self.parsed:
            response = self.client.get(url)
            assert response.status_code == 200, url
            self.parsed[url] = parse(response)
        return self.parsed[url]


def posts_to(form, slug: str) -> bool:
    """Whether a <form> submits the example `slug` (with or without a #fragment)."""
    return form.get("action", "").partition("#")[0] == f"/gallery?example={slug}"


def untouched(pages: GalleryPages, slug: str) -> tuple[dict, str]:
    """What a browser sends for an example's form before any typing (but its CSRF token), and its prefix.

    Rows inside the <template> for JavaScript are left out: browsers never send them.
    """
    form = next(form for form in pages[slug].find_all("form") if posts_to(form, slug))
    values = {}
    for control in form.find_all(["input", "select", "textarea"]):
        name, kind = control.get("name"), control.get("type", "text")
        if not name or PLACEHOLDER in name or kind in ("submit", "button", "file"):
            continue
        if name.endswith("csrf_token"):
            prefix = name.removesuffix("csrf_token")
        elif kind in ("checkbox", "radio"):
            if control.has_attr("checked"):
                values[name] = control.get("value", "y")
        elif control.name == "select" and control.has_attr("multiple"):
            values[name] = [option.get("value", "") for option in control.find_all("option", selected=True)]
        elif control.name == "select":  # nothing selected: browsers send the first option
            chosen = control.find("option", selected=True) or control.find("option")
            values[name] = chosen.get("value", "")
        elif control.name == "textarea":
            values[name] = re.sub(r"^\r?\n", "", control.get_text())  # browsers drop the first newline
        else:
            values[name] = control.get("value", "")
    return values, prefix


def post(client, pages: GalleryPages, slug: str, typed: dict | None = None, **extra):
    """Submit an example as a browser would: its untouched values, `typed` (unprefixed), then `extra`."""
    values, prefix = untouched(pages, slug)
    values[prefix + "csrf_token"] = csrf_token(client)
    values.update({prefix + name: value for name, value in (typed or {}).items()})
    values.update(extra)
    return client.post(f"/gallery?example={slug}", data=values)


def article(response, slug: str):
    return parse(response).find("article", id=slug)


def received(response, slug: str) -> dict[str, tuple[str, str]]:
    """The "What the server received" table of an example, as {name: (Python type, value)}."""
    shown = article(response, slug).select_one(".fw-received")
    rows = [[cell.get_text() for cell in row(["th", "td"])] for row in shown.tbody("tr")]
    return {name: (kind, value) for name, kind, value in rows}


def ingredient_rows(response) -> list[tuple[str, str]]:
    """(name, quantity) of each ingredient row shown; the JavaScript template row left out."""
    rows = article(response, "recipe").select("[data-fw-fieldlist$='-ingredients'] [data-fw-rows] > .fw-row")
    return [
        (row.select_one("input[name$=-name]")["value"], row.select_one("input[name$=-quantity]")["value"])
        for row in rows
    ]


@pytest.fixture(scope="module")
def gallery_app(tmp_path_factory):
    """One app for the module: a first /gallery render compiles every snippet, too slow to redo per test."""
    with module_app(tmp_path_factory, "gallery") as app:
        yield app


@pytest.fixture
def client(gallery_app):
    """A visitor with a fresh session (this module's app, not conftest's)."""
    return gallery_app.test_client()


@pytest.fixture(scope="module")
def gallery_page(gallery_app):
    """Each family page as a first-time visitor sees it, parsed once for the checks that only read it."""
    return GalleryPages(gallery_app.test_client())
