"""Where Formwork's time goes, per kind of request: cProfile over a walked registration.

Walks registrations in-process (as bench/wizard_walk.py does) with one profiler per
request kind (`GET /register/<wid>/account`, `POST .../review`, ...), then prints, for
each kind, its in-app ms and how its own time splits between the libraries it runs
(Jinja templates, WTForms, the session and run store, SQLAlchemy, Pillow, ...), and the
slowest functions by cumulative time, all in CPU time. Profiling slows everything down;
the shares are what to read, not the milliseconds.

    .venv/bin/python bench/profile_requests.py [--wizards 40] [--top 8] [--only 'GET /register/<wid>/account']
"""

import argparse
import collections
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.formclient import walk  # noqa: E402
from bench.wizard_walk import formwork_app  # noqa: E402

# Where a function's own time is counted, by the first pattern its file matches.
AREAS = [
    ("templates (compiled Jinja)", re.compile(r"<template>|\.html$")),
    ("Jinja runtime", re.compile(r"/jinja2/")),
    ("MarkupSafe escaping", re.compile(r"/markupsafe/")),
    ("WTForms / Flask-WTF", re.compile(r"/wtforms/|/flask_wtf/")),
    ("macro library (macros/)", re.compile(rf"^{re.escape(ROOT)}/macros/")),
    ("forms/", re.compile(rf"^{re.escape(ROOT)}/forms/")),
    ("wizard/", re.compile(rf"^{re.escape(ROOT)}/wizard/")),
    (
        "sessions + CacheLib + msgpack",
        re.compile(rf"/cachelib/|/flask_session/|^{re.escape(ROOT)}/sessions\.py"),
    ),
    ("SQLAlchemy + sqlite3", re.compile(r"/sqlalchemy/|sqlite3")),
    ("Pillow", re.compile(r"/PIL/")),
    ("email-validator + DNS", re.compile(r"/email_validator/|/dns/")),
    ("password hashing", re.compile(r"hashlib|_hashlib|werkzeug/security")),
    ("Werkzeug (routing, parsing, responses)", re.compile(r"/werkzeug/")),
    ("Flask + Flask-Login + Flask-Limiter", re.compile(r"/flask/|/flask_login/|/flask_limiter/|/limits/")),
    ("rest of Formwork", re.compile(rf"^{re.escape(ROOT)}/")),
    ("built-ins (I/O, hasattr, isinstance, ...)", re.compile(r"^~$")),
]


# Flask's and the bench's own frames around every request: not worth a line.
WRAPPERS = {"profiled", "wsgi_app", "full_dispatch_request", "dispatch_request", "__inner", "ensure_sync"}


def area_of(filename: str) -> str:
    for name, pattern in AREAS:
        if pattern.search(filename):
            return name
    return "standard library / other"


def profile(wizards: int) -> tuple[dict[str, cProfile.Profile], dict[str, float], int]:
    """One profiler per request kind, the in-app seconds per kind, and the walks made."""
    # CPU time, not wall time: other processes on a shared machine must not move the shares.
    profiles: dict[str, cProfile.Profile] = collections.defaultdict(
        lambda: cProfile.Profile(time.thread_time)
    )
    spent: dict[str, float] = collections.defaultdict(float)
    with tempfile.TemporaryDirectory(prefix="formwork-profile-") as workdir:
        app = formwork_app(workdir, "file")
        inner = app.wsgi_app

        def profiled(environ, start_response):
            key = re.sub(r"^/register/[^/]+/", "/register/<wid>/", environ["PATH_INFO"])
            key = f"{environ['REQUEST_METHOD']} {key}"
            began = time.perf_counter()
            profiler = profiles[key]
            profiler.enable()
            try:
                return inner(environ, start_response)
            finally:
                profiler.disable()
                spent[key] += time.perf_counter() - began

        for _ in range(5):  # warm-up, unprofiled
            walk(app.test_client(), "/register")
        app.wsgi_app = profiled
        for _ in range(wizards):
            walk(app.test_client(), "/register")
    return profiles, spent, wizards


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wizards", type=int, default=40)
    parser.add_argument("--top", type=int, default=8, help="functions listed per request kind")
    parser.add_argument("--only", help="one request kind, as printed")
    args = parser.parse_args()
    profiles, spent, wizards = profile(args.wizards)
    for key in sorted(spent, key=lambda k: -spent[k]):
        if args.only and key != args.only:
            continue
        stats = pstats.Stats(profiles[key])
        own: dict[str, float] = collections.defaultdict(float)
        calls = 0
        for (filename, _, _), (_, ncalls, tottime, _, _) in stats.stats.items():
            own[area_of(filename)] += tottime
            calls += ncalls
        total = sum(own.values()) or 1.0
        print(
            f"\n{key}: {1000 * spent[key] / wizards:.2f} ms per registration (profiled), {calls // wizards} calls"
        )
        for area, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
            if seconds / total >= 0.02:
                print(f"  {100 * seconds / total:5.1f}%  {area}")
        print("  slowest by cumulative time:")
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])
        shown = 0
        for (filename, line, function), (_, ncalls, _, cumtime, _) in rows:
            if function.startswith("<") or function in WRAPPERS or shown >= args.top:
                continue
            where = (
                os.path.relpath(filename, ROOT) if filename.startswith(ROOT) else os.path.basename(filename)
            )
            print(
                f"    {100 * cumtime / total:5.1f}%  {ncalls // wizards:5} calls  {function} ({where}:{line})"
            )
            shown += 1


if __name__ == "__main__":
    main()
