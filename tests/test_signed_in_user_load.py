"""`User.find_by_session_token`: a Core read made into the object the ORM would have loaded."""

import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import select

from extensions import db
from models import User
from models import session_token_lookup
from models import session_token_row
from models import user_attribute_names
from tests.conftest import add_user
from tests.test_user_lookups import DIALECTS
from tests.test_user_lookups import sql


@contextmanager
def listening(target, identifier: str, listener):
    """`listener` on `target`'s event `identifier` while the block runs."""
    event.listen(target, identifier, listener)
    try:
        yield
    finally:
        event.remove(target, identifier, listener)


def statements_during(action) -> list[str]:
    """The first two words of every statement sent while `action` runs."""
    sent = []
    with listening(
        db.engine, "before_cursor_execute", lambda *args: sent.append(" ".join(args[2].split()[:2]))
    ):
        action()
    return sent


def orm_executions_during(action) -> list[bool]:
    """`is_orm_statement` of every statement the Session executes while `action` runs."""
    seen = []
    with listening(db.session, "do_orm_execute", lambda state: seen.append(state.is_orm_statement)):
        action()
    return seen


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "postgresql"])
def test_the_core_row_select_is_the_orm_lookups_sql(dialect):
    assert sql(session_token_row(), dialect) == sql(session_token_lookup(), dialect)


def token_of(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get(User, user_id).session_token


def test_the_first_load_is_one_core_select_and_gives_the_user_the_orm_would(any_db_app):
    user_id = add_user(any_db_app, bio="Hello", interests=["baking"], city="Lyon")
    token = token_of(any_db_app, user_id)
    with any_db_app.app_context():
        found = []
        sent = statements_during(
            lambda: orm_executions_during(lambda: found.append(User.find_by_session_token(token)))
        )
        user = found[0]
        assert sent == ["SELECT users.id,"]
        state = inspect(user)
        assert state.persistent and state.key == inspect(User).identity_key_from_primary_key((user_id,))
        assert user in db.session and not db.session.dirty and not db.session.new
        assert not state.expired_attributes and not any(
            state.attrs[name].history.has_changes() for name in user_attribute_names()
        )
        mine = {name: getattr(user, name) for name in user_attribute_names()}
        mine["address"] = user.address
        assert statements_during(lambda: user.address) == []
        db.session.expunge_all()
        theirs = db.session.scalar(select(User).where(User.session_token == token))
        assert mine == {
            **{name: getattr(theirs, name) for name in user_attribute_names()},
            "address": theirs.address,
        }


def test_the_first_load_runs_no_orm_execution(app):
    token = token_of(app, add_user(app))
    with app.app_context():
        assert orm_executions_during(lambda: User.find_by_session_token(token)) == []


def test_a_loaded_user_changed_is_one_update_and_a_later_load_is_the_same_object(any_db_app):
    user_id = add_user(any_db_app)
    token = token_of(any_db_app, user_id)
    with any_db_app.app_context():
        user = User.find_by_session_token(token)
        assert User.find_by_session_token(token) is user  # the second goes through the identity map
        user.bio = "Changed"
        user.address = user.address.__class__("1 Rue", "Lyon", "", "69001", "FR")
        assert [words for words in statements_during(db.session.commit) if words != "COMMIT"] == [
            "UPDATE users"
        ]
        db.session.expunge_all()
        stored = db.session.get(User, user_id)
        assert (stored.bio, stored.city, stored.country) == ("Changed", "Lyon", "FR")


def test_a_session_holding_objects_takes_the_orm_select_and_gets_its_own_object(app):
    token = token_of(app, add_user(app))
    with app.app_context():
        held = db.session.get(User, 1)
        assert orm_executions_during(lambda: User.find_by_session_token(token)) == [True]
        assert User.find_by_session_token(token) is held


def test_a_pending_user_is_flushed_before_the_look_up_as_the_orm_does(app):
    with app.app_context():
        pending = User(username="grace", email="grace@example.com", password_hash="x", session_token="t" * 43)
        db.session.add(pending)
        assert User.find_by_session_token("t" * 43) is pending


def test_an_unknown_token_finds_nobody_and_adds_nothing(app):
    add_user(app)
    with app.app_context():
        assert User.find_by_session_token("not-a-token") is None
        assert len(db.session.identity_map) == 0


def test_every_column_has_its_attribute_and_the_orm_internals_used_are_there():
    """Pin-check: `loaded_user` leans on the mapper's class manager and `InstanceState.dict`."""
    assert len(user_attribute_names()) == len(User.__table__.c)
    assert set(user_attribute_names()) <= set(inspect(User).column_attrs.keys())
    made = User.__mapper__.class_manager.new_instance()
    assert inspect(made).dict is made.__dict__ and inspect(made).transient


FIRST_ORM_USE = """
import sys
from sqlalchemy import insert
from sqlalchemy import inspect
from app import create_app
from extensions import db
from models import User
from tests.conftest import overrides_for
app = create_app(overrides_for(__import__("pathlib").Path(sys.argv[1])))
with app.app_context():
    db.create_all()
    db.session.execute(insert(User.__table__), {"username": "ada", "email": "a@example.com",
                       "password_hash": "x", "session_token": "t" * 43, "city": "Lyon"})
    db.session.commit()
with app.app_context():
    assert not inspect(User).configured
    user = User.find_by_session_token("t" * 43)
    user.bio = "Changed"
    db.session.commit()
    print(user.username, user.address.city, len(user.documents), inspect(user).persistent)
"""


def test_a_new_process_whose_first_orm_use_is_the_signed_in_load_configures_the_mappers(tmp_path):
    """A worker's first request can be a signed-in page: the load must not find User half set up."""
    ran = subprocess.run(
        [sys.executable, "-c", FIRST_ORM_USE, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.split() == ["ada", "Lyon", "0", "True"]
