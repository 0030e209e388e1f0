"""`User.insert`: one INSERT with the model's defaults, and a user object as good as one read back."""

import pytest
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import User
from tests.conftest import add_user

ADA = {"username": "ada", "email": "ada@example.com", "password_hash": "not-a-real-hash"}


def statements_during(action) -> list[str]:
    """Every statement sent while `action` runs."""
    sent = []

    def note(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return sent


def writes_during(action) -> list[str]:
    """The first three words of every INSERT, UPDATE or DELETE sent while `action` runs."""
    words = [statement.split() for statement in statements_during(action)]
    return [" ".join(line[:3]) for line in words if line[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


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


def test_an_inserted_user_is_as_good_as_one_read_back(any_db_app):
    """Pins the SQLAlchemy details `models.as_loaded` leans on: a class manager's new instance,
    column values in `__dict__`, an identity key, and nothing noted as changed."""
    with any_db_app.app_context():
        user = User.insert(**ADA, first_name="Ada", interests=["forms"], avatar=None)  # every column sent
        state = inspect(user)
        assert state.persistent and state.key == (User, (user.id,), None)
        assert not state.modified and not state.committed_state
        assert db.session.get(User, user.id) is user  # found in the identity map, not loaded again
        columns = [column.key for column in User.__table__.columns]
        read = {}
        assert statements_during(lambda: read.update({key: getattr(user, key) for key in columns})) == []
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.get(User, read["id"])
        assert {key: getattr(stored, key) for key in columns if key not in {"created_at", "updated_at"}} == {
            key: value for key, value in read.items() if key not in {"created_at", "updated_at"}
        }
        assert stored.first_name == "Ada" and stored.interests == ["forms"]


def test_an_inserted_users_relationships_and_composites_load_as_usual(any_db_app):
    with any_db_app.app_context():
        user = User.insert(**ADA, street="1 Loom St", city="London", country="GB")
        assert (user.address.street, user.address.city, user.address.country) == ("1 Loom St", "London", "GB")
        assert list(user.documents) == [] and list(user.recipes) == []
        db.session.commit()
