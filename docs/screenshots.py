"""Screenshots of every page a visitor meets, light, dark and 375 px wide, for a person to look at.

    .venv/bin/python docs/screenshots.py [OUT_DIR]        # every page, full length (default test-artifacts/screenshots/)
    .venv/bin/python docs/screenshots.py --readme         # the README's few, into docs/screenshots/

The app runs on loopback with a throw-away SQLite database; the system Chromium draws it.
"""

import logging
import sys
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from app import create_app
from extensions import db
from tests.browser.conftest import CHROMIUM
from tests.browser.conftest import CHROMIUM_FLAGS
from tests.browser.conftest import LiveServer
from tests.browser.registration_steps import fill_account
from tests.browser.registration_steps import fill_profile
from tests.conftest import overrides_for
from tests.conftest import testing_environment

DOCS = Path(__file__).resolve().parent / "screenshots"
ARTIFACTS = DOCS.parent.parent / "test-artifacts" / "screenshots"
# (file name, colour scheme, viewport width) of the README's pictures: one screen each, not the full page.
README_SHOTS = {
    "home": ("light", 1280),
    "register-profile-errors": ("light", 1280),
    "register-review": ("dark", 1280),
    "home-375": ("light", 375),
    "register-preferences-375": ("light", 375),
}
VIEWS = [("light", 1280), ("dark", 1280), ("light", 375)]


def press(page, name: str) -> None:
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def visit(page, shoot, username: str) -> None:
    """Walk the site as a new visitor who registers, shooting each page on the way."""
    signed_out = [("/", "home"), ("/terms", "terms"), ("/gallery", "gallery"), ("/contact", "contact")]
    for path, name in [*signed_out, ("/password/forgot", "password-forgot"), ("/login", "login")]:
        page.goto(path)
        shoot(name)
    press(page, "Sign in")
    shoot("login-errors")
    page.goto("/no-such-page")
    shoot("404")
    page.goto("/register")
    shoot("register-account")
    press(page, "Continue")
    shoot("register-account-errors")
    fill_account(page, username, f"{username}@example.com")
    press(page, "Continue")
    press(page, "Continue")
    shoot("register-profile-errors")
    fill_profile(page, "Grace", "Hopper", "1 Navy Way", "Arlington", "22202", "US")
    press(page, "Continue")
    shoot("register-preferences")
    page.get_by_label("I agree to the terms of use").check()
    press(page, "Continue to review")
    shoot("register-review")
    press(page, "Create my account")
    shoot("profile")
    for path, name in [
        ("/", "home-signed-in"),
        ("/documents", "documents"),
        ("/account/password", "account-password"),
    ]:
        page.goto(path)
        shoot(name)


class Shooter:
    """Screenshots of one browser context (a colour scheme and a width) into `out`."""

    def __init__(self, page, out: Path, scheme: str, width: int, readme: bool) -> None:
        self.page, self.out, self.scheme, self.width, self.readme = page, out, scheme, width, readme
        self.taken: list[Path] = []

    def __call__(self, name: str) -> None:
        key = name + (f"-{self.width}" if self.width < 600 else "")
        if self.readme and README_SHOTS.get(key) != (self.scheme, self.width):
            return
        path = self.out / (f"{key}.png" if self.readme else f"{name}-{self.scheme}-{self.width}.png")
        self.page.screenshot(path=str(path), full_page=not self.readme)
        self.taken.append(path)


def run(out: Path, readme: bool) -> list[Path]:
    """Serve the app, take the screenshots, return their paths."""
    with tempfile.TemporaryDirectory() as tmp:
        with pytest.MonkeyPatch.context() as env:
            testing_environment(env)
            app = create_app(overrides_for(Path(tmp)))
        with app.app_context():
            db.create_all()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on the terminal
        server = LiveServer(app)
        taken: list[Path] = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                for scheme, width in VIEWS:
                    context = browser.new_context(
                        base_url=server.url, viewport={"width": width, "height": 800}
                    )
                    page = context.new_page()
                    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
                    shoot = Shooter(page, out, scheme, width, readme)
                    visit(page, shoot, f"grace_{scheme}_{width}")
                    taken += shoot.taken
                    context.close()
                browser.close()
        finally:
            server.stop()
    return taken


if __name__ == "__main__":
    readme = "--readme" in sys.argv
    args = [arg for arg in sys.argv[1:] if arg != "--readme"]
    out = DOCS if readme else Path(args[0]) if args else ARTIFACTS
    out.mkdir(parents=True, exist_ok=True)
    for path in run(out, readme):
        print(path)
