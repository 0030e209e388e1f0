"""The macro library's Python fast paths draw exactly what the macros they stand in for draw.

`reference_app` is an app whose fast paths all decline (return None), so every form is
drawn by the macros' own markup; each case is rendered by both apps and compared as text.
"""

import re

import pytest
from flask import render_template_string
from wtforms import BooleanField
from wtforms import Form
from wtforms import FormField
from wtforms import HiddenField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired

from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.fields import MultiCheckboxField
from forms.registration import AccountForm
from forms.registration import PreferencesForm
from forms.registration import ProfileForm
from gallery.examples import EXAMPLES
from gallery.render import build_form
from gallery.render import render_snippet
from macros import cells
from macros import wrapper
from macros.forms import drawn_on_a_row
from tests.macro_rendering import IMPORTS
from tests.macro_rendering import submitted

CSRF_VALUE = re.compile(r'(csrf_token" type="hidden" value=")[^"]*')
SCRIPT = "<script>alert(1)</script>"


def declined(*args, **kwargs) -> None:
    """A fast path that leaves everything to its macro."""


@pytest.fixture
def reference_app(make_app):
    """An app that draws every form with the macros alone."""
    app = make_app()
    app.jinja_env.globals.update(
        draw_cell=declined,
        form_macro=lambda macro, render_field: macro,
        field_macro=lambda macro: macro,
        fields_macro=lambda macro, render_field: macro,
    )
    return app


def drawn(app, make_form, source: str, **context) -> str:
    """`source` (with the macro library imported) rendered in a request of `app`, CSRF token blanked."""
    with app.test_request_context():
        form = make_form()
        names = [field.short_name for field in form or () if drawn_on_a_row(field)]
        html = render_template_string(IMPORTS + source, form=form, names=names, **context)
    return CSRF_VALUE.sub(r"\1", html)


class SignUpForm(FormworkForm):
    name = StringField(f"Name {SCRIPT}", validators=[DataRequired(f"Enter a name {SCRIPT}")])
    email = StringField("E-mail", description=SCRIPT)
    submit = SubmitField("Sign up")
    cancel = SubmitField("Cancel")


class NoteForm(FormworkSubform):
    """A nested form with a hidden field, help text and a form-wide error of its own."""

    token = HiddenField(default=SCRIPT)
    text = StringField("Note", description=SCRIPT)

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        self.form_errors.append(f"The note does not add up {SCRIPT}")
        return False


class ParcelForm(FormworkForm):
    note = FormField(NoteForm, label=f"Note {SCRIPT}", description="About the note")
    size = RadioField(
        "Size",
        choices=[SelectChoice("s", "Small <"), SelectChoice("l", "Large")],
        validators=[InputRequired("Pick one.")],
    )
    extras = MultiCheckboxField(
        "Extras", choices=[SelectChoice("gift", "Gift wrap")], validators=[DataRequired("Pick an extra.")]
    )
    fragile = BooleanField("Fragile", description=SCRIPT, validators=[DataRequired("Tick it.")])


class PlainForm(Form):
    """A WTForms form with no hidden_tag: render_form lists its hidden fields itself."""

    name = StringField("Name")


def account_refused():
    return submitted(AccountForm, {"username": "a", "email": "no", "password": "x"})


def preferences_refused():
    return submitted(PreferencesForm, {"plan": "none", "interests": ["nothing"]})


FORMS = {
    "account empty": AccountForm,
    "account refused": account_refused,
    "profile filled": lambda: ProfileForm(
        data={"first_name": SCRIPT, "address": {"city": "Lyon", "country": "FR"}}
    ),
    "profile refused": lambda: submitted(ProfileForm, {"first_name": SCRIPT}),
    "preferences empty": PreferencesForm,
    "preferences refused": preferences_refused,
    "sign-up refused": lambda: submitted(SignUpForm, {}),
    "parcel empty": ParcelForm,
    "parcel refused": lambda: submitted(ParcelForm, {"size": "x"}),
    "sign-up without focus": lambda: submitted(SignUpForm, {}, focus_error_summary=False),
}
CALLS = {
    "defaults": "render_form(form)",
    "wizard buttons": """render_form(form, buttons=[{"name": "action", "value": "next", "label": "Continue"},
        {"name": "action", "value": "back", "label": "Back", "style": "outline-secondary", "formnovalidate": true}])""",
    "buttons with keys left out": 'render_form(form, buttons=[{"label": "Go"}, {"name": "go", "label": "<b>"}, {}])',
    "grid and field attributes": """render_form(form, grid=[[names[0], names[1] ~ ":8"], names[2:]],
        field_attrs={names[0]: {"class": "wide"}, names[1]: {"label": "Secret", "wrapper_class": "mb-0"}})""",
    "inline": 'render_form(form, action="/find?q=<x>", method="get", layout="inline", form_class="mb-3", id="f")',
    "inline without summary": 'render_form(form, layout="inline", summary=false, optional_marker="")',
    "horizontal": 'render_form(form, layout="horizontal", novalidate=false, button_class="btn btn-danger")',
    "field options": """render_form(form, field_attrs={names[0]: {"inline": true, "switch": true, "disabled": true,
        "aria-describedby": "note", "class": "mine", "label_class": "lc"}, names[1]: {"grid": "columns", "reveal": {}},
        names[-1]: {"class": "x", "disabled": true, "aria-describedby": "n", "label": "L", "grid": "columns",
                    "wrapper_class": "w", "switch": true}})""",
    "keywords for every field": 'render_form(form, required_marker="*", optional_marker="(opt)", autocomplete="off")',
}


@pytest.mark.parametrize("form_name", FORMS)
@pytest.mark.parametrize("call", CALLS)
def test_render_form_draws_what_its_macro_draws(app, reference_app, form_name, call):
    source = "{{ " + CALLS[call] + " }}"
    make_form = FORMS[form_name]
    assert drawn(app, make_form, source) == drawn(reference_app, make_form, source)


@pytest.mark.parametrize(
    "example",
    [example for example in EXAMPLES if "render_form" in example.demos[0].source],
    ids=lambda e: e.slug,
)
def test_the_gallery_forms_are_drawn_as_their_macros_draw_them(app, reference_app, example):
    def gallery_html(flask_app):
        with flask_app.test_request_context():
            return [
                CSRF_VALUE.sub(r"\1", render_snippet(demo.source, build_form(example, demo), action="/x"))
                for demo in example.demos
            ]

    assert gallery_html(app) == gallery_html(reference_app)


# Every gallery field through render_fields, and through a render_field call of its own.
GALLERY_FIELDS = {
    "render_fields": '{{ render_fields(form, layout=layout, optional_marker="(opt)") }}',
    "render_field": "{% for field in form %}"
    '{{ render_field(field, layout=layout, optional_marker="(opt)", data_note="<x>") }}{% endfor %}',
}


@pytest.mark.parametrize("source", GALLERY_FIELDS.values(), ids=GALLERY_FIELDS)
@pytest.mark.parametrize("layout", ["stacked", "horizontal", "inline"])
def test_every_gallery_field_is_drawn_as_its_macro_draws_it(app, reference_app, layout, source):
    def gallery_html(flask_app):
        with flask_app.test_request_context():
            return [
                CSRF_VALUE.sub(r"\1", render_snippet(source, build_form(example, demo), layout=layout))
                for example in EXAMPLES
                for demo in example.demos
            ]

    assert gallery_html(app) == gallery_html(reference_app)


@pytest.mark.parametrize(
    ("source", "answers"),
    [
        ("{{ render_field(form.name) }}", ["drawn"]),
        ('{{ render_field(form.name, "*") }}', []),
        ("{{ render_field(form.submit) }}", [None]),
    ],
    ids=["a plain field: drawn", "a positional argument: not asked", "a button: declined"],
)
def test_render_field_leaves_what_it_cannot_draw_to_the_macro(app, monkeypatch, source, answers):
    asked = []
    draw_cell = cells.draw_cell

    def spy(*args, **kwargs):
        cell = draw_cell(*args, **kwargs)
        asked.append(None if cell is None else "drawn")
        return cell

    monkeypatch.setattr(cells, "draw_cell", spy)
    assert "<input" in drawn(app, SignUpForm, source)
    assert asked == answers


# Arguments bound as the macros bind them: by name, positionally, and a keyword that shares the
# name of render_fields' first parameter, which the macro hands to every control as an attribute.
# (render_field(field, field=...) is refused by WTForms' widgets themselves, macro or not.)
BINDINGS = {
    "render_fields, the form by name": '{{ render_fields(form=form, layout="horizontal") }}',
    "render_fields, positional grid": "{{ render_fields(form, [names[:2]]) }}",
    "render_fields, a form attribute": '{{ render_fields(form, form="signup") }}',
    "render_field, the field by name": "{{ render_field(field=form.name) }}",
}


@pytest.mark.parametrize("source", BINDINGS.values(), ids=BINDINGS)
def test_arguments_are_bound_as_the_macros_bind_them(app, reference_app, source):
    assert drawn(app, SignUpForm, source) == drawn(reference_app, SignUpForm, source)


def test_render_fields_leaves_a_call_block_to_its_macro(app, reference_app):
    source = "{% call render_fields(form) %}x{% endcall %}"
    assert drawn(app, SignUpForm, source) == drawn(reference_app, SignUpForm, source)


@pytest.mark.parametrize(
    ("make_form", "source", "answers"),
    [
        (SignUpForm, "{% call render_form(form) %}<a href='/'>Home</a>{% endcall %}", []),
        (PlainForm, "{{ render_form(form) }}", [None]),
    ],
    ids=["a call body: not asked", "no hidden_tag: declined"],
)
def test_render_form_leaves_what_it_cannot_draw_to_the_macro(app, monkeypatch, make_form, source, answers):
    asked = []
    draw_form = wrapper.draw_form
    monkeypatch.setattr(
        wrapper, "draw_form", lambda *args, **kwargs: asked.append(draw_form(*args, **kwargs))
    )
    assert "<form" in drawn(app, make_form, source)
    assert asked == answers
