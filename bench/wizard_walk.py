"""Wizard cost per page: Formwork's registration against the tutorial's wizard, side by side.

Both are walked in-process by the same form-filling client (bench/formclient.py),
in alternating rounds so machine noise hits both alike. Formwork runs on its
embedded defaults (SQLite, file sessions) in a throw-away instance folder, with a
cheap password hash so the figure is the app's cost, not scrypt's.

    .venv/bin/python bench/wizard_walk.py [--rounds 5] [--wizards 60] [--baseline PATH]

The baseline is ../shared/bench/seed_baseline when present (a checkout of the
project has no ../shared: then only Formwork is measured).
"""

import argparse
import collections
import importlib.util
import os
import re
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.formclient import walk  # noqa: E402

DEFAULT_BASELINE = os.path.join(ROOT, "..", "shared", "bench", "seed_baseline")


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


def baseline_app(path: str):
    """The tutorial's wizard module, loaded from its folder."""
    spec = importlib.util.spec_from_file_location("seed_baseline_app", os.path.join(path, "app.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # Flask finds its templates from the module's file
    spec.loader.exec_module(module)
    return module.app


class Measured:
    """Walks one app and adds up wall time, time inside the app, and pages."""

    def __init__(self, name: str, app, start: str) -> None:
        self.name, self.app, self.start = name, app, start
        self.wall = self.server = 0.0
        self.pages = self.wizards = 0
        self.by_request: dict[str, float] = collections.defaultdict(float)
        inner = app.wsgi_app

        def timed(environ, start_response):
            began = time.perf_counter()
            try:
                return inner(environ, start_response)
            finally:
                spent = time.perf_counter() - began
                self.server += spent
                path = re.sub(r"^/register/[^/]+/", "/register/<wid>/", environ["PATH_INFO"])
                self.by_request[f"{environ['REQUEST_METHOD']} {path}"] += spent

        app.wsgi_app = timed

    def round(self, wizards: int) -> None:
        began = time.perf_counter()
        for _ in range(wizards):
            self.pages += walk(self.app.test_client(), self.start)
        self.wall += time.perf_counter() - began
        self.wizards += wizards

    def reset(self) -> None:
        self.wall = self.server = 0.0
        self.pages = self.wizards = 0
        self.by_request.clear()

    def per_page_ms(self) -> tuple[float, float]:
        return 1000 * self.wall / self.pages, 1000 * self.server / self.pages


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--wizards", type=int, default=60, help="registrations per app per round")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE)
    parser.add_argument("--store", default="file", help="'file' (default) or a redis:// URL for sessions")
    parser.add_argument(
        "--breakdown", action="store_true", help="also print in-app ms per request, per wizard"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="formwork-bench-") as workdir:
        apps = [Measured("formwork", formwork_app(workdir, args.store), "/register")]
        if os.path.exists(os.path.join(args.baseline, "app.py")):
            apps.append(Measured("tutorial", baseline_app(args.baseline), "/wizard"))
        else:
            print(f"(no baseline at {args.baseline}: measuring Formwork alone)")
        for measured in apps:  # warm-up: imports, template compilation, first DB pages
            measured.round(5)
            measured.reset()
        for _ in range(args.rounds):
            for measured in apps:
                measured.round(args.wizards)

    print(f"wizard walk: {args.rounds} rounds x {args.wizards} registrations per app, sessions: {args.store}")
    print(f"{'app':10} {'pages/wizard':>12} {'ms/page (walk)':>15} {'ms/page (in app)':>17}")
    for measured in apps:
        wall, server = measured.per_page_ms()
        print(f"{measured.name:10} {measured.pages / measured.wizards:12.1f} {wall:15.3f} {server:17.3f}")
    if args.breakdown:
        for measured in apps:
            print(f"\n{measured.name}: in-app ms per wizard, by request")
            for key, spent in sorted(measured.by_request.items(), key=lambda kv: -kv[1]):
                print(f"  {1000 * spent / measured.wizards:7.3f}  {key}")
    if len(apps) == 2:
        (fw_wall, fw_server), (base_wall, base_server) = apps[0].per_page_ms(), apps[1].per_page_ms()
        print(
            f"ratio formwork/tutorial per page: walk {fw_wall / base_wall:.2f}, in app {fw_server / base_server:.2f}"
        )


if __name__ == "__main__":
    main()
