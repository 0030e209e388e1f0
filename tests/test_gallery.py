"""/gallery: every example with its source, and the forms that really post, with and without JavaScript."""

import io
from urllib.parse import urlsplit

import pytest

from gallery.examples import EXAMPLES
from gallery.examples import STATES
from tests.conftest import module_app
from tests.gallery_client import article
from tests.gallery_client import ingredient_rows
from tests.gallery_client import post
from tests.gallery_client import received
from tests.gallery_client import untouched
from tests.page_reading import csrf_token
from tests.page_reading import parse

SCRIPT = "<script>alert(1)</script>"
POSTABLE = [example.slug for example in EXAMPLES if example.postable]
# What a careful visitor types into each example, by unprefixed field name.
VALID = {
    "stacked": {"name": "Ada", "email": "ada@example.com", "topic": "idea", "message": "Hello"},
    "horizontal": {"name": "Ada", "email": "ada@example.com", "topic": "help", "message": "Hi"},
    "inline": {"q": "lemon tart", "category": "cake"},
    "grid": {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "street": "12 Rue de la Paix",
        "city": "Paris",
        "postal_code": "75002",
        "country": "FR",
    },
    "wizard-buttons": {"first_name": "Ada", "last_name": "Lovelace"},
    "summary": {
        "name": "Ada",
        "address-city": "Paris",
        "address-postal_code": "75002",
        "guests-1": "Alan Turing",
        "arrive": "2026-08-01",
        "leave": "2026-08-05",
    },
    "recipe": {"title": "Lemon tart", "ingredients-0-name": "Flour", "tags-0": "dessert"},
    "everything": {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "search": "tart",
        "password": "long enough password",
        "message": "Hello",
        "servings": "4",
        "terms": "y",
        "category": "cake",
        "diets": "vegan",
        "plan": "pro",
        "interests": "baking",
        "birthday": "1990-04-27",
        "delivery": "2026-07-01T18:30",
        "pickup": "17:30",
        "expiry": "2027-09",
        "week": "2026-W31",
        "colour": "#2b6cb0",
        "address-street": "12 Rue de la Paix",
        "address-city": "Paris",
        "address-postal_code": "75002",
        "address-country": "FR",
    },
}


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
    """/gallery as a first-time visitor sees it, parsed once for the checks that only read it."""
    response = gallery_app.test_client().get("/gallery")
    assert response.status_code == 200
    return parse(response)


# How the "received" list shows what WTForms parsed (a week as its Monday: ISO week 31 of 2026).
RECEIVED_AS = {
    "week": "2026-07-27",
    "password": "(not shown)",
    "terms": "True",
    "delivery": "2026-07-01 18:30:00",
    "pickup": "17:30:00",
    "expiry": "2027-09-01",
}


def test_gallery_page_loads(client):
    response = client.get("/gallery")
    assert response.status_code == 200
    assert parse(response).h1.get_text() == "Form gallery"


def test_every_example_is_shown_next_to_its_source(gallery_page):
    for example in EXAMPLES:
        shown = gallery_page.find("article", id=example.slug)
        assert shown.h3.get_text() == example.title, example.slug
        assert len(shown.select(".fw-demo")) == len(example.demos), example.slug
        sources = [code.get_text() for code in shown.select("pre.fw-source code")]
        assert all(demo.source in sources for demo in example.demos), example.slug


def test_every_field_state_is_labelled(gallery_page):
    for example in (e for e in EXAMPLES if len(e.demos) > 1):
        labels = [h4.get_text() for h4 in gallery_page.find("article", id=example.slug).select("h4.fw-state")]
        assert labels == [STATES[demo.state] for demo in example.demos], example.slug
    assert {h4.get_text() for h4 in gallery_page.select("h4.fw-state")} == set(STATES.values())


@pytest.mark.parametrize("slug", POSTABLE)
def test_a_valid_submission_shows_what_the_server_received(client, gallery_page, slug):
    response = post(client, gallery_page, slug, VALID[slug])
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/gallery"
    expected = {**VALID[slug], **RECEIVED_AS}
    shown = received(client.get("/gallery"), slug)
    assert {name: shown[name] for name in VALID[slug]} == {name: expected[name] for name in VALID[slug]}


def test_the_received_list_is_shown_once(client, gallery_page):
    post(client, gallery_page, "inline", VALID["inline"])
    assert article(client.get("/gallery"), "inline").select_one(".fw-received") is not None
    assert article(client.get("/gallery"), "inline").select_one(".fw-received") is None


@pytest.mark.parametrize("slug", POSTABLE)
def test_missing_fields_show_the_errors(client, gallery_page, slug):
    _, prefix = untouched(gallery_page, slug)
    response = client.post(f"/gallery?example={slug}", data={prefix + "csrf_token": csrf_token(client)})
    assert response.status_code == 200
    page = parse(response)
    assert page.title.get_text().startswith("Error: ")
    links = [link["href"].removeprefix("#") for link in page.find("article", id=slug).find(role="alert")("a")]
    assert links and all(page.find(id=target) is not None for target in links)


@pytest.mark.parametrize(
    ("slug", "name", "value", "message"),
    [
        ("stacked", "email", "ada@", "Enter a valid e-mail address."),
        ("summary", "leave", "2026-07-01", "Your departure must be after your arrival."),
        ("recipe", "ingredients-0-quantity", "-2", "Enter an amount greater than zero, or leave it blank."),
        ("recipe", "ingredients-0-quantity", "sNaN", "Enter an amount like 2, 0.5, 1/2 or 1 1/2."),
        ("everything", "price", "sNaN", "Enter a number."),
        ("everything", "strength", "-Infinity", "Enter a number."),
        ("everything", "photo", (io.BytesIO(b"MZ"), "setup.exe"), "Choose a JPEG, PNG, WebP or GIF image."),
    ],
)
def test_bad_values_come_back_as_errors(client, gallery_page, slug, name, value, message):
    response = post(client, gallery_page, slug, {**VALID[slug], name: value})
    assert response.status_code == 200
    summary = article(response, slug).find(role="alert")
    assert message in [item.get_text(strip=True) for item in summary("li")]


def test_add_without_javascript_shows_one_more_row_and_keeps_what_was_typed(client, gallery_page):
    typed = {"title": "Lemon tart, revised", "ingredients-1-name": "Salted butter"}
    response = post(client, gallery_page, "recipe", typed, **{"fw-add": "recipe-filled-ingredients"})
    assert response.status_code == 200
    assert ingredient_rows(response) == [
        ("Plain flour", "200"),
        ("Salted butter", "100"),
        ("Lemons", "3"),
        ("", ""),
    ]
    assert article(response, "recipe").find(id="recipe-filled-title")["value"] == typed["title"]


def test_remove_without_javascript_shows_one_row_fewer_and_keeps_the_others(client, gallery_page):
    response = post(client, gallery_page, "recipe", **{"fw-remove": "recipe-filled-ingredients-1"})
    assert response.status_code == 200
    assert ingredient_rows(response) == [("Plain flour", "200"), ("Lemons", "3")]
    names = [i["name"] for i in article(response, "recipe").select("[data-fw-rows] input[name$=-quantity]")]
    assert names == ["recipe-filled-ingredients-0-quantity", "recipe-filled-ingredients-1-quantity"]


def test_remove_a_tag_without_javascript(client, gallery_page):
    response = post(client, gallery_page, "recipe", **{"fw-remove": "recipe-filled-tags-0"})
    tags = article(response, "recipe").select("[data-fw-fieldlist$='-tags'] [data-fw-rows] input")
    assert [(tag["name"], tag["value"]) for tag in tags] == [("recipe-filled-tags-0", "citrus")]


@pytest.mark.parametrize("url", ["/gallery", "/gallery?example=nope", "/gallery?example=name"])
def test_unknown_and_field_only_examples_do_not_post(client, url):
    assert client.post(url, data={"csrf_token": csrf_token(client)}).status_code == 404


def test_a_post_without_a_csrf_token_is_refused(client):
    assert client.post("/gallery?example=stacked", data={"stacked-empty-name": "Ada"}).status_code == 400


@pytest.mark.parametrize(
    "crafted",
    [
        {"fw-remove": "nonsense"},
        {"fw-remove": ""},
        {"fw-add": "unknown"},
        {"fw-add": "recipe-filled-ingredients-0"},
        {"fw-remove": "recipe-filled-ingredients-²"},
        {"fw-remove": "recipe-filled-ingredients-" + "9" * 5000},
        {"recipe-filled-ingredients-999999-name": "x"},
        {"recipe-filled-ingredients-0-quantity": "9" * 5000},
        {"recipe-filled-title": "x" * 200_000},
        {"recipe-filled-tags-0": ["a", "b"]},
        {"recipe-filled-ingredients-0-unit": "\x00"},
    ],
)
def test_crafted_rows_never_break_the_page(client, gallery_page, crafted):
    response = post(client, gallery_page, "recipe", **crafted)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "crafted",
    [
        {"servings": "9" * 5000},
        {"weight": "nan"},
        {"birthday": "2026-02-30"},
        {"week": "2026-W99"},
        {"plan": "not-a-plan"},
        {"diets": ["vegan", "bogus"]},
        {"documents": "not a file"},
        {"photo": (io.BytesIO(b""), "")},
        {"colour": "\x00" * 10},
        {"token": ""},
    ],
)
def test_crafted_values_never_break_the_page(client, gallery_page, crafted):
    response = post(client, gallery_page, "everything", {**VALID["everything"], **crafted})
    assert response.status_code in (200, 302)


def test_typed_markup_comes_back_as_text(client, gallery_page):
    response = post(client, gallery_page, "stacked", {"name": SCRIPT})
    assert article(response, "stacked").find(id="stacked-empty-name")["value"] == SCRIPT
    post(client, gallery_page, "inline", {**VALID["inline"], "q": SCRIPT})
    page = client.get("/gallery")
    assert received(page, "inline")["q"] == SCRIPT
    assert parse(page).find_all("script", src=False) == []
