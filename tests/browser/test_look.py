"""The site's look in Chromium: the accent's contrast, the sticky footer, equal progress steps,
cards without underlined titles, and a home page that leads with one action."""

import pytest

from tests.conftest import PASSWORD
from tests.conftest import add_user

SCHEMES = ["light", "dark"]

# WCAG contrast of two computed CSS colours ("rgb(r, g, b)"), measured in the page itself.
CONTRAST = """([a, b]) => {
  const lum = (css) => {
    const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""


def colour(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def contrast(page, first: str, second: str) -> float:
    return page.evaluate(CONTRAST, [first, second])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_accent_keeps_aa_contrast_as_link_and_as_button(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/login")
    body = colour(page, "body", "backgroundColor")
    button = "main .btn-primary"
    assert contrast(page, colour(page, button, "color"), colour(page, button, "backgroundColor")) >= 4.5
    assert contrast(page, colour(page, "main p a", "color"), body) >= 4.5
    # The accent really is Formwork's, not Bootstrap's blue.
    assert colour(page, button, "backgroundColor") not in ("rgb(13, 110, 253)", "rgb(110, 168, 254)")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_footer_sits_at_the_bottom_of_a_short_page(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/no-such-page")
    footer = page.locator("footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(900, abs=1)


@pytest.mark.parametrize("width", [1280, 375])
def test_wizard_progress_steps_are_equally_wide(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/register")
    widths = [box["width"] for box in (step.bounding_box() for step in page.locator(".fw-step").all())]
    assert len(widths) == 3
    assert max(widths) - min(widths) < 1, widths


@pytest.mark.parametrize("scheme", SCHEMES)
def test_home_card_titles_are_not_underlined_and_the_card_shows_focus(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    titles = page.locator(".card-title a")
    assert titles.count() >= 4
    assert {link.evaluate("e => getComputedStyle(e).textDecorationLine") for link in titles.all()} == {"none"}
    titles.first.focus()
    card = page.locator(".card").first
    assert card.evaluate("e => getComputedStyle(e).boxShadow") != "none"


@pytest.mark.parametrize(("signed_in", "action"), [(False, "/register"), (True, "/gallery")])
def test_home_says_who_it_is_for_and_leads_with_one_primary_action(page, live_server, signed_in, action):
    if signed_in:
        add_user(live_server.app)
        page.goto("/login")
        page.get_by_label("Username or e-mail").fill("alice")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
    page.goto("/")
    assert page.locator("h1").inner_text() != "Formwork"  # the logo says that already
    assert "For Flask developers" in page.locator("main .lead").inner_text()
    primary = page.locator("main .btn-primary")
    assert primary.count() == 1
    assert primary.get_attribute("href") == action
    first_link = page.locator("main a").first
    assert first_link.get_attribute("href") == action  # the first thing to reach in the page
