"""Wizard cost per page, in-app: Formwork, the tutorial's wizard and django-formtools, side by side.

Each app runs in its own process (the reference wizard in its own venv, see
bench/peer.py) and is walked there by the same form-filling client
(bench/formclient.py); only the time spent inside the app's WSGI callable counts
as "in app". Rounds alternate between the apps so machine noise hits all alike,
and each ratio is the median of the per-round ratios. Formwork runs on its
embedded defaults (SQLite, file sessions) in a throw-away instance folder, every
app with a cheap password hash so the figure is the app's cost, not the hash's.

    .venv/bin/python bench/wizard_walk.py [--rounds 5] [--wizards 60] [--breakdown]

The yardsticks come from ../shared/bench when present (a checkout of the project
has no ../shared: then only Formwork is measured).
"""

import argparse
import collections
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench import peer  # noqa: E402
from bench.formclient import walk  # noqa: E402

BASELINE = os.path.join(peer.SHARED_BENCH, "seed_baseline")
START = {"formwork": "/register", "tutorial": "/wizard", "formtools": "/register/"}


def formwork_app(workdir: str, store: str):
    """Formwork on a throw-away instance: SQLite, file sessions (or Redis), cheap hashing."""
    os.environ.setdefault("APP_CONFIG", "development")
    from app import create_app
    from extensions import db

    overrides = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db",
        "UPLOAD_ROOT": f"{workdir}/uploads",
        "LOG_DIR": f"{workdir}/logs",
        "SESSION_FILE_DIR": f"{workdir}/sessions",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
        "SECRET_KEY": "bench-" + "x" * 40,
        "RATELIMIT_ENABLED": False,
    }
    if store != "file":
        overrides["REDIS_URL"] = store
    app = create_app(overrides)
    with app.app_context():
        db.create_all()
    return app


def baseline_app(path: str = BASELINE):
    """The tutorial's wizard module, loaded from its folder."""
    spec = importlib.util.spec_from_file_location("seed_baseline_app", os.path.join(path, "app.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # Flask finds its templates from the module's file
    spec.loader.exec_module(module)
    return module.app


def formtools_app():
    """The django-formtools wizard, migrated into $PEER_DATA (run inside the peer's venv)."""
    sys.path.insert(0, os.path.abspath(peer.PEER_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from peer.formbot_app import app

    return app


class Measured:
    """Walks one app and adds up wall time, time inside the app, and pages."""

    def __init__(self, name: str, app, start: str) -> None:
        self.name, self.app, self.start = name, app, start
        self.wall = self.server = self.cpu = 0.0
        self.pages = self.wizards = 0
        self.by_request: dict[str, float] = collections.defaultdict(float)
        inner = app.wsgi_app

        def timed(environ, start_response):
            began, began_cpu = time.perf_counter(), time.thread_time()
            try:
                return inner(environ, start_response)
            finally:
                spent = time.perf_counter() - began
                self.server += spent
                self.cpu += time.thread_time() - began_cpu
                path = re.sub(r"^/register/[^/]+/", "/register/<wid>/", environ["PATH_INFO"])
                self.by_request[f"{environ['REQUEST_METHOD']} {path}"] += spent

        app.wsgi_app = timed

    def round(self, wizards: int) -> None:
        began = time.perf_counter()
        for _ in range(wizards):
            self.pages += walk(self.app.test_client(), self.start)
        self.wall += time.perf_counter() - began
        self.wizards += wizards

    def step_gets(self, count: int) -> dict[str, float]:
        """In-app ms (wall and CPU) of one step GET: a wizard opened like a browser, its first step reloaded."""
        client = self.app.test_client()
        path = client.get(self.start, follow_redirects=True).request.path
        self.reset()
        for _ in range(count):
            if client.get(path).status_code != 200:
                raise RuntimeError(f"{self.name}: {path} did not answer 200")
        return {"step_ms": 1000 * self.server / count, "step_cpu_ms": 1000 * self.cpu / count}

    def reset(self) -> None:
        self.wall = self.server = self.cpu = 0.0
        self.pages = self.wizards = 0
        self.by_request.clear()

    def report(self) -> dict:
        return {
            "pages": self.pages,
            "wizards": self.wizards,
            "wall_ms_per_page": 1000 * self.wall / self.pages,
            "app_ms_per_page": 1000 * self.server / self.pages,
            "app_cpu_ms_per_page": 1000 * self.cpu / self.pages,
            "by_request": {k: 1000 * v / self.wizards for k, v in self.by_request.items()},
        }


def serve(name: str, workdir: str, store: str) -> None:
    """A child process: build one app, then answer `walk N` / `step N` lines with JSON."""
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # the app's own prints and logs must not garble the protocol
    if name == "formwork":
        app = formwork_app(workdir, store)
    elif name == "tutorial":
        app = baseline_app()
    else:
        app = formtools_app()
    measured = Measured(name, app, START[name])
    measured.round(5)  # warm-up: imports, template compilation, first database pages
    measured.step_gets(20)
    protocol.write("{}\n")
    protocol.flush()
    for line in sys.stdin:
        command, count = line.split()
        if command == "walk":
            measured.reset()
            measured.round(int(count))
            answer = measured.report()
        else:
            answer = measured.step_gets(int(count))
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()


class Child:
    """One app in its own process, driven line by line; `root`: the checkout serving it (side_by_side.py)."""

    def __init__(self, name: str, workdir: str, store: str = "file", root: str = ROOT) -> None:
        self.name = name
        python, env = sys.executable, {**os.environ, "PYTHONPATH": root}
        if name == "formtools":
            python = peer.peer_python()
            env.update(peer.peer_environment(os.path.join(workdir, "formtools")))
        os.makedirs(os.path.join(workdir, name), exist_ok=True)
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in close())
        command = [python, os.path.join(root, "bench", "wizard_walk.py"), "--child", name, "--store", store]
        self.proc = subprocess.Popen(
            [*command, "--workdir", os.path.join(workdir, name)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env=env,
        )
        self.read()

    def read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            self.log.flush()
            with open(self.log_path) as fh:
                tail = fh.read()[-3000:]
            raise RuntimeError(f"the {self.name} process ended:\n{tail}")
        return json.loads(line)

    def ask(self, command: str, count: int) -> dict:
        self.proc.stdin.write(f"{command} {count}\n")
        self.proc.stdin.flush()
        return self.read()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)
        self.log.close()


def available_apps() -> list[str]:
    """Formwork, and the yardsticks that are present beside this checkout."""
    names = ["formwork"]
    if os.path.exists(os.path.join(BASELINE, "app.py")):
        names.append("tutorial")
    if peer.present():
        names.append("formtools")
    return names


def median_ratio(mine: list[float], theirs: list[float]) -> float:
    """The median of the per-round ratios."""
    return statistics.median(a / b for a, b in zip(mine, theirs, strict=True))


def in_app_rounds(children: list[Child], rounds: int, wizards: int, steps: int) -> dict[str, list[dict]]:
    """Alternating rounds: each app walks `wizards` registrations, then reloads a step `steps` times."""
    results: dict[str, list[dict]] = {child.name: [] for child in children}
    for _ in range(rounds):
        for child in children:
            walked = child.ask("walk", wizards)
            if steps:
                walked.update(child.ask("step", steps))
            results[child.name].append(walked)
    return results


def print_walks(results: dict[str, list[dict]], breakdown: bool) -> None:
    print(
        f"{'app':10} {'pages/wizard':>12} {'ms/page (walk)':>15} {'ms/page (in app)':>17} {'(in app, CPU)':>14}"
    )
    for name, rounds in results.items():
        pages = sum(r["pages"] for r in rounds) / sum(r["wizards"] for r in rounds)
        wall = statistics.median(r["wall_ms_per_page"] for r in rounds)
        app = statistics.median(r["app_ms_per_page"] for r in rounds)
        cpu = statistics.median(r["app_cpu_ms_per_page"] for r in rounds)
        print(f"{name:10} {pages:12.1f} {wall:15.3f} {app:17.3f} {cpu:14.3f}")
    if breakdown:
        for name, rounds in results.items():
            print(f"\n{name}: in-app ms per wizard, by request (median of rounds)")
            keys = rounds[0]["by_request"]
            rows = {k: statistics.median(r["by_request"].get(k, 0.0) for r in rounds) for k in keys}
            for key, spent in sorted(rows.items(), key=lambda kv: -kv[1]):
                print(f"  {spent:7.3f}  {key}")


def figure(results: dict[str, list[dict]], name: str, key: str) -> list[float]:
    return [r[key] for r in results[name]]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--wizards", type=int, default=60, help="registrations per app per round")
    parser.add_argument("--store", default="file", help="'file' (default) or a redis:// URL for sessions")
    parser.add_argument("--breakdown", action="store_true", help="also print in-app ms per request")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        serve(args.child, args.workdir, args.store)
        return

    names = available_apps()
    if len(names) < 3:
        print(f"(yardsticks missing beside this checkout: measuring {', '.join(names)})")
    with tempfile.TemporaryDirectory(prefix="formwork-bench-") as workdir:
        children = [Child(name, workdir, args.store) for name in names]
        try:
            results = in_app_rounds(children, args.rounds, args.wizards, steps=0)
        finally:
            for child in children:
                child.close()
    print(f"wizard walk: {args.rounds} rounds x {args.wizards} registrations per app, sessions: {args.store}")
    print_walks(results, args.breakdown)
    for other in names[1:]:
        ratio = median_ratio(
            figure(results, "formwork", "app_ms_per_page"), figure(results, other, "app_ms_per_page")
        )
        cpu = median_ratio(
            figure(results, "formwork", "app_cpu_ms_per_page"), figure(results, other, "app_cpu_ms_per_page")
        )
        print(
            f"ratio formwork/{other}, in-app ms per page (median of per-round ratios): {ratio:.2f} (CPU: {cpu:.2f})"
        )


if __name__ == "__main__":
    main()
