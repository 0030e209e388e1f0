"""The outbox: delivery throughput with one and several deliverers at once, each message sent once.

Queues N messages, then delivers them to an aiosmtpd server on loopback with 1, 2 and
4 deliverers running at once (threads, each its own database session), and checks the
server received every message exactly once. SQLite by default; --database takes a
PostgreSQL URL (its public schema is dropped and recreated).

    .venv/bin/python bench/outbox_delivery.py [-n 500] [--database postgresql://...]
"""

import argparse
import os
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.smtp import SmtpServer  # noqa: E402


def build_app(workdir: str, database: str | None, port: int):
    os.environ.setdefault("APP_CONFIG", "development")
    from app import create_app
    from extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database or f"sqlite:///{workdir}/bench.db",
            "UPLOAD_ROOT": f"{workdir}/uploads",
            "LOG_DIR": f"{workdir}/logs",
            "SESSION_FILE_DIR": f"{workdir}/sessions",
            "SECRET_KEY": "bench-" + "x" * 40,
            "HOUSEKEEPING": False,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
        }
    )
    app.logger.setLevel("WARNING")  # one INFO line per message would be most of the cost
    with app.app_context():
        if database:
            from tests.conftest import reset_postgres_schema

            reset_postgres_schema()
        db.create_all()
    return app


def queue(app, count: int, label: str) -> None:
    from extensions import db
    from mail.outbox import compose
    from mail.outbox import enqueue

    with app.app_context():
        for n in range(count):
            enqueue("bench", compose(["ops@example.com"], f"{label} {n}", "Hello\n"))
        db.session.commit()


def deliver_with(app, deliverers: int) -> tuple[float, list[int]]:
    from extensions import db
    from mail.delivery import deliver_due

    barrier = threading.Barrier(deliverers)
    sent: list[int] = []

    def run() -> None:
        with app.app_context():
            barrier.wait()
            sent.append(deliver_due().sent)
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(deliverers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="messages per run")
    parser.add_argument("--database", help="a PostgreSQL URL instead of SQLite")
    args = parser.parse_args()
    server = SmtpServer().start()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            app = build_app(workdir, args.database, server.port)
            print(f"{'deliverers':>10} {'messages':>9} {'seconds':>8} {'msg/s':>7}  split         once each")
            for deliverers in (1, 2, 4):
                label = f"run{deliverers}"
                queue(app, args.n, label)
                seconds, sent = deliver_with(app, deliverers)
                subjects = [
                    m["Subject"] for m in server.inbox.messages if m["Subject"].startswith(label + " ")
                ]
                once = len(subjects) == len(set(subjects)) == args.n
                split = "/".join(str(s) for s in sorted(sent, reverse=True))
                print(
                    f"{deliverers:>10} {sum(sent):>9} {seconds:>8.2f} {args.n / seconds:>7.0f}  {split:<13} {once}"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
