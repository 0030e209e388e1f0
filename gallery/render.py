"""Build each example's form in the state it shows, and render its snippet through the macros."""

from dataclasses import dataclass
from functools import cache

from flask import current_app
from flask import url_for
from jinja2 import Template
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import Form

from gallery.examples import STATES
from gallery.examples import Demo
from gallery.examples import Example

MACROS = ("render_field", "render_fields", "render_row", "render_errors", "render_form", "wizard_progress")


@dataclass(frozen=True)
class RenderedDemo:
    """What the page shows for one demo: a caption, the output and the source that made it."""

    label: str
    html: Markup
    source: str


@dataclass(frozen=True)
class RenderedExample:
    """An example's demos, and its distinct sources with the states each one draws."""

    example: Example
    demos: list[RenderedDemo]

    @property
    def sources(self) -> list[tuple[list[str], str]]:
        grouped: dict[str, list[str]] = {}
        for demo in self.demos:
            grouped.setdefault(demo.source, []).append(demo.label)
        return [(labels, source) for source, labels in grouped.items()]


@cache
def one_field_form(form_class: type, names: tuple[str, ...]) -> type:
    """A form class with only `names` of `form_class`, so a demo binds one field, not thirty.

    WTForms drops a field that a subclass sets to None.
    """
    others = [n for n in dir(form_class) if hasattr(getattr(form_class, n), "_formfield") and n not in names]
    return type(f"{form_class.__name__}Only", (form_class,), dict.fromkeys(others))


def prefix_for(example: Example, demo: Demo) -> str:
    """Every demo gets its own prefix, so ids and radio groups never clash on the page."""
    return f"{example.slug}-{demo.state}"


def build_form(example: Example, demo: Demo) -> Form:
    """The demo's form, filled for its state; the error state comes from real validation."""
    form_class = one_field_form(example.form_class, example.fields) if example.fields else example.form_class
    prefix = prefix_for(example, demo)
    # Demonstrations never steal focus; only forms that really post carry a CSRF token.
    meta = {"focus_error_summary": False, "csrf": example.postable}
    if demo.state == "error":
        formdata = MultiDict()
        for key, value in example.bad_input.items():
            for item in value if isinstance(value, list) else [value]:
                formdata.add(f"{prefix}-{key}", item)
        form = form_class(formdata=formdata, prefix=prefix, meta=meta)
        form.validate()
    elif demo.state == "filled":
        form = form_class(formdata=None, data=dict(example.sample), prefix=prefix, meta=meta)
    else:
        form = form_class(formdata=None, prefix=prefix, meta=meta)
    if demo.state in ("help", "error") or example.postable:
        add_help_text(form, example.help_text)
    return form


def posted_form(example: Example) -> Form:
    """The example's form bound to this request's data (Flask-WTF reads it), focus and CSRF on."""
    form_class = example.form_class
    form = form_class(prefix=prefix_for(example, example.demos[0]))
    add_help_text(form, example.help_text)
    return form


def add_help_text(form: Form, help_text) -> None:
    """Give the form's fields their descriptions (the "with help text" state)."""
    for name, text in help_text.items():
        if name in form and text:
            form[name].description = text


def compiled(source: str) -> Template:
    """A snippet compiled once per app (autoescaped, like any HTML template)."""
    cache_ = current_app.extensions.setdefault("gallery_snippets", {})
    if source not in cache_:
        cache_[source] = current_app.jinja_env.from_string(source)
    return cache_[source]


def render_snippet(source: str, form: Form, **context) -> Markup:
    """Run a snippet with the library's macros in scope, as a designer's template would."""
    module = current_app.jinja_env.get_template("macros/forms.html").module
    macros = {name: getattr(module, name) for name in MACROS}
    # Autoescaped output of our own templates: safe to mark as markup.
    return Markup(compiled(source).render(form=form, **macros, **context))  # noqa: S704


def render_examples(examples: list[Example], posted: dict[str, Form]) -> list[RenderedExample]:
    """`examples` rendered in their states; a `posted` form replaces its example's demo form."""
    sample_image = url_for("static", filename="favicon.svg")
    rendered = []
    for example in examples:
        # No #fragment: Chromium clears focus when it scrolls to one after load, which would
        # undo the error summary's focus and the autofocus a server-side Add/Remove gives.
        action = url_for("gallery.submit", example=example.slug)
        demos = []
        for demo in example.demos:
            form = posted.get(example.slug) or build_form(example, demo)
            html = render_snippet(demo.source, form, action=action, sample_image=sample_image)
            demos.append(RenderedDemo(STATES[demo.state], html, demo.source))
        rendered.append(RenderedExample(example, demos))
    return rendered
