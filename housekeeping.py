"""Background chores (sweeping expired sessions, stale uploads) run from time to time.

There is no scheduler to deploy: each worker process runs a due chore in a daemon
thread after a request arrives, at most once per interval, never two at once. The
same chores are CLI commands for a cron job.
"""

import threading
import time
from collections.abc import Callable

from flask import Flask


class Chore:
    """One periodic job and when it last started."""

    def __init__(self, name: str, interval: float, job: Callable[[], object]) -> None:
        self.name = name
        self.interval = interval
        self.job = job
        self.last_started = time.monotonic()
        self.lock = threading.Lock()

    def due(self, now: float) -> bool:
        return now - self.last_started >= self.interval and not self.lock.locked()


class Housekeeper:
    """Holds an app's chores and starts the due ones after requests.

    `next_due` is the soonest time any chore can be due: before it, a request's only
    cost is reading the clock, not asking every chore (run_soon brings it forward).
    Working it out and bringing it forward hold `schedule`, so a request's thread that
    read the chores before a `run_soon` cannot put back a later time over it.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.chores: list[Chore] = []
        self.next_due = float("inf")
        self.schedule = threading.Lock()
        app.extensions["housekeeper"] = self
        if app.config.get("HOUSEKEEPING", True):
            app.after_request(self._after_request)

    def add(self, name: str, interval: float, job: Callable[[], object]) -> None:
        """Run `job` (inside an app context) every `interval` seconds, roughly."""
        chore = Chore(name, interval, job)
        self.chores.append(chore)
        self.next_due = min(self.next_due, chore.last_started + interval)

    def run_soon(self, name: str) -> None:
        """Make chore `name` due now: it starts after the current request, in the background."""
        with self.schedule:
            for chore in self.chores:
                if chore.name == name:
                    chore.last_started = float("-inf")
                    self.next_due = float("-inf")

    def _after_request(self, response):
        now = time.monotonic()
        if now < self.next_due:
            return response
        with self.schedule:
            for chore in self.chores:
                if chore.due(now):
                    chore.last_started = now
                    threading.Thread(target=self._run, args=(chore,), daemon=True).start()
            # A chore still running from its last turn stays due, so the next request asks again.
            self.next_due = min(chore.last_started + chore.interval for chore in self.chores)
        return response

    def _run(self, chore: Chore) -> None:
        if not chore.lock.acquire(blocking=False):
            return
        try:
            with self.app.app_context():
                chore.job()
        except Exception:
            self.app.logger.exception("Housekeeping chore %s failed", chore.name)
        finally:
            chore.lock.release()
