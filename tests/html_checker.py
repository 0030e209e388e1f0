"""The Nu HTML Checker (the W3C's vnu.jar, pinned in package.json), run once over many pages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
CHECK_TIMEOUT_SECONDS = 300


def checker_command() -> list[str]:
    """`java -jar vnu.jar`; skips with the reason (fails under REQUIRE_SERVICES=1) when either is missing."""
    java = shutil.which("java")
    reason = None
    if java is None:
        reason = "Java is not installed (apt-get install -y default-jre-headless)"
    elif not VNU_JAR.is_file():
        reason = f"{VNU_JAR.relative_to(ROOT) if VNU_JAR.is_relative_to(ROOT) else VNU_JAR} is missing (run `make vnu`)"
    if reason:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"the HTML checker must run under REQUIRE_SERVICES=1, but {reason}")
        pytest.skip(f"no HTML checker: {reason}")
    # A short run: the quick JIT tier and the serial collector halve the checker's time here.
    return [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR)]


def html_errors(pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Check every page in one checker run: {page name: ["line N: message", ...]} for pages with errors."""
    command = checker_command()
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    run = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--stdout", *(str(folder / file) for file in names)],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_SECONDS,
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker gave no report (exit {run.returncode}): {run.stderr[-2000:]}")
    errors: dict[str, list[str]] = {}
    for message in messages:
        url = message.get("url", "")
        name = names.get(url.rpartition("/")[2], url or "the checker itself")
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors
