"""WizardStorage: where a wizard in progress lives, over the server-side session store.

Each run is one record of plain data under its own key (`wizard:<wid>`) in the
session store, with the store's own expiry (`WIZARD_TTL_SECONDS`). The session
itself only lists which wids this browser owns, so two tabs saving two wizards
never overwrite each other, and a wid seen in another browser is worthless.
"""

import re
import secrets
import time
from typing import Any

from flask import current_app
from flask import session

WID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
OWNED_KEY = "wizards"
MAX_OWNED = 20  # a browser may keep this many wizards in progress


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

    def create(self) -> str:
        """Start a run owned by this browser's session; returns its wid."""
        wid = secrets.token_urlsafe(16)
        now = time.time()
        self.save(wid, {"created": now, "steps": {}, "drafts": {}, "errors": {}, "extra": {}})
        owned = [w for w in session.get(OWNED_KEY, []) if w != wid][-(MAX_OWNED - 1) :]
        session[OWNED_KEY] = [*owned, wid]
        return wid

    def owns(self, wid: str) -> bool:
        """True when `wid` is well-formed and was started in this session."""
        return bool(WID_PATTERN.match(wid or "")) and wid in session.get(OWNED_KEY, [])

    def load(self, wid: str) -> dict[str, Any] | None:
        """The run's record, or None when unknown, expired or not this browser's."""
        if not self.owns(wid):
            return None
        record = self.store.record_get(self.key(wid))
        return record if isinstance(record, dict) else None

    def save(self, wid: str, record: dict[str, Any]) -> None:
        """Store the record and restart its time-to-live."""
        record["touched"] = time.time()
        self.store.record_set(self.key(wid), record, self.ttl)

    def finish(self, wid: str, result: dict[str, Any]) -> None:
        """Replace the answers with a small tombstone, so a replayed confirm is recognised."""
        self.save(wid, {"finished": result})

    def discard(self, wid: str) -> None:
        """Forget a run entirely."""
        self.store.record_delete(self.key(wid))
        session[OWNED_KEY] = [w for w in session.get(OWNED_KEY, []) if w != wid]
