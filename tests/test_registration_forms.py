"""The registration forms' validation rules, one behaviour per test."""

import pytest
from werkzeug.datastructures import MultiDict

from forms.registration import AccountForm
from forms.registration import ProfileForm
from tests.conftest import add_user

STRONG = "Tr1cky!Passw0rd"


def account(app, **data):
    values = {
        "username": "ada_l",
        "email": "ada@example.com",
        "password": STRONG,
        "confirm_password": STRONG,
        **data,
    }
    with app.test_request_context(method="POST"):
        form = AccountForm(formdata=MultiDict(values), meta={"csrf": False})
        form.validate()
        return form


def test_a_good_account_passes_and_the_email_is_normalised(app):
    form = account(app, email="Ada@EXAMPLE.com")
    assert form.errors == {}
    assert form.email.data == "Ada@example.com"


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ab", "3 to 25"),
        ("a" * 26, "3 to 25"),
        ("1abc", "start with a letter"),
        ("ada lovelace", "letters, digits and underscores"),
        ("ada-l", "letters, digits and underscores"),
        ("", "Choose a username"),
    ],
)
def test_bad_usernames_are_explained(app, username, message):
    assert message in " ".join(account(app, username=username).username.errors)


def test_a_taken_username_is_refused_whatever_its_case(app):
    add_user(app, username="Ada_L", email="x@example.com")
    assert "taken" in account(app).username.errors[0]


def test_a_taken_email_is_refused_whatever_its_case(app):
    add_user(app, username="other", email="ADA@example.com")
    assert "already exists" in account(app).email.errors[0]


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two@@example.com", "a@localhost"])
def test_bad_emails_are_refused(app, email):
    assert account(app, email=email).email.errors


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Sh0rt!", "at least 10 characters"),
        ("alllowercase1!", "an upper-case letter"),
        ("ALLUPPERCASE1!", "a lower-case letter"),
        ("NoDigitsHere!!", "a digit"),
        ("NoSymbols12345", "a symbol"),
        ("short", "at least 10 characters, an upper-case letter, a digit and a symbol"),
    ],
)
def test_weak_passwords_say_what_is_missing(app, password, missing):
    form = account(app, password=password, confirm_password=password)
    assert missing in form.password.errors[0]


def test_passwords_must_match(app):
    assert "do not match" in account(app, confirm_password=STRONG + "x").confirm_password.errors[0]


def test_a_blank_password_is_refused_until_one_was_accepted(app):
    assert account(app, password="", confirm_password="").password.errors == ["Choose a password."]
    with app.test_request_context(method="POST"):
        values = MultiDict({"username": "ada_l", "email": "ada@example.com"})
        form = AccountForm(formdata=values, meta={"csrf": False})
        form.keep_existing_password()
        assert form.validate()


def test_the_address_is_a_nested_form_with_a_country_list(app):
    with app.test_request_context(method="POST"):
        form = ProfileForm(formdata=MultiDict({"address-country": "FR"}), meta={"csrf": False})
        assert form.address.form.country.data == "FR"
        assert not form.validate()
        assert set(form.errors["address"]) == {"street", "city", "postal_code"}
        assert ("GB", "United Kingdom") in [(c.value, c.label) for c in form.address.form.country.choices]
