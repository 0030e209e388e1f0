"""`flask --app app uploads sweep` and the hourly chore remove orphan files and partial writes."""

import io
import os
import time

from tests.page_reading import form_values
from tests.registration_client import VALID
from tests.registration_client import png_bytes
from tests.upload_files import all_files
from tests.upload_files import pdf_bytes
from uploads.storage import upload_dir

HOUR = 3600


def age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_sweep_removes_old_orphans_and_partial_writes_but_keeps_files_in_use(
    app, logged_in_client, runner, tmp_path
):
    values = form_values(logged_in_client.get("/profile"), action="")
    values.update({**VALID["profile"], "avatar": (io.BytesIO(png_bytes()), "me.png")})
    assert (
        logged_in_client.post("/profile", data=values, content_type="multipart/form-data").status_code == 302
    )
    values = form_values(logged_in_client.get("/documents"), action="/documents")
    values["documents"] = [(io.BytesIO(pdf_bytes()), "kept.pdf")]
    logged_in_client.post("/documents", data=values, content_type="multipart/form-data")
    uploads = tmp_path / "uploads"
    in_use = all_files(uploads)
    strays = {
        "old orphan avatar": uploads / "avatars" / ("a" * 32 + ".webp"),
        "old orphan document": uploads / "documents" / ("b" * 32 + ".pdf"),
        "old partial write": uploads / "documents" / ".part-cut-short",
        "new orphan (being committed)": uploads / "documents" / ("c" * 32 + ".pdf"),
        "new partial write (uploading)": uploads / "avatars" / ".part-in-progress",
    }
    for name, path in strays.items():
        path.write_bytes(b"x")
        if name.startswith("old"):
            age(path, 2 * HOUR)
    for path in uploads.rglob("*"):
        if path.is_file() and str(path.relative_to(uploads)) in in_use:
            age(path, 2 * HOUR)  # files in use are kept however old

    result = runner.invoke(args=["uploads", "sweep"])
    assert result.exit_code == 0, result.output
    assert "3 orphan file(s)" in result.output
    left = all_files(uploads)
    assert set(in_use) <= set(left)
    assert {name for name, path in strays.items() if path.exists()} == {
        "new orphan (being committed)",
        "new partial write (uploading)",
    }
    assert len(left) == len(in_use) + 2


def test_the_workers_run_the_orphan_sweep_every_hour(app):
    chores = {chore.name: chore for chore in app.extensions["housekeeper"].chores}
    assert chores["orphan-uploads"].interval == HOUR
    assert chores["orphan-uploads"].job.__name__ == "sweep_orphans"


def test_an_upload_folder_is_made_on_first_use_and_again_if_it_went_away(app, tmp_path):
    with app.app_context():
        path = upload_dir("staging")
        assert path == str(tmp_path / "uploads" / "staging") and os.path.isdir(path)
        os.rmdir(path)  # an operator's clean-up while the app runs
        assert upload_dir("staging") == path and os.path.isdir(path)
