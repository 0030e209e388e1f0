"""A form that is only a button (`button_form`: "Sign out", "Delete recipe") drawn in one Python call.

The layout draws the sign-out button on every signed-in page. As a Jinja macro, its
five expressions and the macro call itself cost about 19 us a page (CPU, 2026-12-01),
as much as drawing a whole text field; `ButtonForm` writes the markup the macro
wrote, byte for byte (`tests/test_button_form.py` renders the old macro beside it),
with the CSRF token from the function it is given (the template's `csrf_token`).
"""

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from macros.escaping import quick_escape


class ButtonForm:
    """`button_form(action, label, button_class, form_class, name, value)`: POST with its CSRF token, no fields."""

    def __init__(self, csrf_token: Callable[[], str]) -> None:
        self.csrf_token = csrf_token

    def __call__(
        self,
        action: Any,
        label: Any,
        button_class: Any = "btn btn-primary",
        form_class: Any = "d-inline",
        name: Any = None,
        value: Any = None,
    ) -> Markup:
        named = f' name="{quick_escape(name)}" value="{quick_escape(value)}"' if name else ""
        return Markup(  # noqa: S704 (every value is escaped as it is written)
            f'<form method="post" action="{quick_escape(action)}" class="{quick_escape(form_class)}">\n'
            f'  <input type="hidden" name="csrf_token" value="{quick_escape(self.csrf_token())}">\n'
            f'  <button type="submit" class="{quick_escape(button_class)}"{named}>{quick_escape(label)}</button>\n'
            "</form>"
        )
