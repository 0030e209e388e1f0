"""Upload memory: how much a 15 MB document upload raises the server process's peak memory.

A Formwork app is served by Werkzeug in a child process (one thread, so every
upload passes through the same interpreter); after a warm-up (sign-in, pages,
a small upload) its peak resident size (VmHWM) is read, a 15 MB text document
is streamed to `POST /documents` from this process, and the peak is read
again. Target: less than 5 MB higher.

    .venv/bin/python bench/upload_memory.py [--megabytes 15]
"""

import argparse
import http.client
import http.cookies
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "Bench-pass-1!"
SERVER = """
import os, sys
sys.path.insert(0, {root!r})
os.environ["APP_CONFIG"] = "testing"
from werkzeug.serving import make_server
from app import create_app
from extensions import db
from models import User
work = {work!r}
app = create_app({{
    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{{work}}/bench.db", "UPLOAD_ROOT": f"{{work}}/uploads",
    "LOG_DIR": f"{{work}}/logs", "SESSION_FILE_DIR": f"{{work}}/sessions", "HOUSEKEEPING": False,
    "MAX_CONTENT_LENGTH": 64 * 1024 * 1024, "DOCUMENT_MAX_BYTES": 32 * 1024 * 1024,
    "DOCUMENT_QUOTA_BYTES": 256 * 1024 * 1024,
}})
with app.app_context():
    db.create_all()
    user = User(username="bench", email="bench@example.com")
    user.set_password({password!r})
    db.session.add(user)
    db.session.commit()
server = make_server("127.0.0.1", 0, app, threaded=False)
print(server.server_port, flush=True)
server.serve_forever()
"""


def peak_kib(pid: int) -> int:
    """The process's peak resident set size (VmHWM), in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        return int(re.search(r"VmHWM:\s+(\d+)", fh.read()).group(1))


class Browser:
    """Just enough of a browser: cookies, the CSRF token, a streamed multipart upload."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, text

    def token(self, path: str) -> str:
        return re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', self.request("GET", path)[1]
        ).group(1)

    def login(self) -> None:
        body = f"csrf_token={self.token('/login')}&username=bench&password={PASSWORD.replace('!', '%21')}"
        status, _ = self.request(
            "POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302, status

    def upload(self, path: str, name: str) -> int:
        """Stream a file from disk as the `documents` field; returns the status."""
        boundary = "benchboundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token("/documents")}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="documents"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        size = len(head) + os.path.getsize(path) + len(tail)

        def chunks():
            yield head
            with open(path, "rb") as fh:
                while chunk := fh.read(64 * 1024):
                    yield chunk
            yield tail

        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(size)}
        return self.request("POST", "/documents", chunks(), headers)[0]


def text_file(path: str, size: int) -> None:
    line = b"Formwork streams uploads to disk in chunks; this line is filler text.\n"
    with open(path, "wb") as fh:
        written = 0
        while written < size:
            fh.write(line)
            written += len(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        script = SERVER.format(root=ROOT, work=work, password=PASSWORD)
        server = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            port = int(server.stdout.readline())
            browser = Browser(port)
            browser.login()
            small, big = os.path.join(work, "small.txt"), os.path.join(work, "big.txt")
            text_file(small, 600 * 1024)
            text_file(big, int(args.megabytes * 1_000_000))
            for _ in range(3):  # warm up every code path the big upload takes
                assert browser.upload(small, "warm-up.txt") == 302
                browser.request("GET", "/documents")
            time.sleep(0.2)
            before = peak_kib(server.pid)
            status = browser.upload(big, "big.txt")
            listed = "big.txt</a>" in browser.request("GET", "/documents")[1]
            after = peak_kib(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    print(f"document: {args.megabytes:g} MB of UTF-8 text, POST /documents -> {status}, stored: {listed}")
    print(f"server peak memory: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after")
    print(f"peak raised by {(after - before) / 1024:.2f} MiB (target < 5 MB)")


if __name__ == "__main__":
    main()
