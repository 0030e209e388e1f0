"""Submit the gallery's examples as a browser would, and read back what the page shows."""

import re

from macros.rows import PLACEHOLDER
from tests.page_reading import csrf_token
from tests.page_reading import parse


def posts_to(form, slug: str) -> bool:
    """Whether a <form> submits the example `slug` (with or without a #fragment)."""
    return form.get("action", "").partition("#")[0] == f"/gallery?example={slug}"


def untouched(page, slug: str) -> tuple[dict, str]:
    """What a browser sends for an example's form before any typing (but its CSRF token), and its prefix.

    Rows inside the <template> for JavaScript are left out: browsers never send them.
    """
    form = next(form for form in page.find_all("form") if posts_to(form, slug))
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


def post(client, page, slug: str, typed: dict | None = None, **extra):
    """Submit an example as a browser would: its untouched values, `typed` (unprefixed), then `extra`."""
    values, prefix = untouched(page, slug)
    values[prefix + "csrf_token"] = csrf_token(client)
    values.update({prefix + name: value for name, value in (typed or {}).items()})
    values.update(extra)
    return client.post(f"/gallery?example={slug}", data=values)


def article(response, slug: str):
    return parse(response).find("article", id=slug)


def received(response, slug: str) -> dict[str, str]:
    """The "The server received" list of an example, as {name: value}."""
    shown = article(response, slug).select_one(".fw-received")
    return {dt.get_text(): dd.get_text() for dt, dd in zip(shown("dt"), shown("dd"), strict=True)}


def ingredient_rows(response) -> list[tuple[str, str]]:
    """(name, quantity) of each ingredient row shown; the JavaScript template row left out."""
    rows = article(response, "recipe").select("[data-fw-fieldlist$='-ingredients'] [data-fw-rows] > .fw-row")
    return [
        (row.select_one("input[name$=-name]")["value"], row.select_one("input[name$=-quantity]")["value"])
        for row in rows
    ]
