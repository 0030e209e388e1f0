"""What one session or run record write costs: CacheLib's own, and the file store's, side by side.

Writes the same record again and again under a few hundred keys in a throw-away folder on
the disk the app would use (TMPDIR, else /tmp), in alternating rounds: CacheLib's
`FileSystemCache.set` (a new temporary file renamed over the old one) and `PlainFileCache.set`
(session_files.py: the existing file rewritten in place under a lock), and a read of each.

    .venv/bin/python bench/record_writes.py [--rounds 7] [--keys 300]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from cachelib.file import FileSystemCache  # noqa: E402

from session_files import PlainFileCache  # noqa: E402

RECORD = {
    "answers": {"account": {"username": ["bench1"], "email": ["bench1@example.com"]}},
    "note": "x" * 600,
}


def per_call_us(call, keys: list[str]) -> float:
    began = time.perf_counter()
    for key in keys:
        call(key)
    return 1e6 * (time.perf_counter() - began) / len(keys)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    keys = [f"wizard:registration:{n}" for n in range(args.keys)]
    figures: dict[str, list[float]] = {"CacheLib set": [], "file store set": [], "file store get": []}
    with tempfile.TemporaryDirectory(prefix="formwork-records-") as folder:
        cache = PlainFileCache(folder, threshold=0, mode=0o600)
        for key in keys:
            cache.set(key, RECORD, timeout=3600)  # every entry exists: each write below is a rewrite
        for _ in range(args.rounds):
            figures["CacheLib set"].append(
                per_call_us(lambda key: FileSystemCache.set(cache, key, RECORD, timeout=3600), keys)
            )
            figures["file store set"].append(
                per_call_us(lambda key: cache.set(key, RECORD, timeout=3600), keys)
            )
            figures["file store get"].append(per_call_us(cache.get, keys))
    print(
        f"record writes in {tempfile.gettempdir()}: {args.rounds} rounds x {args.keys} keys, µs per call (median)"
    )
    for what, values in figures.items():
        print(f"  {what:16} {statistics.median(values):8.1f}")
    ratio = statistics.median(
        a / b for a, b in zip(figures["file store set"], figures["CacheLib set"], strict=True)
    )
    print(f"ratio file store / CacheLib, rewriting an entry (median of per-round ratios): {ratio:.3f}")


if __name__ == "__main__":
    main()
