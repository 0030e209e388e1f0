"""Every POST route survives crafted, missing, oversized and malformed input: never a 500.

Each route's form is read from its page as a browser would, then sent back
mangled: files where text belongs, repeated values, control characters, bytes
that are not UTF-8, JSON bodies, FieldList row indices no browser would send.
A new POST route must be added to TARGETS, or test_every_post_route_is_covered fails.
"""

import io
import json
import uuid

import pytest

from extensions import db
from gallery.examples import EXAMPLES
from models import User
from passwords.tokens import reset_token
from tests.auth_actions import AuthActions
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.conftest import module_app
from tests.gallery_client import page_url
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.recipe_client import make_recipe
from tests.registration_client import VALID
from tests.registration_client import Registration

CRAFTED_INDICES = ("²", "٣", "9" * 5000, "-1", "0x1")


@pytest.fixture(scope="module")
def crafted_app(tmp_path_factory):
    with module_app(tmp_path_factory, "crafted") as app:
        yield app


def wizard_target(step: str, done: tuple[str, ...]):
    def prepare(client):
        registration = Registration(client)
        name = "crafted" + uuid.uuid4().hex[:12]  # "crafted actions" may really confirm one
        answers = {**VALID, "account": {**VALID["account"], "username": name, "email": f"{name}@example.com"}}
        if done:
            registration.complete(*done, answers=answers)
        url = registration.url(step)
        return url, form_values(client.get(url), action="")

    return prepare


def crafted_answers() -> dict:
    name = "crafted" + uuid.uuid4().hex[:12]
    return {**VALID, "account": {**VALID["account"], "username": name, "email": f"{name}@example.com"}}


def continue_target(client):
    """The second tab's "Sign out and continue" form, once the first tab's account exists."""
    first, second = Registration(client), Registration(client)
    second.complete(answers=crafted_answers())
    first.complete(answers=crafted_answers())
    first.confirm()
    url = f"/register/{second.wid}/continue"
    return url, form_values(second.get("review"), action=url)


def page_target(page_url: str, post_url: str, form_action: str | None = None):
    """Post to `post_url` the form of `page_url` whose action is `form_action` (default: `post_url`)."""

    def prepare(client):
        action = post_url if form_action is None else form_action
        return post_url, form_values(client.get(page_url), action=action)

    return prepare


def signed_in(client) -> None:
    """Sign `client` in as a user of its own (the app is shared by the whole module)."""
    name = "crafted" + uuid.uuid4().hex[:12]
    add_user(client.application, name, f"{name}@example.com")
    client.post("/login", data={**form_values(client.get("/login")), "username": name, "password": PASSWORD})


def signed_in_target(page_url: str, action: str = ""):
    """A page of a signed-in user whose form posts to `action` ("": the page itself)."""

    def prepare(client):
        signed_in(client)
        return action or page_url, form_values(client.get(page_url), action=action)

    return prepare


def document_delete_target(client):
    signed_in(client)
    values = form_values(client.get("/documents"), action="/documents")
    values["documents"] = [(io.BytesIO(b"some notes"), "notes.txt")]
    client.post("/documents", data=values, content_type="multipart/form-data")
    url = parse(client.get("/documents")).select_one("form[action$='/delete']")["action"]
    return url, form_values(client.post(url, data={"csrf_token": values["csrf_token"]}), action=url)


def reset_target(client):
    app = client.application
    name = "reset" + uuid.uuid4().hex[:12]
    user_id = add_user(app, username=name, email=f"{name}@example.com")
    with app.app_context():
        url = "/password/reset/" + reset_token(db.session.get(User, user_id))
    return url, form_values(client.get(url), action="")


def logout_target(client):
    values = form_values(client.get("/login"), action="")
    return "/logout", {"csrf_token": values["csrf_token"]}


def recipe_target(page: str):
    """A signed-in author's recipe form (`new`, `edit`) or delete button (`delete`)."""

    def prepare(client):
        name = "cook" + uuid.uuid4().hex[:12]
        author = add_user(client.application, name, f"{name}@example.com")
        AuthActions(client).login(name)
        recipe_id = make_recipe(client.application, author)
        if page == "delete":
            url = f"/recipes/{recipe_id}/delete"
            return url, form_values(client.get(f"/recipes/{recipe_id}"), action=url)
        url = "/recipes/new" if page == "new" else f"/recipes/{recipe_id}/edit"
        return url, form_values(client.get(url), action="")

    return prepare


GALLERY_FORMS = [example.slug for example in EXAMPLES if example.postable]
TARGETS = {
    "auth.login": page_target("/login", "/login", form_action=""),
    "auth.logout": logout_target,
    "profiles.show": signed_in_target("/profile"),
    "account.password": signed_in_target("/account/password"),
    "account.delete": signed_in_target("/account/delete"),
    "documents.index": signed_in_target("/documents", "/documents"),
    "documents.delete": document_delete_target,
    "contact.form": page_target("/contact", "/contact"),
    "passwords.forgot": page_target("/password/forgot", "/password/forgot", ""),
    "passwords.reset": reset_target,
    "contact_api.create": page_target("/contact", "/api/contact", "/contact"),
    **{
        f"gallery.submit:{slug}": page_target(page_url(slug), f"/gallery?example={slug}")
        for slug in GALLERY_FORMS
    },
    "registration.step:account": wizard_target("account", ()),
    "registration.step:profile": wizard_target("profile", ("account",)),
    "registration.step:preferences": wizard_target("preferences", ("account", "profile")),
    "registration.review": wizard_target("review", ("account", "profile", "preferences")),
    "registration.continue_signed_out": continue_target,
    "recipes.new": recipe_target("new"),
    "recipes.edit": recipe_target("edit"),
    "recipes.delete": recipe_target("delete"),
}


def test_every_post_route_is_covered(crafted_app):
    posting = {rule.endpoint for rule in crafted_app.url_map.iter_rules() if "POST" in rule.methods}
    covered = {name.partition(":")[0] for name in TARGETS}
    assert posting <= covered, f"POST routes without crafted-input tests: {sorted(posting - covered)}"


def fields_of(values: dict) -> list[str]:
    return [name for name in values if not name.endswith("csrf_token")]


def token_of(values: dict) -> tuple[str, str]:
    return next((name, value) for name, value in values.items() if name.endswith("csrf_token"))


def renamed_rows(values: dict) -> dict:
    """Every name's segments that could be row indices replaced by numbers no browser sends."""
    crafted = dict(values)
    for name in fields_of(values):
        segments = name.split("-")
        for bad in CRAFTED_INDICES:
            crafted["-".join([segments[0], bad, *segments[1:]])] = "x"
            crafted["-".join(bad if part.isdigit() else part for part in segments)] = "y"
    return crafted


# Each case: (how to send, what to send) from the page's own values.
CASES = {
    "nothing at all": lambda values: ("form", {}),
    "only the token": lambda values: ("form", dict([token_of(values)])),
    "a file for every field": lambda values: (
        "multipart",
        {**values, **{name: (io.BytesIO(b"GIF89a not text"), "x.gif") for name in fields_of(values)}},
    ),
    "every value twice": lambda values: ("form", {name: [value, value] for name, value in values.items()}),
    "control characters": lambda values: (
        "form",
        {**values, **{name: "\x00\x1b[31m\u202e\ufffd" for name in fields_of(values)}},
    ),
    "oversized values": lambda values: (
        "form",
        {**values, **{name: "9" * 50_000 for name in fields_of(values)}},
    ),
    "crafted row indices": lambda values: ("form", renamed_rows(values)),
    "crafted row buttons": lambda values: (
        "form",
        {**values, "fw-add": "-".join(["csrf_token", "²"]), "fw-remove": "x-" + "9" * 5000},
    ),
    "crafted move buttons": lambda values: (
        "form",
        {**values, "fw-move-up": ["ingredients-0", "x-²"], "fw-move-down": "ingredients-" + "9" * 5000},
    ),
    "crafted actions": lambda values: ("form", {**values, "action": ["confirm", "back", "\x00", "x" * 5000]}),
    "bytes that are not UTF-8": lambda values: ("raw", values),
    "a JSON object": lambda values: ("json", {name: {"nested": [1, None]} for name in fields_of(values)}),
    "a JSON list": lambda values: ("json", [1, [2, 3], None]),
    "a JSON string": lambda values: ("json", "hello"),
    "JSON that does not parse": lambda values: ("json", None),
    "JSON nested too deep": lambda values: ("json", "[" * 100_000 + "]" * 100_000),
    "parts without a name": lambda values: ("parts", values),
    "a value just under the memory cap": lambda values: (
        "multipart",
        {**values, **{name: "a@" + "b" * 400_000 + ".example" for name in fields_of(values)}},
    ),
}

BOUNDARY = "----formwork-crafted"


def multipart_parts(values: dict) -> bytes:
    """The page's values as multipart parts, plus parts no browser sends: no name, CR/LF in the name."""
    headers = [f'; name="{name}"' for name in values] + ["", '; name="a\r\nb"', '; name="a\rb"', '; name=""']
    bodies = [*values.values(), "nameless", "crlf", "cr", "empty"]
    parts = [
        f"--{BOUNDARY}\r\nContent-Disposition: form-data{header}\r\n\r\n{body}\r\n"
        for header, body in zip(headers, bodies, strict=True)
    ]
    return ("".join(parts) + f"--{BOUNDARY}--\r\n").encode()


def send(client, url: str, how: str, payload, token: tuple[str, str]):
    if how == "form":
        return client.post(url, data=payload)
    if how == "multipart":
        return client.post(url, data=payload, content_type="multipart/form-data")
    if how == "parts":
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
        return client.post(url, data=multipart_parts(payload), content_type=content_type)
    if how == "raw":
        body = b"&".join(f"{name}=".encode() + b"%FF%FE\xff\xc3" for name in payload)
        return client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    body = (
        "{not json"
        if payload is None
        else payload
        if isinstance(payload, str) and payload[:1] == "["
        else json.dumps(payload)
    )
    return client.post(url, data=body, content_type="application/json", headers={"X-CSRFToken": token[1]})


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("target", TARGETS)
def test_crafted_input_never_breaks_a_route(crafted_app, target, case):
    client = crafted_app.test_client()
    url, values = TARGETS[target](client)
    how, payload = CASES[case](values)
    response = send(client, url, how, payload, token_of(values))
    assert response.status_code < 500, f"{target} answered {response.status_code} to {case}"
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        assert "Traceback" not in body
        assert "<title>" in body  # a page of the site, not a bare error


@pytest.mark.parametrize("how", ["form", "json"])
@pytest.mark.parametrize("target", TARGETS)
def test_a_body_over_the_form_memory_cap_is_refused(crafted_app, target, how):
    """url-encoded and JSON bodies are held to MAX_FORM_MEMORY_SIZE, as multipart text parts are."""
    client = crafted_app.test_client()
    url, values = TARGETS[target](client)
    cap = crafted_app.config["MAX_FORM_MEMORY_SIZE"]
    oversized = {**values, "padding": "x" * cap}
    response = send(client, url, how, oversized, token_of(values))
    if response.status_code == 303:  # a page with a file field: back to the form, told why
        assert response.headers["Location"] == url
        assert "larger than" in client.get(url).get_data(as_text=True)
        return
    assert response.status_code == 413, (
        f"{target} answered {response.status_code} to a {how} body over the cap"
    )
