"""Database models."""

import secrets
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from functools import cache
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON
from sqlalchemy import DateTime
from sqlalchemy import Index
from sqlalchemy import Insert
from sqlalchemy import Row
from sqlalchemy import Select
from sqlalchemy import String
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import inspect
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import class_mapper
from sqlalchemy.orm import composite
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm import mapped_column
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from extensions import db


def utcnow() -> datetime:
    """Timezone-aware now, for timestamp defaults."""
    return datetime.now(UTC)


def new_session_token() -> str:
    """A fresh random value for `User.session_token`."""
    return secrets.token_urlsafe(32)


def hash_password(password: str) -> str:
    """Hash with the configured `PASSWORD_HASH_METHOD`."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@dataclass
class Address:
    """A user's postal address: `User.address`, the object the address sub-form edits."""

    street: str
    city: str
    region: str
    postal_code: str
    country: str


# A valid hash of a random password: checked against when no user matches, so a
# failed login by unknown name costs the same time as one by wrong password.
_TIMING_DUMMY: dict[str, str] = {}


class User(UserMixin, db.Model):
    """A registered person. Username and e-mail are unique, case-insensitively."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(25))
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    # What sessions and remember cookies carry instead of the id (Flask-Login's
    # alternative token): rotating it signs this user out everywhere.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    first_name: Mapped[str] = mapped_column(String(80), default="")
    last_name: Mapped[str] = mapped_column(String(80), default="")
    street: Mapped[str] = mapped_column(String(120), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    address: Mapped[Address] = composite(Address, street, city, region, postal_code, country)
    plan: Mapped[str] = mapped_column(String(20), default="free")
    newsletter: Mapped[bool] = mapped_column(default=False)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    bio: Mapped[str] = mapped_column(String(1000), default="")
    # Storage name (a UUID) of the current avatar; never user text.
    avatar: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: the session token."""
        if not self.session_token:
            self.session_token = new_session_token()
        return self.session_token

    def rotate_session_token(self) -> None:
        """End every session and remember cookie of this user at its next request (caller commits)."""
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        """Store a hash of `password`, never the password."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @classmethod
    def insert(cls, **values: object) -> "User":
        """Add a user with one INSERT, and return them in the session as if just loaded (the caller commits).

        What `session.add` and `flush` would do, in about half the time: a Core INSERT (the
        same statement each time, `user_insert`) skips the unit of work, 0.2 to 0.25 ms of a
        registration's confirm on SQLite (`bench/side_by_side.py`). The INSERT applies the
        column defaults (session token, timestamps); the values it sent
        (`last_inserted_params`) and the new id make the object, which joins the session
        unchanged, as a row just read would: a later change to it is an UPDATE at the next
        flush, and a column the INSERT did not send is loaded when first read. A taken
        username or e-mail raises IntegrityError here, before any object exists. A rollback
        after it leaves the object in the session as if its row existed (reading it then
        raises ObjectDeletedError): the caller rolls back only to give up on it.
        """
        result = db.session.connection().execute(user_insert(), values)  # Core: straight to the connection
        user = as_loaded(cls, {"id": result.inserted_primary_key[0], **result.last_inserted_params()})
        db.session.add(user)
        return user

    @classmethod
    def find_by_login(cls, login: str) -> "User | None":
        """The user whose username or e-mail is `login`, ignoring case."""
        key = login_key(login)
        if not key:
            return None
        return db.session.scalar(login_lookup("@" in key, ids_only=False), {"login": key})

    @classmethod
    def login_taken(cls, login: str) -> bool:
        """Whether a username or e-mail is in use, ignoring case (a cheap id-only query)."""
        key = login_key(login)
        return (
            key != ""
            and db.session.scalar(login_lookup("@" in key, ids_only=True), {"login": key}) is not None
        )

    @classmethod
    def logins_taken(cls, username: str, email: str) -> dict[str, bool]:
        """`login_taken` for a username and an e-mail address in one query: {lowercased login: taken}.

        A sign-up form asks about both at once. Only a username without "@" and an
        address with one can share the query; otherwise the username is looked up alone.
        """
        username_key, email_key = login_key(username), login_key(email)
        if not username_key or "@" in username_key or "@" not in email_key:
            return {username_key: cls.login_taken(username)}
        rows = db.session.execute(both_logins_lookup(), {"username": username_key, "email": email_key}).all()
        return {username_key: any(row[0] for row in rows), email_key: any(row[1] for row in rows)}

    @classmethod
    def find_by_session_token(cls, token: str) -> "User | None":
        """The user whose sessions and remember cookies carry `token` (auth.loader), loaded as the ORM would.

        It is nearly always a request's first query, in a Session that holds nothing: then its
        row is read by a Core SELECT on the Session's connection (same SQL, same transaction)
        and becomes the object as if the ORM had loaded it (`loaded_user`), without the ORM's
        per-query result set-up. A Session that already holds objects, or pending ones, takes
        the ORM's select, which flushes first and returns the object the Session already has.
        """
        session = db.session()
        if len(session.identity_map) or session.new:
            return session.scalar(session_token_lookup(), {"token": token})
        row = session.connection().execute(session_token_row(), {"token": token}).first()
        return None if row is None else loaded_user(session, row)

    @classmethod
    def authenticate(cls, login: str, password: str) -> "User | None":
        """The user if `login` and `password` match; equal work either way."""
        user = cls.find_by_login(login)
        if user is None:
            method = current_app.config["PASSWORD_HASH_METHOD"]
            if method not in _TIMING_DUMMY:
                _TIMING_DUMMY[method] = generate_password_hash("not-a-password", method=method)
            check_password_hash(_TIMING_DUMMY[method], password)
            return None
        return user if user.check_password(password) else None

    def __repr__(self) -> str:
        return f"<User {self.username}>"


def as_loaded(cls: type, row: dict[str, object]) -> Any:
    """An object of the mapped class `cls` holding `row` (column values) as if just read: detached, unchanged.

    What `cls(**row)` then `make_transient_to_detached` did, in a quarter of the time (21 ->
    5.6 us): the constructor sets each attribute through its instrumentation, which notes
    a change that the second call then throws away. The row goes into the new object's
    `__dict__` as SQLAlchemy's own loader puts a row there. Two SQLAlchemy details are
    leaned on, and pinned by tests/test_user_insert.py: an instance made by the class
    manager without `__init__`, and column values kept in the instance's `__dict__`.
    """
    instance = class_mapper(cls).class_manager.new_instance()
    instance.__dict__.update(row)
    make_transient_to_detached(instance)  # its identity key; unsent columns load when read
    return instance


def login_key(login: str) -> str:
    """A username or e-mail address as the look-ups compare it: trimmed, lowercased."""
    return login.strip().lower()


# The lookups of every signed-in request and every account step are built once, with the value
# as a bound parameter: SQLAlchemy then reuses the statement's cache key and compiled SQL, where a
# statement built per call is coerced and hashed again (about 40 to 55 µs of a 60 to 90 µs query).
# The SQL sent is the same.
#
# The lookups that return no User (`ids_only`, `both_logins_lookup`) name the table's columns, not
# the mapped attributes: a statement of mapped attributes carries the ORM's compile plugin, and the
# Session runs it through the ORM's execution and result loading even when it selects only values.
# A Core statement is the same SQL, executed as Core in the same Session and transaction: 145 ->
# 109 us of CPU for the availability look-up of a sign-up's account step (app context included).
@cache
def login_lookup(by_email: bool, ids_only: bool) -> Select:
    """The user (or, for `ids_only`, one id: a Core statement) whose lowercased e-mail or username is `:login`."""
    if not ids_only:
        column = User.email if by_email else User.username
        return select(User).where(func.lower(column) == bindparam("login", type_=String()))
    columns = User.__table__.c
    column = columns.email if by_email else columns.username
    return select(columns.id).where(func.lower(column) == bindparam("login", type_=String())).limit(1)


@cache
def both_logins_lookup() -> Select:
    """Whether each user holding lowercased `:username` or `:email` holds the one, the other (or both): Core."""
    columns = User.__table__.c
    username = func.lower(columns.username) == bindparam("username", type_=String())
    email = func.lower(columns.email) == bindparam("email", type_=String())
    return select(username, email).where(or_(username, email)).limit(2)


@cache
def user_insert() -> Insert:
    """A new row of the users table (`User.insert`): Core, so its compiled SQL is reused."""
    return insert(User.__table__)


@cache
def session_token_lookup() -> Select:
    """The user whose session token is `:token`."""
    return select(User).where(User.session_token == bindparam("token"))


@cache
def session_token_row() -> Select:
    """The row of the user whose session token is `:token`: Core, every column, in the table's order."""
    columns = User.__table__.c
    return select(*columns).where(columns.session_token == bindparam("token"))


@cache
def user_attribute_names() -> tuple[str, ...]:
    """User's attribute for each column of the users table, in the table's order."""
    mapper = inspect(User)
    return tuple(mapper.get_property_by_column(column).key for column in User.__table__.c)


def loaded_user(session: Session, row: Row) -> User:
    """The User of a full users row, in `session` exactly as if the ORM had loaded it.

    `as_loaded` makes the object (a fresh instance through the class manager, which
    configures the mappers first as `User()` would: a new process's first ORM use may be
    this load; the values as committed ones, no change history; the identity key), then it
    joins the Session, so it is in the identity map and a later change is an UPDATE at the
    next flush. No load event is sent: the one listener, the `address` composite's, would
    build the Address now; it is built from the same columns on first read instead. About
    45 of a walk's 310 to 330 us user load (tests/test_signed_in_user_load.py pins the
    internals).
    """
    user = as_loaded(User, dict(zip(user_attribute_names(), row, strict=True)))
    session.add(user)
    return user


# Uniqueness ignoring case is enforced by the database itself, so a race between
# two registrations ends in an IntegrityError, never in two accounts.
Index("uq_users_username_lower", func.lower(User.username), unique=True)
Index("uq_users_email_lower", func.lower(User.email), unique=True)
