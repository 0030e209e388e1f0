"""Wizard pages in Chromium: focus order follows the visual order (WCAG 2.4.3), answers never collide."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.registration_steps import fill_account
from tests.browser.registration_steps import fill_profile

BUTTONS = "main form .fw-actions button"


def buttons_in_reading_order(page) -> list[str]:
    """The action buttons' labels sorted as a person reads them: by line, then left to right."""
    boxes = page.eval_on_selector_all(
        BUTTONS,
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.left, e.textContent.trim()]; })",
    )
    return [label for _, _, label in sorted(boxes, key=lambda box: (round(box[0]), box[1]))]


def check_tab_order(page) -> None:
    in_dom = page.eval_on_selector_all(BUTTONS, "els => els.map(e => e.textContent.trim())")
    assert in_dom == buttons_in_reading_order(page)
    page.locator(BUTTONS).first.focus()
    for label in in_dom[1:]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == label


def forward(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_every_wizard_page_tabs_through_its_buttons_in_reading_order(page):
    page.goto("/register")
    check_tab_order(page)
    fill_account(page, "focus_order", "focus@example.com")
    forward(page, "Continue")
    check_tab_order(page)
    assert page.locator(BUTTONS).count() >= 2  # Continue and Back
    fill_profile(page, "Ada", "Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB")
    with page.expect_navigation():
        page.get_by_label("Postal code").press("Enter")  # Enter presses the forward button
    expect(page).to_have_title(re.compile(r"Step 3 of 3"))
    check_tab_order(page)
    page.get_by_label("Free: the basics", exact=False).check()
    page.get_by_label("I agree to the terms of use", exact=False).check()
    forward(page, "Continue to review")
    check_tab_order(page)
    assert page.locator(BUTTONS).first.text_content().strip() == "Create my account"


def walk_to_review(page) -> None:
    page.goto("/register")
    fill_account(page, "answers_layout", "layout@example.com")
    forward(page, "Continue")
    fill_profile(page, "Ada", "Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB")
    forward(page, "Continue")
    page.get_by_label("I agree to the terms of use", exact=False).check()
    forward(page, "Continue to review")


OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.fw-answer dt, .fw-answer dd')].map(e => e.getBoundingClientRect());
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  let found = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => { if (hit(a, b)) found += 1; }));
  return found;
}"""


def test_review_answers_never_collide_when_a_label_wraps(page):
    walk_to_review(page)
    page.evaluate(
        "document.querySelector('.fw-answer dt').textContent = 'A label long enough to wrap '.repeat(8)"
    )
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(OVERLAPS) == 0, f"answers overlap at {width} px"
        screenshot(page, f"review-long-label-{width}")
