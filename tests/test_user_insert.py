"""`User.insert`: one INSERT with the model's defaults, and a user object as good as one read back."""

import pytest
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import User
from tests.conftest import add_user

ADA = {"username": "ada", "email": "ada@example.com", "password_hash": "not-a-real-hash"}


def writes_during(action) -> list[str]:
    """The first three words of every INSERT, UPDATE or DELETE sent while `action` runs."""
    sent = []

    def note(conn, cursor, statement, parameters, context, executemany):
        words = statement.split()
        if words[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            sent.append(" ".join(words[:3]))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return sent


def test_inserting_a_user_sends_one_insert_and_fills_in_the_defaults(any_db_app):
    with any_db_app.app_context():
        made = []
        writes = writes_during(lambda: made.append(User.insert(**ADA)))
        user = made[0]
        assert writes == ["INSERT INTO users"]
        assert user.id is not None and len(user.session_token) >= 40
        assert (user.plan, user.bio, user.interests, user.avatar) == ("free", "", [], None)
        assert user.created_at is not None and user.updated_at is not None
        assert user in db.session and not db.session.new and not db.session.dirty
        user_id, token = user.id, user.session_token
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.scalar(select(User).where(User.id == user_id))
        assert (stored.username, stored.session_token, stored.plan) == ("ada", token, "free")


def test_an_inserted_user_changed_before_the_commit_is_updated_not_inserted_again(any_db_app):
    with any_db_app.app_context():
        user = User.insert(**ADA, avatar="a" * 32 + ".webp")
        user_id, user.avatar = user.id, None
        writes = writes_during(db.session.commit)
        assert writes == ["UPDATE users SET"]
        db.session.expunge_all()
        assert db.session.get(User, user_id).avatar is None
        assert db.session.query(User).count() == 1


def test_inserting_a_taken_username_is_refused_by_the_database(any_db_app):
    add_user(any_db_app, username="ada", email="ada@example.com")
    with any_db_app.app_context():
        with pytest.raises(IntegrityError):
            User.insert(**{**ADA, "username": "ADA", "email": "other@example.com"})
        db.session.rollback()
        assert db.session.query(User).count() == 1


def test_an_inserted_user_unchanged_costs_the_commit_no_further_write(any_db_app):
    with any_db_app.app_context():
        User.insert(**ADA)
        assert writes_during(db.session.commit) == []
