"""`/gallery`: an index and a page per component family; `POST /gallery?example=<slug>` submits one example.

A submitted example comes back on its own family's page: with its errors (or its
added or removed row) at once, or after a valid post at its own card, showing
what the server received.
"""

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from wtforms import Form

from forms.fieldlist import apply_row_action
from gallery.examples import EXAMPLES_BY_SLUG
from gallery.families import FAMILIES
from gallery.families import FAMILIES_BY_SLUG
from gallery.families import MAX_QUERY
from gallery.families import Family
from gallery.families import examples_of
from gallery.families import family_of
from gallery.families import matching
from gallery.families import search_text
from gallery.received import received_rows
from gallery.render import posted_form
from gallery.render import render_examples

bp = Blueprint("gallery", __name__)

RECEIVED = "gallery_received"


@bp.get("/gallery")
def index() -> ResponseReturnValue:
    """The families and their examples; `?q=` filters them (the search box without JavaScript)."""
    slug = request.args.get("example", "")
    if slug in EXAMPLES_BY_SLUG:  # an old link to one example: its page, at its card
        example = EXAMPLES_BY_SLUG[slug]
        return redirect(url_for("gallery.family", slug=example.section, _anchor=example.slug))
    query = request.args.get("q", "")[:MAX_QUERY].strip()
    found = {example.slug for example in matching(query)}
    listed = [(family, [e for e in examples_of(family) if e.slug in found]) for family in FAMILIES]
    return render_template(
        "gallery/index.html",
        query=query,
        listed=[(family, examples) for family, examples in listed if examples],
        found=len(found),
    )


@bp.get("/gallery/<slug>")
def family(slug: str) -> ResponseReturnValue:
    """One family's page: every example with its source, and what the last valid post sent."""
    chosen = FAMILIES_BY_SLUG.get(slug)
    if chosen is None:
        abort(404)
    return show(chosen, {})


@bp.post("/gallery")
def submit() -> ResponseReturnValue:
    """Submit one example: add/remove a row, show the errors, or report what arrived."""
    example = EXAMPLES_BY_SLUG.get(request.args.get("example", ""))
    if example is None or not example.postable:
        abort(404)
    form = posted_form(example)
    if apply_row_action(form) or not form.validate_on_submit():
        return show(family_of(example), {example.slug: form})
    session[RECEIVED] = {"slug": example.slug, "rows": received_rows(form)}
    return redirect(url_for("gallery.family", slug=example.section, _anchor=example.slug))


@bp.context_processor
def side_navigation() -> dict:
    """Every gallery page's side navigation: the families and their examples."""
    return {
        "gallery_nav": [(family, examples_of(family)) for family in FAMILIES],
        "gallery_search_text": search_text,
    }


def show(chosen: Family, posted: dict[str, Form]) -> str:
    """Render a family's page, `posted` forms in place of their demos."""
    examples = examples_of(chosen)
    received = session.get(RECEIVED)
    if isinstance(received, dict) and received.get("slug") in {example.slug for example in examples}:
        session.pop(RECEIVED)  # shown once, on the page of the example it belongs to
    else:
        received = None
    return render_template(
        "gallery/family.html",
        family=chosen,
        examples=render_examples(examples, posted),
        received=received,
        error_form=next((form for form in posted.values() if form.errors), None),
    )
