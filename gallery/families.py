"""The gallery's pages: one per component family, each with the accessibility wiring it states.

An example belongs to the family its `section` names (`gallery/examples.py`);
`matching` is the search box's filter, the same words the page's script filters by.
"""

from dataclasses import dataclass

from gallery.examples import EXAMPLES
from gallery.examples import Example

MAX_QUERY = 100  # characters of a search that are read


@dataclass(frozen=True)
class Family:
    """One gallery page: its slug (/gallery/<slug>), title, one-line intro and accessibility wiring."""

    slug: str
    title: str
    intro: str
    wiring: tuple[tuple[str, str], ...]


LABELLED = (
    "Label and description",
    '<label for="ID"> names the control; help text is <div id="ID-help">, an error '
    '<div id="ID-error"> (with a visually hidden "Error:"), both named by the control\'s '
    'aria-describedby, help first; a failing control has aria-invalid="true".',
)
GROUPED = (
    "Groups",
    '<fieldset id="ID"> with a <legend> holds the options; help and error ids are in the '
    'fieldset\'s aria-describedby; each option is <input id="ID-0">, <input id="ID-1">… with '
    "its own <label for>; the error summary links to the first option.",
)

FAMILIES = [
    Family(
        "text",
        "Text inputs",
        "One-line boxes, passwords, text areas and hidden fields, each drawn by one render_field call.",
        (
            LABELLED,
            (
                "Autocomplete",
                "autocomplete comes from the field's name: name, email, tel, url, new-password…",
            ),
            (
                "Show password",
                'Every password box gets <button type="button" aria-controls="ID" aria-pressed="false">'
                "Show password</button>: the name stays, aria-pressed changes, and a polite live region "
                'says "Your password is shown." The box stays type="password" until the button is pressed, '
                "and is one again before the form is sent. Without JavaScript the button is not shown.",
            ),
            (
                "Character count",
                'A text area with Length(max=…) names <div id="ID-count"> in its aria-describedby; '
                "forms.js says what is left in a polite live region once typing pauses.",
            ),
        ),
    ),
    Family(
        "choices",
        "Choices",
        "Checkboxes, switches, drop-downs, radio buttons, and choices that reveal a follow-up question.",
        (
            GROUPED,
            LABELLED,
            ("Switch", 'A switch is a checkbox with role="switch".'),
            (
                "Conditional reveal",
                'A choice with a follow-up has aria-controls="OPTION-ID-reveal"; the follow-up is '
                '<div id="OPTION-ID-reveal"> right after it, so it comes next in reading and tab order. '
                "forms.js sets hidden on it while the choice is not picked (no aria-expanded: radios and "
                "checkboxes may not carry it); without JavaScript it is simply shown.",
            ),
        ),
    ),
    Family(
        "dates-numbers",
        "Dates and numbers",
        "Numbers, sliders, dates, times, months, weeks, colours, and a date typed in three boxes.",
        (
            LABELLED,
            ("Slider value", '<output id="ID-value" for="ID"> shows a slider\'s value beside it.'),
            (
                "Date in three boxes",
                '<fieldset id="ID"> with a <legend>; help and error ids in its aria-describedby; '
                'boxes ID-day, ID-month, ID-year, each with its own <label> and inputmode="numeric"; '
                'only the wrong boxes get aria-invalid="true", and the error summary links to the first '
                "of them. A date of birth gets autocomplete bday-day, bday-month, bday-year.",
            ),
        ),
    ),
    Family(
        "files",
        "Files",
        "File inputs: allowed types, the file kept now, and a preview of a chosen picture.",
        (
            LABELLED,
            (
                "Files",
                'accept comes from FileAllowed; the current file, <div id="ID-current">, is in the '
                'input\'s aria-describedby; a preview image has the alt text "Preview of NAME".',
            ),
        ),
    ),
    Family(
        "nested",
        "Nested forms and rows",
        "A form inside a form (FormField) and rows you can add and remove (FieldList).",
        (
            (
                "Nested form",
                '<fieldset id="ID"> with a <legend>; sub-fields are ID-street, ID-city…; the nested '
                "form's own errors are <div id=\"ID-error\">, in the fieldset's aria-describedby.",
            ),
            (
                "Rows",
                'Each row is a <fieldset> with the legend "Ingredient 1"…; its Remove button says which '
                'row ("Remove Ingredient 2"); a polite live region announces "Ingredient 3 added."; focus '
                "moves to the new row, or after a removal to the next one.",
            ),
        ),
    ),
    Family(
        "layouts",
        "Layouts",
        "Whole forms with render_form: stacked, horizontal, inline, rows and columns, and buttons.",
        (
            (
                "Order",
                "The forward button comes first in the page and first on screen, so the tab order is the "
                "reading order and Enter presses it; forms with rows start with a hidden copy of it "
                '(aria-hidden="true", tabindex="-1") so Enter never presses Add or Remove.',
            ),
            ("Horizontal", "Labels beside their controls are still <label for>; groups keep their <legend>."),
        ),
    ),
    Family(
        "errors",
        "Errors and summary",
        "Real validation errors at every depth, summarised at the top with a link to each field.",
        (
            (
                "Summary",
                '<div class="fw-error-summary" tabindex="-1" aria-labelledby="PREFIXerror-summary-title">; '
                'after a real submit it has role="alert" and takes focus; a summary drawn on a page that '
                "was not submitted (like the one below) has neither.",
            ),
            (
                "Links",
                'Each problem links to its control, href="#ID", at any depth; form-wide errors are plain lines.',
            ),
            ("Title", 'A page showing errors has a title starting "Error: ".'),
        ),
    ),
    Family(
        "wizard",
        "Wizard pieces",
        "The progress bar and the Continue and Back buttons of a step-by-step form.",
        (
            (
                "Progress",
                '<nav aria-label="Registration progress"> with an <ol>; the current step has '
                'aria-current="step", finished ones a visually hidden "(completed)".',
            ),
            ("Buttons", "Continue comes first in the page, so Enter presses it and Tab reaches it first."),
        ),
    ),
]
FAMILIES_BY_SLUG = {family.slug: family for family in FAMILIES}


def examples_of(family: Family) -> list[Example]:
    """The family's examples, in the order of EXAMPLES."""
    return [example for example in EXAMPLES if example.section == family.slug]


def family_of(example: Example) -> Family:
    """The page an example is shown on."""
    return FAMILIES_BY_SLUG[example.section]


def search_text(example: Example) -> str:
    """The words a search matches in (on the server and, from data-fw-filter-item, in the page)."""
    return " ".join((example.title, example.note, example.slug)).lower()


def matching(query: str) -> list[Example]:
    """Examples whose search text holds every word of `query`; every example for an empty one."""
    words = query[:MAX_QUERY].lower().split()
    return [example for example in EXAMPLES if all(word in search_text(example) for word in words)]
