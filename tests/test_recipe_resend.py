"""The new-recipe form sent twice makes one recipe (a double click without JavaScript, a resend
after a lost answer, two sends at once); sent again with changes, it makes a second."""

import pytest
from sqlalchemy import func
from sqlalchemy import select

import recipes.routes
from extensions import db
from macros.rows import ADD_BUTTON
from recipes.models import Recipe
from tests.auth_actions import AuthActions
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.recipe_client import page_form
from tests.recipe_client import valid_recipe


def recipe_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Recipe))


@pytest.fixture
def sent(logged_in_client, app):
    """What the browser sends from a freshly loaded new-recipe page, filled in."""
    return {**page_form(logged_in_client, "/recipes/new"), **valid_recipe(app)}


def test_the_page_carries_a_one_time_key_and_a_new_page_another(logged_in_client, sent):
    assert len(sent["submission"]) >= 16
    assert page_form(logged_in_client, "/recipes/new")["submission"] != sent["submission"]


def test_the_same_form_sent_twice_makes_one_recipe_and_the_second_send_shows_it(logged_in_client, app, sent):
    first = logged_in_client.post("/recipes/new", data=sent)
    second = logged_in_client.post("/recipes/new", data=sent)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    assert recipe_count(app) == 1
    page = logged_in_client.get(second.headers["Location"])
    assert "This recipe was already published: here it is." in parse(page).get_text()


def test_the_same_form_sent_again_with_changes_is_a_second_recipe(logged_in_client, app, sent):
    first = logged_in_client.post("/recipes/new", data=sent)
    second = logged_in_client.post("/recipes/new", data={**sent, "title": "Lime tart"})
    assert second.headers["Location"] != first.headers["Location"]
    with app.app_context():
        titles = sorted(db.session.scalars(select(Recipe.title)))
    assert titles == ["Lemon tart", "Lime tart"]
    third = logged_in_client.post("/recipes/new", data={**sent, "title": "Lime tart"})
    assert recipe_count(app) == 3  # the key belongs to the first recipe only
    assert third.status_code == 302


def test_the_key_survives_a_row_button(logged_in_client, sent):
    page = logged_in_client.post("/recipes/new", data={**sent, ADD_BUTTON: "ingredients"})
    assert page.status_code == 200
    assert form_values(page, action="")["submission"] == sent["submission"]


@pytest.mark.parametrize("key", ["", "short", "x" * 33, "../../etc", "é" * 20, "a b c d e f g h i j"])
def test_a_missing_or_crafted_key_only_means_no_protection(logged_in_client, app, sent, key):
    for _ in range(2):
        response = logged_in_client.post("/recipes/new", data={**sent, "submission": key})
        assert response.status_code == 302
    assert recipe_count(app) == 2


def test_another_author_with_the_same_key_gets_a_recipe_of_their_own(logged_in_client, app, sent):
    logged_in_client.post("/recipes/new", data=sent)
    add_user(app, "bob", "bob@example.com")
    bob = app.test_client()
    AuthActions(bob).login("bob")
    theirs = {**page_form(bob, "/recipes/new"), **valid_recipe(app), "submission": sent["submission"]}
    assert bob.post("/recipes/new", data=theirs).status_code == 302
    assert recipe_count(app) == 2


def looking_late(monkeypatch) -> list:
    """Make the route's first look for an earlier send find nothing, as if that send had not
    committed yet (two sends at once); the calls are recorded."""
    real, calls = recipes.routes.made_by_form, []

    def late(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(recipes.routes, "made_by_form", late)
    return calls


def test_two_sends_at_once_make_one_recipe(logged_in_client, app, sent, monkeypatch):
    """The second send looked before the first had committed: the unique key stops its insert."""
    logged_in_client.post("/recipes/new", data=sent)
    calls = looking_late(monkeypatch)
    response = logged_in_client.post("/recipes/new", data=sent)
    assert response.status_code == 302
    assert len(calls) == 2  # the insert failed on the key, and the second look found the first send
    assert recipe_count(app) == 1
    assert "already published" in parse(logged_in_client.get(response.headers["Location"])).get_text()


def test_two_sends_at_once_with_different_recipes_make_two(logged_in_client, app, sent, monkeypatch):
    logged_in_client.post("/recipes/new", data=sent)
    calls = looking_late(monkeypatch)
    response = logged_in_client.post("/recipes/new", data={**sent, "title": "Lime tart"})
    assert response.status_code == 302
    assert len(calls) == 2
    with app.app_context():
        assert sorted(db.session.scalars(select(Recipe.title))) == ["Lemon tart", "Lime tart"]


def test_on_postgres_a_resend_makes_one_recipe_and_a_changed_one_a_second(pg_app):
    add_user(pg_app)
    client = pg_app.test_client()
    AuthActions(client).login()
    sent = {**page_form(client, "/recipes/new"), **valid_recipe(pg_app)}
    first = client.post("/recipes/new", data=sent)
    assert client.post("/recipes/new", data=sent).headers["Location"] == first.headers["Location"]
    assert client.post("/recipes/new", data={**sent, "title": "Lime tart"}).status_code == 302
    assert client.post("/recipes/new", data={**sent, "title": "Lime tart"}).status_code == 302
    assert recipe_count(pg_app) == 3  # two unkeyed rows: NULL keys never collide
