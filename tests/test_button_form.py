"""button_form is macros/buttons.py's ButtonForm: the markup its macro drew, byte for byte, with a token that works."""

import re

import pytest
from flask import g
from flask import render_template_string
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from forms.csrf import signed_csrf_token
from macros.buttons import ButtonForm

# The button_form macro as it was before ButtonForm drew it (templates/macros/forms.html).
OLD_MACRO = """{% macro button_form(action, label, button_class="btn btn-primary", form_class="d-inline", name=None,
value=None) -%}
<form method="post" action="{{ action }}" class="{{ form_class }}">
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  <button type="submit" class="{{ button_class }}"{% if name %} name="{{ name }}" value="{{ value }}"{% endif %}>\
{{ label }}</button>
</form>
{%- endmacro %}"""
NEW = '{% from "macros/forms.html" import button_form %}'
SCRIPT = "<script>alert('x')</script>"
CALLS = [
    '"/logout", "Sign out"',
    '"/logout", "Sign out", button_class="btn btn-sm fw-btn-quiet"',
    '"/recipes/3/delete", "Delete recipe", button_class="btn btn-outline-danger", form_class=""',
    "action, label, button_class=cls, form_class=cls, name=name, value=value",
    'action, label, name="go", value=none',
    'action, safe, name="", value="ignored"',
    "action, 7, name=0, value=1",
]
CONTEXT = {
    "action": f"/a?b=1&c={SCRIPT}",
    "label": SCRIPT,
    "cls": 'x" onclick="y',
    "name": "n&m",
    "value": "<v>",
    "none": None,
    "safe": Markup("<em>Sign</em> out"),
}


@pytest.mark.parametrize("call", CALLS)
def test_button_form_draws_what_its_macro_drew(app, call):
    with app.test_request_context():
        old = render_template_string(OLD_MACRO + "{{ button_form(" + call + ") }}", **CONTEXT)
        new = render_template_string(NEW + "{{ button_form(" + call + ") }}", **CONTEXT)
    assert new == old
    assert SCRIPT not in new


def test_the_buttons_token_is_flask_wtfs_token_for_this_session(app):
    with app.test_request_context():
        drawn = ButtonForm(signed_csrf_token)("/logout", "Sign out")
        token = re.search(r'name="csrf_token" value="([^"]+)"', drawn).group(1)
        assert token == g.csrf_token
        assert generate_csrf() == token  # Flask-WTF keeps to the token this page already has


def test_templates_imported_without_context_get_the_quicker_token_function(app):
    assert app.jinja_env.globals["csrf_token"] is signed_csrf_token


def test_the_sign_out_button_on_a_signed_in_page_signs_out(logged_in_client):
    page = logged_in_client.get("/").get_data(as_text=True)
    form = re.search(
        r'<form method="post" action="(/logout)" class="d-inline">\s*<input[^>]*value="([^"]+)"', page
    )
    assert form is not None
    response = logged_in_client.post(form.group(1), data={"csrf_token": form.group(2)})
    assert response.status_code == 302
    assert "Signed in as" not in logged_in_client.get("/").get_data(as_text=True)
