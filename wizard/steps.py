"""Steps of a wizard: what a step is, and how its answers read back."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from typing import ClassVar

from flask_wtf import FlaskForm

from wizard.formdata import form_to_formdata
from wizard.formdata import stored_fields
from wizard.formdata import to_multidict
from wizard.run import Answers
from wizard.run import Run
from wizard.summary import answer_rows
from wizard.summary import display_value


@dataclass(frozen=True)
class Step:
    """One page of a wizard. Subclass to store more than the form's data."""

    name: str
    form_class: type[FlaskForm]
    title: str
    condition: Callable[[Answers], bool] | None = None
    # Field names that are controls rather than answers: left off the review page.
    not_answers: ClassVar[frozenset[str]] = frozenset()

    def is_active(self, answers: Answers) -> bool:
        """Whether this step applies, given the answers so far."""
        return self.condition is None or self.condition(answers)

    def make_form(self, run: Run, **kwargs: Any) -> FlaskForm:
        """Build the step's form; `kwargs` go to the form class (formdata, meta)."""
        return self.form_class(**kwargs)

    def make_stored_form(self, run: Run, formdata: Any) -> FlaskForm:
        """The form over stored answers (no CSRF: they come from storage, not a post)."""
        return self.make_form(run, formdata=formdata, meta={"csrf": False})

    def accept(self, form: FlaskForm, run: Run) -> None:
        """Store a validated form. The default keeps its cleaned data as form data."""
        run.answers[self.name] = form_to_formdata(form)

    def absorb_files(self, form: FlaskForm, run: Run) -> None:
        """Keep uploaded files that passed their own validators, even if the rest failed.

        The engine has run those validators by then, on Back too (which skips the rest).
        """

    def summary(self, run: Run) -> list[tuple[str, str]]:
        """(label, answer) pairs for the review page: the stored fields a person filled in, never secrets.

        Read from the stored answers (wizard.summary); a form whose fields cannot be read
        that way is built over them. A step whose `make_form` changes the form's fields
        per run overrides this.
        """
        answers = run.answers[self.name]
        rows = answer_rows(self.form_class, answers, self.not_answers)
        if rows is not None:
            return rows
        form = self.make_stored_form(run, to_multidict(answers))
        return [
            (field.label.text, display_value(field))
            for field in stored_fields(form)
            if field.type != "HiddenField" and field.name not in self.not_answers
        ]
