"""Blank forms drawn once (macros/blank_forms.py): reused only when they would be drawn the same.

Each reused drawing must be byte for byte what drawing the form afresh gives, with the
request's own CSRF token; a form with answers, errors, a field more or less, other
arguments or another variant is drawn afresh.
"""

import re

from flask import render_template_string
from wtforms import StringField

from forms.base import FormworkForm
from forms.login import LoginForm
from forms.registration import AccountForm
from forms.registration import ConfirmForm
from forms.registration import PreferencesForm
from forms.registration import ProfileForm
from macros import blank_forms
from tests.macro_rendering import IMPORTS
from tests.page_reading import form_values
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import png_bytes

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SOURCE = IMPORTS + "{{ render_form(form, buttons=buttons) }}"
BUTTONS = [{"name": "action", "value": "next", "label": "Continue"}]


class PlainPageForm(FormworkForm):
    """A form that has not promised anything: always drawn afresh."""

    name = StringField("Name")


def kept(app) -> dict:
    """The app's kept blank drawings (its render_form's)."""
    with app.test_request_context():
        module = app.jinja_env.get_template("macros/forms.html").module
        return module.render_form.blank_drawings


def draw(app, make_form, buttons=BUTTONS, fresh: bool = False) -> str:
    """`make_form()` drawn by render_form in a request of its own; `fresh`: with no drawing kept."""
    if fresh:
        kept(app).clear()
    with app.test_request_context():
        return render_template_string(SOURCE, form=make_form(), buttons=buttons)


def without_token(html: str) -> str:
    return TOKEN.sub('name="csrf_token" type="hidden" value=""', html)


def test_a_blank_form_is_drawn_once_and_then_reused_with_each_requests_own_token(app):
    first = draw(app, AccountForm, fresh=True)
    assert len(kept(app)) == 1
    again = draw(app, AccountForm)
    assert without_token(again) == without_token(first)
    assert TOKEN.search(again).group(1) != TOKEN.search(first).group(1)  # each request signs its own
    assert len(kept(app)) == 1  # reused, not kept twice


def test_a_reused_drawing_is_what_drawing_afresh_gives(app):
    for form_class in (AccountForm, ProfileForm, PreferencesForm, LoginForm, ConfirmForm):
        draw(app, form_class)  # kept
        reused = draw(app, form_class)
        afresh = draw(app, form_class, fresh=True)
        assert without_token(reused) == without_token(afresh)


def test_forms_with_answers_or_errors_are_never_kept(app):
    kept(app).clear()
    with app.test_request_context(method="POST", data={"username": "ada", "email": "bad"}):
        answered = AccountForm()
        assert not answered.built_blank
        render_template_string(SOURCE, form=answered, buttons=BUTTONS)
    with app.test_request_context():
        refused = AccountForm()
        refused.username.errors = ["Choose a username."]
        html = render_template_string(SOURCE, form=refused, buttons=BUTTONS)
    assert "Choose a username." in html
    assert kept(app) == {}
    blank = draw(app, AccountForm)
    assert "Choose a username." not in blank and 'value="ada"' not in blank


def test_a_form_built_from_an_object_or_data_is_drawn_with_its_values(app):
    draw(app, LoginForm)
    with app.test_request_context():
        html = render_template_string(SOURCE, form=LoginForm(data={"username": "grace"}), buttons=BUTTONS)
    assert 'value="grace"' in html


def test_other_arguments_a_deleted_field_or_another_variant_are_drawn_afresh(app):
    draw(app, PreferencesForm, fresh=True)
    back = [*BUTTONS, {"name": "action", "value": "back", "label": "Back"}]
    assert ">Back</button>" in draw(app, PreferencesForm, buttons=back)

    def without_remove():
        form = PreferencesForm()
        del form.remove_avatar
        return form

    assert 'name="remove_avatar"' in draw(app, PreferencesForm)
    before = len(kept(app))
    assert 'name="remove_avatar"' not in draw(app, without_remove)
    assert without_token(draw(app, without_remove)) == without_token(draw(app, without_remove))
    assert len(kept(app)) == before + 1  # the step without the box is kept too (as the wizard shows it)

    def keeping_password():
        form = AccountForm()
        form.keep_existing_password()
        return form

    draw(app, AccountForm)
    assert "Leave both password boxes blank" in draw(app, keeping_password)
    assert "Leave both password boxes blank" not in draw(app, AccountForm)


def test_a_form_class_that_has_not_promised_is_always_drawn_afresh(app):
    kept(app).clear()
    draw(app, PlainPageForm)
    assert kept(app) == {}


class ExtendedLoginForm(LoginForm):
    """A subclass of a form that promised: the promise is not inherited."""

    note = StringField("Note")


def test_a_subclass_does_not_inherit_the_promise(app):
    kept(app).clear()
    assert 'name="note"' in draw(app, ExtendedLoginForm)
    assert kept(app) == {}


def test_a_value_set_after_the_form_was_built_is_drawn_and_never_kept(app):
    def prefilled():
        form = LoginForm()
        form.username.data = "alice@example.com"
        return form

    kept(app).clear()
    assert 'value="alice@example.com"' in draw(app, prefilled)
    assert kept(app) == {}
    draw(app, LoginForm)  # now kept
    assert 'value="alice@example.com"' in draw(app, prefilled)
    assert "alice@example.com" not in draw(app, LoginForm)


def test_the_label_markers_are_part_of_the_key(app):
    draw(app, LoginForm, fresh=True)
    app.config["FORM_REQUIRED_MARKER"] = "(must)"
    assert "(must)" in draw(app, LoginForm)


def test_no_more_than_max_kept_drawings(app, monkeypatch):
    monkeypatch.setattr(blank_forms, "MAX_KEPT", 2)
    monkeypatch.setattr("macros.wrapper.MAX_KEPT", 2)
    kept(app).clear()
    for label in ("One", "Two", "Three", "Four"):
        html = draw(app, LoginForm, buttons=[{"name": "action", "value": "go", "label": label}])
        assert f">{label}</button>" in html
    assert len(kept(app)) == 2


def test_each_browser_gets_a_step_page_with_a_token_its_own_post_accepts(app):
    """Through HTTP: the second browser's account step is a reused drawing; both posts go through."""
    browsers = [Registration(app.test_client()) for _ in range(2)]
    pages = [browser.get("account") for browser in browsers]
    tokens = [TOKEN.search(page.get_data(as_text=True)).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    assert without_token(pages[0].get_data(as_text=True)) == without_token(pages[1].get_data(as_text=True))
    for number, browser in enumerate(browsers):
        answers = {**VALID["account"], "username": f"user{number}", "email": f"user{number}@example.com"}
        assert browser.post("account", answers).status_code == 302
    # A token from the other browser's page is refused.
    stranger = form_values(pages[0])
    stranger.update(VALID["profile"], action="next")
    assert browsers[1].client.post(browsers[1].url("profile"), data=stranger).status_code == 400


def test_a_step_shown_again_with_its_answers_is_not_the_blank_drawing(app):
    browser = Registration(app.test_client())
    browser.complete("account", "profile", avatar=png_bytes())
    blank = Registration(app.test_client()).get("preferences")  # redirected: earlier steps incomplete
    assert blank.status_code == 302
    page = browser.get("account").get_data(as_text=True)
    assert 'value="newbie"' in page
    assert "Leave both password boxes blank" in page


def test_a_kept_drawing_of_a_form_without_csrf_has_no_token(app):
    def without_csrf():
        return LoginForm(meta={"csrf": False})

    first = draw(app, without_csrf, fresh=True)
    again = draw(app, without_csrf)
    assert again == first and "csrf_token" not in again
    assert TOKEN.search(draw(app, LoginForm))  # the form with its token is kept apart
