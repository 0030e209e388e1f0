"""The user lookups built once (models.login_lookup, models.session_token_lookup) send the SQL of
the statements they replace, built per call with the value inline; only the bound names differ."""

import pytest
from sqlalchemy import String
from sqlalchemy import bindparam
from sqlalchemy import event
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg

from extensions import db
from models import User
from models import both_logins_lookup
from models import login_lookup
from models import session_token_lookup
from tests.conftest import add_user
from tests.page_reading import parse
from tests.registration_client import VALID
from tests.registration_client import Registration

# psycopg 3, the driver config.py names: it writes casts (`::VARCHAR`) that the default psycopg2 does not.
DIALECTS = [sqlite.dialect(), psycopg.dialect()]


def sql(statement, dialect) -> str:
    return str(statement.compile(dialect=dialect))


def bound_names(dialect, ours: str, theirs: str) -> tuple[str, str]:
    """How `dialect` writes our bound name and the one SQLAlchemy gives an inline value."""
    if isinstance(dialect, postgresql.dialect):
        return f"%({ours})s", f"%({theirs})s"
    return f":{ours}", f":{theirs}"


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "postgresql"])
@pytest.mark.parametrize("by_email", [False, True], ids=["username", "email"])
def test_login_lookups_send_the_sql_built_per_call(dialect, by_email):
    column = User.email if by_email else User.username
    user_per_call = select(User).where(func.lower(column) == "key")
    id_per_call = select(User.id).where(func.lower(column) == "key").limit(1)
    prebuilt_user = sql(login_lookup(by_email, ids_only=False), dialect)
    prebuilt_id = sql(login_lookup(by_email, ids_only=True), dialect)
    ours, theirs = bound_names(dialect, "login", "lower_1")
    assert prebuilt_user.replace(ours, theirs) == sql(user_per_call, dialect)
    assert prebuilt_id.replace(ours, theirs) == sql(id_per_call, dialect)


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "postgresql"])
def test_session_token_lookup_sends_the_sql_built_per_call(dialect):
    per_call = select(User).where(User.session_token == "token")
    ours, theirs = bound_names(dialect, "token", "session_token_1")
    assert sql(session_token_lookup(), dialect).replace(ours, theirs) == sql(per_call, dialect)


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "postgresql"])
def test_the_both_logins_lookup_sends_the_sql_of_the_mapped_attributes(dialect):
    """Built of the table's columns, it is the statement of User's attributes, word for word."""
    username = func.lower(User.username) == bindparam("username", type_=String())
    email = func.lower(User.email) == bindparam("email", type_=String())
    of_attributes = select(username, email).where(or_(username, email)).limit(2)
    assert sql(both_logins_lookup(), dialect) == sql(of_attributes, dialect)


def test_availability_lookups_run_as_core_and_user_lookups_as_orm(app):
    """Only the look-ups that return a User pay for the ORM's execution and result loading."""
    add_user(app, username="Ada_L", email="ADA@example.com")
    seen = []

    def note(state):
        seen.append(state.is_orm_statement)

    with app.app_context():
        event.listen(db.session, "do_orm_execute", note)
        try:
            assert User.logins_taken("ada_l", "grace@example.com") == {
                "ada_l": True,
                "grace@example.com": False,
            }
            assert User.login_taken("ada@example.com") and not User.login_taken("grace@example.com")
            assert seen == [False, False, False]
            user = User.find_by_login("ada_l")
            assert isinstance(user, User) and User.find_by_session_token(user.session_token) is user
            assert seen[3:] == [True, True]
        finally:
            event.remove(db.session, "do_orm_execute", note)


def test_lookups_find_by_either_login_whatever_its_case(app):
    add_user(app, username="Ada_L", email="ADA@example.com")
    with app.app_context():
        assert User.login_taken("ada_l") and User.login_taken("ada@EXAMPLE.com")
        assert not User.login_taken("grace") and not User.login_taken("  ")
        user = User.find_by_login("ADA_l")
        assert user is not None and User.find_by_login("Ada@Example.com") == user
        assert User.find_by_session_token(user.session_token) == user
        assert User.find_by_session_token("not-a-token") is None


@pytest.mark.parametrize(
    ("username", "email"),
    [
        ("ada_l", "ada@example.com"),
        ("ADA_L", "someone@example.com"),
        ("grace", "Ada@EXAMPLE.com"),
        ("grace", "grace@example.com"),
        ("grace", "not-an-address"),
        ("", "ada@example.com"),
        ("ada@example.com", "grace@example.com"),
    ],
)
def test_both_logins_in_one_query_answer_as_one_query_each(app, username, email):
    add_user(app, username="Ada_L", email="ADA@example.com")
    with app.app_context():
        answers = User.logins_taken(username, email)
        assert answers[username.strip().lower()] == User.login_taken(username)
        if email.strip().lower() in answers:
            assert answers[email.strip().lower()] == User.login_taken(email)


def users_queries(app, client, answers: dict) -> tuple[list, object]:
    """The account step posted with `answers`: the (statement, parameters) of each users query, and the page."""
    with app.app_context():
        engine = db.engine
    queries = []

    def record(conn, cursor, statement, parameters, *rest):
        if "FROM users" in statement:
            queries.append((statement, parameters))

    reg = Registration(client)
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = reg.post("account", answers)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return queries, response


def test_the_account_step_looks_up_username_and_email_in_one_query(app, client):
    add_user(app, username="someone", email="Newbie@Example.com")
    queries, response = users_queries(app, client, VALID["account"])
    assert len(queries) == 1
    page = parse(response)
    assert page.find(id="email")["aria-invalid"] == "true"
    assert page.find(id="username").get("aria-invalid") != "true"


def test_an_address_too_long_to_store_is_never_looked_up(app, client):
    """The username's look-up runs before the e-mail's length check: it leaves such an address out."""
    answers = {**VALID["account"], "email": "a" * 400_000 + "@example.com"}
    queries, response = users_queries(app, client, answers)
    assert queries, "the username is still looked up"
    sent = [value for _, given in queries for value in (given.values() if isinstance(given, dict) else given)]
    assert all(len(str(value)) <= 254 for value in sent)
    page = parse(response)
    assert page.find(id="email")["aria-invalid"] == "true"
    assert page.find(id="username").get("aria-invalid") != "true"
