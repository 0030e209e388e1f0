"""`GET /gallery` shows every example; `POST /gallery?example=<slug>` really submits one."""

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from wtforms import Field
from wtforms import Form

from forms.fieldlist import apply_row_action
from gallery.examples import EXAMPLES_BY_SLUG
from gallery.render import posted_form
from gallery.render import render_examples
from input_limits import clipped
from macros.fields import field_kind
from macros.tree import walk_fields

bp = Blueprint("gallery", __name__)

RECEIVED = "gallery_received"


@bp.get("/gallery")
def index() -> ResponseReturnValue:
    """Every example, and what the last valid submission sent."""
    return show({})


@bp.post("/gallery")
def submit() -> ResponseReturnValue:
    """Submit one example: add/remove a row, show the errors, or report what arrived."""
    example = EXAMPLES_BY_SLUG.get(request.args.get("example", ""))
    if example is None or not example.postable:
        abort(404)
    form = posted_form(example)
    if apply_row_action(form) or not form.validate_on_submit():
        return show({example.slug: form})
    session[RECEIVED] = {"slug": example.slug, "values": received_values(form)}
    return redirect(url_for("gallery.index", _anchor=example.slug))


def show(posted: dict[str, Form]) -> str:
    error_form = next((form for form in posted.values() if form.errors), None)
    return render_template(
        "gallery/index.html",
        sections=render_examples(posted),
        received=session.pop(RECEIVED, None),
        error_form=error_form,
    )


def received_values(form: Form) -> list[list[str]]:
    """[name, value] of every field that arrived, names without the example's prefix.

    Values are kept in the session until the next page: each is cut at its field's maximum.
    """
    prefix = getattr(form, "_prefix", "")
    return [
        [field.name.removeprefix(prefix), received_text(field)]
        for field in walk_fields(form)
        if field.type != "CSRFTokenField" and field_kind(field) != "submit"  # data, not its token or buttons
    ]


def received_text(field: Field) -> str:
    """What the "received" list shows for a field: its data as text, never a password."""
    return "(not shown)" if field.type == "PasswordField" else clipped(field, display(field.data))


def display(value) -> str:
    """A field's data as plain text for the "received" list (files by name)."""
    if isinstance(value, list):
        return ", ".join(display(item) for item in value)
    if hasattr(value, "filename"):
        return value.filename or ""
    return "" if value is None else str(value)
