"""WizardStorage: where a wizard in progress lives, over the server-side session store.

Each run's answers are one record of plain data under its own key
(`wizard:<name>:<wid>`) in the session store, with the store's own expiry
(`WIZARD_TTL_SECONDS`). The session itself only lists which runs this browser
owns, so two tabs saving two runs never overwrite each other, and a wid seen in
another browser is worthless. A finished run leaves a small tombstone in the
session, so a replayed confirm is recognised.
"""

import re
import secrets
import time
from typing import Any

from flask import current_app
from flask import session

WID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
OWNED_KEY = "wizards"
MAX_OWNED = 20  # a browser may keep this many runs in progress


def empty_record() -> dict[str, Any]:
    return {"steps": {}, "drafts": {}, "errors": {}, "extra": {}}


class WizardStorage:
    """Create, load, save and finish the runs of one wizard (`namespace`)."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    @property
    def store(self):
        return current_app.session_interface

    @property
    def ttl(self) -> int:
        return int(current_app.config["WIZARD_TTL_SECONDS"])

    def key(self, wid: str) -> str:
        return f"wizard:{self.namespace}:{wid}"

    def owned(self) -> dict[str, dict[str, Any]]:
        """wid -> {"created": time} or {"finished": result}, for this session."""
        return session.get(OWNED_KEY, {})

    def create(self) -> str:
        """Start a run owned by this browser's session; returns its wid.

        Nothing is written to the store until the first step is saved.
        """
        wid = secrets.token_urlsafe(16)
        owned = dict(list(self.owned().items())[-(MAX_OWNED - 1) :])
        owned[wid] = {"created": time.time()}
        session[OWNED_KEY] = owned
        return wid

    def owns(self, wid: str) -> bool:
        """True when `wid` is well-formed and was started in this session."""
        return bool(WID_PATTERN.match(wid or "")) and wid in self.owned()

    def load(self, wid: str) -> dict[str, Any] | None:
        """The run's record, or None when unknown, expired or not this browser's."""
        if not self.owns(wid):
            return None
        entry = self.owned()[wid]
        if "finished" in entry:
            return {"finished": entry["finished"]}
        record = self.store.record_get(self.key(wid))
        if isinstance(record, dict):
            return record
        if time.time() - entry.get("created", 0) < self.ttl:
            return empty_record()  # started, nothing saved yet
        return None

    def save(self, wid: str, record: dict[str, Any]) -> None:
        """Store the record and restart its time-to-live."""
        record["touched"] = time.time()
        self.store.record_set(self.key(wid), record, self.ttl)

    def finish(self, wid: str, result: dict[str, Any]) -> None:
        """Drop the answers; keep only a tombstone in the session."""
        self.store.record_delete(self.key(wid))
        session[OWNED_KEY] = {**self.owned(), wid: {"finished": result}}

    def discard(self, wid: str) -> None:
        """Forget a run entirely."""
        self.store.record_delete(self.key(wid))
        session[OWNED_KEY] = {w: entry for w, entry in self.owned().items() if w != wid}
