"""What each speed trick that copies a library's internals saves on a form page, side by side.

Times (in CPU time) in-app GETs of the registration's account and profile steps, in alternating
rounds, with everything on ("as built") and with one trick off at a time:

- `templating.py`'s Jinja environment (a plain-set comparison of template globals);
- `forms/base.py`'s attribute writer (WTForms' own `html_params` and TextArea instead);
- `forms/csrf.py`'s token signing from a cached payload (Flask-WTF's `generate_csrf` instead);
- `macros/escaping.py`'s use of MarkupSafe's C escaper (a `str.translate` table instead).

    .venv/bin/python bench/speed_tricks.py [--rounds 5] [--requests 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from flask.templating import Environment  # noqa: E402
from flask_wtf.csrf import generate_csrf  # noqa: E402
from wtforms.widgets import html_params  # noqa: E402

import forms.base  # noqa: E402
import forms.csrf  # noqa: E402
import forms.fields  # noqa: E402
import macros.escaping  # noqa: E402
import templating  # noqa: E402
from bench.wizard_walk import formwork_app  # noqa: E402
from tests.registration_client import Registration  # noqa: E402


@contextmanager
def plain_environment():
    """Apps built inside use Flask's own Jinja environment."""
    templating.FormworkFlask.jinja_environment = Environment
    try:
        yield
    finally:
        templating.FormworkFlask.jinja_environment = templating.FormworkEnvironment


@contextmanager
def wtforms_attribute_writer():
    """Widgets (the country select's options aside) render with WTForms' own html_params while inside."""
    quick, quick_params = forms.base.quick_widget, forms.fields.quick_html_params
    forms.base.quick_widget = lambda widget: widget
    forms.fields.quick_html_params = html_params
    try:
        yield
    finally:
        forms.base.quick_widget, forms.fields.quick_html_params = quick, quick_params


@contextmanager
def flask_wtf_signing():
    """Form pages sign their CSRF token with Flask-WTF's own generate_csrf while inside."""
    quick = forms.csrf.CachedPayloadCSRF.generate_csrf_token
    forms.csrf.CachedPayloadCSRF.generate_csrf_token = lambda self, field: generate_csrf(
        self.meta.csrf_secret, self.meta.csrf_field_name
    )
    try:
        yield
    finally:
        forms.csrf.CachedPayloadCSRF.generate_csrf_token = quick


@contextmanager
def translate_escaping():
    """The Python fast paths escape text with str.translate, not MarkupSafe's C escaper, while inside."""
    quick = macros.escaping.escape_text
    macros.escaping.escape_text = macros.escaping.translate_escape
    try:
        yield
    finally:
        macros.escaping.escape_text = quick


@contextmanager
def nothing():
    yield


def step_urls(app) -> tuple[object, list[str]]:
    """A client with a registration whose account step is done, and the two step URLs."""
    client = app.test_client()
    registration = Registration(client)
    registration.complete("account")
    return client, [registration.url("account"), registration.url("profile")]


def timed(client, urls: list[str], requests: int) -> float:
    """CPU seconds of this process per GET over `requests` GETs of `urls` in turn.

    CPU time, not wall time: on a shared machine other processes would otherwise
    decide the result.
    """
    began = time.process_time()
    for number in range(requests):
        response = client.get(urls[number % len(urls)])
        assert response.status_code == 200
    return (time.process_time() - began) / requests


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200, help="GETs per variant per round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="formwork-bench-") as workdir:
        built = formwork_app(os.path.join(workdir, "a"), "file")
        with plain_environment():
            plain = formwork_app(os.path.join(workdir, "b"), "file")
        variants = [
            ("as built", built, nothing),
            ("Flask's Jinja environment", plain, nothing),
            ("WTForms' attribute writer", built, wtforms_attribute_writer),
            ("Flask-WTF's CSRF signing", built, flask_wtf_signing),
            ("str.translate escaping", built, translate_escaping),
        ]
        clients = {name: step_urls(app) for name, app, _ in variants}
        samples: dict[str, list[float]] = {name: [] for name in clients}
        for round_number in range(args.rounds + 1):  # the first round warms up
            shift = round_number % len(variants)  # each variant takes each turn in the round
            for name, _, switch in variants[shift:] + variants[:shift]:
                client, urls = clients[name]
                with switch():
                    spent = timed(client, urls, args.requests)
                if round_number:
                    samples[name].append(spent)
    per_get = {name: 1000 * statistics.median(values) for name, values in samples.items()}
    print(
        f"step GET (account + profile), in app, CPU ms (median of {args.rounds} rounds"
        f" x {args.requests} GETs per variant)"
    )
    base = per_get["as built"]
    for name, ms in per_get.items():
        print(f"{name:28} {ms:7.3f} ms/GET   {ms - base:+7.3f} ms   x{ms / base:.3f}")


if __name__ == "__main__":
    sys.exit(main())
