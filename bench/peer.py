"""The reference wizard (django-formtools, `../shared/bench/peer_formtools`) in its own venv.

The venv is built on first use into `.peer-venv/` (git-ignored) from the peer's
pinned requirements, with the ordinary pip client, and rebuilt when they change:

    .venv/bin/python bench/peer.py      # build (or check) it and print its interpreter
"""

import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_BENCH = os.path.join(ROOT, "..", "shared", "bench")
PEER_DIR = os.path.join(SHARED_BENCH, "peer_formtools")
VENV = os.path.join(ROOT, ".peer-venv")


def present() -> bool:
    """Whether the reference wizard's source is beside this checkout."""
    return os.path.exists(os.path.join(PEER_DIR, "manage.py"))


def requirements_digest() -> str:
    with open(os.path.join(PEER_DIR, "requirements.txt"), "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def peer_python() -> str:
    """The interpreter of the peer's venv, built first if missing or out of date."""
    python = os.path.join(VENV, "bin", "python")
    stamp = os.path.join(VENV, ".requirements")
    digest = requirements_digest()
    if os.path.exists(stamp) and os.path.exists(python):
        with open(stamp, encoding="ascii") as fh:
            if fh.read().strip() == digest:
                return python
    shutil.rmtree(VENV, ignore_errors=True)
    base = getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable
    print(f"building the reference wizard's venv in {VENV} ...", file=sys.stderr)
    subprocess.run([base, "-m", "venv", VENV], check=True)
    requirements = os.path.join(PEER_DIR, "requirements.txt")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-r", requirements], check=True)
    with open(stamp, "w", encoding="ascii") as fh:
        fh.write(digest)
    return python


def peer_environment(data_dir: str) -> dict[str, str]:
    """Environment for a peer process: its data under `data_dir`, the benchmarks' cheap hash."""
    return {
        "PEER_DATA": data_dir,
        "PEER_CHEAP_HASH": "1",
        "DJANGO_SETTINGS_MODULE": "peer.settings",
        "PYTHONPATH": os.path.abspath(PEER_DIR),
    }


if __name__ == "__main__":
    if not present():
        sys.exit(f"no reference wizard at {PEER_DIR}")
    print(peer_python())
