"""The site's navigation, links and page titles, shared by every template."""

from functools import cache

from flask import Flask
from flask import current_app
from flask import request
from flask import url_for
from markupsafe import Markup
from markupsafe import escape

# (path, label, description) of every feature; paths are the SPEC's URL contract.
FEATURES = [
    ("/register", "Register", "Create an account in three short steps; nothing you type is lost."),
    ("/profile", "Profile", "Edit your details and avatar."),
    ("/documents", "Documents", "Upload several documents at once; only you can see them."),
    ("/recipes", "Recipes", "Write recipes with as many ingredient rows as you need."),
    ("/contact", "Contact", "Send us a message."),
    ("/gallery", "Form gallery", "Every field type and macro, in every state, with its template source."),
]
SIGNED_IN_ONLY = {"/profile", "/documents"}
SIGNED_OUT_ONLY = {"/register"}


def nav_links(user, here: str) -> list[tuple[str, str, bool]]:
    """(path, label, current) for the main navigation, for this visitor on page `here`.

    A link is current on its own page and on the pages under it (`/recipes/12`).
    """
    hidden = SIGNED_OUT_ONLY if user.is_authenticated else SIGNED_IN_ONLY
    return [
        (path, label, here == path or (path != "/" and here.startswith(path + "/")))
        for path, label, _ in FEATURES
        if path not in hidden
    ]


def nav_items(user, here: str) -> Markup:
    """The main navigation's `<li>` items (nav_links drawn), as the layout's loop over them drew them.

    Every page draws them, and there are only a dozen different lists (signed in or
    not, which link is current): each is drawn once, not a loop of Jinja expressions
    a page (9 us).
    """
    return draw_nav_items(tuple(nav_links(user, here)))


@cache
def draw_nav_items(links: tuple[tuple[str, str, bool], ...]) -> Markup:
    """`<li>` items for (path, label, current) links, the current one marked for assistive technology."""
    items = []
    for path, label, current in links:
        link_class, aria = ("nav-link active", ' aria-current="page"') if current else ("nav-link", "")
        items.append(
            f'\n            <li class="nav-item"><a class="{link_class}"{aria} href="{escape(path)}">{escape(label)}</a></li>'
        )
    return Markup("".join(items))  # noqa: S704 (every value is escaped as it is written)


# The home page's one primary action: (path, label, what it leads to), for a visitor or a member.
HOME_ACTIONS = {
    False: ("/register", "Create an account", "Three short steps; nothing you type is lost."),
    True: ("/gallery", "Browse the form gallery", "Every field and macro, in every state, with its source."),
}


def home_action(user) -> tuple[str, str, str]:
    """The home page's primary action for this visitor: register, or (signed in) the gallery."""
    return HOME_ACTIONS[bool(user.is_authenticated)]


def home_features(user) -> list[tuple[str, str, str, bool]]:
    """The home page's cards: every feature but the primary action and, for someone signed in,
    "Register"; each with whether it needs signing in first (it then leads to sign-in)."""
    hidden = {home_action(user)[0]} | (SIGNED_OUT_ONLY if user.is_authenticated else set())
    needs_account = not user.is_authenticated
    return [
        (path, title, text, needs_account and path in SIGNED_IN_ONLY)
        for path, title, text in FEATURES
        if path not in hidden
    ]


def page_title(title: str, form=None) -> str:
    """A <title>, prefixed "Error: " when the page shows form errors."""
    return f"Error: {title}" if form is not None and form.errors else title


# The layout's links that depend on nothing but the app: name -> (endpoint, url_for values).
LAYOUT_LINKS = {
    "theme.js": ("static", {"filename": "js/theme.js"}),
    "bootstrap.css": ("pages.bootstrap_asset", {"filename": "css/bootstrap.min.css"}),
    "formwork.css": ("static", {"filename": "css/formwork.css"}),
    "favicon": ("static", {"filename": "favicon.svg"}),
    "home": ("pages.home", {}),
    "logout": ("auth.logout", {}),
    "login": ("auth.login", {}),
    "terms": ("pages.terms", {}),
    "popper.js": ("pages.bootstrap_asset", {"filename": "umd/popper.min.js"}),
    "bootstrap.js": ("pages.bootstrap_asset", {"filename": "js/bootstrap.min.js"}),
    "formwork.js": ("static", {"filename": "js/formwork.js"}),
    "forms.js": ("static", {"filename": "js/forms.js"}),
    "uploads.js": ("static", {"filename": "js/uploads.js"}),
    # The profile page's account links.
    "password": ("account.password", {}),
    "documents": ("documents.index", {}),
    "account_delete": ("account.delete", {}),
}


def layout_urls() -> dict[str, str]:
    """The layout's asset and fixed-page links (LAYOUT_LINKS), built once per app and script root.

    The layout links a dozen of them on every page (and the profile page three more):
    one call and a lookup each, rather than a template call (and a trip through
    Werkzeug's URL builder) per link.
    """
    built = current_app._get_current_object().extensions.setdefault("layout_urls", {})
    script_root = request._get_current_object().script_root  # the objects: a proxy's attribute is 0.7 us more
    urls = built.get(script_root)
    if urls is None:
        urls = {name: url_for(endpoint, **values) for name, (endpoint, values) in LAYOUT_LINKS.items()}
        built[script_root] = urls
    return urls


def register_navigation(app: Flask) -> None:
    """Make navigation, link and title helpers available to every template."""
    app.jinja_env.globals.update(
        nav_items=nav_items,
        page_title=page_title,
        home_features=home_features,
        home_action=home_action,
        layout_urls=layout_urls,
    )
