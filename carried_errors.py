"""Field errors carried across a redirect, for problems found after Post/Redirect/Get.

Two cases send a person back to a form page with errors the page itself did not
find: a request too large to read (errors.handlers answers it with a redirect to
the same page), and documents refused while others in the same upload were
stored (the upload redirects so that a reload cannot store them twice). The
errors ride in the session (plain data) and are shown by the next GET of that
page, on the named fields, as if the form had found them.
"""

from collections.abc import Callable
from functools import wraps

from flask import request
from flask import session
from wtforms import FileField
from wtforms import Form

from macros.tree import walk_fields

SESSION_KEY = "carried_errors"
# Errors under this name go to every file field of the form (the page's upload), or to the
# whole form when it has none.
FILE_FIELDS = "*files*"


def carry_errors(errors: dict[str, list[str]], path: str | None = None) -> None:
    """Show `errors` ({field name: messages}) on the form of the next GET of `path` (this page)."""
    session[SESSION_KEY] = {"path": path or request.path, "errors": errors}


def attach_carried_errors(form: Form) -> bool:
    """Put errors carried to this page onto `form`'s fields; True when there were any."""
    carried = session.get(SESSION_KEY)
    if not carried or carried.get("path") != request.path:
        return False
    session.pop(SESSION_KEY)
    by_name = {field.name: field for field in walk_fields(form)}
    for name, messages in carried.get("errors", {}).items():
        if name == FILE_FIELDS:
            targets = [field for field in by_name.values() if isinstance(field, FileField)]
        else:
            targets = [by_name[name]] if name in by_name else []
        for field in targets:
            field.errors = [*field.errors, *messages]
        if not targets:  # no such field on this form (a page without files): a form-wide error
            form.form_errors = [*form.form_errors, *messages]
    return True


def back_to_form_when_too_large(view: Callable) -> Callable:
    """Mark a form view: a POST too large to read comes back to its page with a field error."""

    @wraps(view)
    def marked(*args, **kwargs):
        return view(*args, **kwargs)

    marked.back_to_form_when_too_large = True  # type: ignore[attr-defined]
    return marked


def returns_to_form(view: Callable | None) -> bool:
    """Whether `view` was marked with `back_to_form_when_too_large`."""
    return bool(getattr(view, "back_to_form_when_too_large", False))
