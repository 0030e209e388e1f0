"""A wizard run: one registration (or order, ...) in progress, and its navigation state."""

from typing import TYPE_CHECKING
from typing import Any

from wizard.steps import Answers
from wizard.steps import Step

if TYPE_CHECKING:
    from wizard.engine import Wizard


class Run:
    """One wizard in progress: its id, its stored record, and what follows from them."""

    def __init__(self, wizard: "Wizard", wid: str, record: dict[str, Any]) -> None:
        self.wizard = wizard
        self.wid = wid
        self.record = record

    @property
    def steps(self) -> dict[str, dict[str, list[str]]]:
        return self.record.setdefault("steps", {})

    @property
    def drafts(self) -> dict[str, dict[str, list[str]]]:
        return self.record.setdefault("drafts", {})

    @property
    def errors(self) -> dict[str, dict[str, list[str]]]:
        return self.record.setdefault("errors", {})

    @property
    def extra(self) -> dict[str, Any]:
        """Plain data a step keeps besides its form data (a password hash, a file name)."""
        return self.record.setdefault("extra", {})

    @property
    def finished(self) -> dict[str, Any] | None:
        return self.record.get("finished")

    @property
    def answers(self) -> Answers:
        return Answers(self.steps)

    def active_steps(self) -> list[Step]:
        answers = self.answers
        return [step for step in self.wizard.steps if step.is_active(answers)]

    def is_complete(self, step: Step) -> bool:
        """Accepted, and not since left with unvalidated changes (a draft) or errors."""
        return step.name in self.steps and step.name not in self.drafts and step.name not in self.errors

    def first_incomplete(self, before: Step | None = None) -> Step | None:
        """The first active step not complete (only those before `before`, if given)."""
        for step in self.active_steps():
            if step is before:
                return None
            if not self.is_complete(step):
                return step
        return None

    def save(self) -> None:
        self.wizard.storage.save(self.wid, self.record)
