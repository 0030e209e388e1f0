"""The file store's locks: a rewrite in place is never half seen, and races with the sweep and renames."""

import errno
import fcntl
import multiprocessing
import os
import threading
import time

import pytest

import session_files
from session_files import PlainFileCache
from tests.test_session_files import LONG
from tests.test_session_files import MODE
from tests.test_session_files import RECORD
from tests.test_session_files import SHORT
from tests.test_session_files import cache_in
from tests.test_session_files import inode


def test_a_rewrite_keeps_the_file_and_holds_readers_off_while_it_writes(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", LONG, timeout=60)
    before = inode(cache, "session:a")
    filename = cache._get_filename("session:a")
    seen_during_write = []
    real_pwrite = os.pwrite

    def pwrite(fd, data, offset):
        with open(filename, "rb") as reader:
            try:
                fcntl.flock(reader, fcntl.LOCK_SH | fcntl.LOCK_NB)
                seen_during_write.append("a reader got in")
            except BlockingIOError:
                seen_during_write.append("readers wait")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", pwrite)
    assert cache.set("session:a", SHORT, timeout=60)
    assert seen_during_write == ["readers wait"]
    assert inode(cache, "session:a") == before
    assert cache.get("session:a") == SHORT
    assert len(os.listdir(tmp_path / "cache")) == 1


def test_a_read_waits_for_a_rewrite_in_progress(tmp_path):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=60)
    got = []
    with open(cache._get_filename("session:a"), "rb") as writer:
        fcntl.flock(writer, fcntl.LOCK_EX)  # as a rewrite holds it
        reader = threading.Thread(target=lambda: got.append(cache.get("session:a")))
        reader.start()
        reader.join(0.3)
        assert reader.is_alive() and got == []
    reader.join(5)
    assert got == [SHORT]


def test_an_entry_swept_while_its_rewrite_waited_for_the_lock_is_written_anew(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=60)
    filename = cache._get_filename("session:a")
    real_flock = fcntl.flock

    def sweep_first(fd, operation):
        if operation == fcntl.LOCK_EX and os.path.exists(filename):
            os.unlink(filename)  # the sweep held the lock and removed the file
        return real_flock(fd, operation)

    monkeypatch.setattr(session_files.fcntl, "flock", sweep_first)
    assert cache.set("session:a", RECORD, timeout=60)
    monkeypatch.setattr(session_files.fcntl, "flock", real_flock)
    assert cache.get("session:a") == RECORD


def test_an_entry_replaced_while_its_rewrite_waited_is_not_written_into_the_old_file(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    other = PlainFileCache(str(tmp_path / "cache"), threshold=0, mode=MODE)
    cache.set("session:a", SHORT, timeout=60)
    real_flock = fcntl.flock
    replaced = []

    def another_writer_first(fd, operation):
        if operation == fcntl.LOCK_EX and not replaced:
            replaced.append("writing")
            replaced[0] = other.write_new_file(other._get_filename("session:a"), b"\0\0\0\0\x80")
        return real_flock(fd, operation)

    monkeypatch.setattr(session_files.fcntl, "flock", another_writer_first)
    assert cache.set("session:a", RECORD, timeout=60)
    assert replaced == [True]
    assert cache.get("session:a") == RECORD  # written as a new file, after the other one


def test_the_sweep_leaves_an_entry_renamed_over_the_expired_one_it_locked(tmp_path, clock, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=10)
    clock.advance(seconds=11)
    filename = cache._get_filename("session:a")
    real_flock = fcntl.flock
    fresh = []

    def renamed_over_meanwhile(fd, operation):
        result = real_flock(fd, operation)
        if not fresh:  # a writer that takes no lock (CacheLib's own set) renames a fresh entry over it
            fresh.append(True)
            other = tmp_path / "fresh"
            other.write_bytes(b"\0\0\0\0\x80")
            os.replace(other, filename)
        return result

    monkeypatch.setattr(session_files.fcntl, "flock", renamed_over_meanwhile)
    cache.remove_expired()
    monkeypatch.setattr(session_files.fcntl, "flock", real_flock)
    assert cache.get("session:a") == {}


@pytest.mark.parametrize("refusal", [errno.ENOLCK, errno.EBADF])
def test_without_working_locks_entries_are_written_whole_by_renaming(tmp_path, monkeypatch, refusal):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=60)
    before = inode(cache, "session:a")

    def refuse(fd, operation):
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(session_files.fcntl, "flock", refuse)
    assert cache.set("session:a", RECORD, timeout=60)
    assert inode(cache, "session:a") != before
    assert cache.get("session:a") == RECORD


def rewrite_until_stopped(path: str, stop) -> None:
    cache = PlainFileCache(path, threshold=0, mode=MODE)
    n = 0
    while not stop.is_set():
        assert cache.set("session:a", LONG if n % 2 else SHORT, timeout=60)
        n += 1


def test_readers_in_another_process_only_ever_see_whole_entries(tmp_path):
    """At least 3,000 reads while another process rewrites, until both versions were seen (10 s at most)."""
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", LONG, timeout=60)
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    writer = context.Process(target=rewrite_until_stopped, args=(str(tmp_path / "cache"), stop))
    writer.start()
    seen, reads, deadline = set(), 0, time.monotonic() + 10
    try:
        while (reads < 3000 or len(seen) < 2) and time.monotonic() < deadline and writer.is_alive():
            entry = cache.get("session:a")
            assert entry in (SHORT, LONG)
            seen.add(len(str(entry)))
            reads += 1
    finally:
        stop.set()
        writer.join(10)
    assert writer.exitcode == 0
    assert len(seen) == 2
