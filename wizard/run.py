"""A wizard run as plain data: what one registration (or order, ...) in progress holds.

A `Run` knows nothing of its wizard and cannot save itself: the `Wizard` decides
where it goes next, and `WizardStorage` keeps it.
"""

from dataclasses import dataclass
from dataclasses import field
from typing import Any

# What a browser posts for one form: field name -> its values.
FormData = dict[str, list[str]]


@dataclass
class Run:
    """One wizard in progress, or (with a `result`) one already finished."""

    wid: str
    answers: dict[str, FormData] = field(default_factory=dict)  # step name -> accepted form data
    drafts: dict[str, FormData] = field(default_factory=dict)  # step name -> unvalidated, typed before Back
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # step name -> field errors to show
    extra: dict[str, Any] = field(default_factory=dict)  # what steps keep besides form data (a hash, a file)
    result: dict[str, Any] | None = None  # set once finished: what `done` left (a user id)

    @property
    def is_finished(self) -> bool:
        return self.result is not None


class Answers:
    """Read-only view of a run's accepted answers, for step conditions and `done`."""

    def __init__(self, answers: dict[str, FormData]) -> None:
        self._answers = answers

    def get(self, step: str, field: str, default: str | None = None) -> str | None:
        """The first value of `field` on `step`, or `default`."""
        values = self._answers.get(step, {}).get(field)
        return values[0] if values else default

    def getlist(self, step: str, field: str) -> list[str]:
        """Every value of `field` on `step`."""
        return list(self._answers.get(step, {}).get(field, []))
