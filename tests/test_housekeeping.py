"""housekeeping.py: chores start after a request once their interval has passed, never sooner."""

import threading

import pytest
from flask import Flask

import housekeeping
from housekeeping import Housekeeper


class Now:
    """A settable time.monotonic for the housekeeper."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.value = 1000.0
        monkeypatch.setattr(housekeeping.time, "monotonic", lambda: self.value)


@pytest.fixture
def now(monkeypatch):
    return Now(monkeypatch)


@pytest.fixture
def keeper(now):
    app = Flask(__name__)
    app.add_url_rule("/", view_func=lambda: "ok")
    return Housekeeper(app)


def chore_runs(keeper: Housekeeper, name: str, interval: float) -> list[threading.Event]:
    """Add chore `name`; each start of it appends to (and sets) an event in the returned list."""
    runs: list[threading.Event] = []

    def job():
        event = threading.Event()
        runs.append(event)
        event.set()

    keeper.add(name, interval, job)
    return runs


def request_and_wait(keeper: Housekeeper) -> None:
    keeper.app.test_client().get("/")
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(timeout=2)


def test_a_chore_waits_for_its_interval_then_runs_once_per_interval(keeper, now):
    runs = chore_runs(keeper, "sweep", 60)
    request_and_wait(keeper)
    now.value += 59
    request_and_wait(keeper)
    assert runs == []
    now.value += 1
    request_and_wait(keeper)
    request_and_wait(keeper)
    assert len(runs) == 1
    now.value += 60
    request_and_wait(keeper)
    assert len(runs) == 2


def test_each_chore_keeps_its_own_interval(keeper, now):
    often = chore_runs(keeper, "often", 10)
    seldom = chore_runs(keeper, "seldom", 100)
    for _ in range(10):
        now.value += 10
        request_and_wait(keeper)
    assert (len(often), len(seldom)) == (10, 1)


def test_run_soon_starts_a_chore_after_the_next_request(keeper, now):
    runs = chore_runs(keeper, "mail", 3600)
    keeper.run_soon("mail")
    request_and_wait(keeper)
    assert len(runs) == 1
    request_and_wait(keeper)
    assert len(runs) == 1


def test_run_soon_while_another_request_works_out_the_next_time_still_runs_the_chore(
    keeper, now, monkeypatch
):
    """gthread: a request thread reading the chores, then `run_soon` elsewhere, then that thread's write."""
    chore_runs(keeper, "sweep", 600)
    now.value += 600  # the sweep is due: this request works out the next time
    mail = chore_runs(keeper, "mail", 60)  # not due for a minute
    other = threading.Thread(target=keeper.run_soon, args=("mail",))

    def min_with_run_soon_meanwhile(values):
        values = list(values)  # the chores as this request read them
        other.start()
        other.join(0.2)  # run_soon, from another thread, before this request writes its answer
        return min(values)

    monkeypatch.setattr(housekeeping, "min", min_with_run_soon_meanwhile, raising=False)
    request_and_wait(keeper)
    other.join(2)
    monkeypatch.delattr(housekeeping, "min")
    request_and_wait(keeper)  # the next request starts the mail, as run_soon promised
    assert len(mail) == 1
