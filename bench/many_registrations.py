"""Nothing lost: many registrations in progress at once, all resumable after a restart.

Starts N registrations (each its own browser, through the account step), builds a
fresh app on the same instance folder (a restart), then resumes every one of them
and checks its answers are there.

    .venv/bin/python bench/many_registrations.py [-n 5000] [--store file|redis://...]
"""

import argparse
import os
import re
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.wizard_walk import formwork_app  # noqa: E402

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def start_registration(app, i: int):
    """A browser that has passed the account step; returns (client, wid)."""
    client = app.test_client()
    step = client.get("/register").headers["Location"]
    token = CSRF.search(client.get(step).get_data(as_text=True)).group(1)
    data = {
        "csrf_token": token,
        "username": f"many{i}",
        "email": f"many{i}@example.com",
        "password": "Many!Passw0rd",
        "confirm_password": "Many!Passw0rd",
        "action": "next",
    }
    response = client.post(step, data=data)
    assert response.status_code == 302, f"registration {i} was refused"
    return client, step.split("/")[2]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--store", default="file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="formwork-many-") as work:
        app = formwork_app(work, args.store)
        began = time.perf_counter()
        browsers = [start_registration(app, i) for i in range(args.n)]
        started = time.perf_counter() - began
        stored = app.session_interface.count()

        restarted = formwork_app(work, args.store)  # a new process would see exactly this
        resumed = 0
        for i, (client, wid) in enumerate(browsers):
            client.application = restarted
            page = client.get(f"/register/{wid}/account")
            if page.status_code == 200 and f'value="many{i}"' in page.get_data(as_text=True):
                resumed += 1
        print(f"registrations in progress: {args.n} (sessions: {args.store}; {stored} entries in the store)")
        print(f"started in {started:.1f}s; after a restart {resumed}/{args.n} resumed with their answers")
        if resumed != args.n:
            sys.exit(1)


if __name__ == "__main__":
    main()
