"""The embedded file session store: no eviction of live sessions, expired ones swept."""

import hashlib
import hmac
import io
import struct
import time

import pytest
import redis
from flask import Response

import sessions
from app import create_app
from tests.conftest import count_calls
from tests.conftest import overrides_for


def test_file_store_keeps_far_more_sessions_than_cachelibs_default(app):
    store = app.session_interface
    for i in range(600):  # CacheLib's default threshold is 500
        store.cache.set(f"session:load-{i}", {"n": i}, timeout=3600)
    assert store.count() == 600
    assert store.cache.get("session:load-0") == {"n": 0}


def test_session_files_hold_plain_msgpack_data(app, client, auth, user):
    auth.login()
    sid = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert set(app.session_interface.cache.get("session:" + sid)) >= {"csrf_token"}
    with pytest.raises(TypeError):
        app.session_interface.cache.serializer.dump(object(), io.BytesIO())


def test_an_unchanged_session_is_neither_looked_through_nor_written_again(app, logged_in_client, monkeypatch):
    logged_in_client.get("/terms")
    looked_through = count_calls(monkeypatch, sessions, "worth_storing")
    written = count_calls(monkeypatch, app.session_interface.cache, "set")
    response = logged_in_client.get("/terms")
    assert (looked_through, written) == ([], [])
    assert "Cookie" in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers


def test_refreshing_on_each_request_writes_an_unchanged_session_again(app, logged_in_client, monkeypatch):
    app.config["SESSION_REFRESH_EACH_REQUEST"] = True
    written = count_calls(monkeypatch, app.session_interface.cache, "set")
    logged_in_client.get("/terms")
    assert len(written) == 1


def test_the_derived_csrf_value_is_the_hmac_of_the_id_under_each_apps_key(app, make_app):
    other = make_app(SECRET_KEY="another-" + "k" * 40)
    sid = "A" * 43
    expected = hmac.new(app.secret_key.encode(), b"csrf:" + sid.encode(), hashlib.sha256).hexdigest()
    assert sessions.derived_csrf(app, sid) == sessions.derived_csrf(app, sid) == expected
    assert sessions.derived_csrf(other, sid) != expected


@pytest.mark.parametrize("name", ["Vary", "vary", "VARY"])
@pytest.mark.parametrize("vary", [None, "Cookie", "Accept-Encoding", "accept-encoding, cookie"])
def test_vary_on_cookie_gives_the_header_werkzeug_gives(vary, name):
    ours, werkzeugs = (Response("x", headers={name: vary} if vary else None) for _ in range(2))
    sessions.vary_on_cookie(ours)
    werkzeugs.vary.add("Cookie")
    assert ours.headers.getlist("Vary") == werkzeugs.headers.getlist("Vary")
    assert list(ours.headers) == list(werkzeugs.headers)


def stored_expiry(app, client) -> float:
    """When the file store will drop this client's session (CacheLib writes it first)."""
    sid = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    with open(app.session_interface.cache._get_filename("session:" + sid), "rb") as stored:
        return struct.unpack("I", stored.read(4))[0]


def test_a_visitor_who_never_signs_in_is_kept_only_as_long_as_a_registration(app, client, auth, user):
    client.get("/profile")  # "Please sign in": a flash, something worth storing
    assert abs(stored_expiry(app, client) - (time.time() + app.config["WIZARD_TTL_SECONDS"])) < 60
    auth.login()
    lifetime = app.permanent_session_lifetime.total_seconds()
    assert lifetime >= 14 * 86400
    assert abs(stored_expiry(app, client) - (time.time() + lifetime)) < 60


def test_expired_sessions_are_swept(make_app, runner, clock):
    app = make_app(PERMANENT_SESSION_LIFETIME=1)
    store = app.session_interface
    store.cache.set("session:old", {"a": 1}, timeout=1)
    store.cache.set("session:live", {"a": 2}, timeout=3600)
    clock.advance(seconds=2.1)
    result = app.test_cli_runner().invoke(args=["sessions", "sweep"])
    assert result.exit_code == 0, result.output
    assert "2 before, 1 after" in result.output
    assert store.cache.get("session:live") == {"a": 2}


def test_housekeeping_sweeps_in_the_background(make_app, clock):
    app = make_app(HOUSEKEEPING=True, SESSION_SWEEP_INTERVAL=0)
    store = app.session_interface
    store.cache.set("session:old", {"a": 1}, timeout=1)
    clock.advance(seconds=2.1)
    app.test_client().get("/")
    for _ in range(50):
        if store.count() == 0:
            break
        time.sleep(0.05)
    assert store.count() == 0


def test_unreachable_redis_gives_503_page_and_unhealthy_check(tmp_path):
    app = create_app(overrides_for(tmp_path, REDIS_URL="redis://127.0.0.1:1/0"))
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "s" * 43)  # the shape of a real session id
    response = client.get("/login")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["session_store"] == "unreachable"
    with pytest.raises(redis.ConnectionError):
        app.session_interface.ping()


def test_only_a_whole_id_is_a_well_formed_session_id():
    sid = "A" * 43
    assert sessions.SID_PATTERN.fullmatch(sid)
    assert not any(
        sessions.SID_PATTERN.fullmatch(odd) for odd in (sid + "\n", sid + "A", sid[:-1], " " + sid)
    )
