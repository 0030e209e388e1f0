"""The three-step registration wizard: account, profile, preferences, then review."""

from collections.abc import Callable
from typing import Any
from typing import ClassVar

from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_from_directory
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from auth.loader import sign_in
from auth.loader import sign_out
from database import commit_as_written
from extensions import db
from extensions import limiter
from forms.registration import AccountForm
from forms.registration import ConfirmForm
from forms.registration import PreferencesForm
from forms.registration import ProfileForm
from models import User
from models import hash_password
from uploads import avatars
from uploads.storage import upload_dir
from wizard.engine import Wizard
from wizard.run import Answers
from wizard.run import Run
from wizard.steps import Step


class AccountStep(Step):
    """Hashes the password the moment the step is accepted; only the hash is kept."""

    def make_form(self, run: Run, **kwargs: Any) -> FlaskForm:
        form = super().make_form(run, **kwargs)
        if "password_hash" in run.extra:
            form.keep_existing_password()
        return form

    def make_stored_form(self, run: Run, formdata: Any) -> FlaskForm:
        """At review and confirm, availability is the unique index's to refuse (`done` catches it)."""
        form = super().make_stored_form(run, formdata)
        form.check_availability = False
        return form

    def accept(self, form: FlaskForm, run: Run) -> None:
        super().accept(form, run)
        if form.password.data:
            run.extra["password_hash"] = hash_password(form.password.data)


class PreferencesStep(Step):
    """Stages the avatar as soon as it is a valid image, even if other answers need fixing.

    While a photo is staged the page offers "Remove my photo"; a new file replaces it.
    """

    # A control, and a box that is always ticked once the step is complete: neither is an answer.
    not_answers = frozenset({"remove_avatar", "agree_terms"})

    def make_form(self, run: Run, **kwargs: Any) -> FlaskForm:
        form = super().make_form(run, **kwargs)
        if not run.extra.get("avatar"):
            del form.remove_avatar
        return form

    def absorb_files(self, form: FlaskForm, run: Run) -> None:
        upload = form.avatar.data
        if not upload or not getattr(upload, "filename", ""):
            if form.remove_avatar is not None and form.remove_avatar.data:
                avatars.discard_staged_avatar(run.extra.pop("avatar", None))
                form.remove_avatar.data = False  # an action, not an answer to keep
            return
        if form.avatar.errors:
            return
        name = avatars.stage_chosen_photo(form.avatar, run.extra.get("avatar"))
        if name is not None:
            run.extra["avatar"] = name

    def summary(self, run: Run) -> list[tuple[str, str]]:
        """The answers, and the staged photo itself as the answer to "Profile photo"."""
        rows = super().summary(run)
        if run.extra.get("avatar"):
            url = url_for("registration.staged_avatar", wid=run.wid)
            photo = Markup('<img src="{}" alt="Your profile photo" class="fw-avatar" width="96" height="96">')
            rows.append(("Profile photo", photo.format(url)))
        else:
            rows.append(("Profile photo", "No photo"))
        return rows


def taken_field(account: AccountForm) -> tuple[str, str]:
    """Which of username / e-mail now belongs to someone else, with the message to show."""
    if User.login_taken(account.username.data):
        return "username", "Someone took that username while you were registering. Please choose another."
    return "email", "An account with this e-mail address was created while you were registering."


def account_made_by(run: Run) -> User | None:
    """The account an earlier confirm of this very run created, if any.

    The password hash is salted, so only this run can have produced it.
    """
    username = Answers(run.answers).get("account", "username") or ""
    user = User.find_by_login(username)
    if user is not None and user.password_hash == run.extra.get("password_hash"):
        return user
    return None


class RegistrationWizard(Wizard):
    """Sign-up: creates the account on confirm, and signs the new user in."""

    confirm_form_class = ConfirmForm
    review_decorators: ClassVar[list[Callable]] = [
        limiter.limit(
            "10 per minute; 50 per hour",
            methods=["POST"],
            exempt_when=lambda: request.form.get("action") != "confirm",
        )
    ]

    def done(self, run: Run, forms: dict[str, FlaskForm]) -> Response:
        """Create the user in one transaction, sign them in, and close the run."""
        account, profile, prefs = forms["account"], forms["profile"], forms["preferences"]
        address = profile.address.form
        try:
            user = User.insert(
                username=account.username.data,
                email=account.email.data,
                password_hash=run.extra["password_hash"],
                first_name=profile.first_name.data,
                last_name=profile.last_name.data,
                street=address.street.data,
                city=address.city.data,
                region=address.region.data or "",
                postal_code=address.postal_code.data,
                country=address.country.data,
                plan=prefs.plan.data,
                newsletter=bool(prefs.newsletter.data),
                interests=list(prefs.interests.data or []),
                # The staged photo's name goes into the INSERT: promoting keeps it, so no UPDATE follows.
                avatar=run.extra.get("avatar"),
            )
        except IntegrityError:
            db.session.rollback()
            field, message = taken_field(account)
            return self.confirm_failed(run, "account", {field: [message]})
        if user.avatar:
            try:
                # The name stays the same: not assigning it back keeps the row clean (no second flush).
                avatars.promote_staged_avatar(user.avatar)
            except FileNotFoundError:
                user.avatar = None
                flash("Your profile photo had expired; you can add it again on your profile.", "warning")
        commit_as_written()  # the new row is read right after (id, token, name): no reload
        current_app.logger.info("Registered user %s", user.id)
        return self.welcome(run, user)

    def repeated_confirm_response(self, run: Run) -> Response | None:
        """A second confirm of a run whose account exists (double click, replay): just sign in."""
        twin = account_made_by(run)
        return self.welcome(run, twin) if twin is not None else None

    def welcome(self, run: Run, user: User) -> Response:
        """Close the run, sign the new user in, and show their profile."""
        self.storage.finish(run, {"user_id": user.id})
        sign_in(user)
        flash(f"Welcome to Formwork, {user.first_name or user.username}! Your account is ready.", "success")
        return redirect(url_for("profiles.show"))

    def finished_run_response(self, run: Run) -> Response:
        """A confirmed run visited again (back button, replayed confirm)."""
        if current_user.is_authenticated and current_user.id == (run.result or {}).get("user_id"):
            flash("Your account is already created.", "info")
            return redirect(url_for("profiles.show"))
        flash("That registration is complete. Please sign in.", "info")
        return redirect(url_for("auth.login"))

    def refusal(self, run: Run | None) -> ResponseReturnValue | None:
        """A signed-in user may not confirm (it would switch accounts): starting one goes to their
        profile; a registration already in progress (another tab) offers to sign out and continue it."""
        if not current_user.is_authenticated:
            return None
        if run is not None:
            return render_template("wizard/signed_in.html", wizard=self, run=run), 409
        flash(
            f"You are signed in as {current_user.username}. Sign out first to create another account.", "info"
        )
        return redirect(url_for("profiles.show"))

    def continue_signed_out_view(self, wid: str) -> ResponseReturnValue:
        """`POST <prefix>/<wid>/continue`: sign out, keep this run (under a new wid of the new session)."""
        run = self.load(wid)
        if run is None:
            return self.expired_response(wid)
        if run.is_finished:
            return self.finished_run_response(run)
        sign_out()
        moved = self.storage.rebind(run)
        flash("You are signed out. Here is the registration you had open.", "info")
        return redirect(self.next_url(moved))


registration = RegistrationWizard(
    "registration",
    [
        AccountStep("account", AccountForm, "Account"),
        Step("profile", ProfileForm, "Your details"),
        PreferencesStep("preferences", PreferencesForm, "Preferences"),
    ],
    title="Create your account",
    url_prefix="/register",
)
registration.blueprint.add_url_rule(
    "/<wid>/continue", "continue_signed_out", registration.continue_signed_out_view, methods=["POST"]
)


@registration.blueprint.route("/<wid>/avatar")
def staged_avatar(wid: str) -> Response:
    """The avatar staged in this browser's own registration, for the review page."""
    run = registration.load(wid)
    name = run.extra.get("avatar") if run is not None and not run.is_finished else None
    if not name:
        abort(404)
    response = send_from_directory(upload_dir(avatars.STAGING), name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response
