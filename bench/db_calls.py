"""What each database call of a registration costs in-app: CPU µs per call, its app context included.

The three calls a registration walk makes (`bench/wizard_walk.py`), each in an app context of
its own as a request has it (so the Session's creation, its connection checkout, autobegin and
the teardown's `remove()` are counted), on the embedded default (SQLite, WAL) in a throw-away
folder on tmpfs where there is one:

- `logins_taken`: the account step's availability look-up (`POST /register/<wid>/account`);
- `find_by_session_token`: the signed-in user's load (every signed-in request, `GET /profile`);
- `insert + commit`: the confirm's new user (`POST /register/<wid>/review`).

Prints the best and the median of `--repeats` batches of `--calls` calls, in CPU time (other
processes on a shared machine move wall time, not this).

    .venv/bin/python bench/db_calls.py [--calls 2000] [--repeats 9]
"""

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.wizard_walk import formwork_app  # noqa: E402
from database import commit_as_written  # noqa: E402
from models import User  # noqa: E402

PROFILE = {"first_name": "Ada", "last_name": "Lovelace", "street": "12 St James's Square", "city": "London"}


def per_call(call: Callable[[], object], calls: int, repeats: int) -> list[float]:
    """CPU µs per call of each of `repeats` batches, after a warm-up batch."""
    for _ in range(calls // 10):
        call()
    batches = []
    for _ in range(repeats):
        began = time.process_time()
        for _ in range(calls):
            call()
        batches.append((time.process_time() - began) / calls * 1e6)
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    tmpfs = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="formwork-db-calls-", dir=tmpfs) as workdir:
        app = formwork_app(workdir, "file")
        with app.app_context():
            user = User.insert(username="ada_l", email="ada@example.com", password_hash="x", **PROFILE)
            commit_as_written()
            token = user.session_token
        numbers = itertools.count()

        def logins_taken() -> None:
            with app.app_context():
                User.logins_taken("grace_h", "grace@example.com")

        def find_by_session_token() -> None:
            with app.app_context():
                User.find_by_session_token(token)

        def insert_and_commit() -> None:
            n = next(numbers)
            with app.app_context():
                User.insert(username=f"u{n}", email=f"u{n}@example.com", password_hash="x", **PROFILE)
                commit_as_written()

        print(f"{'call':28} {'best':>8} {'median':>8}  (CPU µs per call, app context included)")
        for name, call in (
            ("logins_taken", logins_taken),
            ("find_by_session_token", find_by_session_token),
            ("insert + commit", insert_and_commit),
        ):
            batches = per_call(call, args.calls, args.repeats)
            print(f"{name:28} {min(batches):8.1f} {statistics.median(batches):8.1f}")


if __name__ == "__main__":
    main()
