"""Finding recipes: a case-insensitive search of titles and ingredient names, newest first."""

from sqlalchemy import Select
from sqlalchemy import String
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.functions import FunctionElement

from recipes.models import Ingredient
from recipes.models import Recipe


class folded(FunctionElement):
    """lower() for every letter: PostgreSQL's own; on SQLite, whose lower() folds only ASCII,
    the `unicode_lower` function database.py registers on each connection."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _lower(element, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _unicode_lower(element, compiler, **kw) -> str:
    return f"unicode_lower({compiler.process(element.clauses, **kw)})"


def recipes_matching(query: str) -> Select:
    """Recipes whose title or an ingredient's name contains `query` (any case), newest first.

    Newest first is by id (ids only grow), which needs no sort. An ASCII query can only match
    ASCII letters, so it compares with the database's own lower(), cheaper on SQLite than
    calling back into Python for every row.
    """
    statement = (
        select(Recipe)
        .options(joinedload(Recipe.author), joinedload(Recipe.category))
        .order_by(Recipe.id.desc())
    )
    needle = query.strip().lower()
    if needle:
        lower = func.lower if needle.isascii() else folded
        in_ingredients = (
            select(Ingredient.id)
            .where(
                Ingredient.recipe_id == Recipe.id, lower(Ingredient.name).contains(needle, autoescape=True)
            )
            .exists()
        )
        statement = statement.where(
            or_(lower(Recipe.title).contains(needle, autoescape=True), in_ingredients)
        )
    return statement
