"""The same app on PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL).

Skipped with a reason on a machine without those servers; `.ci/run` sets the
variables and REQUIRE_SERVICES=1, so in CI they must run.
"""

import pytest
import redis
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import User
from tests.auth_actions import AuthActions
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.conftest import service_url

pytestmark = pytest.mark.services


@pytest.fixture
def redis_app(make_app):
    url = service_url("TEST_REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    return make_app(REDIS_URL=url)


def test_migrations_build_the_schema_on_postgres(pg_app):
    with pg_app.app_context():
        indexes = {ix["name"] for ix in sa.inspect(db.engine).get_indexes("users")}
    assert {"uq_users_username_lower", "uq_users_email_lower"} <= indexes


def test_postgres_refuses_a_username_differing_only_in_case(pg_app):
    add_user(pg_app, "alice", "alice@example.com")
    with pg_app.app_context():
        db.session.add(User(username="ALICE", email="other@example.com", password_hash="x"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_login_and_health_on_postgres(pg_app):
    add_user(pg_app)
    client = pg_app.test_client()
    assert AuthActions(client).login("alice@example.com", PASSWORD).status_code == 302
    assert client.get("/healthz").get_json()["database"] == "ok"


def test_sessions_live_in_redis_and_get_a_new_id_at_login(redis_app):
    add_user(redis_app)
    client = redis_app.test_client()
    store = redis_app.session_interface.client
    client.get("/profile")  # "Please sign in": a flash, something worth storing
    before = client.get_cookie(redis_app.config["SESSION_COOKIE_NAME"]).value
    assert store.exists("session:" + before)
    # Never signed in: kept as long as a registration; signed in: the full lifetime.
    assert 0 < store.ttl("session:" + before) <= redis_app.config["WIZARD_TTL_SECONDS"]
    AuthActions(client).login()
    after = client.get_cookie(redis_app.config["SESSION_COOKIE_NAME"]).value
    assert after != before
    assert not store.exists("session:" + before)
    assert store.exists("session:" + after)
    assert store.ttl("session:" + after) > redis_app.config["WIZARD_TTL_SECONDS"]
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok", "session_store": "ok"}


def test_rate_limit_counters_live_in_redis(make_app):
    url = service_url("TEST_REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    app = make_app(REDIS_URL=url, RATELIMIT_ENABLED=True)
    assert app.config["RATELIMIT_STORAGE_URI"] == url
    client = app.test_client()
    AuthActions(client).login("nobody", "x")
    assert any(b"LIMITS" in key.upper() for key in redis.Redis.from_url(url).keys("*"))
