"""The file store's lean write: the same files as CacheLib's own `set`, written atomically."""

import os
import stat

import pytest
from cachelib.file import FileSystemCache

from session_files import PlainFileCache

RECORD = {"answers": {"account": {"username": ["ada"]}}, "touched": 1.5}


# Not mkstemp's own 0o600, so that a write which forgot to set the mode shows.
MODE = 0o640


def cache_in(path) -> PlainFileCache:
    path.mkdir()
    return PlainFileCache(str(path), threshold=0, mode=MODE)


def only_file(path) -> bytes:
    (name,) = os.listdir(path)  # no temporary file left beside it
    assert stat.S_IMODE(os.stat(path / name).st_mode) == MODE
    return (path / name).read_bytes()


@pytest.mark.parametrize("timeout", [0, 3600])
def test_an_entry_is_the_file_cachelib_writes(tmp_path, timeout, monkeypatch):
    monkeypatch.setattr("cachelib.file.time", lambda: 1_700_000_000.0)
    lean, plain = cache_in(tmp_path / "lean"), cache_in(tmp_path / "plain")
    assert lean.set("wizard:registration:x", RECORD, timeout=timeout)
    assert FileSystemCache.set(plain, "wizard:registration:x", RECORD, timeout=timeout)
    assert only_file(tmp_path / "lean") == only_file(tmp_path / "plain")
    assert lean.get("wizard:registration:x") == RECORD


def test_an_entry_replaces_the_old_one_by_renaming_a_complete_file(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", {"n": 1}, timeout=60)
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        with open(source, "rb") as complete:
            written = complete.read()
        renamed.append((os.path.basename(source), cache.get("session:a"), written))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    cache.set("session:a", {"n": 2}, timeout=60)
    assert renamed and renamed[0][0].endswith(cache._fs_transaction_suffix)
    assert renamed[0][1] == {"n": 1}  # readers see the old entry until the rename
    assert cache.get("session:a") == {"n": 2}
    assert renamed[0][2] == only_file(tmp_path / "cache")  # what was renamed was already whole


def test_data_that_is_not_plain_leaves_the_old_entry_and_no_file(tmp_path):
    cache = cache_in(tmp_path / "cache")
    cache.set("session:a", {"n": 1}, timeout=60)
    with pytest.raises(TypeError):
        cache.set("session:a", {"n": object()}, timeout=60)
    assert cache.get("session:a") == {"n": 1}
    assert len(os.listdir(tmp_path / "cache")) == 1


def test_a_refused_write_says_so_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    cache = cache_in(tmp_path / "cache")

    def refuse(*args):
        raise PermissionError(13, "refused")

    monkeypatch.setattr(os, "fchmod", refuse)
    assert cache.set("session:a", {"n": 1}, timeout=60) is False
    assert os.listdir(tmp_path / "cache") == []


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


def test_a_counted_cache_keeps_cachelibs_own_write(tmp_path):
    (tmp_path / "counted").mkdir()
    cache = PlainFileCache(str(tmp_path / "counted"), threshold=10, mode=MODE)
    cache.set("a", {"n": 1}, timeout=60)
    assert cache._file_count == 1 and cache.get("a") == {"n": 1}
