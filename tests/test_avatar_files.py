"""The avatar files on disk: one file per size (even when two sizes are the same picture), written whole or not at all."""

import io
import os

import pytest
from PIL import Image
from sqlalchemy import select

from extensions import db
from models import User
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import png_bytes
from tests.upload_files import all_files
from tests.upload_files import stored_files
from uploads import storage


@pytest.fixture
def user(app):
    """A user whose profile form is complete, so that posting it only changes the photo."""
    return add_user(
        app, last_name="Jones", street="3 Low St", city="York", postal_code="YO1 7HH", country="GB"
    )


def post_photo(client, photo: bytes):
    values = form_values(client.get("/profile"), action="")
    values["avatar"] = (io.BytesIO(photo), "me.png")
    return client.post("/profile", data=values, content_type="multipart/form-data")


def avatar_paths(app, tmp_path) -> tuple[str, str]:
    with app.app_context():
        name = db.session.scalar(select(User.avatar))
    stem = name.removesuffix(".webp")
    folder = tmp_path / "uploads" / "avatars"
    return str(folder / f"{stem}.webp"), str(folder / f"{stem}-128.webp")


def test_a_photo_smaller_than_both_sizes_is_two_separate_files_of_the_same_picture(
    app, logged_in_client, tmp_path
):
    assert post_photo(logged_in_client, png_bytes((40, 30))).status_code == 302
    large, small = avatar_paths(app, tmp_path)
    with open(large, "rb") as one, open(small, "rb") as other:
        assert one.read() == other.read()
    assert not os.path.samefile(large, small)
    with Image.open(large) as image:
        assert image.format == "WEBP" and image.size == (40, 30)
    os.unlink(small)
    assert os.path.exists(large)


def test_a_photo_between_the_sizes_is_kept_whole_for_the_large_one_and_shrunk_for_the_small(
    app, logged_in_client, tmp_path
):
    assert post_photo(logged_in_client, png_bytes((300, 200))).status_code == 302
    large, small = avatar_paths(app, tmp_path)
    with Image.open(large) as big, Image.open(small) as little:
        assert (big.size, little.size) == ((300, 200), (128, 85))


def test_removing_a_small_photo_deletes_both_of_its_files(app, logged_in_client, tmp_path):
    post_photo(logged_in_client, png_bytes((40, 30)))
    values = {**form_values(logged_in_client.get("/profile"), action=""), "remove_avatar": "y"}
    logged_in_client.post("/profile", data=values, content_type="multipart/form-data")
    assert stored_files(tmp_path / "uploads" / "avatars") == []


def test_stored_files_are_private_to_the_server(app, logged_in_client, tmp_path):
    post_photo(logged_in_client, png_bytes((40, 30)))
    for path in avatar_paths(app, tmp_path):
        assert os.stat(path).st_mode & 0o777 == 0o600


def test_a_write_that_fails_on_the_second_size_leaves_no_file_and_no_partial(app, tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def replace_once(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(storage.os, "replace", replace_once)
    with app.app_context(), pytest.raises(OSError):
        storage.write_files("staging", {"a.webp": b"large", "a-128.webp": b"small"})
    assert all_files(tmp_path / "uploads" / "staging") == []


def test_short_writes_are_continued_until_the_file_is_whole(app, tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(storage.os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    with app.app_context():
        path = storage.write_atomically(storage.upload_dir("staging"), "b.webp", b"0123456789")
    with open(path, "rb") as written:
        assert written.read() == b"0123456789"
    assert all_files(tmp_path / "uploads" / "staging") == ["b.webp"]


def test_a_small_photo_chosen_while_registering_is_staged_as_two_files(client, tmp_path):
    reg = Registration(client)
    reg.complete("account", "profile")
    files = {"avatar": (io.BytesIO(png_bytes((8, 8))), "me.png")}
    assert reg.post("preferences", VALID["preferences"], files=files).status_code == 302
    staged = all_files(tmp_path / "uploads" / "staging")
    assert len(staged) == 2 and sorted(name.endswith("-128.webp") for name in staged) == [False, True]
