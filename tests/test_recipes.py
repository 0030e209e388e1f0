"""The recipe pages: view with scaled servings, edit in place, delete with a confirmation (the list: test_recipe_list.py)."""

from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from models import User
from recipes.models import Ingredient
from recipes.models import Recipe
from tests.auth_actions import AuthActions
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.recipe_client import ingredient_inputs
from tests.recipe_client import make_recipe
from tests.recipe_client import page_form
from tests.recipe_client import row_names
from tests.recipe_client import rows_data
from tests.recipe_client import stored


@pytest.fixture
def recipe(app, user):
    return make_recipe(app, user)


@pytest.fixture
def other_client(app):
    """A client signed in as bob, who wrote nothing."""
    add_user(app, "bob", "bob@example.com")
    client = app.test_client()
    assert AuthActions(client).login("bob").status_code == 302
    return client


def amounts_shown(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in parse(response).select(".fw-ingredients li")]


# ---- view ----


def test_anyone_can_read_a_recipe_with_its_ingredients_in_order(client, recipe):
    response = client.get(f"/recipes/{recipe}")
    assert response.status_code == 200
    assert amounts_shown(response) == ["200 g Flour", "100 g Butter", "3 Lemons"]
    assert "alice" in response.get_data(as_text=True)


def test_the_servings_switch_scales_quantities_on_the_server(client, app, user):
    recipe_id = make_recipe(
        app, user, rows=[("Flour", "200", "g"), ("Milk", "1/2", "cup"), ("Salt", None, "pinch")]
    )
    response = client.get(f"/recipes/{recipe_id}?servings=6")
    assert amounts_shown(response) == ["300 g Flour", "3/4 cup Milk", "a pinch Salt"]
    assert parse(response).find(id="servings")["value"] == "6"
    assert "for 6 servings" in parse(response).find(id="ingredients-heading").get_text(" ")


@pytest.mark.parametrize("servings", ["0", "-1", "abc", "101", "1" + "0" * 30, ""])
def test_a_bad_servings_number_is_explained_and_the_recipe_shown_as_written(client, recipe, servings):
    response = client.get(f"/recipes/{recipe}?servings={servings}")
    assert response.status_code == 200
    assert amounts_shown(response) == ["200 g Flour", "100 g Butter", "3 Lemons"]
    assert parse(response).find(id="servings-error") is not None


@pytest.mark.parametrize("path", ["/recipes/999", "/recipes/0", "/recipes/" + "9" * 30, "/recipes/abc"])
def test_a_recipe_that_does_not_exist_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_only_the_author_sees_edit_and_delete(client, other_client, recipe, auth):
    assert "Edit recipe" not in other_client.get(f"/recipes/{recipe}").get_data(as_text=True)
    auth.login()
    assert "Edit recipe" in client.get(f"/recipes/{recipe}").get_data(as_text=True)


# ---- edit ----


def test_the_edit_form_is_filled_from_the_database(logged_in_client, app, user):
    recipe_id = make_recipe(app, user, rows=[("Flour", "1 1/2", "cup"), ("Eggs", "2", "piece")])
    response = logged_in_client.get(f"/recipes/{recipe_id}/edit")
    page = parse(response)
    assert page.find(id="title")["value"] == "Lemon tart"
    assert page.find(id="ingredients-0-quantity")["value"] == "1 1/2"
    assert page.find(id="ingredients-1-unit").find("option", selected=True)["value"] == "piece"


def test_saving_makes_the_stored_rows_exactly_the_rows_shown(logged_in_client, app, recipe):
    url = f"/recipes/{recipe}/edit"
    data = page_form(logged_in_client, url)
    response = logged_in_client.post(url, data={**data, "fw-remove": "ingredients-1"})  # Butter goes
    data = {**page_form_from(response), "fw-add": "ingredients"}
    response = logged_in_client.post(url, data=data)
    data = {**page_form_from(response), "ingredients-2-name": "Sugar", "ingredients-2-quantity": "½"}
    response = logged_in_client.post(url, data=data)
    assert response.status_code == 302
    assert stored(app, recipe)["rows"] == [
        (0, "Flour", Decimal("200"), "g"),
        (1, "Lemons", Decimal("3"), ""),
        (2, "Sugar", Decimal("0.5"), ""),
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count(Ingredient.id))) == 3


def page_form_from(response) -> dict[str, str]:
    return form_values(response, action="")


def test_saving_fewer_rows_deletes_the_rest_and_reordered_rows_stay_in_order(logged_in_client, app, recipe):
    url = f"/recipes/{recipe}/edit"
    data = {
        name: value for name, value in page_form(logged_in_client, url).items() if "ingredients" not in name
    }
    data |= rows_data([("Lemons", "3", ""), ("Flour", "250", "g")])
    assert logged_in_client.post(url, data=data).status_code == 302
    assert row_names(app, recipe) == ["Lemons", "Flour"]


def test_an_invalid_edit_changes_nothing(logged_in_client, app, recipe):
    url = f"/recipes/{recipe}/edit"
    before = stored(app, recipe)
    data = {**page_form(logged_in_client, url), "title": "", "ingredients-0-name": "Rye flour"}
    response = logged_in_client.post(url, data=data)
    assert response.status_code == 200
    assert stored(app, recipe) == before


def test_another_users_recipe_is_a_404_to_edit_and_nothing_changes(other_client, app, recipe):
    before = stored(app, recipe)
    url = f"/recipes/{recipe}/edit"
    assert other_client.get(url).status_code == 404
    token = page_form(other_client, "/recipes/new")["csrf_token"]
    data = {"csrf_token": token, "title": "Mine now", **rows_data([("Salt", "1", "")])}
    assert other_client.post(url, data=data).status_code == 404
    assert other_client.post(url, data={**data, "fw-add": "ingredients"}).status_code == 404
    assert stored(app, recipe) == before


def test_editing_needs_signing_in(client, recipe):
    response = client.get(f"/recipes/{recipe}/edit")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


# ---- delete ----


def delete(client, recipe_id: int, **extra):
    token = page_form(client, "/recipes/new")["csrf_token"]
    return client.post(f"/recipes/{recipe_id}/delete", data={"csrf_token": token, **extra})


def test_delete_asks_for_confirmation_first(logged_in_client, app, recipe):
    response = delete(logged_in_client, recipe)
    assert response.status_code == 200
    assert "cannot be undone" in response.get_data(as_text=True)
    assert parse(response).find(attrs={"name": "confirm", "type": "submit"}) is not None
    assert stored(app, recipe) is not None


def test_confirming_deletes_the_recipe_and_its_ingredients(logged_in_client, app, recipe):
    response = delete(logged_in_client, recipe, confirm="Yes, delete this recipe")
    assert response.status_code == 302
    assert response.headers["Location"] == "/recipes"
    assert stored(app, recipe) is None
    with app.app_context():
        assert db.session.scalar(select(func.count(Ingredient.id))) == 0


def test_another_users_recipe_is_a_404_to_delete_and_stays(other_client, app, recipe):
    assert delete(other_client, recipe, confirm="Yes, delete this recipe").status_code == 404
    assert delete(other_client, recipe).status_code == 404
    assert stored(app, recipe) is not None


def test_delete_without_a_csrf_token_is_refused(logged_in_client, app, recipe):
    response = logged_in_client.post(f"/recipes/{recipe}/delete", data={"confirm": "y"})
    assert response.status_code == 400
    assert stored(app, recipe) is not None


def test_delete_is_post_only(logged_in_client, recipe):
    assert logged_in_client.get(f"/recipes/{recipe}/delete").status_code == 405


def test_deleting_the_author_deletes_their_recipes_and_ingredients(app, user, recipe):
    make_recipe(app, user, title="Soda bread", category="Bread")
    with app.app_context():
        db.session.delete(db.session.get(User, user))
        db.session.commit()
        assert db.session.scalar(select(func.count(Recipe.id))) == 0
        assert db.session.scalar(select(func.count(Ingredient.id))) == 0


def test_ingredient_rows_in_the_edit_form_match_the_stored_order(logged_in_client, recipe):
    response = logged_in_client.get(f"/recipes/{recipe}/edit")
    assert ingredient_inputs(response) == [
        ("ingredients-0-name", "Flour"),
        ("ingredients-1-name", "Butter"),
        ("ingredients-2-name", "Lemons"),
    ]


@pytest.mark.parametrize("recipe_id", ["999", "2147483648", "9" * 40])
def test_editing_or_deleting_a_recipe_that_does_not_exist_is_a_404(logged_in_client, recipe_id):
    token = page_form(logged_in_client, "/recipes/new")["csrf_token"]
    assert logged_in_client.get(f"/recipes/{recipe_id}/edit").status_code == 404
    data = {"csrf_token": token, "title": "x", "confirm": "y"}
    assert logged_in_client.post(f"/recipes/{recipe_id}/edit", data=data).status_code == 404
    assert logged_in_client.post(f"/recipes/{recipe_id}/delete", data=data).status_code == 404


def test_deleting_the_account_through_its_page_deletes_the_recipes(logged_in_client, app, user, recipe):
    other = add_user(app, "bob", "bob@example.com")
    kept = make_recipe(app, other, title="Bob's bread", category="Bread")
    values = form_values(logged_in_client.get("/account/delete"), action="")
    response = logged_in_client.post("/account/delete", data={**values, "password": PASSWORD})
    assert response.status_code == 302
    assert stored(app, recipe) is None
    assert stored(app, kept) is not None
    with app.app_context():
        assert db.session.scalar(select(func.count(Ingredient.id))) == 3  # Bob's three rows only
