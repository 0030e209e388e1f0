"""WizardStorage: runs live in the session store, owned by one session, with a TTL."""

import time

import pytest
from flask import session

from wizard.storage import WizardStorage


@pytest.fixture
def storage(app):
    with app.test_request_context():
        yield WizardStorage("demo")


def test_a_created_run_loads_back_and_is_owned(storage):
    wid = storage.create()
    assert storage.owns(wid)
    assert storage.load(wid)["steps"] == {}
    assert list(session["wizards"]) == [wid]


def test_nothing_is_stored_until_a_step_is_saved(app, storage):
    wid = storage.create()
    assert app.session_interface.record_get(f"wizard:demo:{wid}") is None
    assert storage.load(wid) is not None


def test_records_live_beside_the_session_not_in_it(app, storage):
    wid = storage.create()
    record = storage.load(wid)
    record["steps"]["a"] = {"x": ["1"]}
    storage.save(wid, record)
    assert "steps" not in dict(session)
    assert app.session_interface.record_get(f"wizard:demo:{wid}")["steps"] == {"a": {"x": ["1"]}}


@pytest.mark.parametrize("wid", ["", "short", "../../etc/passwd", "a" * 65, "x" * 22])
def test_unknown_or_malformed_wids_load_nothing(storage, wid):
    storage.create()
    assert storage.load(wid) is None


def test_finish_leaves_only_a_tombstone(app, storage):
    wid = storage.create()
    record = storage.load(wid)
    record["extra"]["password_hash"] = "hash"
    storage.save(wid, record)
    storage.finish(wid, {"user_id": 7})
    assert storage.load(wid) == {"finished": {"user_id": 7}}
    assert app.session_interface.record_get(f"wizard:demo:{wid}") is None


def test_discard_forgets_the_run(storage):
    wid = storage.create()
    storage.discard(wid)
    assert storage.load(wid) is None and not storage.owns(wid)


def test_a_browser_keeps_a_bounded_number_of_runs(storage):
    wids = [storage.create() for _ in range(25)]
    assert list(session["wizards"]) == wids[-20:]


def test_records_expire_after_the_ttl(make_app):
    app = make_app(WIZARD_TTL_SECONDS=1)
    with app.test_request_context():
        storage = WizardStorage("demo")
        wid = storage.create()
        time.sleep(2.1)
        assert storage.load(wid) is None
