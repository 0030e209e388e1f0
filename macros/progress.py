"""The wizard's progress bar (`wizard_progress`) drawn in one Python call.

Every step page and the review draw it: "Step N of M" and a list item per step,
each with three conditions, were a dozen expressions through Jinja per step.
`draw_progress` writes the markup the macro wrote, byte for byte
(`tests/test_macros_fast_paths.py` holds that markup); the macro is now a call to it.
"""

from collections.abc import Sequence

from markupsafe import Markup

from macros.escaping import quick_escape

COMPLETED = '<span class="visually-hidden"> (completed)</span>'


def draw_progress(
    steps: Sequence[Sequence[str]], current: str = "", label: str = "Registration progress"
) -> Markup:
    """steps: (name, title) pairs; current: the active step's name, or any other name (or none) once every step is done."""
    names = [step[0] for step in steps]
    total = len(steps)
    index = names.index(current) if current in names else total
    heading = f"Step {index + 1} of {total}" if index < total else f"All {total} steps done"
    out = [
        f'<nav aria-label="{quick_escape(label)}" class="mb-4 fw-progress">\n  <p class="mb-2 fw-semibold">{heading}</p>'
        '\n  <ol class="fw-steps list-unstyled mb-0">'
    ]
    for position, (_, title) in enumerate(steps):
        if position < index:
            state, marker, done = " is-done", "", COMPLETED
        elif position == index:
            state, marker, done = " is-current", ' aria-current="step"', ""
        else:
            state, marker, done = "", "", ""
        out.append(
            f'\n    <li class="fw-step{state}"{marker}>\n      <span class="fw-step-bar" aria-hidden="true"></span>'
            f'\n      <span class="small">{quick_escape(title)}{done}</span>\n    </li>'
        )
    out.append("\n  </ol>\n</nav>")
    return Markup("".join(out))  # noqa: S704 (every value is escaped as it is written)
