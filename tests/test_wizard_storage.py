"""WizardStorage: runs live in the session store, owned by one session, with a TTL."""

import msgspec
import pytest
from flask import session

from sessions import worth_storing
from tests.conftest import service_url
from wizard.backends import records_for
from wizard.run import Run
from wizard.storage import WID_PATTERN
from wizard.storage import WizardStorage


@pytest.fixture
def storage(app):
    with app.test_request_context():
        yield WizardStorage("demo")


def test_a_created_run_loads_back_and_is_owned(storage):
    wid = storage.create()
    assert storage.owns(wid)
    assert storage.load(wid) == Run(wid)


def test_nothing_is_stored_until_a_step_is_saved_not_even_in_the_session(app, storage):
    """So two tabs starting or saving runs at once can never overwrite each other's session."""
    wid = storage.create()
    assert records_for(app).get(f"wizard:demo:{wid}") is None
    assert not session.modified and not worth_storing(app, session)
    run = storage.load(wid)
    run.answers["a"] = {"x": ["1"]}
    storage.save(run)
    assert not session.modified


def test_a_wid_is_bound_to_the_session_that_started_it(storage):
    wid = storage.create()
    session.sid = "another-browser"
    assert not storage.owns(wid) and storage.load(wid) is None


def test_a_wid_is_bound_to_its_wizard(app, storage):
    wid = storage.create()
    assert not WizardStorage("other").owns(wid)


def test_a_wid_is_bound_to_the_apps_secret_key(app, storage):
    """The signatures kept (wizard.storage.run_signature) are keyed by the secret too."""
    wid = storage.create()
    assert storage.owns(wid)
    app.secret_key = "another-" + "k" * 40
    assert not storage.owns(wid)


@pytest.mark.parametrize("position", [0, 14, 30])
def test_a_tampered_wid_is_refused(storage, position):
    wid = storage.create()
    flipped = wid[:position] + ("a" if wid[position] != "a" else "b") + wid[position + 1 :]
    assert not storage.owns(flipped) and storage.load(flipped) is None


def test_a_wid_with_a_line_break_after_it_is_refused(storage):
    wid = storage.create()
    assert storage.owns(wid)
    assert WID_PATTERN.fullmatch(wid + "\n") is None and storage.load(wid + "\n") is None


def test_records_live_beside_the_session_not_in_it(app, storage):
    wid = storage.create()
    run = storage.load(wid)
    run.answers["a"] = {"x": ["1"]}
    storage.save(run)
    assert "answers" not in dict(session)
    assert records_for(app).get(f"wizard:demo:{wid}")["answers"] == {"a": {"x": ["1"]}}
    assert storage.load(wid) == run


@pytest.mark.parametrize("wid", ["", "short", "../../etc/passwd", "a" * 65, "x" * 22])
def test_unknown_or_malformed_wids_load_nothing(storage, wid):
    storage.create()
    assert storage.load(wid) is None


def test_finish_leaves_only_a_tombstone(app, storage):
    wid = storage.create()
    run = storage.load(wid)
    run.extra["password_hash"] = "hash"
    storage.save(run)
    storage.finish(run, {"user_id": 7})
    assert storage.load(wid) == Run(wid, result={"user_id": 7})
    assert records_for(app).get(f"wizard:demo:{wid}") == {"result": {"user_id": 7}}


def test_a_finished_run_is_recognised_after_sign_in_gives_the_session_a_new_id(storage):
    wid = storage.create()
    storage.finish(Run(wid), {"user_id": 7})
    session.sid = "regenerated-at-sign-in"
    assert storage.load(wid) == Run(wid, result={"user_id": 7})


def test_a_racing_request_from_the_old_session_sees_the_tombstone(app, storage):
    """The finished list went to the new session; the old one still finds the tombstone record."""
    wid = storage.create()
    storage.finish(Run(wid), {"user_id": 7})
    session.pop("wizards_finished")
    assert storage.load(wid) == Run(wid, result={"user_id": 7})


def test_a_browser_remembers_a_bounded_number_of_finished_runs(storage):
    wids = [storage.create() for _ in range(25)]
    for wid in wids:
        storage.finish(Run(wid), {"user_id": 1})
    assert list(session["wizards_finished"]) == wids[-20:]


def test_records_expire_after_the_ttl(make_app, clock):
    app = make_app(WIZARD_TTL_SECONDS=1)
    with app.test_request_context():
        storage = WizardStorage("demo")
        wid = storage.create()
        clock.advance(seconds=2.1)
        assert storage.load(wid) is None


@pytest.mark.parametrize("store", ["files", "redis"])
def test_a_saved_run_is_encoded_once_and_reads_back_as_plain_data(make_app, monkeypatch, store):
    extra = {"REDIS_URL": service_url("TEST_REDIS_URL")} if store == "redis" else {}
    app = make_app(**extra)
    encoded: list[object] = []
    real_encode = msgspec.msgpack.encode
    monkeypatch.setattr(msgspec.msgpack, "encode", lambda value: encoded.append(value) or real_encode(value))
    with app.test_request_context():
        storage = WizardStorage("demo")
        run = storage.load(storage.create())
        run.answers["a"] = {"x": ["1", "2"]}
        run.extra["hash"] = "h"
        storage.save(run)
        assert sum(isinstance(value, dict) for value in encoded) == 1  # the size check's encoding is stored
        record = records_for(app).get(storage.key(run.wid))
        assert record["answers"] == {"a": {"x": ["1", "2"]}} and record["extra"] == {"hash": "h"}
        assert storage.load(run.wid) == run
