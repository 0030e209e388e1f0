"""The wizard engine: declared steps, navigation rules, storage and final revalidation.

A wizard is a `Wizard` subclass that lists its steps and overrides `done`. The
engine gives it three URLs under a prefix: a start URL that opens a new run
(`wid`), one page per step, and a review page whose confirm re-validates every
stored step before calling `done`. What the engine guarantees:

- `next` validates only the current step; `back` keeps what was typed, unvalidated;
- a step asked for before the earlier ones are complete redirects to the first
  incomplete one; after a change from review, the user returns to review;
- unknown step: 404; unknown, expired or foreign `wid`: 410 page;
- passwords and files never go into storage: steps store what they need
  (a hash, a stored file name) in `run.extra`.

Calls go one way: engine -> steps and storage -> record backend. The hooks a
subclass may override are `done`, `refusal`, `finished_run_response` and
`repeated_confirm_response`.
"""

from collections.abc import Callable
from typing import ClassVar

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import FileField

from carried_errors import attach_carried_errors
from carried_errors import back_to_form_when_too_large
from macros.tree import walk_fields
from wizard.expiry import duration_words
from wizard.formdata import field_errors
from wizard.formdata import request_to_draft
from wizard.formdata import to_multidict
from wizard.run import Answers
from wizard.run import Run
from wizard.steps import Step
from wizard.storage import WizardStorage
from wizard.urls import RunUrls

RESERVED_STEP_NAMES = {"review", "start", "continue"}


class Wizard:
    """A declared sequence of steps served under `url_prefix` by its own blueprint."""

    template: ClassVar[str] = "wizard/step.html"
    # The review page's form (only its CSRF token); a product passes its hardened base form.
    confirm_form_class: ClassVar[type[FlaskForm]] = FlaskForm
    # Decorators for the review view (a rate limit on confirm, say).
    review_decorators: ClassVar[list[Callable]] = []

    def __init__(self, name: str, steps: list[Step], *, title: str, url_prefix: str) -> None:
        names = [step.name for step in steps]
        if len(set(names)) != len(names) or RESERVED_STEP_NAMES & set(names):
            raise ValueError(f"step names must be unique and not {sorted(RESERVED_STEP_NAMES)}")
        self.name = name
        self.title = title
        self.steps = steps
        self.by_name = {step.name: step for step in steps}
        self.storage = WizardStorage(name)
        self.urls = RunUrls(name)
        self.blueprint = Blueprint(name, __name__, url_prefix=url_prefix)
        self.blueprint.add_url_rule("", "start", self.start_view)
        review = self.review_view
        for decorate in self.review_decorators:
            review = decorate(review)
        self.blueprint.add_url_rule("/<wid>/review", "review", review, methods=["GET", "POST"])
        step_view = back_to_form_when_too_large(self.step_view)
        self.blueprint.add_url_rule("/<wid>/<step>", "step", step_view, methods=["GET", "POST"])

    # Hooks ------------------------------------------------------------------

    def done(self, run: Run, forms: dict[str, FlaskForm]) -> Response:
        """Act on a confirmed run whose every step re-validated; finish it with `storage.finish`."""
        raise NotImplementedError

    def refusal(self, run: Run | None) -> ResponseReturnValue | None:
        """What to answer instead of the wizard (a signed-in user on a sign-up), or None to go on.

        `run` is the run being visited (None when starting one).
        """
        return None

    def finished_run_response(self, run: Run) -> Response:
        """The answer to any visit of a finished run: never do it twice."""
        abort(410)

    def repeated_confirm_response(self, run: Run) -> Response | None:
        """The answer to a confirm that raced or replayed an earlier, successful one, or None.

        Asked whenever a confirm fails (revalidation, or `confirm_failed` from `done`):
        that run's answers now read as "taken".
        """
        return None

    # Navigation -------------------------------------------------------------

    def active_steps(self, run: Run) -> list[Step]:
        """The steps that apply, given the run's answers so far."""
        answers = Answers(run.answers)
        return [step for step in self.steps if step.is_active(answers)]

    def is_complete(self, run: Run, step: Step) -> bool:
        """Accepted, and not since left with unvalidated changes (a draft) or errors."""
        return step.name in run.answers and step.name not in run.drafts and step.name not in run.errors

    def first_incomplete(self, run: Run, before: Step | None = None) -> Step | None:
        """The first active step not complete (only those before `before`, if given)."""
        for step in self.active_steps(run):
            if step is before:
                return None
            if not self.is_complete(run, step):
                return step
        return None

    def step_url(self, run: Run, step: Step) -> str:
        """The URL of one step of this run."""
        return self.urls.page(run.wid, step.name)

    def next_url(self, run: Run) -> str:
        """The first incomplete step, or review when every step is complete."""
        step = self.first_incomplete(run)
        return self.step_url(run, step) if step else self.urls.page(run.wid, "review")

    def previous_url(self, run: Run, step: Step | None) -> str:
        """The active step before `step` (before review when None); the first step stays put."""
        active = self.active_steps(run)
        index = active.index(step) if step in active else len(active)
        return self.step_url(run, active[max(index - 1, 0)])

    def progress(self, run: Run) -> list[tuple[str, str]]:
        """(name, title) of the active steps, for the progress bar."""
        return [(step.name, step.title) for step in self.active_steps(run)]

    # Views ------------------------------------------------------------------

    def load(self, wid: str) -> Run | None:
        """The run `wid` of this browser, or None."""
        return self.storage.load(wid)

    def expired_response(self, wid: str) -> tuple[str, int]:
        """The 410 page, saying why this run is gone (expired, signed out, another browser's); start again."""
        kept_for = duration_words(self.storage.ttl)
        reason = self.storage.why_missing(wid)
        return render_template("wizard/expired.html", wizard=self, kept_for=kept_for, reason=reason), 410

    def closed_response(self, wid: str, run: Run | None) -> ResponseReturnValue | None:
        """The answer for a run that cannot go on (finished, refused, expired), or None."""
        if run is not None and run.is_finished:
            return self.finished_run_response(run)
        refusal = self.refusal(run)
        if refusal is not None:
            return refusal
        if run is None:
            return self.expired_response(wid)
        return None

    def start_view(self) -> Response:
        """`GET <prefix>`: open a new run and go to its first step.

        Nothing here goes into the session: it already holds its CSRF value (sessions.py).
        """
        refusal = self.refusal(None)
        if refusal is not None:
            return refusal
        wid = self.storage.create()
        return redirect(self.urls.page(wid, self.steps[0].name))

    def step_view(self, wid: str, step: str) -> ResponseReturnValue:
        """`GET/POST <prefix>/<wid>/<step>`."""
        current = self.by_name.get(step)
        if current is None:
            abort(404)
        run = self.load(wid)
        response = self.closed_response(wid, run)
        if response is not None:
            return response
        if not current.is_active(Answers(run.answers)):
            return redirect(self.next_url(run))
        blocker = self.first_incomplete(run, before=current)
        if blocker is not None:
            return redirect(self.step_url(run, blocker))
        if request.method == "POST":
            return self.post_step(run, current)
        return self.render_step(run, current, self.form_for_display(run, current))

    def post_step(self, run: Run, step: Step) -> ResponseReturnValue:
        """Back keeps a draft (and any valid file); Continue validates, accepts and moves on."""
        form = step.make_form(run)
        if request.form.get("action") == "back":
            run.drafts[step.name] = request_to_draft(request.form, form)
            # Back skips form.validate(), but a file is still checked before a step keeps it.
            for field in walk_fields(form):
                if isinstance(field, FileField) and field.data:
                    field.validate(form)
            step.absorb_files(form, run)
            refused = field_errors(form)
            if refused:  # a file refused on the way back: say why when the user returns
                run.errors[step.name] = refused
            self.storage.save(run)
            return redirect(self.previous_url(run, step))
        valid = form.validate()
        step.absorb_files(form, run)
        valid = valid and not form.errors
        if valid:
            step.accept(form, run)
            run.drafts.pop(step.name, None)
            run.errors.pop(step.name, None)
        self.storage.save(run)
        if valid:
            return redirect(self.next_url(run))
        return self.render_step(run, step, form)

    def form_for_display(self, run: Run, step: Step) -> FlaskForm:
        """The step's form filled with the draft, else the stored answers, plus pending errors."""
        data = run.drafts.get(step.name, run.answers.get(step.name))
        form = step.make_form(run, formdata=to_multidict(data) if data is not None else None)
        pending = run.errors.get(step.name)
        if pending:
            for field in walk_fields(form):
                if field.name in pending:
                    field.errors = list(pending[field.name])
        attach_carried_errors(form)  # a photo too large to read, say
        return form

    def stored_form(self, run: Run, step: Step) -> FlaskForm:
        """The step's form over its stored answers, for review and the final revalidation."""
        return step.make_stored_form(run, to_multidict(run.answers[step.name]))

    def render_step(self, run: Run, step: Step, form: FlaskForm) -> str:
        """A step's page: its form, the progress bar, and Back unless it is the first."""
        active = self.active_steps(run)
        return render_template(
            self.template,
            wizard=self,
            run=run,
            step=step,
            form=form,
            number=active.index(step) + 1,
            total=len(active),
            progress=self.progress(run),
            is_first=active[0] is step,
            is_last=active[-1] is step,
        )

    def review_view(self, wid: str) -> ResponseReturnValue:
        """`GET/POST <prefix>/<wid>/review`: every answer, change links, confirm."""
        run = self.load(wid)
        response = self.closed_response(wid, run)
        if response is not None:
            return response
        blocker = self.first_incomplete(run)
        if blocker is not None:
            return redirect(self.step_url(run, blocker))
        if request.method == "POST":
            if request.form.get("action") == "back":
                return redirect(self.previous_url(run, None))
            if request.form.get("action") == "confirm":
                return self.confirm(run)
        sections = [(step, step.summary(run), self.step_url(run, step)) for step in self.active_steps(run)]
        return render_template(
            "wizard/review.html",
            wizard=self,
            run=run,
            sections=sections,
            progress=self.progress(run),
            confirm_form=self.confirm_form_class(),
        )

    def confirm(self, run: Run) -> Response:
        """Re-validate every stored step (stored data is not trusted), then call `done`."""
        forms: dict[str, FlaskForm] = {}
        for step in self.active_steps(run):
            form = self.stored_form(run, step)
            if not form.validate():
                return self.confirm_failed(run, step.name, field_errors(form))
            forms[step.name] = form
        return self.done(run, forms)

    def confirm_failed(self, run: Run, step_name: str, errors: dict[str, list[str]]) -> Response:
        """A repeated confirm signs in as the first one did; any other failure goes back to the step.

        The one place a failed confirm is answered: revalidation and `done` both end here.
        """
        repeated = self.repeated_confirm_response(run)
        if repeated is not None:
            return repeated
        run.errors[step_name] = errors
        self.storage.save(run)
        return redirect(self.step_url(run, self.by_name[step_name]))
