"""A form-filling client for benchmarks: reads a page's form and fills it like a person.

It knows nothing of the app beyond a start URL: it parses the largest POST form on
each page, fills every field from its name and type, presses the forward button
(the first submit that is not Back), and follows redirects until no form is left.
"""

import io
import itertools
import re
import secrets
from html.parser import HTMLParser

from PIL import Image

BACK = re.compile(r"back|prev|cancel|reset|remove|add", re.I)
RUN = secrets.token_hex(3)
COUNTER = itertools.count(1)


def tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (40, 90, 200)).save(out, format="PNG")
    return out.getvalue()


PNG = tiny_png()


class FormReader(HTMLParser):
    """Collects each <form>'s fields, options and submit buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.select: list | None = None
        self.textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
                "submits": [],
            }
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "submit":
                self.form["submits"].append(a)
            elif kind != "button":
                self.form["fields"].append([kind, a.get("name"), a.get("value"), a])
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self.form["submits"].append(a)
        elif tag == "select":
            self.select = ["select", a.get("name"), None, a, []]
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select[4].append(a.get("value"))
        elif tag == "textarea":
            self.textarea = ["textarea", a.get("name"), "", a]
            self.form["fields"].append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def guess(name: str, kind: str, n: str) -> str:
    """A plausible answer for a field, from its name and type."""
    low = name.lower()
    if "email" in low:
        return f"bench{n}@example.com"
    if "password" in low:
        return "Bench!Passw0rd#"
    if "username" in low:
        return f"bench{n}"
    if "postal" in low or "zip" in low:
        return "12345"
    if kind in ("number", "range") or "quantity" in low:
        return "3"
    if kind == "date":
        return "2030-01-01"
    return "Bench Value"


def fill(form: dict, n: str) -> tuple[list, list]:
    """(data, files) a person would send: every field filled, the forward button pressed."""
    data, files, radios = [], [], set()
    for kind, name, value, *rest in form["fields"]:
        if not name:
            continue
        if kind == "hidden":
            data.append((name, value or ""))
        elif kind == "checkbox":
            data.append((name, value or "y"))
        elif kind == "radio":
            if name not in radios:
                radios.add(name)
                data.append((name, value or ""))
        elif kind == "select":
            options = [v for v in rest[1] if v]
            data.extend([(name, options[0])] if options else [])
        elif kind == "file":
            files.append((name, "avatar.png", PNG))
        else:
            data.append((name, value or guess(name, kind, n)))
    forward = [
        s for s in form["submits"] if not BACK.search(" ".join(s.get(k, "") for k in ("name", "value", "id")))
    ]
    if forward and forward[0].get("name"):
        data.append((forward[0]["name"], forward[0].get("value", "y")))
    return data, files


def walk(client, start: str, max_pages: int = 12, scope: str | None = None) -> int:
    """Complete one multi-step form from `start` while the pages stay under `scope`; returns pages posted.

    `client` is a Flask (or Werkzeug) test client, or a `bench.httpclient.HttpClient`;
    `scope` defaults to `start` (give the wizard's prefix to resume a walk at a later step).
    """
    n = f"{RUN}{next(COUNTER)}"
    response = client.get(start, follow_redirects=True)
    if response.status_code >= 400:
        raise RuntimeError(f"{start} answered {response.status_code}")
    path, pages, scope = response.request.path, 0, (scope or start).rstrip("/")
    while pages < max_pages and path.startswith(scope):
        reader = FormReader()
        reader.feed(response.get_data(as_text=True))
        forms = [f for f in reader.forms if f["method"] == "post"]
        if not forms:
            break
        form = max(forms, key=lambda f: len(f["fields"]))
        data, files = fill(form, n)
        payload = {}
        for key, value in data:
            payload.setdefault(key, []).append(value)
        for key, filename, content in files:
            payload[key] = (io.BytesIO(content), filename)
        response = client.post(form["action"] or path, data=payload, follow_redirects=True)
        pages += 1
        if response.status_code >= 400:
            raise RuntimeError(f"{path} answered {response.status_code}")
        if response.request.path == path and 'aria-invalid="true"' in response.get_data(as_text=True):
            raise RuntimeError(f"the form on {path} was refused")
        path = response.request.path
    return pages
