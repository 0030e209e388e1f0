"""Browser fixtures: the app served on loopback, driven by the system Chromium."""

import os
import threading
from contextlib import contextmanager
from functools import cache

import pytest
from werkzeug.serving import make_server

from app import create_app
from extensions import db
from tests.conftest import overrides_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = {"serious", "critical"}
# An <img>'s width once it has loaded (decode() waits for it, and fails on a broken image).
LOADED_WIDTH = "img => img.decode().then(() => img.naturalWidth)"
ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "..", "test-artifacts")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{CHROMIUM} is missing but REQUIRE_SERVICES=1 (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class LiveServer:
    """A Formwork app served by Werkzeug on 127.0.0.1 in a thread."""

    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        # A short poll: shutdown() waits for the loop to look (Werkzeug's default, 0.5 s, was
        # a third of a second's wait at the end of every browser test).
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


@contextmanager
def serving(tmp_path, **overrides):
    """A testing app (tables created, `overrides` applied) served on loopback while the block runs."""
    app = create_app(overrides_for(tmp_path, **overrides))
    with app.app_context():
        db.create_all()
    server = LiveServer(app)
    try:
        yield server
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_CONFIG", "testing")
    with serving(tmp_path) as server:
        yield server


def new_context(browser, server: LiveServer, **options):
    """A fresh browser context (cookies, storage) on `server`, scrolling without animation.

    Bootstrap scrolls smoothly unless the visitor prefers reduced motion, and Playwright waits
    for a scrolled element to stop moving before it clicks: a second or more a click on a
    tall page. Tests that need motion pass reduced_motion="no-preference".
    """
    return browser.new_context(base_url=server.url, **{"reduced_motion": "reduce", **options})


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (cookies, storage) per test; console errors collected."""
    context = new_context(browser, live_server)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


# The axe rules whose outcome a colour mode can change; the other mode is checked for these.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
OTHER_MODE = {"light": "dark", "dark": "light"}


@cache
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_findings(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's serious and critical violations on the page as it is drawn now, described.

    It waits for the page's load event first: a test that waited only for an element can
    reach here while a stylesheet is still coming (a 304 revalidation), and axe would read
    colours the page is not drawn in (a footer link's contrast failed so, once in CI).
    """
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe().axe_script)
    options = {
        "resultTypes": ["violations"],
        **({"runOnly": {"type": "rule", "values": rules}} if rules else {}),
    }
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v.get("impact") in SERIOUS
    ]


def in_mode(page, mode: str) -> None:
    """Draw the page in `mode` as theme.js does (`data-bs-theme` on <html>), transitions off."""
    page.emulate_media(reduced_motion="reduce")  # Bootstrap's colour transitions would be caught mid-way
    page.evaluate("mode => document.documentElement.setAttribute('data-bs-theme', mode)", mode)


def serious_violations(page) -> list[str]:
    """Every serious or critical axe violation of the current page, in both colour modes.

    The whole rule set runs in the mode the page is shown in; the colour rules run again
    with the page redrawn in the other mode (the only thing a mode changes is colour).
    """
    shown = page.evaluate("document.documentElement.getAttribute('data-bs-theme')")
    found = axe_findings(page)
    if shown in OTHER_MODE:
        in_mode(page, OTHER_MODE[shown])
        try:
            found += [f"{OTHER_MODE[shown]} mode: {finding}" for finding in axe_findings(page, COLOUR_RULES)]
        finally:
            in_mode(page, shown)
    return found


def screenshot(page, name: str, part=None) -> str | None:
    """With SCREENSHOTS=1 (`make screenshots`), save full-page screenshots of the current page (or
    of the locator `part` alone) in both colour modes as test-artifacts/<name>-<mode>.png
    (git-ignored), for a person to look at."""
    if os.environ.get("SCREENSHOTS") != "1":
        return None
    os.makedirs(ARTIFACTS, exist_ok=True)
    shown = page.evaluate("document.documentElement.getAttribute('data-bs-theme')") or "light"
    path = None
    for mode in (shown, OTHER_MODE.get(shown, "dark")):
        in_mode(page, mode)
        path = os.path.join(ARTIFACTS, f"{name}-{mode}.png")
        if part is None:
            page.screenshot(path=path, full_page=True)
        else:
            part.screenshot(path=path)
    in_mode(page, shown)
    return path
