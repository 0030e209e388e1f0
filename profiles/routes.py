"""`GET /profile`: the signed-in user's details and avatar."""

from flask import Blueprint
from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required

from forms.registration import INTERESTS
from forms.registration import PLANS
from forms.registration import choice_label
from forms.registration import country_choices

bp = Blueprint("profiles", __name__)


@bp.route("/profile")
@login_required
def show() -> ResponseReturnValue:
    """What the user registered with."""
    return render_template(
        "profiles/show.html",
        user=current_user,
        country=choice_label(country_choices(), current_user.country),
        plan=choice_label(PLANS, current_user.plan),
        interests=[c.label for c in INTERESTS if c.value in (current_user.interests or [])],
    )
