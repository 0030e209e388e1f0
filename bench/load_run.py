"""Load on two instances (gunicorn.conf.py, production config, PostgreSQL, Redis), then again with Redis cut.

A bounded run on loopback: a fixed number of client threads, each a browser behind a
round-robin balancer (bench/httpclient.py), send the home page, a step GET and whole
registrations (walked by bench/formclient.py, avatar included) to two instances
(bench/cluster.py). Printed: requests per second and p50/p99 latency, errors.

The second run routes Redis through a loopback forwarder (tests/tcp_proxy.py) and cuts it
for `--cut` seconds in the middle of the registrations; the browsers behave like people
(a 503 page is reloaded after a moment). Printed: how many 503 pages and over how long,
any other error, and whether every registration, including some parked half-way before
the cut and resumed after it, ended in an account.

    .venv/bin/python bench/load_run.py --database-url postgresql://postgres@127.0.0.1/test_scale \\
        --redis-url redis://127.0.0.1:6379/10 [--clients 8] [--requests 2000] [--registrations 200]

The database is migrated (`flask db upgrade`) and used as it is: nothing is dropped; the
run's users have their own name prefix.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import sqlalchemy as sa

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench import formclient  # noqa: E402
from bench.cluster import cluster  # noqa: E402
from bench.cluster import production_environment  # noqa: E402
from bench.httpclient import HttpClient  # noqa: E402
from config import normalise_database_url  # noqa: E402
from tests.tcp_proxy import Forwarder  # noqa: E402

# A person facing a 503 page tries again for this long before giving up.
PATIENCE = 20.0


def percentile(values: list[float], share: int) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[share - 1] if len(values) > 1 else values[0]
    )


class Phase:
    """What one kind of load did: requests (or registrations), their latencies, failures."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.latencies: list[float] = []
        self.requests = 0
        self.failures: list[str] = []
        self.seconds = 0.0
        self.logs: list = []  # every request of the registrations, for the outage's timeline
        self.lock = threading.Lock()

    def record(self, client: HttpClient, latency: float | None = None, failure: str | None = None) -> None:
        with self.lock:
            self.requests += len(client.log)
            if latency is not None:
                self.latencies.append(latency)
            if failure:
                self.failures.append(failure)

    def row(self) -> str:
        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        p50 = 1000 * percentile(self.latencies, 50) if self.latencies else 0.0
        p99 = 1000 * percentile(self.latencies, 99) if self.latencies else 0.0
        return (
            f"{self.name:22} {len(self.latencies):7} {rate:9.1f} {p50:8.1f} {p99:8.1f} "
            f"{self.requests:9} {self.requests / self.seconds:8.1f} {len(self.failures):7}"
        )


HEADER = f"{'load':22} {'done':>7} {'per s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'req/s':>8} {'errors':>7}"


def page_gets(ports: list[int], phase: Phase, count: int, clients: int, start: str | None) -> None:
    """`count` GETs from `clients` browsers: of `/`, or (with `start`) of each browser's own first step."""

    def browser(share: int) -> None:
        client = HttpClient(ports)
        path = client.get(start, follow_redirects=True).request.path if start else "/"
        client.log.clear()
        for _ in range(share):
            response = client.get(path)
            failure = None if response.status_code == 200 else f"{path}: {response.status_code}"
            phase.record(client, client.log[-1].seconds, failure)
            client.log.clear()
        client.close()

    run_phase(phase, clients, [count // clients] * clients, browser)


def registrations(ports: list[int], phase: Phase, count: int, clients: int, patience: float = 0.0) -> None:
    """`count` whole registrations, each a new browser, `clients` at a time."""

    def one(_: int) -> None:
        client = HttpClient(ports, retry_unavailable=patience)
        began = time.perf_counter()
        try:
            formclient.walk(client, "/register")
            last = client.log[-1]
            failure = (
                None
                if last.path == "/profile" and last.status == 200
                else f"ended on {last.path} ({last.status})"
            )
        except (RuntimeError, OSError) as exc:
            failure = str(exc)
        phase.record(client, time.perf_counter() - began, failure)
        client.close()
        with phase.lock:
            phase.logs.extend(client.log)

    run_phase(phase, clients, range(count), one)


def run_phase(phase: Phase, clients: int, items, work) -> None:
    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(work, items))
    phase.seconds = time.perf_counter() - began


def normal_run(settings: dict, workdir: str, args) -> None:
    """Home, step GET and registrations on two instances, after a warm-up of each."""
    with cluster(settings, workdir) as instances:
        ports = [instance.port for instance in instances]
        home, step, whole = Phase("home page GET"), Phase("step GET"), Phase("whole registration")
        page_gets(ports, Phase("warm-up"), 4 * args.clients, args.clients, "/register")
        registrations(ports, Phase("warm-up"), 2 * args.clients, args.clients)
        page_gets(ports, home, args.requests, args.clients, None)
        page_gets(ports, step, args.requests, args.clients, "/register")
        registrations(ports, whole, args.registrations, args.clients)
    print(f"\nRedis and PostgreSQL up: {args.clients} client threads, 2 instances")
    print(HEADER)
    for phase in (home, step, whole):
        print(phase.row())
    report_failures(home, step, whole)


def outage_run(settings: dict, workdir: str, args) -> None:
    """Registrations with Redis cut for `args.cut` seconds in the middle; parked ones resumed after."""
    parts = urlsplit(args.redis_url)
    forwarder = Forwarder((parts.hostname or "127.0.0.1", parts.port or 6379))
    via = parts._replace(netloc=f"127.0.0.1:{forwarder.port}").geturl()
    settings = {**settings, "REDIS_URL": via}
    parked: list[HttpClient] = []
    cut_at = restored_at = 0.0
    with cluster(settings, os.path.join(workdir, "outage"), 2) as instances:
        ports = [instance.port for instance in instances]
        for _ in range(args.parked):  # half-way through: account and profile accepted, then left
            client = HttpClient(ports, retry_unavailable=PATIENCE)
            formclient.walk(client, "/register", max_pages=2)
            parked.append(client)

        def cut() -> None:  # in the middle: once 40% of the registrations are done
            nonlocal cut_at, restored_at
            while len(whole.latencies) < 0.4 * args.registrations:
                time.sleep(0.01)
            cut_at = time.time()
            forwarder.cut()
            time.sleep(args.cut)
            forwarder.restore()
            restored_at = time.time()

        whole = Phase("whole registration")
        cutter = threading.Thread(target=cut)
        cutter.start()
        registrations(ports, whole, args.registrations, args.clients, patience=PATIENCE)
        cutter.join()
        resumed = Phase("parked, resumed")
        began = time.perf_counter()
        for client in parked:
            try:
                formclient.walk(client, client.page, scope="/register")
                ok = client.log[-1].path == "/profile" and client.log[-1].status == 200
                resumed.record(client, 0.0, None if ok else f"resumed walk ended on {client.log[-1].path}")
            except (RuntimeError, OSError) as exc:
                resumed.record(client, 0.0, str(exc))
        resumed.seconds = time.perf_counter() - began
    forwarder.close()
    unavailable = [entry.started + entry.seconds for entry in whole.logs if entry.status == 503]
    print(f"\nRedis cut for {args.cut:g} s once 40% of {args.registrations} registrations were done")
    print(HEADER)
    print(whole.row())
    if unavailable:
        print(
            f"503 pages: {len(unavailable)}, answered from {min(unavailable) - cut_at:.2f} s after the cut "
            f"to {max(unavailable) - restored_at:+.2f} s after Redis came back "
            f"({max(unavailable) - min(unavailable):.2f} s in all)"
        )
    else:
        print("503 pages: none (no request needed Redis while it was cut)")
    others = [e for e in whole.logs if e.status >= 400 and e.status != 503]
    print(f"other errors: {len(others)}; failed registrations: {len(whole.failures)}")
    print(
        f"registrations parked before the cut and resumed after it: {len(parked) - len(resumed.failures)}/{len(parked)}"
    )
    report_failures(whole, resumed)


def report_failures(*phases: Phase) -> None:
    for phase in phases:
        for failure in phase.failures[:5]:
            print(f"  {phase.name}: {failure}")


def accounts_made(database_url: str) -> int:
    engine = sa.create_engine(normalise_database_url(database_url))
    with engine.connect() as conn:
        query = sa.text("SELECT count(*) FROM users WHERE username LIKE :prefix")
        made = conn.execute(query, {"prefix": f"bench{formclient.RUN}%"}).scalar_one()
    engine.dispose()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=2000, help="home page and step GETs, each")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--parked", type=int, default=50, help="registrations left half-way before the cut")
    parser.add_argument("--cut", type=float, default=1.0, help="seconds Redis stays cut")
    parser.add_argument("--workers", default="2", help="WEB_CONCURRENCY of each instance")
    parser.add_argument("--threads", default="4", help="GUNICORN_THREADS of each instance")
    args = parser.parse_args()
    if not args.database_url or not args.redis_url:
        parser.error("give --database-url and --redis-url (or DATABASE_URL and REDIS_URL)")
    with tempfile.TemporaryDirectory(prefix="formwork-load-") as workdir:
        settings = production_environment(
            args.database_url,
            args.redis_url,
            workdir,
            WEB_CONCURRENCY=args.workers,
            GUNICORN_THREADS=args.threads,
            DB_POOL_SIZE="4",
            DB_MAX_OVERFLOW="4",
            PASSWORD_HASH_METHOD="pbkdf2:sha256:1",
        )
        print(
            f"two instances x {args.workers} gthread workers x {args.threads} threads, production config, "
            "cheap password hash; client: this process"
        )
        normal_run(settings, workdir, args)
        outage_run(settings, workdir, args)
    expected = 2 * args.registrations + args.parked + 2 * args.clients
    made = accounts_made(args.database_url)
    print(f"\naccounts in the database from this run: {made}/{expected} (nothing lost: {made == expected})")
    sys.exit(0 if made == expected else 1)


if __name__ == "__main__":
    main()
