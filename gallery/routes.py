"""`GET /gallery` shows every example; `POST /gallery?example=<slug>` really submits one."""

from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from wtforms import Form

from forms.fieldlist import apply_row_action
from gallery import bp
from gallery.examples import EXAMPLES_BY_SLUG
from gallery.render import posted_form
from gallery.render import render_examples
from macros.fields import field_kind
from macros.tree import walk_fields

RECEIVED = "gallery_received"


@bp.get("/gallery")
def index():
    """Every example, and what the last valid submission sent."""
    return show({})


@bp.post("/gallery")
def submit():
    """Submit one example: add/remove a row, show the errors, or report what arrived."""
    example = EXAMPLES_BY_SLUG.get(request.args.get("example", ""))
    if example is None or not example.postable:
        abort(404)
    form = posted_form(example)
    if apply_row_action(form) or not form.validate_on_submit():
        return show({example.slug: form})
    session[RECEIVED] = {"slug": example.slug, "values": received_values(form)}
    return redirect(url_for("gallery.index", _anchor=example.slug))


def show(posted: dict[str, Form]):
    error_form = next((form for form in posted.values() if form.errors), None)
    return render_template(
        "gallery/index.html",
        sections=render_examples(posted),
        received=session.pop(RECEIVED, None),
        error_form=error_form,
    )


def received_values(form: Form) -> list[list[str]]:
    """[name, value] of every field that arrived, names without the example's prefix."""
    prefix = getattr(form, "_prefix", "")
    return [
        [
            field.name.removeprefix(prefix),
            "(not shown)" if field.type == "PasswordField" else display(field.data),
        ]
        for field in walk_fields(form)
        if field.type != "CSRFTokenField" and field_kind(field) != "submit"  # data, not its token or buttons
    ]


def display(value) -> str:
    """A field's data as plain text for the "received" list (files by name)."""
    if isinstance(value, list):
        return ", ".join(display(item) for item in value)
    if hasattr(value, "filename"):
        return value.filename or ""
    return "" if value is None else str(value)
