"""`GET/POST /profile`: the signed-in user edits their details and photo."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_from_directory
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required

from carried_errors import attach_carried_errors
from carried_errors import back_to_form_when_too_large
from forms.profile import EditProfileForm
from profiles.editing import chosen_photo
from profiles.editing import keep_chosen_photo
from profiles.editing import save_profile
from uploads.avatars import STAGING
from uploads.storage import upload_dir

bp = Blueprint("profiles", __name__)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
@back_to_form_when_too_large
def show() -> ResponseReturnValue:
    """Pre-filled from the user; a valid new photo is kept even when another field needs fixing."""
    # The user itself, not the proxy: the form and the page read a dozen of its attributes.
    user = current_user._get_current_object()
    form = EditProfileForm() if request.method == "POST" else EditProfileForm.for_user(user)
    if not (user.avatar or chosen_photo()):
        del form.remove_avatar
    valid = form.validate_on_submit()
    if form.is_submitted():
        keep_chosen_photo(form)
    if valid and not form.errors:
        save_profile(form, user)
        flash("Your profile is saved.", "success")
        return redirect(url_for("profiles.show"))
    if not form.is_submitted():
        attach_carried_errors(form)
    return render_template("profiles/edit.html", form=form, user=user, chosen=chosen_photo())


@bp.route("/profile/chosen-photo")
@login_required
def chosen() -> ResponseReturnValue:
    """The photo chosen on the profile page but not saved yet, to this browser only."""
    name = chosen_photo()
    if not name:
        abort(404)
    response = send_from_directory(upload_dir(STAGING), name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
