"""Documents downloaded and deleted: private attachments, never another user's."""

from urllib.parse import quote

from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.upload_files import pdf_bytes
from tests.upload_files import stored_documents as stored
from tests.upload_files import upload_area
from tests.upload_files import upload_documents as upload


def test_download_is_a_private_attachment_with_an_encoded_name(app, logged_in_client):
    upload(logged_in_client, ("Grüße\n".encode(), "Grüße aus Köln.txt"))
    (document,) = stored(app)
    response = logged_in_client.get(f"/documents/{document.id}")
    assert response.status_code == 200
    assert response.get_data() == "Grüße\n".encode()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('Grüße aus Köln.txt', safe='')}" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response.headers["Cache-Control"]


def test_an_ascii_name_also_gets_the_rfc_5987_form(app, logged_in_client):
    upload(logged_in_client, (pdf_bytes(), "report 2026.pdf"))
    (document,) = stored(app)
    disposition = logged_in_client.get(f"/documents/{document.id}").headers["Content-Disposition"]
    assert disposition == "attachment; filename=report_2026.pdf; filename*=UTF-8''report%202026.pdf"


def test_another_users_document_is_a_404_for_download_and_delete(app, logged_in_client, tmp_path):
    upload(logged_in_client, (pdf_bytes(), "mine.pdf"))
    (document,) = stored(app)
    add_user(app, "mallory", "mallory@example.com")
    other = app.test_client()
    other.post(
        "/login",
        data={**form_values(other.get("/login")), "username": "mallory", "password": "Correct-horse-1"},
    )
    token = form_values(other.get("/documents"), action="/documents")["csrf_token"]
    assert other.get(f"/documents/{document.id}").status_code == 404
    assert (
        other.post(f"/documents/{document.id}/delete", data={"csrf_token": token, "confirm": "y"}).status_code
        == 404
    )
    assert other.get("/documents/999999").status_code == 404
    assert len(stored(app)) == 1 and len(upload_area(tmp_path)) == 1
    assert "mine.pdf" not in other.get("/documents").get_data(as_text=True)


def test_delete_asks_first_and_works_without_javascript(app, logged_in_client, tmp_path):
    page = upload(logged_in_client, (pdf_bytes(), "old.pdf"))
    (document,) = stored(app)
    form = parse(page).find("form", action=f"/documents/{document.id}/delete")
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    confirm = logged_in_client.post(f"/documents/{document.id}/delete", data={"csrf_token": token})
    assert confirm.status_code == 200 and "Delete this document?" in confirm.get_data(as_text=True)
    assert len(stored(app)) == 1  # nothing deleted yet
    values = form_values(confirm, action=f"/documents/{document.id}/delete")
    done = logged_in_client.post(
        f"/documents/{document.id}/delete",
        data={**values, "confirm": "Yes, delete it"},
        follow_redirects=True,
    )
    assert "“old.pdf” was deleted." in done.get_data(as_text=True)
    assert stored(app) == [] and upload_area(tmp_path) == []
