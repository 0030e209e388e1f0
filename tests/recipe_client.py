"""Test helpers for recipes: stored recipes, and what a browser posts from the recipe form."""

from decimal import Decimal

from sqlalchemy import select

from extensions import db
from forms.quantity import parse_quantity
from recipes.models import Category
from recipes.models import IngredientRow
from recipes.models import Recipe
from tests.page_reading import form_values
from tests.page_reading import parse


def category_id(app, name: str = "Bread") -> int:
    with app.app_context():
        return db.session.scalar(select(Category.id).where(Category.name == name))


def make_recipe(
    app, author_id: int, title: str = "Lemon tart", rows=None, category="Cakes and desserts", servings=4
):
    """Store a recipe; `rows` are (name, quantity as typed or None, unit)."""
    rows = rows if rows is not None else [("Flour", "200", "g"), ("Butter", "100", "g"), ("Lemons", "3", "")]
    with app.app_context():
        recipe = Recipe(
            title=title,
            servings=servings,
            category_id=category_id(app, category),
            author_id=author_id,
        )
        recipe.replace_ingredients(
            [IngredientRow(n, parse_quantity(q) if q else None, u) for n, q, u in rows]
        )
        db.session.add(recipe)
        db.session.commit()
        return recipe.id


def stored(app, recipe_id: int) -> dict | None:
    """The stored recipe as plain data (None when it is gone)."""
    with app.app_context():
        recipe = db.session.get(Recipe, recipe_id)
        if recipe is None:
            return None
        return {
            "title": recipe.title,
            "servings": recipe.servings,
            "category": recipe.category.name,
            "rows": [(i.position, i.name, i.quantity, i.unit) for i in recipe.ingredients],
        }


def row_names(app, recipe_id: int) -> list[str]:
    return [name for _, name, _, _ in stored(app, recipe_id)["rows"]]


def rows_data(rows) -> dict[str, str]:
    """Form fields for ingredient rows given as (name, quantity, unit)."""
    data = {}
    for index, (name, quantity, unit) in enumerate(rows):
        data |= {
            f"ingredients-{index}-name": name,
            f"ingredients-{index}-quantity": quantity,
            f"ingredients-{index}-unit": unit,
        }
    return data


def valid_recipe(app, rows=(("Flour", "1 1/2", "cup"), ("Eggs", "2", "piece"))) -> dict[str, str]:
    return {
        "title": "Lemon tart",
        "description": "Sharp and silky.",
        "category": str(category_id(app, "Cakes and desserts")),
        "servings": "4",
        **rows_data(rows),
    }


def page_form(client, url: str) -> dict[str, str]:
    """What the browser would send from the page's recipe form before any typing (rows included)."""
    return form_values(client.get(url), action="")


def ingredient_inputs(response) -> list[tuple[str, str]]:
    """(name, value) of every ingredient-name box shown, the JavaScript template row left out."""
    page = parse(response)
    return [
        (box["name"], box.get("value", ""))
        for box in page.select("[data-fw-rows] input[name$='-name']")
        if not box.find_parent("template")
    ]


def summary_links(response) -> list[tuple[str, str]]:
    """(href, text) of each link in the error summary."""
    summary = parse(response).find(class_="fw-error-summary")
    return [] if summary is None else [(a["href"], a.get_text(strip=True)) for a in summary.find_all("a")]


def amount(text: str) -> Decimal:
    return parse_quantity(text)
