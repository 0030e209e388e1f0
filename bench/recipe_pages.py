"""What the recipe pages cost with many recipes: the list, a search, a recipe, a save.

Fills a throw-away SQLite database with N recipes (the demo recipes, four to six
ingredients each, repeated under numbered titles), then times each page in-process and prints milliseconds per
request (median of the rounds), so a crawler walking the list and searches can be
priced.

    .venv/bin/python bench/recipe_pages.py [-n 5000] [--rounds 30]
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.wizard_walk import formwork_app  # noqa: E402

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def fill(app, count: int) -> None:
    """N recipes by one author, the demo ones under numbered titles."""
    from extensions import db
    from recipes.demo import RECIPES
    from recipes.demo import add_demo_recipes
    from recipes.models import IngredientRow
    from recipes.models import Recipe

    with app.app_context():
        add_demo_recipes()
        templates = db.session.query(Recipe).all()
        rows = [{"title": r.title, "category_id": r.category_id, "servings": r.servings} for r in templates]
        author = templates[0].author_id
        ingredients = {r.title: [(i.name, i.quantity, i.unit) for i in r.ingredients] for r in templates}
        for number in range(count - len(RECIPES)):
            template = rows[number % len(rows)]
            recipe = Recipe(
                title=f"{template['title']} {number}",
                category_id=template["category_id"],
                servings=template["servings"],
                author_id=author,
            )
            recipe.replace_ingredients([IngredientRow(*row) for row in ingredients[template["title"]]])
            db.session.add(recipe)
        db.session.commit()


def timed(client, method: str, url: str, rounds: int, **kwargs) -> float:
    """Median milliseconds of `rounds` requests."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = getattr(client, method)(url, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), f"{url} answered {response.status_code}"
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000, help="recipes in the database")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        app = formwork_app(work, "file")
        fill(app, args.n)
        client = app.test_client()
        client.post(
            "/login",
            data={
                "csrf_token": CSRF.search(client.get("/login").get_data(as_text=True)).group(1),
                "username": "demo_cook",
                "password": "Demo-recipes-1",
            },
        )
        edit = client.get("/recipes/1/edit").get_data(as_text=True)
        token = CSRF.search(edit).group(1)
        save = {
            "csrf_token": token,
            "title": "Lemon tart",
            "category": "7",
            "servings": "8",
            **{f"ingredients-{i}-name": f"Row {i}" for i in range(8)},
        }
        pages = [
            ("list, page 1", "get", "/recipes", {}),
            ("list, page 250", "get", "/recipes?page=250", {}),
            ("search a title word (q=tart)", "get", "/recipes?q=tart", {}),
            ("search an ingredient (q=BUTTER)", "get", "/recipes?q=BUTTER", {}),
            ("search, no match (q=zzz)", "get", "/recipes?q=zzz", {}),
            ("search, non-ASCII (q=CRÈME)", "get", "/recipes?q=CR%C3%88ME", {}),
            ("a recipe, scaled (?servings=6)", "get", "/recipes/1?servings=6", {}),
            ("edit form", "get", "/recipes/1/edit", {}),
            ("save an edit (8 rows)", "post", "/recipes/1/edit", {"data": save}),
        ]
        print(f"{args.n} recipes, {args.rounds} rounds, SQLite, in-process, median ms per request")
        for name, method, url, kwargs in pages:
            print(f"  {name:36s} {timed(client, method, url, args.rounds, **kwargs):7.2f}")


if __name__ == "__main__":
    main()
