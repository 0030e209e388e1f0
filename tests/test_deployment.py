"""Deployment settings: the proxy in front, the host names answered to, gunicorn against slow clients."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from app import create_app
from tests.conftest import add_user
from tests.conftest import overrides_for
from tests.page_reading import csrf_token

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def production(monkeypatch, **env):
    monkeypatch.setenv("APP_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "p" * 64)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def test_production_refuses_to_start_without_trusted_hosts(monkeypatch, tmp_path):
    production(monkeypatch)
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        create_app(overrides_for(tmp_path))


@pytest.mark.parametrize("url", ["//vendor/bootstrap//css/bootstrap.min.css", "/login", "/register"])
def test_a_forged_host_never_gets_a_redirect_to_itself(monkeypatch, tmp_path, url):
    production(monkeypatch, TRUSTED_HOSTS="formwork.example, www.formwork.example")
    app = create_app(overrides_for(tmp_path))
    assert app.config["TRUSTED_HOSTS"] == ["formwork.example", "www.formwork.example"]
    response = app.test_client().get(url, headers={"Host": "evil.example"}, base_url="https://evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.headers.get("Location", "")
    good = app.test_client().get("/login", base_url="https://formwork.example")
    assert good.status_code == 200


def sign_in_fails(client, forwarded_for: str) -> int:
    data = {"csrf_token": csrf_token(client), "username": "alice", "password": "wrong"}
    return client.post("/login", data=data, headers={"X-Forwarded-For": forwarded_for}).status_code


def test_rate_limits_key_on_the_client_behind_the_proxy(make_app):
    app = make_app(RATELIMIT_ENABLED=True, PROXY_FIX_X_FOR=1)
    add_user(app)
    first, second = app.test_client(), app.test_client()
    statuses = [sign_in_fails(first, "203.0.113.7") for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    assert sign_in_fails(second, "198.51.100.9") == 200


def test_without_proxy_fix_the_forwarded_header_is_not_believed(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    add_user(app)
    client = app.test_client()
    statuses = [sign_in_fails(client, f"203.0.113.{n}") for n in range(11)]
    assert statuses[10] == 429  # a client cannot dodge the limit by inventing addresses


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_answers_health_checks_while_slow_clients_hold_connections(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "APP_CONFIG": "development",
        "SECRET_KEY": "g" * 64,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gunicorn.db'}",
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
        "LOG_DIR": str(tmp_path / "logs"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("REDIS_URL", None)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py", "app:create_app()"], cwd=ROOT, env=env)
    slow = []
    try:
        wait_for(port)
        for _ in range(6):  # half-sent requests: more than the worker processes, fewer than their threads
            conn = socket.create_connection(("127.0.0.1", port))
            conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(conn)
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5
    finally:
        for conn in slow:
            conn.close()
        server.terminate()
        server.wait(timeout=30)


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")
