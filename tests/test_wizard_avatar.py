"""The avatar chosen during registration: staged, checked, shown, promoted, swept."""

import io
import os
import time

import pytest
from PIL import Image
from PIL import ImageOps
from sqlalchemy import event
from sqlalchemy import select

from extensions import db
from models import User
from tests.page_reading import parse
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import png_bytes
from tests.upload_files import stored_files
from uploads.avatars import sized_name


def files_in(path) -> list[str]:
    """The avatars in a folder, by the name of their largest size (each has a `-128` twin)."""
    return [name for name in stored_files(path) if "-" not in name]


def jpeg_with_gps_and_rotation() -> bytes:
    image = Image.new("RGB", (60, 20), (0, 120, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_avatar_is_staged_shown_and_promoted_on_confirm(app, client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    staged = files_in(tmp_path / "uploads" / "staging")
    assert len(staged) == 1 and staged[0].endswith(".webp")
    review = parse(reg.get("review"))
    src = review.find("img", alt="Your profile photo")["src"]
    assert src == reg.url("avatar")
    assert client.get(src).headers["Content-Type"] == "image/webp"
    reg.confirm()
    with app.app_context():
        user = db.session.scalar(select(User))
    assert user.avatar == staged[0]
    assert files_in(tmp_path / "uploads" / "staging") == []
    assert files_in(tmp_path / "uploads" / "avatars") == staged
    assert stored_files(tmp_path / "uploads" / "avatars") == sorted([staged[0], sized_name(staged[0], 128)])
    served = client.get(f"/media/avatars/{user.avatar}")
    assert served.status_code == 200 and served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.cache_control.private and not served.cache_control.public


def test_the_new_account_is_written_with_its_photo_in_one_insert(app, client):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    written = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, statement, *rest):
        written.append(statement.split()[0])

    event.listen(engine, "before_cursor_execute", record)
    try:
        reg.confirm()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert written.count("INSERT") == 1 and "UPDATE" not in written
    with app.app_context():
        assert db.session.scalar(select(User)).avatar is not None


def test_a_photo_swept_before_confirm_leaves_the_account_without_one(app, client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    for name in files_in(tmp_path / "uploads" / "staging"):
        os.unlink(tmp_path / "uploads" / "staging" / name)
    page = client.get(reg.confirm().headers["Location"]).get_data(as_text=True)
    assert "Your profile photo had expired" in page
    with app.app_context():
        user = db.session.scalar(select(User))
    assert user is not None and user.avatar is None
    assert files_in(tmp_path / "uploads" / "avatars") == []


def test_staged_avatar_is_private_to_its_registration(app, client):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    assert app.test_client().get(reg.url("avatar")).status_code == 404


def test_avatar_metadata_is_stripped_and_orientation_applied(client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=jpeg_with_gps_and_rotation())
    (name,) = files_in(tmp_path / "uploads" / "staging")
    with Image.open(tmp_path / "uploads" / "staging" / name) as image:
        assert image.size == (20, 60)
        assert not image.getexif()


def large_lossless_png() -> bytes:
    """17 megapixels in a few kilobytes: decoded in full, it would take about 70 MB."""
    out = io.BytesIO()
    Image.new("1", (4100, 4100)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_a_malformed_exif_tag() -> bytes:
    """Orientation 6, and an ImageDescription retagged as WhitePoint, whose ASCII value then
    has the wrong type: Pillow's ImageOps.exif_transpose raises TypeError on it."""
    image = Image.new("RGB", (60, 20), (0, 120, 255))
    exif = Image.Exif()
    exif[0x010E] = "a description"
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    at = data.index(b"\x01\x0e\x00\x02")  # big-endian tag 0x010E of type ASCII
    return data[:at] + b"\x01\x3f" + data[at + 2 :]


def test_a_photo_with_a_malformed_exif_tag_is_still_turned_upright(client, tmp_path):
    photo = jpeg_with_a_malformed_exif_tag()
    with Image.open(io.BytesIO(photo)) as image, pytest.raises(TypeError):
        ImageOps.exif_transpose(image)  # what used to turn this upload into a 500
    reg = Registration(client)
    assert reg.complete(avatar=photo).headers["Location"].endswith("/review")
    (name,) = files_in(tmp_path / "uploads" / "staging")
    with Image.open(tmp_path / "uploads" / "staging" / name) as image:
        assert image.size == (20, 60)
        assert not image.getexif()


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("me.png", b"this is not an image at all", "not a JPEG, PNG, WebP or GIF"),
        ("me.exe", png_bytes(), "Choose a JPEG, PNG, WebP or GIF image"),
        ("me.bmp", png_bytes(), "Choose a JPEG, PNG, WebP or GIF image"),
        ("me.png", png_bytes()[:60], "damaged"),
        ("me.png", large_lossless_png(), "at most 16 megapixels for a PNG"),
    ],
)
def test_bad_avatars_get_a_field_error_and_nothing_on_disk(client, tmp_path, filename, content, message):
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post(
        "preferences", VALID["preferences"], files={"avatar": (io.BytesIO(content), filename)}
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.find(id="avatar")["aria-invalid"] == "true"
    assert message in page.find(id="avatar-error").get_text()
    assert files_in(tmp_path / "uploads" / "staging") == []


def test_decompression_bombs_are_refused(client, tmp_path):
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, format="PNG")  # 100 megapixels, a few KB
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post(
        "preferences", VALID["preferences"], files={"avatar": (io.BytesIO(bomb.getvalue()), "b.png")}
    )
    assert "too large" in parse(response).find(id="avatar-error").get_text()
    assert files_in(tmp_path / "uploads" / "staging") == []


def test_a_good_avatar_is_kept_when_other_answers_need_fixing(client, tmp_path):
    reg = Registration(client)
    reg.complete("account", "profile")
    answers = {**VALID["preferences"], "agree_terms": ""}
    response = reg.post("preferences", answers, files={"avatar": (io.BytesIO(png_bytes()), "me.png")})
    page = parse(response)
    assert page.find(id="agree_terms")["aria-invalid"] == "true"
    assert page.find("img", alt="The profile photo you chose") is not None
    assert reg.post("preferences", VALID["preferences"]).status_code == 302
    photo = parse(reg.get("review")).find("dt", string="Profile photo").find_next_sibling("dd").find("img")
    assert photo["src"] == reg.url("avatar") and photo["alt"] == "Your profile photo"


def test_replacing_the_staged_avatar_deletes_the_old_file(client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    first = files_in(tmp_path / "uploads" / "staging")
    reg.post(
        "preferences",
        VALID["preferences"],
        files={"avatar": (io.BytesIO(png_bytes(color=(1, 2, 3))), "b.png")},
    )
    second = files_in(tmp_path / "uploads" / "staging")
    assert len(second) == 1 and second != first


def test_sweep_removes_staged_avatars_of_abandoned_registrations(make_app, tmp_path):
    app = make_app(WIZARD_TTL_SECONDS=60)
    reg = Registration(app.test_client())
    reg.complete(avatar=png_bytes())
    staging = tmp_path / "uploads" / "staging"
    (old,) = files_in(staging)
    os.utime(staging / old, (time.time() - 120, time.time() - 120))
    fresh = Registration(app.test_client())
    fresh.complete(avatar=png_bytes())
    result = app.test_cli_runner().invoke(args=["uploads", "sweep"])
    assert "Removed 1 staged file" in result.output
    assert old not in files_in(staging) and len(files_in(staging)) == 1


@pytest.mark.parametrize("name", ["../secret_key", "x.webp", "0" * 32 + ".exe", "%2e%2e"])
def test_media_urls_accept_only_stored_names(client, name):
    assert client.get(f"/media/avatars/{name}").status_code == 404


def test_back_checks_the_avatar_too_and_says_why_on_return(client, tmp_path):
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post(
        "preferences", {"plan": "pro"}, action="back", files={"avatar": (io.BytesIO(png_bytes()), "evil.exe")}
    )
    assert response.headers["Location"].endswith("/profile")
    assert files_in(tmp_path / "uploads" / "staging") == []
    page = parse(reg.get("preferences"))
    assert page.find(id="avatar")["aria-invalid"] == "true"
    assert "Choose a JPEG, PNG, WebP or GIF image" in page.find(id="avatar-error").get_text()
    assert page.find("input", attrs={"name": "plan", "value": "pro"}).has_attr("checked")  # the draft kept


def test_back_stages_a_good_avatar(client, tmp_path):
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post(
        "preferences", {}, action="back", files={"avatar": (io.BytesIO(png_bytes()), "me.png")}
    )
    assert response.headers["Location"].endswith("/profile")
    assert len(files_in(tmp_path / "uploads" / "staging")) == 1


def test_a_staged_photo_can_be_removed(client, tmp_path):
    reg = Registration(client)
    reg.complete("account", "profile")
    assert parse(reg.get("preferences")).find(id="remove_avatar") is None  # nothing to remove yet
    reg.complete("preferences", avatar=png_bytes())
    assert len(files_in(tmp_path / "uploads" / "staging")) == 1
    page = parse(reg.get("preferences"))
    assert page.find("label", attrs={"for": "remove_avatar"}).get_text(strip=True) == "Remove my photo"

    response = reg.post("preferences", {**VALID["preferences"], "remove_avatar": "y"})
    assert response.headers["Location"].endswith("/review")
    assert files_in(tmp_path / "uploads" / "staging") == []
    review = parse(reg.get("review"))
    assert review.find("img", alt="Your profile photo") is None
    rows = {dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True) for dt in review.find_all("dt")}
    assert rows["Profile photo"] == "No photo"
    assert "Remove my photo" not in rows
    assert parse(reg.get("preferences")).find(id="remove_avatar") is None


def test_a_new_photo_wins_over_remove(client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    (first,) = files_in(tmp_path / "uploads" / "staging")
    reg.post(
        "preferences",
        {**VALID["preferences"], "remove_avatar": "y"},
        files={"avatar": (io.BytesIO(png_bytes(color=(0, 200, 0))), "new.png")},
    )
    (second,) = files_in(tmp_path / "uploads" / "staging")
    assert second != first


@pytest.mark.parametrize(
    ("content", "filename", "reason"),
    [
        (b"not an image at all", "holiday.heic", "Choose a JPEG, PNG, WebP or GIF image."),
        (b"GIF89a but not really", "broken.gif", "not a JPEG, PNG, WebP or GIF image"),
    ],
)
def test_a_refused_photo_is_named_with_the_reason(client, content, filename, reason):
    reg = Registration(client)
    reg.complete("account", "profile")
    response = reg.post(
        "preferences", VALID["preferences"], files={"avatar": (io.BytesIO(content), filename)}
    )
    message = parse(response).find(id="avatar-error").get_text(" ", strip=True)
    assert f"{filename}:" in message and reason in message
