"""Form page throughput under gunicorn: a wizard step GET, Formwork against the tutorial.

Each app runs in its own gunicorn (1 sync worker, the same for both) on loopback;
the load comes from this process (threads, one request per connection, as a sync
worker closes them). Apps are measured in alternating rounds so machine noise
hits both alike; the ratio is the median of the per-round ratios.

    .venv/bin/python bench/step_throughput.py [--seconds 5] [--rounds 3] [--threads 4]
"""

import argparse
import http.client
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "..", "shared", "bench", "seed_baseline")
GUNICORN = os.path.join(os.path.dirname(sys.executable), "gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(target: str, app_dir: str, env: dict) -> tuple[subprocess.Popen, int]:
    """One sync worker serving `target` from `app_dir`, on a free loopback port.

    Started from a neutral directory with `--chdir`: gunicorn would otherwise load the
    `gunicorn.conf.py` of the directory it starts in (Formwork's: threaded workers, an access log).
    """
    port = free_port()
    proc = subprocess.Popen(
        [GUNICORN, "-k", "sync", "-w", "1", "--chdir", app_dir, "-b", f"127.0.0.1:{port}", target],
        cwd=tempfile.gettempdir(),
        env={**os.environ, "GUNICORN_CMD_ARGS": "--log-level warning", **env},
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"gunicorn for {target} did not start")


def open_step(port: int, start: str) -> tuple[str, str]:
    """Start a wizard like a browser; returns (step path, Cookie header)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"http://127.0.0.1:{port}{start}") as response:
        path = urllib.request.urlparse(response.geturl()).path
        assert response.status == 200 and re.search(rb"<form", response.read())
    return path, "; ".join(f"{c.name}={c.value}" for c in jar)


def hammer(port: int, path: str, cookie: str, seconds: float, threads: int) -> float:
    """Requests per second for `seconds`, from `threads` closed-loop clients."""
    done = [0] * threads
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            done[i] += 1

    began = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done) / (time.perf_counter() - began)


def measure(rounds: int, seconds: float, threads: int) -> dict[str, list[float]]:
    """Requests per second of each app's step GET, per round, in alternating rounds."""
    with tempfile.TemporaryDirectory(prefix="formwork-bench-") as work:
        servers = {
            "formwork": (*start_gunicorn("bench.apps:formwork()", ROOT, {"BENCH_DIR": work}), "/register")
        }
        if os.path.exists(os.path.join(BASELINE, "app.py")):
            servers["tutorial"] = (*start_gunicorn("app:app", BASELINE, {}), "/wizard")
        try:
            targets = {name: (port, *open_step(port, start)) for name, (proc, port, start) in servers.items()}
            results: dict[str, list[float]] = {name: [] for name in targets}
            for port, path, cookie in targets.values():
                hammer(port, path, cookie, 1, threads)  # warm-up
            for _ in range(rounds):
                for name, (port, path, cookie) in targets.items():
                    results[name].append(hammer(port, path, cookie, seconds, threads))
        finally:
            for proc, _, _ in servers.values():
                proc.terminate()
                proc.wait(10)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    results = measure(args.rounds, args.seconds, args.threads)
    print(
        f"step GET under gunicorn (1 sync worker each), {args.rounds} x {args.seconds:g}s, {args.threads} client threads"
    )
    for name, values in results.items():
        print(
            f"{name:10} {statistics.median(values):8.0f} req/s   (rounds: {', '.join(f'{v:.0f}' for v in values)})"
        )
    if len(results) == 2:
        ratio = statistics.median(
            a / b for a, b in zip(results["formwork"], results["tutorial"], strict=True)
        )
        print(f"ratio formwork/tutorial throughput (median of per-round ratios): {ratio:.2f}")


if __name__ == "__main__":
    main()
