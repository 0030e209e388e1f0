"""The wizard engine: declared steps, navigation rules, storage and final revalidation.

A wizard is a list of `Step`s and a `done` callback. The engine gives it four
URLs under a prefix: a start URL that opens a new run (`wid`), one page per step,
and a review page whose confirm re-validates every stored step before calling
`done`. What the engine guarantees:

- `next` validates only the current step; `back` keeps what was typed, unvalidated;
- a step asked for before the earlier ones are complete redirects to the first
  incomplete one; after a change from review, the user returns to review;
- unknown step: 404; unknown, expired or foreign `wid`: 410 page;
- passwords and files never go into storage: steps store what they need
  (a hash, a stored file name) in `run.extra`.
"""

from collections.abc import Callable

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response
from wtforms import FileField

from forms.base import FormworkForm
from forms.carried_errors import attach_carried_errors
from forms.carried_errors import back_to_form_when_too_large
from wizard.formdata import iter_fields
from wizard.formdata import request_to_draft
from wizard.formdata import to_multidict
from wizard.run import Run
from wizard.steps import Step
from wizard.storage import WizardStorage

RESERVED_STEP_NAMES = {"review", "start"}


def duration_words(seconds: int) -> str:
    """A time-to-live in words: "24 hours", "1 hour", "90 minutes", "3 days", "30 seconds"."""

    def count(number: int, unit: str) -> str:
        return f"{number} {unit}" + ("" if number == 1 else "s")

    if seconds < 60:
        return count(seconds, "second")
    if seconds < 3600 or (seconds < 7200 and seconds % 3600):
        return count(round(seconds / 60), "minute")
    hours = round(seconds / 3600)
    if hours >= 72 and hours % 24 == 0:
        return count(hours // 24, "day")
    return count(hours, "hour")


class Wizard:
    """A declared sequence of steps served under `url_prefix` by its own blueprint."""

    def __init__(
        self,
        name: str,
        steps: list[Step],
        *,
        title: str,
        url_prefix: str,
        done: Callable[["Wizard", Run, dict[str, FlaskForm]], Response],
        on_finished: Callable[["Wizard", Run], Response] | None = None,
        already_done: Callable[["Wizard", Run], Response | None] | None = None,
        guard: Callable[["Wizard"], Response | None] | None = None,
        review_decorators: list[Callable] | None = None,
        template: str = "wizard/step.html",
    ) -> None:
        names = [step.name for step in steps]
        if len(set(names)) != len(names) or RESERVED_STEP_NAMES & set(names):
            raise ValueError(f"step names must be unique and not {sorted(RESERVED_STEP_NAMES)}")
        self.name = name
        self.title = title
        self.steps = steps
        self.by_name = {step.name: step for step in steps}
        self.done = done
        self.on_finished = on_finished
        self.already_done = already_done
        self.guard = guard
        self.template = template
        self.storage = WizardStorage(name)
        self.blueprint = Blueprint(name, __name__, url_prefix=url_prefix)
        self.blueprint.add_url_rule("", "start", self.start_view)
        review = self.review_view
        for decorate in review_decorators or []:
            review = decorate(review)
        self.blueprint.add_url_rule("/<wid>/review", "review", review, methods=["GET", "POST"])
        step_view = back_to_form_when_too_large(self.step_view)
        self.blueprint.add_url_rule("/<wid>/<step>", "step", step_view, methods=["GET", "POST"])

    # URLs -------------------------------------------------------------------

    def step_url(self, run: Run, step: Step) -> str:
        return url_for(f"{self.name}.step", wid=run.wid, step=step.name)

    def next_url(self, run: Run) -> str:
        """The first incomplete step, or review when every step is complete."""
        step = run.first_incomplete()
        return self.step_url(run, step) if step else url_for(f"{self.name}.review", wid=run.wid)

    def previous_url(self, run: Run, step: Step | None) -> str:
        """The active step before `step` (before review when None); the first step stays put."""
        active = run.active_steps()
        index = active.index(step) if step in active else len(active)
        return self.step_url(run, active[max(index - 1, 0)])

    # Loading ----------------------------------------------------------------

    def load(self, wid: str) -> Run | None:
        record = self.storage.load(wid)
        return Run(self, wid, record) if record is not None else None

    def expired(self) -> tuple[str, int]:
        """The 410 page: this registration is unknown or expired; start again."""
        kept_for = duration_words(self.storage.ttl)
        return render_template("wizard/expired.html", wizard=self, kept_for=kept_for), 410

    def progress(self, run: Run) -> list[tuple[str, str]]:
        return [(step.name, step.title) for step in run.active_steps()]

    # Views ------------------------------------------------------------------

    def refused(self) -> Response | None:
        """What `guard` answers instead of the wizard (a signed-in user on a sign-up), or None."""
        return self.guard(self) if self.guard is not None else None

    def closed(self, run: Run | None):
        """The answer for a run that cannot go on (finished, refused by `guard`, expired), or None."""
        if run is not None and run.finished:
            return self.finished(run)
        refusal = self.refused()
        if refusal is not None:
            return refusal
        if run is None:
            return self.expired()
        return None

    def start_view(self) -> Response:
        """`GET <prefix>`: open a new run and go to its first step."""
        refusal = self.refused()
        if refusal is not None:
            return refusal
        wid = self.storage.create()
        generate_csrf()  # into the session being saved now, not in a second write
        return redirect(url_for(f"{self.name}.step", wid=wid, step=self.steps[0].name))

    def step_view(self, wid: str, step: str):
        """`GET/POST <prefix>/<wid>/<step>`."""
        current = self.by_name.get(step)
        if current is None:
            abort(404)
        run = self.load(wid)
        response = self.closed(run)
        if response is not None:
            return response
        if not current.is_active(run.answers):
            return redirect(self.next_url(run))
        blocker = run.first_incomplete(before=current)
        if blocker is not None:
            return redirect(self.step_url(run, blocker))
        if request.method == "POST":
            return self.post_step(run, current)
        return self.render_step(run, current, self.form_for_display(run, current))

    def post_step(self, run: Run, step: Step):
        form = step.make_form(run)
        if request.form.get("action") == "back":
            run.drafts[step.name] = request_to_draft(request.form, form)
            # Back skips form.validate(), but a file is still checked before a step keeps it.
            for field in iter_fields(form):
                if isinstance(field, FileField) and field.data:
                    field.validate(form)
            step.absorb_files(form, run)
            refused = {field.name: list(field.errors) for field in iter_fields(form) if field.errors}
            if refused:  # a file refused on the way back: say why when the user returns
                run.errors[step.name] = refused
            run.save()
            return redirect(self.previous_url(run, step))
        valid = form.validate()
        step.absorb_files(form, run)
        valid = valid and not form.errors
        if valid:
            step.accept(form, run)
            run.drafts.pop(step.name, None)
            run.errors.pop(step.name, None)
        run.save()
        if valid:
            return redirect(self.next_url(run))
        return self.render_step(run, step, form)

    def form_for_display(self, run: Run, step: Step) -> FlaskForm:
        """The step's form filled with the draft, else the stored answers, plus pending errors."""
        data = run.drafts.get(step.name, run.steps.get(step.name))
        form = step.make_form(run, formdata=to_multidict(data) if data is not None else None)
        pending = run.errors.get(step.name, {})
        for field in iter_fields(form):
            if field.name in pending:
                field.errors = list(pending[field.name])
        attach_carried_errors(form)  # a photo too large to read, say
        return form

    def render_step(self, run: Run, step: Step, form: FlaskForm) -> str:
        active = run.active_steps()
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

    def review_view(self, wid: str):
        """`GET/POST <prefix>/<wid>/review`: every answer, change links, confirm."""
        run = self.load(wid)
        response = self.closed(run)
        if response is not None:
            return response
        blocker = run.first_incomplete()
        if blocker is not None:
            return redirect(self.step_url(run, blocker))
        if request.method == "POST":
            if request.form.get("action") == "back":
                return redirect(self.previous_url(run, None))
            if request.form.get("action") == "confirm":
                return self.confirm(run)
        sections = []
        for step in run.active_steps():
            form = step.make_form(run, formdata=to_multidict(run.steps[step.name]), meta={"csrf": False})
            sections.append((step, step.summary(form, run), self.step_url(run, step)))
        return render_template(
            "wizard/review.html",
            wizard=self,
            run=run,
            sections=sections,
            progress=self.progress(run),
            confirm_form=FormworkForm(),
        )

    def confirm(self, run: Run) -> Response:
        """Re-validate every stored step (stored data is not trusted), then call `done`.

        When revalidation fails, `already_done` may recognise a confirm that raced an
        earlier, successful one (a double click): its answers now read as "taken".
        """
        forms: dict[str, FlaskForm] = {}
        for step in run.active_steps():
            form = step.make_form(run, formdata=to_multidict(run.steps[step.name]), meta={"csrf": False})
            if not form.validate():
                response = self.already_done(self, run) if self.already_done else None
                if response is not None:
                    return response
                errors = {f.name: list(f.errors) for f in iter_fields(form) if f.errors}
                return self.fail(run, step.name, errors)
            forms[step.name] = form
        return self.done(self, run, forms)

    def fail(self, run: Run, step_name: str, errors: dict[str, list[str]]) -> Response:
        """Send the user back to a step with these field errors; nothing else is lost."""
        run.errors[step_name] = errors
        run.save()
        return redirect(self.step_url(run, self.by_name[step_name]))

    def finished(self, run: Run) -> Response:
        """A run already confirmed: never do it twice."""
        if self.on_finished is not None:
            return self.on_finished(self, run)
        abort(410)
