"""Formwork as production runs it, on this machine: migrations first, then gunicorn instances.

Each instance is `gunicorn -c gunicorn.conf.py 'app:create_app()'` with
`APP_CONFIG=production` on its own loopback port, all of them on the same
PostgreSQL (`DATABASE_URL`), Redis (`REDIS_URL`) and upload folder (`UPLOAD_ROOT`,
the shared volume), as the README's production recipe says. The client plays the
TLS proxy in front (bench/httpclient.py). Used by tests/test_scale_out.py and
bench/load_run.py.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
HOST = "formwork.test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(
    database_url: str, redis_url: str, workdir: str, **settings: str
) -> dict[str, str]:
    """What every instance shares: production config, one secret, the services, the upload volume."""
    return {
        "APP_CONFIG": "production",
        "SECRET_KEY": "cluster-" + "k" * 56,
        "TRUSTED_HOSTS": HOST,
        "PROXY_FIX_X_FOR": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "UPLOAD_ROOT": os.path.join(workdir, "shared-uploads"),
        **settings,
    }


def migrate(env: dict[str, str]) -> None:
    """`flask --app app db upgrade`, as the recipe runs it before any instance starts."""
    done = subprocess.run(
        [os.path.join(BIN, "flask"), "--app", "app", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"flask db upgrade failed:\n{done.stderr[-3000:]}")


class Instance:
    """One gunicorn instance with gunicorn.conf.py on a free loopback port; its output in a log file."""

    def __init__(self, env: dict[str, str], workdir: str, name: str) -> None:
        self.port = free_port()
        self.log_path = os.path.join(workdir, f"{name}.log")
        log_dir = os.path.join(workdir, f"{name}-logs")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [os.path.join(BIN, "gunicorn"), "-c", "gunicorn.conf.py", "app:create_app()"],
                cwd=ROOT,
                env={**os.environ, "LOG_DIR": log_dir, **env, "BIND": f"127.0.0.1:{self.port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def healthz(self) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request("GET", "/healthz", headers={"Host": HOST})
            return conn.getresponse().status
        finally:
            conn.close()

    def wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.healthz() == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"instance on port {self.port} did not become healthy:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        with open(self.log_path, errors="replace") as fh:
            return fh.read()[-chars:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


@contextmanager
def cluster(env: dict[str, str], workdir: str, count: int = 2) -> Iterator[list[Instance]]:
    """Migrate, start `count` instances on `env`, wait until each is healthy; stop them afterwards."""
    os.makedirs(workdir, exist_ok=True)
    migrate(env)
    with ExitStack() as stack:
        instances = []
        for number in range(count):
            instance = Instance(env, workdir, f"instance{number + 1}")
            stack.callback(instance.stop)
            instances.append(instance)
        for instance in instances:
            instance.wait_healthy()
        yield instances
