"""wizard_progress is macros/progress.py's draw_progress: the markup its macro drew, byte for byte."""

import pytest
from flask import render_template_string

from tests.macro_rendering import IMPORTS


def drawn(app, source: str, **context) -> str:
    """`source`, with the macro library imported, rendered in a request of `app`."""
    with app.test_request_context():
        return render_template_string(IMPORTS + source, **context)


# What the wizard_progress macro drew before it became draw_progress (macros/progress.py).
PROGRESS_STEPS = [("account", "Account"), ("profile", "<b>Profile</b>"), ("preferences", "Preferences")]
STEP_BAR = '<span class="fw-step-bar" aria-hidden="true"></span>'
DONE = '<span class="visually-hidden"> (completed)</span>'
DRAWN_PROGRESS = {
    "profile": f"""<nav aria-label="&lt;Sign-up&gt;" class="mb-4 fw-progress">
  <p class="mb-2 fw-semibold">Step 2 of 3</p>
  <ol class="fw-steps list-unstyled mb-0">
    <li class="fw-step is-done">
      {STEP_BAR}
      <span class="small">Account{DONE}</span>
    </li>
    <li class="fw-step is-current" aria-current="step">
      {STEP_BAR}
      <span class="small">&lt;b&gt;Profile&lt;/b&gt;</span>
    </li>
    <li class="fw-step">
      {STEP_BAR}
      <span class="small">Preferences</span>
    </li>
  </ol>
</nav>""",
    "review": f"""<nav aria-label="&lt;Sign-up&gt;" class="mb-4 fw-progress">
  <p class="mb-2 fw-semibold">All 3 steps done</p>
  <ol class="fw-steps list-unstyled mb-0">
    <li class="fw-step is-done">
      {STEP_BAR}
      <span class="small">Account{DONE}</span>
    </li>
    <li class="fw-step is-done">
      {STEP_BAR}
      <span class="small">&lt;b&gt;Profile&lt;/b&gt;{DONE}</span>
    </li>
    <li class="fw-step is-done">
      {STEP_BAR}
      <span class="small">Preferences{DONE}</span>
    </li>
  </ol>
</nav>""",
}


@pytest.mark.parametrize("current", DRAWN_PROGRESS)
def test_wizard_progress_draws_what_its_macro_drew(app, current):
    source = '{{ wizard_progress(steps, current, label="<Sign-up>") }}'
    assert drawn(app, source, steps=PROGRESS_STEPS, current=current) == DRAWN_PROGRESS[current]


def test_wizard_progress_of_no_steps_is_all_done(app):
    html = drawn(app, "{{ wizard_progress([], 'any') }}")
    assert html == (
        '<nav aria-label="Registration progress" class="mb-4 fw-progress">\n'
        '  <p class="mb-2 fw-semibold">All 0 steps done</p>\n  <ol class="fw-steps list-unstyled mb-0">\n  </ol>\n</nav>'
    )


def test_wizard_progress_without_a_current_step_is_all_done(app):
    """The macro took a missing `current` as undefined, which is no step: every step is done."""
    source = '{{ wizard_progress(steps, label="<Sign-up>") }}'
    assert drawn(app, source, steps=PROGRESS_STEPS) == DRAWN_PROGRESS["review"]
