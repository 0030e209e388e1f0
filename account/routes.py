"""`GET/POST /account/password` and `GET/POST /account/delete`."""

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_login import current_user
from flask_login import login_required

from account.deletion import delete_account
from auth.loader import end_other_sessions
from extensions import db
from extensions import limiter
from forms.account import ChangePasswordForm
from forms.account import DeleteAccountForm

bp = Blueprint("account", __name__, url_prefix="/account")

# Guessing the password of a signed-in session that was left open costs as much as at sign-in.
ACCOUNT_CHECK_LIMIT = "10 per minute; 50 per hour"


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(ACCOUNT_CHECK_LIMIT, methods=["POST"])
def password():
    """Change the password; every other session of the account is signed out."""
    user = current_user._get_current_object()
    form = ChangePasswordForm(user)
    if form.validate_on_submit():
        user.set_password(form.password.data)
        end_other_sessions(user)
        db.session.commit()
        flash("Your password is changed.", "success")
        return redirect(url_for("profiles.show"))
    return render_template("account/password.html", form=form)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(ACCOUNT_CHECK_LIMIT, methods=["POST"])
def delete():
    """Confirm with the password, then delete the account and everything it owns."""
    form = DeleteAccountForm(current_user._get_current_object())
    if form.validate_on_submit():
        delete_account(form.user)
        flash("Your account and everything in it have been deleted.", "info")
        return redirect(url_for("pages.home"))
    return render_template("account/delete.html", form=form)
