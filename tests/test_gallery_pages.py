"""The gallery's pages: an index with a search box, a page per family with its side navigation,
its accessibility wiring, and every example beside its source and Copy button."""

import pytest

from gallery.examples import EXAMPLES
from gallery.examples import STATES
from gallery.families import FAMILIES
from tests import gallery_client
from tests.page_reading import parse

# The module's app, visitor and parsed family pages (tests/gallery_client.py).
gallery_app = gallery_client.gallery_app
client = gallery_client.client
gallery_page = gallery_client.gallery_page


def test_the_index_links_every_family_and_every_example(client):
    response = client.get("/gallery")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text() == "Form gallery"
    links = {link["href"] for link in page.select(".fw-gallery .col-lg-9 a")}
    assert {f"/gallery/{family.slug}" for family in FAMILIES} <= links
    assert {f"/gallery/{e.section}#{e.slug}" for e in EXAMPLES} <= links


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.slug)
def test_every_family_page_has_the_side_navigation_with_itself_current(gallery_page, family):
    page = gallery_page[next(e.slug for e in EXAMPLES if e.section == family.slug)]
    nav = page.find("nav", attrs={"aria-label": "Gallery"})
    assert [link["href"] for link in nav.select(".fw-gallery-link")] == [
        "/gallery",
        *(f"/gallery/{other.slug}" for other in FAMILIES),
    ]
    assert nav.select_one("[aria-current=page]")["href"] == f"/gallery/{family.slug}"
    assert page.h1.get_text() == family.title
    search = nav.find("form", role="search")
    assert (search["method"], search["action"], search.find("input")["name"]) == ("get", "/gallery", "q")


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.slug)
def test_every_family_page_states_its_accessibility_wiring(gallery_page, family):
    page = gallery_page[next(e.slug for e in EXAMPLES if e.section == family.slug)]
    wiring = page.find("section", attrs={"aria-labelledby": "wiring-title"})
    assert [dt.get_text() for dt in wiring("dt")] == [what for what, _ in family.wiring]
    assert "aria-" in wiring.get_text()


def test_every_family_has_examples_and_every_example_a_family():
    assert all(any(e.section == family.slug for e in EXAMPLES) for family in FAMILIES)
    assert {e.section for e in EXAMPLES} <= {family.slug for family in FAMILIES}


def test_an_unknown_family_is_not_found(client):
    assert client.get("/gallery/nope").status_code == 404


def test_an_old_link_to_an_example_lands_on_its_card(client):
    response = client.get("/gallery?example=recipe")
    assert response.status_code == 302
    assert response.headers["Location"] == "/gallery/nested#recipe"


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ("date", ["birthday", "moved-in", "delivery"], ["name", "recipe", "servings"]),
        ("THREE boxes", ["moved-in"], ["birthday"]),
        ("reveal", ["reveal"], ["plan"]),
        ("no such thing at all", [], ["name"]),
        ("x" * 5000, [], ["name"]),
    ],
)
def test_the_search_box_works_without_javascript(client, query, found, missing):
    response = client.get("/gallery", query_string={"q": query})
    assert response.status_code == 200
    hrefs = {a["href"].partition("#")[2] for a in parse(response).select(".col-lg-9 li a")}
    assert set(found) <= hrefs
    assert not set(missing) & hrefs


def test_every_example_is_shown_next_to_its_source(gallery_page):
    for example in EXAMPLES:
        shown = gallery_page[example.slug].find("article", id=example.slug)
        assert shown.h2.get_text() == example.title, example.slug
        assert len(shown.select(".fw-demo")) == len(example.demos), example.slug
        sources = [code.get_text() for code in shown.select("pre.fw-source code")]
        assert all(demo.source in sources for demo in example.demos), example.slug


def test_every_source_has_a_copy_button_shown_only_with_javascript(gallery_page):
    for example in EXAMPLES:
        shown = gallery_page[example.slug].find("article", id=example.slug)
        sources = shown.select("pre.fw-source[id]")
        buttons = shown.select("button[data-fw-copy]")
        assert [button["data-fw-copy"] for button in buttons] == [pre["id"] for pre in sources], example.slug
        assert all(button.has_attr("hidden") and button["type"] == "button" for button in buttons)


def test_every_field_state_is_labelled(gallery_page):
    seen = set()
    for example in (e for e in EXAMPLES if len(e.demos) > 1):
        labels = [
            h3.get_text()
            for h3 in gallery_page[example.slug].find("article", id=example.slug).select("h3.fw-state")
        ]
        assert labels == [STATES[demo.state] for demo in example.demos], example.slug
        seen.update(labels)
    assert seen == set(STATES.values())


def test_the_static_summary_demo_is_not_an_alert(gallery_page):
    summary = gallery_page["summary"].find("article", id="summary").select_one(".fw-error-summary")
    assert summary is not None
    assert not summary.has_attr("role")
    assert not summary.has_attr("data-fw-focus")


def test_error_demos_post_values_a_browser_keeps(gallery_page):
    """Out of range, too early, too late: well-formed values, so the box is not emptied by the browser."""
    page = gallery_page["birthday"]
    kept = {
        "servings-error-servings": "99",
        "birthday-error-birthday": "1850-04-27",
        "pickup-error-pickup": "19:30",
        "colour-error-colour": "#fff8e0",
    }
    for control, value in kept.items():
        box = page.find(id=control)
        assert (box["value"], box["aria-invalid"]) == (value, "true"), control
