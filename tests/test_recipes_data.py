"""Recipe data: the seeded categories, the demo data command, and the same on PostgreSQL."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import func
from sqlalchemy import select

from app import create_app
from extensions import db
from models import User
from recipes.demo import DEMO_PASSWORD
from recipes.demo import DEMO_USERNAME
from recipes.demo import RECIPES
from recipes.models import CATEGORIES
from recipes.models import Category
from recipes.models import Ingredient
from recipes.models import Recipe
from tests.auth_actions import AuthActions
from tests.conftest import add_user
from tests.conftest import overrides_for
from tests.page_reading import parse
from tests.recipe_client import make_recipe


def category_names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Category.name).order_by(Category.id)))


def test_the_migration_seeds_the_categories(tmp_path):
    app = create_app(overrides_for(tmp_path))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    assert category_names(app) == CATEGORIES


def test_create_all_seeds_the_same_categories(app):
    assert category_names(app) == CATEGORIES


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def test_demo_data_adds_an_author_and_a_dozen_varied_recipes(app, runner):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert "12 recipe(s) added" in result.output
    assert count(app, Recipe) == len(RECIPES) == 12
    with app.app_context():
        author = db.session.scalar(select(User).where(User.username == DEMO_USERNAME))
        assert {recipe.author_id for recipe in db.session.scalars(select(Recipe))} == {author.id}
        used = set(db.session.scalars(select(Recipe.category_id)))
        assert len(used) >= 6
        assert db.session.scalar(select(func.count(Ingredient.id))) > 40


def test_demo_data_twice_adds_nothing_more(app, runner):
    runner.invoke(args=["demo-data"])
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0
    assert "0 recipe(s) added, 12 already there" in result.output
    assert count(app, Recipe) == 12
    assert count(app, User) == 1


def test_demo_data_is_refused_in_the_production_config(app, runner):
    app.config["APP_CONFIG"] = "production"
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "never runs in the production config" in result.output
    assert count(app, Recipe) == 0


def test_the_demo_author_can_sign_in_and_edit(app, runner, client):
    runner.invoke(args=["demo-data"])
    assert AuthActions(client).login(DEMO_USERNAME, DEMO_PASSWORD).status_code == 302
    assert client.get("/recipes/1/edit").status_code == 200


# ---- PostgreSQL ----


@pytest.mark.services
@pytest.mark.parametrize(
    ("query", "found"),
    [("LEMON", ["Lemon tart"]), ("butter", ["Lemon tart"]), ("CRÈME", ["Crème brûlée"]), ("%", [])],
)
def test_search_is_case_insensitive_on_postgres(pg_app, query, found):
    author = add_user(pg_app)
    make_recipe(pg_app, author)
    make_recipe(pg_app, author, title="Crème brûlée", rows=[("Double cream", "500", "ml")])
    response = pg_app.test_client().get("/recipes", query_string={"q": query})
    assert [a.get_text(strip=True) for a in parse(response).select(".fw-recipe-list h2 a")] == found


@pytest.mark.services
def test_postgres_stores_quantities_exactly_and_cascades_an_authors_deletion(pg_app):
    author = add_user(pg_app)
    recipe_id = make_recipe(pg_app, author, rows=[("Sugar", "1/3", "cup"), ("Salt", None, "pinch")])
    with pg_app.app_context():
        quantities = [i.quantity for i in db.session.get(Recipe, recipe_id).ingredients]
        assert [str(q) if q is not None else None for q in quantities] == ["0.3333", None]
        db.session.delete(db.session.get(User, author))
        db.session.commit()
        assert db.session.scalar(select(func.count(Ingredient.id))) == 0
    assert category_names(pg_app) == CATEGORIES


@pytest.mark.services
@pytest.mark.parametrize(
    "path", ["/recipes?page=99999999999999999999", "/recipes/2147483648", "/recipes?q=%00"]
)
def test_huge_numbers_in_urls_never_reach_postgres_as_errors(pg_app, path):
    assert pg_app.test_client().get(path).status_code in (200, 302, 404)
