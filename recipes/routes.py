"""`/recipes`: the list and search, a recipe, and writing, editing and deleting one's own."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from forms.fieldlist import apply_row_action
from forms.recipe import DeleteRecipeForm
from forms.recipe import NewRecipeForm
from forms.recipe import RecipeForm
from forms.recipe import RecipeSearchForm
from forms.recipe import ServingsForm
from recipes.display import amount_text
from recipes.models import Recipe
from recipes.search import recipes_matching

PER_PAGE = 10
MAX_PAGE = 100_000
# A stored id is a 32-bit integer: a longer number in the URL is a 404, not a database error.
RECIPE_ID = "<int(min=1, max=2147483647):recipe_id>"

bp = Blueprint("recipes", __name__)
bp.add_app_template_global(amount_text)


def recipe_or_404(recipe_id: int) -> Recipe:
    """The recipe, or a 404."""
    return db.get_or_404(Recipe, recipe_id)


def own_recipe_or_404(recipe_id: int) -> Recipe:
    """The signed-in user's recipe; anyone else's is a 404, as if it did not exist."""
    recipe = recipe_or_404(recipe_id)
    if recipe.author_id != current_user.id:
        abort(404)
    return recipe


@bp.get("/recipes")
def index():
    """Every recipe, newest first, ten a page; `q` searches titles and ingredients."""
    search = RecipeSearchForm(request.args)
    query = search.query()
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    pagination = db.paginate(recipes_matching(query), page=page, per_page=PER_PAGE, error_out=False)
    if page > 1 and page > pagination.pages:
        return redirect(url_for(".index", q=query or None, page=max(pagination.pages, 1)))
    return render_template("recipes/index.html", search=search, query=query, pagination=pagination)


@bp.route("/recipes/new", methods=["GET", "POST"])
@login_required
def new():
    """Write a recipe; Add, Move and Remove row buttons come back to this page.

    The form carries a one-time key: sent again with the same recipe (a double click without
    JavaScript, a resend after a lost answer, two at once), it leads to the recipe the first
    send made. Sent again with something else (Back, then changes), it is a recipe of its own.
    """
    form = NewRecipeForm()
    if apply_row_action(form) or not form.validate_on_submit():
        return render_template("recipes/form.html", form=form, recipe=None)
    recipe = Recipe(author_id=current_user.id)
    form.apply_to(recipe)
    key = form.submission_key()
    for _ in range(2):  # a second time only when a concurrent send of the same form won
        earlier = made_by_form(key)
        if earlier is not None and earlier.content() == recipe.content():
            flash("This recipe was already published: here it is.", "info")
            return redirect(url_for(".show", recipe_id=earlier.id))
        recipe.submission = key if earlier is None else None
        db.session.add(recipe)
        try:
            db.session.commit()
            break
        except IntegrityError:
            db.session.rollback()
    else:  # the same form sent three times at once, two of them with changes: keep what was typed
        flash("Your recipe could not be saved just now. Press Save recipe again.", "warning")
        return render_template("recipes/form.html", form=form, recipe=None), 409
    flash("Your recipe is published.", "success")
    return redirect(url_for(".show", recipe_id=recipe.id))


def made_by_form(key: str | None) -> Recipe | None:
    """The signed-in user's recipe made by an earlier send of the form with this key."""
    if key is None:
        return None
    return db.session.scalar(
        select(Recipe).where(Recipe.author_id == current_user.id, Recipe.submission == key)
    )


@bp.get(f"/recipes/{RECIPE_ID}")
def show(recipe_id: int):
    """A recipe, its quantities scaled on the server to `?servings=N`."""
    recipe = recipe_or_404(recipe_id)
    scale = ServingsForm(request.args, servings=recipe.servings)
    servings = scale.servings.data if "servings" in request.args and scale.validate() else recipe.servings
    return render_template(
        "recipes/show.html",
        recipe=recipe,
        scale=scale,
        servings=servings,
        quantities=recipe.scaled_quantities(servings),
    )


@bp.route(f"/recipes/{RECIPE_ID}/edit", methods=["GET", "POST"])
@login_required
def edit(recipe_id: int):
    """Edit one's own recipe; on save its rows become exactly the rows shown, in one transaction."""
    recipe = own_recipe_or_404(recipe_id)
    form = RecipeForm.for_recipe(recipe)
    if apply_row_action(form) or not form.validate_on_submit():
        return render_template("recipes/form.html", form=form, recipe=recipe)
    form.apply_to(recipe)
    db.session.commit()
    flash("Your changes are saved.", "success")
    return redirect(url_for(".show", recipe_id=recipe.id))


@bp.post(f"/recipes/{RECIPE_ID}/delete")
@login_required
def delete(recipe_id: int):
    """Delete one's own recipe: the first POST asks to confirm, the confirming one deletes."""
    recipe = own_recipe_or_404(recipe_id)
    form = DeleteRecipeForm()
    if not (form.validate_on_submit() and form.confirm.data):
        return render_template("recipes/delete.html", form=form, recipe=recipe)
    db.session.delete(recipe)
    db.session.commit()
    flash(f"“{recipe.title}” is deleted.", "success")
    return redirect(url_for(".index"))
