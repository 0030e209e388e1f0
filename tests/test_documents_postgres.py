"""Documents and account deletion on PostgreSQL: sums, the migrated foreign key's cascade."""

import io

import pytest
from sqlalchemy import func
from sqlalchemy import select

from documents.models import Document
from extensions import db
from models import User
from tests.auth_actions import AuthActions
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.upload_files import pdf_bytes

pytestmark = pytest.mark.services


def test_documents_and_their_rows_go_with_the_account_on_postgres(pg_app):
    add_user(pg_app)
    client = pg_app.test_client()
    assert AuthActions(client).login().status_code == 302
    values = form_values(client.get("/documents"), action="/documents")
    values["documents"] = [(io.BytesIO(pdf_bytes()), "a.pdf"), (io.BytesIO(b"notes"), "b.txt")]
    page = client.post("/documents", data=values, content_type="multipart/form-data", follow_redirects=True)
    assert "2 documents uploaded." in page.get_data(as_text=True)
    with pg_app.app_context():
        owner = db.session.scalar(select(User.id))
        assert Document.bytes_used(owner) == len(pdf_bytes()) + 5
    delete = form_values(client.get("/account/delete"), action="")
    assert client.post("/account/delete", data={**delete, "password": PASSWORD}).status_code == 302
    with pg_app.app_context():
        assert db.session.scalar(select(func.count(Document.id))) == 0
        assert db.session.scalar(select(func.count(User.id))) == 0
