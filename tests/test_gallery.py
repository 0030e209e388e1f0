"""/gallery: an index and a page per family, every example with its source, and forms that really post."""

import io
from urllib.parse import urlsplit

import pytest

from gallery.examples import EXAMPLES
from gallery.families import FAMILIES
from tests import gallery_client
from tests.gallery_client import article
from tests.gallery_client import ingredient_rows
from tests.gallery_client import page_url
from tests.gallery_client import post
from tests.gallery_client import received
from tests.gallery_client import untouched
from tests.page_reading import csrf_token
from tests.page_reading import parse

# The module's app, visitor and parsed family pages (tests/gallery_client.py).
gallery_app = gallery_client.gallery_app
client = gallery_client.client
gallery_page = gallery_client.gallery_page

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
    "reveal": {"contact": "phone", "contact_phone": "01632 960 001"},
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
        "moved_in-day": "27",
        "moved_in-month": "3",
        "moved_in-year": "2019",
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


# How the "received" table shows what WTForms parsed: (Python type, value). A week is its Monday.
RECEIVED_AS = {
    "name": ("str", "'Ada Lovelace'"),
    "week": ("datetime.date", "2026-07-27"),
    "password": ("str", "(not shown)"),
    "terms": ("bool", "True"),
    "servings": ("int", "4"),
    "plan": ("str", "'pro'  (Pro: unlimited recipes)"),
    "diets": ("list[str]", "['vegan']  (Vegan)"),
    "delivery": ("datetime.datetime", "2026-07-01T18:30:00"),
    "pickup": ("datetime.time", "17:30:00"),
    "expiry": ("datetime.date", "2027-09-01"),
}


@pytest.mark.parametrize("slug", POSTABLE)
def test_a_valid_submission_comes_back_to_its_card_with_what_the_server_received(client, gallery_page, slug):
    response = post(client, gallery_page, slug, VALID[slug])
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert (location.path, location.fragment) == (page_url(slug), slug)
    shown = received(client.get(location.path), slug)
    assert all(name in shown for name in VALID[slug] if not name.startswith("moved_in-")), shown


def test_the_received_table_shows_python_types_and_typed_values(client, gallery_page):
    post(client, gallery_page, "everything", VALID["everything"])
    shown = received(client.get(page_url("everything")), "everything")
    assert {name: shown[name] for name in RECEIVED_AS} == RECEIVED_AS
    assert shown["moved_in"] == ("datetime.date", "2019-03-27")
    assert shown["price"] == ("NoneType", "None")
    assert shown["recipe_card"][0] in ("NoneType", "FileStorage")


def test_the_received_table_is_shown_once(client, gallery_page):
    post(client, gallery_page, "inline", VALID["inline"])
    assert article(client.get("/gallery/layouts"), "inline").select_one(".fw-received") is not None
    assert article(client.get("/gallery/layouts"), "inline").select_one(".fw-received") is None


def test_a_follow_up_left_unrevealed_is_received_as_none(client, gallery_page):
    post(
        client, gallery_page, "reveal", {**VALID["reveal"], "contact_email": "typed before changing my mind"}
    )
    shown = received(client.get("/gallery/choices"), "reveal")
    assert shown["contact_email"] == ("NoneType", "None")
    assert shown["contact_phone"] == ("str", "'01632 960 001'")


@pytest.mark.parametrize("slug", POSTABLE)
def test_missing_fields_show_the_errors(client, gallery_page, slug):
    _, prefix = untouched(gallery_page, slug)
    response = client.post(f"/gallery?example={slug}", data={prefix + "csrf_token": csrf_token(client)})
    assert response.status_code == 200
    page = parse(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.h1.get_text() == next(f.title for f in FAMILIES if f.slug == page_url(slug).rsplit("/", 1)[1])
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
        (
            "everything",
            "moved_in-month",
            "13",
            "Enter the month as a number from 1 to 12.",
        ),
        ("reveal", "contact", "email", "Enter your e-mail address."),
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
        {"moved_in-day": "9" * 5000},
        {"moved_in-month": ["1", "2"]},
        {"moved_in-year": (io.BytesIO(b"2019"), "year.txt")},
        {"moved_in-day": "\x00", "moved_in-month": "٣", "moved_in-year": "-2019"},
    ],
)
def test_crafted_values_never_break_the_page(client, gallery_page, crafted):
    response = post(client, gallery_page, "everything", {**VALID["everything"], **crafted})
    assert response.status_code in (200, 302)


def test_typed_markup_comes_back_as_text(client, gallery_page):
    response = post(client, gallery_page, "stacked", {"name": SCRIPT})
    assert article(response, "stacked").find(id="stacked-empty-name")["value"] == SCRIPT
    post(client, gallery_page, "inline", {**VALID["inline"], "q": SCRIPT})
    page = client.get("/gallery/layouts")
    assert received(page, "inline")["q"] == ("str", repr(SCRIPT))
    assert parse(page).find_all("script", src=False) == []
