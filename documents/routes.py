"""`GET/POST /documents`, `GET /documents/<id>`, `POST /documents/<id>/delete`: own documents only."""

import os
from urllib.parse import quote

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import send_file
from flask import url_for
from flask_login import current_user
from flask_login import login_required

from carried_errors import attach_carried_errors
from carried_errors import back_to_form_when_too_large
from carried_errors import carry_errors
from documents.intake import receive_documents
from documents.models import DOCUMENTS
from documents.models import Document
from extensions import db
from forms.documents import DeleteDocumentForm
from forms.documents import DocumentUploadForm
from uploads.commit import FileChanges
from uploads.commit import StoredFile
from uploads.names import ascii_fallback
from uploads.sizes import size_words
from uploads.storage import upload_dir

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.route("", methods=["GET", "POST"])
@login_required
@back_to_form_when_too_large
def index():
    """Upload several documents at once; refused ones are named with their reasons (after a redirect)."""
    form = DocumentUploadForm()
    if form.validate_on_submit():
        intake = receive_documents(current_user, form.documents.data)
        if intake.refused:
            carry_errors({"documents": intake.refused})
        if intake.stored:
            count = len(intake.stored)
            flash(f"{count} document{'s' if count != 1 else ''} uploaded.", "success")
        return redirect(url_for("documents.index"))
    if not form.is_submitted():
        attach_carried_errors(form)
    config = current_app.config
    used = Document.bytes_used(current_user.id)
    return render_template(
        "documents/index.html",
        form=form,
        documents=Document.of_owner(current_user.id),
        used=used,
        usage=f"{size_words(used)} of {size_words(config['DOCUMENT_QUOTA_BYTES'])} used",
        quota=config["DOCUMENT_QUOTA_BYTES"],
        limits=f"Up to {config['DOCUMENT_MAX_FILES']} files at a time, each at most "
        f"{size_words(config['DOCUMENT_MAX_BYTES'])}, {size_words(config['MAX_CONTENT_LENGTH'])} in all.",
    )


def own_document(document_id: int) -> Document:
    """The signed-in user's document, or 404 (also for someone else's: never confirm it exists)."""
    document = Document.owned(current_user.id, document_id)
    if document is None:
        abort(404)
    return document


@bp.route("/<int:document_id>")
@login_required
def download(document_id: int):
    """Always a download: attachment, nosniff, and a sandbox in case a browser renders it anyway."""
    document = own_document(document_id)
    path = os.path.join(upload_dir(DOCUMENTS), document.stored_name)
    if not os.path.isfile(path):
        current_app.logger.error("Document %s has no file", document.id)
        abort(404)
    response = send_file(path, mimetype=document.content_type, conditional=True, max_age=0)
    response.headers.set(
        "Content-Disposition",
        "attachment",
        filename=ascii_fallback(document.display_name),
        **{"filename*": "UTF-8''" + quote(document.display_name, safe="")},
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:document_id>/delete", methods=["POST"])
@login_required
def delete(document_id: int):
    """Without `confirm`, the confirmation page (no JavaScript needed); with it, delete and go back."""
    document = own_document(document_id)
    form = DeleteDocumentForm()
    if not (form.validate_on_submit() and form.confirm.data):
        return render_template("documents/delete.html", form=form, document=document)
    changes = FileChanges()
    changes.delete_after_commit([StoredFile(DOCUMENTS, document.stored_name)])
    db.session.delete(document)
    changes.commit()
    flash(f"“{document.display_name}” was deleted.", "success")
    return redirect(url_for("documents.index"))
