"""The recipe list: pagination, search in any case on titles and ingredients, what a crawler gets."""

import pytest

from tests.page_reading import parse
from tests.recipe_client import make_recipe


@pytest.fixture
def recipe(app, user):
    return make_recipe(app, user)


def titles_listed(response) -> list[str]:
    return [a.get_text(strip=True) for a in parse(response).select(".fw-recipe-list h2 a")]


def test_the_list_shows_author_and_category(client, recipe):
    response = client.get("/recipes")
    item = parse(response).select_one(".fw-recipe-list li").get_text(" ", strip=True)
    assert "Lemon tart" in item and "alice" in item and "Cakes and desserts" in item


def test_the_list_is_paginated_ten_a_page_newest_first(client, app, user):
    for number in range(23):
        make_recipe(app, user, title=f"Recipe {number:02d}")
    first = client.get("/recipes")
    assert titles_listed(first) == [f"Recipe {n:02d}" for n in range(22, 12, -1)]
    third = client.get("/recipes?page=3")
    assert titles_listed(third) == ["Recipe 02", "Recipe 01", "Recipe 00"]
    assert parse(third).select_one(".pagination [aria-current=page]").get_text(" ", strip=True) == "Page 3"


@pytest.mark.parametrize("page", ["abc", "-3", "0", "²", "9" * 5000])
def test_a_page_that_is_not_a_page_number_shows_the_first(client, app, user, page):
    make_recipe(app, user)
    response = client.get(f"/recipes?page={page}")
    assert response.status_code == 200
    assert titles_listed(response) == ["Lemon tart"]


def test_a_page_past_the_end_goes_to_the_last_page_keeping_the_query(client, app, user):
    for number in range(12):
        make_recipe(app, user, title=f"Tart {number}")
    response = client.get("/recipes?q=tart&page=999999999999")
    assert response.status_code == 302
    assert response.headers["Location"] == "/recipes?q=tart&page=2"


def test_the_page_links_keep_the_query(client, app, user):
    for number in range(12):
        make_recipe(app, user, title=f"Tart {number}")
    make_recipe(app, user, title="Soup")
    links = [a["href"] for a in parse(client.get("/recipes?q=TART")).select(".pagination a")]
    assert "/recipes?q=TART&page=2" in links
    assert parse(client.get("/recipes?q=TART")).find(id="q")["value"] == "TART"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("lemon", ["Lemon tart"]),
        ("LEMON TART", ["Lemon tart"]),
        ("BUTTER", ["Lemon tart"]),  # an ingredient's name
        ("crème", ["Crème brûlée"]),
        ("CRÈME", ["Crème brûlée"]),
        ("ÉCLAIR", []),
        ("%", []),  # LIKE wildcards are plain characters
        ("_", []),
        ("", ["Crème brûlée", "Lemon tart"]),
        ("\x00lemon", ["Lemon tart"]),
    ],
)
def test_search_finds_titles_and_ingredients_in_any_case(client, app, user, query, found):
    make_recipe(app, user)
    make_recipe(app, user, title="Crème brûlée", rows=[("Double cream", "500", "ml")])
    response = client.get("/recipes", query_string={"q": query})
    assert response.status_code == 200
    assert titles_listed(response) == found


def test_a_very_long_query_is_cut_short_not_refused(client, recipe):
    response = client.get("/recipes", query_string={"q": "lemon" + "x" * 5000})
    assert response.status_code == 200
    assert "0 recipes match" in response.get_data(as_text=True)


def test_search_results_ask_crawlers_not_to_index_them(client, recipe):
    assert 'name="robots"' in client.get("/recipes?q=lemon").get_data(as_text=True)
    assert 'name="robots"' not in client.get("/recipes").get_data(as_text=True)
