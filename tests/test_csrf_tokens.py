"""CSRF tokens from forms/csrf.py: Flask-WTF's very tokens, checked by Flask-WTF as before."""

import secrets

import pytest
from flask import g
from flask import session
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from forms.base import FormworkForm
from forms.csrf import CachedPayloadCSRF
from forms.csrf import signed_csrf_token
from forms.csrf import token_accepted

NOW = 1_800_000_000


@pytest.fixture
def frozen(monkeypatch):
    """itsdangerous' clock, stopped at NOW (both tokens then carry the same timestamp)."""
    clock = {"now": NOW}
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: clock["now"])
    return clock


def flask_wtf_token() -> str:
    g.pop("csrf_token", None)
    return generate_csrf()


def our_token() -> str:
    g.pop("csrf_token", None)
    return signed_csrf_token()


@pytest.mark.parametrize("length", [64, 40])  # a derived value (sessions.py), one Flask-WTF makes
def test_the_token_is_the_one_flask_wtf_makes(app, frozen, length):
    with app.test_request_context("/"):
        for _ in range(200):
            session["csrf_token"] = secrets.token_hex(length // 2)
            mine = our_token()
            assert mine == flask_wtf_token()
            validate_csrf(mine)


def forgeries(token: str) -> list[str]:
    """Tokens made from `token` that no check may accept: a signature changed, text added, text cut."""
    payload, stamp, signature = token.rsplit(".", 2)
    # The first character: the last one of a 20-byte signature carries two padding bits,
    # so changing it can leave the decoded signature as it was.
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    return [f"{payload}.{stamp}.{flipped}", "x" + token, token[:-3]]


def test_tampered_and_expired_tokens_are_still_refused(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        token = our_token()
        for forged in forgeries(token):
            with pytest.raises(ValidationError):
                validate_csrf(forged)
        frozen["now"] = NOW + app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 1
        with pytest.raises(ValidationError, match="expired"):
            validate_csrf(token)


def test_another_sessions_token_is_refused(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        token = our_token()
        session["csrf_token"] = secrets.token_hex(32)
        with pytest.raises(ValidationError, match="do not match"):
            validate_csrf(token)


def test_a_session_without_a_value_gets_one_from_flask_wtf(app, frozen):
    with app.test_request_context("/"):
        session.pop("csrf_token", None)
        token = our_token()
        assert len(session["csrf_token"]) == 40
        assert token == flask_wtf_token()


def test_formwork_forms_carry_the_token_and_the_page_reuses_it(app, frozen):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        form = FormworkForm()
        assert form.meta.csrf_class is CachedPayloadCSRF
        assert form.csrf_token.current_token == g.csrf_token == generate_csrf()
        assert form.csrf_token.current_token == flask_wtf_token()


@pytest.mark.parametrize(
    ("settings", "field_name"),
    [
        ({"WTF_CSRF_SECRET_KEY": "a separate key for CSRF"}, "csrf_token"),
        ({"WTF_CSRF_SECRET_KEY": b"bytes key"}, "csrf_token"),
        ({"WTF_CSRF_FIELD_NAME": "xsrf"}, "xsrf"),
        ({"WTF_CSRF_SECRET_KEY": ["the old key", "the new key"]}, "csrf_token"),  # key rotation
    ],
    ids=["own-key", "bytes-key", "field-name", "key-list"],
)
def test_flask_wtfs_settings_give_its_own_tokens(app, frozen, settings, field_name):
    app.config.update(settings)
    with app.test_request_context("/"):
        session[field_name] = secrets.token_hex(32)
        g.pop(field_name, None)
        mine = signed_csrf_token()
        g.pop(field_name, None)
        assert mine == generate_csrf()
        validate_csrf(mine)


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"WTF_CSRF_ENABLED": False, "WTF_CSRF_TIME_LIMIT": None},
        {"WTF_CSRF_SECRET_KEY": "own", "WTF_CSRF_FIELD_NAME": "xsrf", "WTF_CSRF_TIME_LIMIT": 60},
    ],
    ids=["defaults", "disabled", "own-settings"],
)
def test_a_formwork_forms_csrf_settings_are_flask_wtfs(app, settings):
    """forms.csrf.CachedPayloadCSRFMeta reads Flask-WTF's Meta settings, the same keys and defaults."""
    app.config.update(settings)
    names = ("csrf", "csrf_secret", "csrf_field_name", "csrf_time_limit")
    with app.test_request_context("/"):
        mine, flask_wtfs = FormworkForm().meta, FlaskForm().meta
        assert [getattr(mine, name) for name in names] == [getattr(flask_wtfs, name) for name in names]
        assert FormworkForm(meta={"csrf": False}).meta.csrf is False


def test_a_second_form_in_a_request_carries_the_token_the_first_made(app):
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        first, second = FormworkForm(), FormworkForm()
        assert first.csrf_token.current_token == second.csrf_token.current_token == g.csrf_token
        validate_csrf(second.csrf_token.current_token)


def flask_wtf_accepts(data) -> bool:
    try:
        validate_csrf(data)
    except ValidationError:
        return False
    return True


def test_token_accepted_agrees_with_flask_wtf(app, frozen):
    """forms.csrf.token_accepted, the check CSRF protection makes first: what Flask-WTF accepts, no more."""
    with app.test_request_context("/"):
        session["csrf_token"] = secrets.token_hex(32)
        token = our_token()
        assert token_accepted(token) and flask_wtf_accepts(token)
        for data in [*forgeries(token), "", None, "a.b.c", "ü.ü.ü"]:
            assert not token_accepted(data)
            assert not flask_wtf_accepts(data)
        session["csrf_token"] = secrets.token_hex(32)  # another session's value
        assert not token_accepted(token) and not flask_wtf_accepts(token)
        del session["csrf_token"]
        assert not token_accepted(token) and not flask_wtf_accepts(token)
        session["csrf_token"] = secrets.token_hex(32)
        token = our_token()
        frozen["now"] = NOW + app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 1
        assert not token_accepted(token) and not flask_wtf_accepts(token)  # expired


@pytest.mark.parametrize(
    ("settings", "field_name", "accepted"),
    [
        ({"WTF_CSRF_SECRET_KEY": "a separate key for CSRF"}, "csrf_token", True),
        ({"WTF_CSRF_SECRET_KEY": b"bytes key"}, "csrf_token", True),
        ({"WTF_CSRF_FIELD_NAME": "xsrf"}, "xsrf", True),
        ({"WTF_CSRF_TIME_LIMIT": None}, "csrf_token", True),
        ({"WTF_CSRF_SECRET_KEY": ["the old key", "the new key"]}, "csrf_token", False),  # left to Flask-WTF
    ],
    ids=["own-key", "bytes-key", "field-name", "no-time-limit", "key-list"],
)
def test_token_accepted_reads_flask_wtfs_settings(app, frozen, settings, field_name, accepted):
    app.config.update(settings)
    with app.test_request_context("/"):
        session[field_name] = secrets.token_hex(32)
        g.pop(field_name, None)
        token = signed_csrf_token()
        assert flask_wtf_accepts(token)
        assert token_accepted(token) is accepted
