"""The file store: CacheLib's files, an entry rewritten in place under a lock, a new one renamed into place."""

import logging
import os
import stat
import time

import pytest
from cachelib.file import FileSystemCache

import session_files
from session_files import PlainFileCache

RECORD = {"answers": {"account": {"username": ["ada"]}}, "touched": 1.5}
LONG = {"answers": {"profile": {"street": ["x" * 900]}}}
SHORT = {"n": 1}

# Not mkstemp's own 0o600, so that a write which forgot to set the mode shows.
MODE = 0o640


def cache_in(path) -> PlainFileCache:
    path.mkdir()
    return PlainFileCache(str(path), threshold=0, mode=MODE)


def only_file(path) -> bytes:
    (name,) = os.listdir(path)  # no temporary file left beside it
    assert stat.S_IMODE(os.stat(path / name).st_mode) == MODE
    return (path / name).read_bytes()


def inode(cache: PlainFileCache, key: str) -> int:
    return os.stat(cache._get_filename(key)).st_ino


@pytest.mark.parametrize("earlier", [None, LONG, SHORT], ids=["new", "after-longer", "after-shorter"])
@pytest.mark.parametrize("timeout", [0, 3600])
def test_an_entry_is_the_file_cachelib_writes(tmp_path, timeout, earlier, monkeypatch):
    # One instant for every write (both caches read it through cachelib.file), so no second ticks between them.
    now = time.time()
    monkeypatch.setattr("cachelib.file.time", lambda: now)
    lean, plain = cache_in(tmp_path / "lean"), cache_in(tmp_path / "plain")
    if earlier is not None:
        assert lean.set("wizard:registration:x", earlier, timeout=60)
    assert lean.set("wizard:registration:x", RECORD, timeout=timeout)
    assert FileSystemCache.set(plain, "wizard:registration:x", RECORD, timeout=timeout)
    assert only_file(tmp_path / "lean") == only_file(tmp_path / "plain")
    assert lean.get("wizard:registration:x") == RECORD
    assert FileSystemCache.get(lean, "wizard:registration:x") == RECORD


def test_a_new_entry_appears_whole_by_renaming_a_complete_file(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        with open(source, "rb") as complete:
            written = complete.read()
        renamed.append((os.path.basename(source), cache.get("session:a"), written))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    cache.set("session:a", {"n": 1}, timeout=60)
    assert renamed and renamed[0][0].endswith(cache._fs_transaction_suffix)
    assert renamed[0][1] is None  # nobody saw the entry before it was whole
    assert renamed[0][2] == only_file(tmp_path / "cache")


def test_an_entry_outgrowing_its_disk_blocks_is_written_as_a_new_file(tmp_path):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=60)
    before = inode(cache, "session:a")
    grown = {"blob": "y" * 20_000}
    assert cache.set("session:a", grown, timeout=60)
    assert inode(cache, "session:a") != before
    assert cache.get("session:a") == grown
    assert len(os.listdir(tmp_path / "cache")) == 1


def test_an_entry_larger_than_a_memory_page_is_always_written_as_a_new_file(tmp_path):
    """A rewrite of more than one page could be cut short between pages: new bytes, then old ones."""
    cache = cache_in(tmp_path / "cache")
    big = {"blob": "y" * (session_files.PAGE_SIZE * 2)}
    cache.set("session:a", big, timeout=60)
    before = inode(cache, "session:a")
    bigger = {"blob": "z" * (session_files.PAGE_SIZE * 2)}
    assert cache.set("session:a", bigger, timeout=60)
    assert inode(cache, "session:a") != before
    assert cache.get("session:a") == bigger


def test_a_symlink_at_an_entrys_place_is_replaced_not_followed(tmp_path):
    cache = cache_in(tmp_path / "cache")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"not yours")
    os.symlink(elsewhere, cache._get_filename("session:a"))
    assert cache.set("session:a", RECORD, timeout=60)
    assert elsewhere.read_bytes() == b"not yours"
    assert cache.get("session:a") == RECORD


def test_data_that_is_not_plain_leaves_the_old_entry_and_no_file(tmp_path):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", {"n": 1}, timeout=60)
    with pytest.raises(TypeError):
        cache.set("session:a", {"n": object()}, timeout=60)
    assert cache.get("session:a") == {"n": 1}
    assert len(os.listdir(tmp_path / "cache")) == 1


def test_a_refused_new_file_says_so_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")

    def refuse(*args):
        raise PermissionError(13, "refused")

    monkeypatch.setattr(os, "fchmod", refuse)
    assert cache.set("session:a", {"n": 1}, timeout=60) is False
    assert os.listdir(tmp_path / "cache") == []


def test_a_refused_rewrite_says_so(tmp_path, monkeypatch, caplog):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", {"n": 1}, timeout=60)

    def refuse(*args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "pwrite", refuse)
    with caplog.at_level(logging.WARNING):
        assert cache.set("session:a", {"n": 2}, timeout=60) is False
    assert "Exception raised while handling cache file" in caplog.text


def test_a_replace_that_keeps_being_refused_says_so_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    """CacheLib retries a PermissionError (SMB, a sticky folder) for ten seconds, then gives up quietly."""
    cache = cache_in(tmp_path / "cache")

    def refuse(*args):
        raise PermissionError(13, "refused")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr("cachelib.file.sleep", lambda seconds: None)
    assert cache.set("session:new", {"n": 1}, timeout=60) is False
    assert os.listdir(tmp_path / "cache") == []
    assert cache.get("session:new") is None


@pytest.mark.parametrize("damage", [b"", b"\x01\x02", b"\0\0\0\0\xc1", b"\0\0\0\0\x01\x02"])
def test_a_damaged_entry_reads_as_missing_and_is_logged(tmp_path, damage, caplog):
    cache = cache_in(tmp_path / "cache")
    with open(cache._get_filename("session:a"), "wb") as file:
        file.write(damage)
    with caplog.at_level(logging.WARNING):
        assert cache.get("session:a") is None
    assert "Exception raised while handling cache file" in caplog.text


def test_an_expired_entry_reads_as_missing(tmp_path, clock):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", SHORT, timeout=10)
    clock.advance(seconds=11)
    assert cache.get("session:a") is None


def test_the_sweep_removes_expired_entries_only(tmp_path, clock):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:old", SHORT, timeout=10)
    cache.set("session:live", SHORT, timeout=3600)
    cache.set("session:forever", SHORT, timeout=0)
    clock.advance(seconds=11)
    cache.remove_expired()
    assert len(os.listdir(tmp_path / "cache")) == 2
    assert cache.get("session:live") == SHORT and cache.get("session:forever") == SHORT


def test_a_counted_cache_keeps_cachelibs_own_write(tmp_path):
    (tmp_path / "counted").mkdir()
    cache = PlainFileCache(str(tmp_path / "counted"), threshold=10, mode=MODE)
    cache.set("a", {"n": 1}, timeout=60)
    assert cache._file_count == 1 and cache.get("a") == {"n": 1}


def test_a_new_file_written_short_is_written_on_until_whole(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    assert cache.set("session:a", {"n": 1, "note": "x" * 50}, timeout=60) is True
    monkeypatch.undo()
    assert cache.get("session:a") == {"n": 1, "note": "x" * 50}


def test_a_new_file_the_disk_takes_nothing_more_of_says_so_and_leaves_no_temporary_file(
    tmp_path, monkeypatch, caplog
):
    cache = cache_in(tmp_path / "cache")
    real_write = os.write
    written = []

    def full_disk(fd, data):  # a first short write, then nothing: the disk is full
        if written:
            return 0
        written.append(real_write(fd, bytes(data[:3])))
        return written[-1]

    monkeypatch.setattr(os, "write", full_disk)
    with caplog.at_level(logging.WARNING):
        assert cache.set("session:a", {"n": 1}, timeout=60) is False
    assert "Exception raised while handling cache file" in caplog.text
    assert os.listdir(tmp_path / "cache") == []
    assert cache.get("session:a") is None


def test_a_temporary_file_that_cannot_be_created_says_so(tmp_path, monkeypatch, caplog):
    cache = cache_in(tmp_path / "cache")
    real_open = os.open

    def refuse_new_files(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(13, "refused")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_new_files)
    with caplog.at_level(logging.WARNING):
        assert cache.set("session:a", {"n": 1}, timeout=60) is False
    assert "Exception raised while handling cache file" in caplog.text
    assert os.listdir(tmp_path / "cache") == []


def test_temporary_files_have_their_own_names_and_are_not_entries(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    sources = []
    real_replace = os.replace
    monkeypatch.setattr(
        os, "replace", lambda source, target: sources.append(source) or real_replace(source, target)
    )
    cache.set("session:a", {"n": 1}, timeout=60)
    bigger = {"text": "x" * session_files.PAGE_SIZE}
    cache.set("session:a", bigger, timeout=60)  # larger than a page: a second new file
    assert len(set(sources)) == 2
    left_by_a_crash = tmp_path / "cache" / os.path.basename(sources[0])
    left_by_a_crash.write_bytes(b"half")
    assert list(cache._list_dir()) == [cache._get_filename("session:a")]
    cache.remove_expired()
    assert cache.get("session:a") == bigger


def test_an_entry_larger_than_one_read_comes_back_whole(tmp_path):
    cache = cache_in(tmp_path / "c")
    huge = {"blob": "h" * (session_files.READ_SIZE * 3 + 17)}
    assert cache.set("session:a", huge, timeout=60)
    assert cache.get("session:a") == huge


def test_an_entry_that_is_a_directory_reads_as_missing_and_is_logged(tmp_path, caplog):
    cache = cache_in(tmp_path / "c")
    os.mkdir(cache._get_filename("session:a"))
    with caplog.at_level(logging.WARNING):
        assert cache.get("session:a") is None
    assert "Exception raised while handling cache file" in caplog.text


@pytest.mark.parametrize("key", ["session:abc", "wizard:registration:Zx8-_", "ü", ""])
def test_an_entrys_file_name_is_cachelibs(tmp_path, key):
    cache = cache_in(tmp_path / "c")
    assert cache._get_filename(key) == FileSystemCache._get_filename(cache, key)
    assert cache._get_filename(key) == FileSystemCache._get_filename(cache, key)  # and again, kept


def test_a_key_that_is_not_a_string_is_refused_as_cachelib_refuses_it(tmp_path):
    with pytest.raises(TypeError, match="Key must be a string"):
        cache_in(tmp_path / "c")._get_filename(42)
