"""`flask --app app demo-data`: a demo author and a dozen recipes, so a first `make run` looks alive.

Idempotent (run it twice, nothing is doubled) and refused in the production config.
"""

from decimal import Decimal

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from extensions import db
from forms.quantity import parse_quantity
from models import User
from recipes.models import Category
from recipes.models import IngredientRow
from recipes.models import Recipe

DEMO_USERNAME = "demo_cook"
DEMO_EMAIL = "demo_cook@example.com"
DEMO_PASSWORD = "Demo-recipes-1"  # noqa: S105 (a development-only account: refused in production)

# (title, category, servings, description, [(name, quantity, unit)])
RECIPES = [
    (
        "Lemon tart",
        "Cakes and desserts",
        8,
        "Sharp, silky and worth the blind baking.",
        [
            ("Plain flour", "200", "g"),
            ("Butter", "100", "g"),
            ("Lemons", "3", ""),
            ("Eggs", "4", "piece"),
            ("Caster sugar", "150", "g"),
            ("Double cream", "150", "ml"),
        ],
    ),
    (
        "Overnight oats",
        "Breakfast",
        2,
        "Mix before bed, eat before work.",
        [
            ("Rolled oats", "1", "cup"),
            ("Milk", "1 1/2", "cup"),
            ("Honey", "1", "tbsp"),
            ("Salt", None, "pinch"),
        ],
    ),
    (
        "Sourdough loaf",
        "Bread",
        12,
        "A slow dough: start it the day before.",
        [
            ("Strong white flour", "500", "g"),
            ("Water", "350", "ml"),
            ("Sourdough starter", "100", "g"),
            ("Salt", "10", "g"),
        ],
    ),
    (
        "Leek and potato soup",
        "Soups",
        4,
        "The soup that rescues a cold evening.",
        [
            ("Leeks", "3", ""),
            ("Potatoes", "500", "g"),
            ("Vegetable stock", "1", "l"),
            ("Butter", "25", "g"),
            ("Crème fraîche", "2", "tbsp"),
        ],
    ),
    (
        "Greek salad",
        "Salads",
        2,
        "No lettuce: tomatoes, cucumber, feta, olives.",
        [
            ("Tomatoes", "4", ""),
            ("Cucumber", "1/2", ""),
            ("Feta", "200", "g"),
            ("Kalamata olives", "12", ""),
            ("Olive oil", "3", "tbsp"),
            ("Dried oregano", "1/2", "tsp"),
        ],
    ),
    (
        "Chickpea curry",
        "Main courses",
        4,
        "Pantry staples, forty minutes, one pan.",
        [
            ("Chickpeas", "800", "g"),
            ("Coconut milk", "400", "ml"),
            ("Onion", "1", ""),
            ("Garlic cloves", "3", ""),
            ("Garam masala", "2", "tsp"),
            ("Spinach", "100", "g"),
        ],
    ),
    (
        "Roast potatoes",
        "Side dishes",
        6,
        "Parboil, shake, roast hot.",
        [
            ("Floury potatoes", "1.5", "kg"),
            ("Goose fat", "4", "tbsp"),
            ("Rosemary", "2", "piece"),
            ("Sea salt", None, "pinch"),
        ],
    ),
    (
        "Homemade lemonade",
        "Drinks",
        6,
        "Squeeze, stir, chill.",
        [("Lemons", "6", ""), ("Sugar", "3/4", "cup"), ("Cold water", "1.5", "l"), ("Mint leaves", "10", "")],
    ),
    (
        "Pancakes",
        "Breakfast",
        4,
        "Thin ones, the Shrove Tuesday kind.",
        [
            ("Plain flour", "100", "g"),
            ("Eggs", "2", "piece"),
            ("Milk", "300", "ml"),
            ("Sunflower oil", "1", "tbsp"),
        ],
    ),
    (
        "Crème brûlée",
        "Cakes and desserts",
        4,
        "Custard under a glass of burnt sugar.",
        [
            ("Double cream", "500", "ml"),
            ("Egg yolks", "5", ""),
            ("Vanilla pod", "1", "piece"),
            ("Caster sugar", "½", "cup"),
        ],
    ),
    (
        "Tomato and basil bruschetta",
        "Side dishes",
        4,
        "Summer on toast.",
        [
            ("Ciabatta", "1", "piece"),
            ("Ripe tomatoes", "4", ""),
            ("Basil", "1/3", "cup"),
            ("Garlic clove", "1", ""),
            ("Olive oil", "2", "tbsp"),
        ],
    ),
    (
        "Spaghetti carbonara",
        "Main courses",
        2,
        "Eggs, cheese, pepper, guanciale: no cream.",
        [
            ("Spaghetti", "200", "g"),
            ("Guanciale", "100", "g"),
            ("Egg yolks", "3", ""),
            ("Pecorino Romano", "50", "g"),
            ("Black pepper", "1", "tsp"),
        ],
    ),
]


def demo_author() -> User:
    """The demo author, created on first use."""
    user = db.session.scalar(select(User).where(User.username == DEMO_USERNAME))
    if user is None:
        user = User(username=DEMO_USERNAME, email=DEMO_EMAIL, first_name="Demo", last_name="Cook")
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
        db.session.flush()
    return user


def add_demo_recipes() -> int:
    """Add whichever demo recipes the demo author does not have yet; how many were added."""
    author = demo_author()
    have = set(db.session.scalars(select(Recipe.title).where(Recipe.author_id == author.id)))
    categories = {category.name: category.id for category in db.session.scalars(select(Category))}
    added = 0
    for title, category, servings, description, rows in RECIPES:
        if title in have:
            continue
        recipe = Recipe(
            title=title,
            description=description,
            servings=servings,
            category_id=categories[category],
            author_id=author.id,
        )
        recipe.replace_ingredients(
            [IngredientRow(name, quantity_of(amount), unit) for name, amount, unit in rows]
        )
        db.session.add(recipe)
        added += 1
    db.session.commit()
    return added


def quantity_of(text: str | None) -> Decimal | None:
    """A demo amount, read the way the form reads a cook's."""
    return None if text is None else parse_quantity(text)


@click.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Add a demo author and a dozen recipes (idempotent; refused in production)."""
    if current_app.config["APP_CONFIG"] == "production":
        raise click.ClickException("demo-data never runs in the production config (APP_CONFIG=production).")
    added = add_demo_recipes()
    click.echo(
        f"Demo data: {added} recipe(s) added, {len(RECIPES) - added} already there. "
        f"Sign in as {DEMO_USERNAME} / {DEMO_PASSWORD} to edit them."
    )
