"""`GET/POST /contact`: the form, Post/Redirect/Get with a confirmation."""

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for

from contact.messages import confirmation
from contact.messages import contact_form
from contact.messages import contact_limit
from contact.messages import save_contact

bp = Blueprint("contact", __name__)


@bp.route("/contact", methods=["GET", "POST"])
@contact_limit
def form():
    """Write to the people running the site."""
    form = contact_form()
    if form.validate_on_submit():
        message = save_contact(form)
        flash(confirmation(message), "success")
        return redirect(url_for("contact.form"))
    return render_template("contact/form.html", form=form)
