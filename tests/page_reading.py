"""Read a page and its form as a browser would: the document, the values it would send, its CSRF token."""

import lxml.html
from bs4 import BeautifulSoup


def parse(response):
    """The response body as a BeautifulSoup document (built by lxml: the suite parses thousands of pages)."""
    return BeautifulSoup(response.get_data(as_text=True), "lxml")


def form_values(response, form_index: int = -1, action: str | None = None) -> dict[str, str]:
    """The values a browser would send for a page's form, before any typing.

    The form is the `form_index`th on the page, or the first that posts to `action`
    (its #fragment ignored). Text inputs, hidden fields (the CSRF token), selected
    options (the first when none is: browsers send it) and checked boxes; submit
    buttons and file inputs are left out so the caller picks them, and so are
    disabled controls and the controls of a <template> (JavaScript's blank rows), which
    browsers never send. A textarea loses one leading newline, as HTML parsing drops it.
    """
    forms = lxml.html.document_fromstring(response.get_data(as_text=True)).forms
    if action is not None:
        forms = [form for form in forms if (form.get("action") or "").partition("#")[0] == action]
        assert forms, f"no form on the page posts to {action!r}"
        form_index = 0
    form = forms[form_index]
    values: dict[str, str] = {}
    for field in form.iter("input", "select", "textarea"):
        name = field.get("name")
        kind = (field.get("type") or "text").lower()
        if (
            not name
            or kind in ("submit", "button", "file")
            or next(field.iterancestors("template"), None) is not None
            or disabled(field)
        ):
            continue
        if kind in ("checkbox", "radio"):
            if field.get("checked") is not None:
                values[name] = field.get("value", "on")
        elif field.tag == "select":
            options = field.findall(".//option")
            chosen = next((option for option in options if option.get("selected") is not None), None)
            chosen = options[0] if chosen is None and options else chosen
            label = "" if chosen is None else " ".join(chosen.text_content().split())
            values[name] = "" if chosen is None else chosen.get("value", label)
        elif field.tag == "textarea":
            text = field.text_content()
            values[name] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
        else:
            values[name] = field.get("value", "")
    return values


def disabled(field) -> bool:
    """Whether a browser leaves the control out: disabled itself or inside a disabled fieldset."""
    if field.get("disabled") is not None:
        return True
    return any(a.tag == "fieldset" and a.get("disabled") is not None for a in field.iterancestors())


def csrf_token(client, url: str = "/login") -> str:
    """A valid CSRF token for `client`'s session, read from a form page."""
    return form_values(client.get(url))["csrf_token"]
