"""WizardStorage: loads, saves and finishes the runs of one wizard, over a record backend.

Each run is one record of plain data under its own key (`wizard:<name>:<wid>`)
beside the sessions (`wizard/backends.py`), with the store's own expiry
(`WIZARD_TTL_SECONDS`). Starting or saving a run never writes the session
itself, so requests from two tabs, however they interleave, cannot undo each
other's work: a run's `wid` carries its start time and a signature binding it to
the session id that started it, so a wid seen in another browser is worthless.

A finished run leaves a tombstone record, so a replayed or racing confirm is
recognised. Signing in gives the session a new id; the runs it finished are
listed in the session, so the browser still recognises them afterwards.
"""

import functools
import hashlib
import hmac
import re
import secrets
import time
from base64 import urlsafe_b64encode
from typing import Any

import msgspec
from flask import current_app
from flask import session
from werkzeug.exceptions import RequestEntityTooLarge

from input_limits import MAX_RECORD_BYTES
from sessions import EARLIER_SIDS_KEY
from sessions import SIGNED_OUT_KEY
from wizard.backends import RecordBackend
from wizard.backends import records_for
from wizard.run import Run

RANDOM_CHARS = 12  # secrets.token_urlsafe(9)
STAMP_CHARS = 8  # the start time, seconds in hexadecimal
SIGNATURE_CHARS = 16
WID_PATTERN = re.compile(
    rf"[A-Za-z0-9_-]{{{RANDOM_CHARS}}}[0-9a-f]{{{STAMP_CHARS}}}[A-Za-z0-9_-]{{{SIGNATURE_CHARS}}}"
)
FINISHED_KEY = "wizards_finished"
MAX_FINISHED = 20  # finished runs a browser remembers
RUN_FIELDS = ("answers", "drafts", "errors", "extra", "result")  # a Run's fields but its wid


def run_from_record(wid: str, record: dict[str, Any]) -> Run:
    """A Run from its stored record (unknown keys ignored, missing ones empty)."""
    return Run(wid, **{name: record[name] for name in RUN_FIELDS if name in record})


def record_of(run: Run) -> dict[str, Any]:
    """The plain data stored for a run, stamped with the time of this change."""
    return {**{name: getattr(run, name) for name in RUN_FIELDS}, "touched": time.time()}


@functools.lru_cache(maxsize=1024)
def run_signature(secret_key: str, namespace: str, sid: str, head: str) -> str:
    """HMAC-SHA256 of the wizard, session id and wid head under the app's key (its first characters).

    Every request of a run checks its wid against the session's id (and the ids it had before
    signing in): the same few signatures from request to request, kept for the most recent
    (an HMAC is 2 us); keyed by the secret too, so an app with another key never gets these.
    """
    message = f"{namespace}:{sid}:{head}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return urlsafe_b64encode(digest).decode()[:SIGNATURE_CHARS]


class WizardStorage:
    """Create, load, save and finish the runs of one wizard (`namespace`)."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    @property
    def records(self) -> RecordBackend:
        return records_for(current_app)

    @property
    def ttl(self) -> int:
        return int(current_app.config["WIZARD_TTL_SECONDS"])

    def key(self, wid: str) -> str:
        return f"wizard:{self.namespace}:{wid}"

    def signature(self, head: str, sid: str | None = None) -> str:
        """The signature that binds a wid's first part to this wizard and this session (or `sid`)."""
        return run_signature(
            current_app._get_current_object().secret_key, self.namespace, sid or session.sid, head
        )

    def create(self) -> str:
        """Start a run owned by this browser's session; returns its wid.

        Nothing is written, to the store or the session, until the first step is saved.
        """
        head = secrets.token_urlsafe(9) + f"{int(time.time()):08x}"
        return head + self.signature(head)

    def finished_here(self) -> dict[str, dict[str, Any]]:
        """wid -> result of the runs this browser finished."""
        return session.get(FINISHED_KEY, {})

    def owns(self, wid: str) -> bool:
        """True when `wid` is well-formed and was started (or finished) in this session."""
        if not WID_PATTERN.fullmatch(wid or ""):
            return False
        head, signature = wid[:-SIGNATURE_CHARS], wid[-SIGNATURE_CHARS:]
        sids = [session.sid, *session.get(EARLIER_SIDS_KEY, [])]  # the ids this browser had before signing in
        return any(hmac.compare_digest(signature, self.signature(head, sid)) for sid in sids) or (
            wid in self.finished_here()
        )

    def why_missing(self, wid: str) -> str:
        """Why `wid` loads nothing here: "expired", "signed_out" (the browser signed out since), "unknown"."""
        if self.owns(wid):  # well-formed, and this browser's
            return "expired"
        signed_out_at = session.get(SIGNED_OUT_KEY)
        if signed_out_at and WID_PATTERN.fullmatch(wid or "") and self.started_at(wid) <= signed_out_at:
            return "signed_out"
        return "unknown"

    def rebind(self, run: Run) -> Run:
        """The same run under a new wid of this session (after it changed hands); the old key is dropped."""
        moved = Run(self.create(), **{name: getattr(run, name) for name in RUN_FIELDS})
        self.save(moved)
        self.records.delete(self.key(run.wid))
        return moved

    def started_at(self, wid: str) -> int:
        return int(wid[RANDOM_CHARS : RANDOM_CHARS + STAMP_CHARS], 16)

    def load(self, wid: str) -> Run | None:
        """The run, or None when unknown, expired or not this browser's."""
        if not self.owns(wid):
            return None
        record = self.records.get(self.key(wid))
        if isinstance(record, dict):  # the answers, or a finished run's tombstone
            return run_from_record(wid, record)
        if wid in self.finished_here():
            return Run(wid, result=self.finished_here()[wid])
        if time.time() - self.started_at(wid) < self.ttl:
            return Run(wid)  # started, nothing saved yet
        return None

    def save(self, run: Run) -> None:
        """Store the run and restart its time-to-live; 413 for a record over MAX_RECORD_BYTES."""
        encoded = msgspec.msgpack.encode(record_of(run))
        if len(encoded) > MAX_RECORD_BYTES:
            raise RequestEntityTooLarge("This registration holds more than can be kept.")
        # Encoded once: a backend encoding a Raw writes its bytes as they are.
        self.records.set(self.key(run.wid), msgspec.Raw(encoded), self.ttl)

    def finish(self, run: Run, result: dict[str, Any]) -> None:
        """Replace the answers with a tombstone, and remember the run in this session."""
        run.result = result
        self.records.set(self.key(run.wid), {"result": result}, self.ttl)
        finished = dict(list(self.finished_here().items())[-(MAX_FINISHED - 1) :])
        finished[run.wid] = result
        session[FINISHED_KEY] = finished
