"""The documents page's upload form: several files at once, each checked by documents.intake."""

from flask import current_app
from flask_wtf.file import MultipleFileField
from wtforms import SubmitField
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from uploads.sniffing import DOCUMENT_EXTENSIONS


class DocumentUploadForm(FormworkForm):
    """`documents`: up to DOCUMENT_MAX_FILES files; name, size and content are checked per file."""

    documents = MultipleFileField(
        "Documents",
        description="PDF, Word (DOCX) or plain text (UTF-8). Choose several at once.",
        render_kw={"accept": ",".join(f".{extension}" for extension in DOCUMENT_EXTENSIONS)},
    )
    submit = SubmitField("Upload")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.documents.flags.required = True  # checked by validate_documents, marked for the person

    def validate_documents(self, field: MultipleFileField) -> None:
        files = [upload for upload in field.data or [] if upload and upload.filename]
        if not files:
            raise ValidationError("Choose one or more documents to upload.")
        most = current_app.config["DOCUMENT_MAX_FILES"]
        if len(files) > most:
            raise ValidationError(f"Choose at most {most} documents at a time (you chose {len(files)}).")
        field.data = files


class DeleteDocumentForm(FormworkForm):
    """The confirmation step of deleting a document: only the button that says yes deletes."""

    confirm = SubmitField("Yes, delete it")
