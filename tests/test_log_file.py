"""The rotating log file: each record formatted once, rolled over when full, never for a device."""

import logging
import os
import weakref

import pytest

from logging_config import LOG_FORMAT
from logging_config import RequestFormatter
from logging_config import RotatingLogFile


class CountingFormatter(logging.Formatter):
    """A formatter that counts how often it is asked."""

    calls = 0

    def format(self, record: logging.LogRecord) -> str:
        self.calls += 1
        return super().format(record)


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("formwork", logging.INFO, __file__, 1, message, args, None)


def handler_at(path, max_bytes: int) -> RotatingLogFile:
    handler = RotatingLogFile(str(path), maxBytes=max_bytes, backupCount=2, encoding="utf-8")
    handler.setFormatter(CountingFormatter("%(levelname)s %(message)s"))
    return handler


def test_a_record_is_formatted_once_and_written_whole(tmp_path):
    handler = handler_at(tmp_path / "formwork.log", 1024 * 1024)
    handler.handle(record("Registered user %s", 7))
    handler.handle(record("Registered user %s", 8))
    handler.close()
    assert handler.formatter.calls == 2
    assert (tmp_path / "formwork.log").read_text() == "INFO Registered user 7\nINFO Registered user 8\n"


def test_a_full_file_rolls_over_and_no_line_is_split(tmp_path):
    handler = handler_at(tmp_path / "formwork.log", 100)
    for number in range(12):
        handler.handle(record("line %s of the log", number))
    handler.close()
    kept = [tmp_path / "formwork.log", tmp_path / "formwork.log.1", tmp_path / "formwork.log.2"]
    assert all(path.exists() for path in kept)
    assert all(os.path.getsize(path) < 100 for path in kept)
    lines = [line for path in reversed(kept) for line in path.read_text().splitlines()]
    assert lines == [f"INFO line {number} of the log" for number in range(12)][-len(lines) :]


def test_the_file_is_not_statted_until_it_is_due_to_roll_over(tmp_path, monkeypatch):
    handler = handler_at(tmp_path / "formwork.log", 1024 * 1024)
    checked = []
    monkeypatch.setattr(os.path, "isfile", lambda path: checked.append(path) or True)
    handler.handle(record("a short line"))
    assert checked == []
    handler.maxBytes = 10
    handler.handle(record("a line that fills the file"))
    handler.close()
    assert checked == [str(tmp_path / "formwork.log")]
    assert (tmp_path / "formwork.log.1").exists()


def test_a_log_that_is_not_a_regular_file_never_rolls_over():
    handler = RotatingLogFile(os.devnull, maxBytes=1)
    handler.handle(record("to the void"))
    handler.close()
    assert os.path.exists(os.devnull)
    assert not os.path.exists(os.devnull + ".1")


def test_the_handler_does_not_keep_the_last_record_alive(tmp_path):
    handler = handler_at(tmp_path / "formwork.log", 1024 * 1024)
    emitted = record("Registered user %s", 9)
    alive = weakref.ref(emitted)
    handler.handle(emitted)
    handler.close()
    del emitted
    assert alive() is None


def test_a_record_that_cannot_be_formatted_is_reported_not_raised(tmp_path, capsys):
    handler = handler_at(tmp_path / "formwork.log", 1024 * 1024)
    handler.handle(record("two %s %s", "args wanted"))
    handler.handle(record("the next line"))
    handler.close()
    assert "Logging error" in capsys.readouterr().err
    assert (tmp_path / "formwork.log").read_text() == "INFO the next line\n"


@pytest.mark.parametrize("path", ["/register/abc/review", "/password/reset/secret-token"])
def test_the_file_line_names_the_request_once_resolved(app, tmp_path, path):
    handler = handler_at(tmp_path / "request.log", 1024 * 1024)
    handler.setFormatter(RequestFormatter(LOG_FORMAT))
    with app.test_request_context(path, method="POST", environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        handler.handle(record("Registered user %s", 3))
    handler.close()
    line = (tmp_path / "request.log").read_text()
    assert "[192.0.2.7 POST " in line
    assert line.endswith("] Registered user 3\n")
    assert "secret-token" not in line
