"""The profile page: details and address written back, the avatar in two sizes, files following the commit."""

import io

import pytest
from flask import url_for
from PIL import Image
from sqlalchemy import select

from extensions import db
from models import User
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.registration_client import png_bytes
from tests.upload_files import fail_commits
from tests.upload_files import stored_files

ADDRESS = {
    "address-street": "1 Rue de Rivoli",
    "address-city": "Paris",
    "address-region": "",
    "address-postal_code": "75001",
    "address-country": "FR",
}


@pytest.fixture
def user(app):
    return add_user(
        app, last_name="Smith", street="2 High St", city="Leeds", postal_code="LS1 1AA", country="GB"
    )


def post_profile(client, data=None, photo: bytes | None = None, follow=False):
    values = form_values(client.get("/profile"), action="")
    values.update(data or {})
    if photo is not None:
        values["avatar"] = (io.BytesIO(photo), "me.png")
    return client.post("/profile", data=values, content_type="multipart/form-data", follow_redirects=follow)


def the_user(app) -> User:
    with app.app_context():
        return db.session.scalar(select(User))


def avatars_dir(tmp_path):
    return tmp_path / "uploads" / "avatars"


def test_profile_needs_sign_in(client):
    assert "/login" in client.get("/profile").headers["Location"]


def test_the_form_is_filled_from_the_user(logged_in_client):
    values = form_values(logged_in_client.get("/profile"), action="")
    assert values["first_name"] == "Alice" and values["last_name"] == "Smith"
    assert values["address-city"] == "Leeds" and values["address-country"] == "GB"


def test_details_and_address_are_saved_with_post_redirect_get(app, logged_in_client):
    response = post_profile(logged_in_client, {"first_name": "Alicia", "bio": "I bake bread.", **ADDRESS})
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    page = logged_in_client.get("/profile")
    assert "Your profile is saved." in page.get_data(as_text=True)
    user = the_user(app)
    assert (user.first_name, user.bio, user.street, user.city, user.postal_code, user.country) == (
        "Alicia",
        "I bake bread.",
        "1 Rue de Rivoli",
        "Paris",
        "75001",
        "FR",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Enter your first name."),
        ("address-postal_code", "!!", "Enter a postal code like"),
        ("address-country", "XX", "Not a valid choice"),
        ("bio", "x" * 1001, "Keep it to 1000 characters."),
    ],
)
def test_bad_details_are_field_errors_and_nothing_is_saved(app, logged_in_client, field, value, message):
    response = post_profile(logged_in_client, {field: value})
    assert response.status_code == 200
    page = parse(response)
    assert message in page.find(id=f"{field}-error").get_text()
    assert page.title.get_text().startswith("Error: ")
    assert the_user(app).city == "Leeds"


def test_the_bio_counts_characters_as_you_type(logged_in_client):
    page = parse(logged_in_client.get("/profile"))
    assert page.find(id="bio")["maxlength"] == "1000"
    assert page.find(id="bio-count") is not None


def test_a_new_avatar_is_stored_in_two_sizes_and_shown_with_srcset(app, logged_in_client, tmp_path):
    post_profile(logged_in_client, photo=png_bytes((1600, 1200)))
    user = the_user(app)
    stem = user.avatar.removesuffix(".webp")
    assert stored_files(avatars_dir(tmp_path)) == sorted([f"{stem}.webp", f"{stem}-128.webp"])
    with (
        Image.open(avatars_dir(tmp_path) / f"{stem}.webp") as large,
        Image.open(avatars_dir(tmp_path) / f"{stem}-128.webp") as small,
    ):
        assert (large.size, small.size) == ((512, 384), (128, 96))
    img = parse(logged_in_client.get("/profile")).find("img", alt="Your profile photo")
    assert img["srcset"] == f"/media/avatars/{stem}-128.webp 128w, /media/avatars/{stem}.webp 512w"
    assert logged_in_client.get(f"/media/avatars/{stem}-128.webp").headers["Content-Type"] == "image/webp"


@pytest.mark.parametrize("root", ["", "/formwork"])
def test_the_avatar_and_account_links_are_the_url_builders_under_any_script_root(app, logged_in_client, root):
    post_profile(logged_in_client, photo=png_bytes((300, 300)))
    name = the_user(app).avatar
    page = parse(logged_in_client.get("/profile", environ_overrides={"SCRIPT_NAME": root}))
    with app.test_request_context(environ_overrides={"SCRIPT_NAME": root}):
        large = url_for("uploads.avatar", name=name)
        small = url_for("uploads.avatar", name=name.replace(".webp", "-128.webp"))
        accounts = [
            url_for(endpoint) for endpoint in ("account.password", "documents.index", "account.delete")
        ]
    assert large.startswith(f"{root}/media/avatars/")
    img = page.find("img", alt="Your profile photo")
    assert (img["src"], img["srcset"]) == (large, f"{small} 128w, {large} 512w")
    assert page.select_one(".fw-current-file img")["src"] == small
    assert [
        a["href"] for a in page.find("h2", string="Your account").find_next("ul").find_all("a")
    ] == accounts


def test_the_page_previews_a_chosen_photo_before_upload(logged_in_client):
    field = parse(logged_in_client.get("/profile")).find(id="avatar")
    assert field["data-fw-preview"] == "avatar-preview" and ".png" in field["accept"]
    assert field["data-fw-max-bytes"] == str(10 * 1024 * 1024)


def test_a_valid_photo_is_kept_when_another_field_needs_fixing(app, logged_in_client, tmp_path):
    response = post_profile(logged_in_client, {"first_name": ""}, photo=png_bytes())
    page = parse(response)
    assert page.find(id="first_name-error") is not None
    chosen = page.find("img", alt="The new photo you chose")
    assert chosen is not None and logged_in_client.get(chosen["src"]).status_code == 200
    assert the_user(app).avatar is None
    # Fixed without choosing the file again: the photo chosen before is saved.
    assert post_profile(logged_in_client, {"first_name": "Alice"}).status_code == 302
    user = the_user(app)
    assert user.avatar is not None and f"{user.avatar}" in stored_files(avatars_dir(tmp_path))
    assert stored_files(tmp_path / "uploads" / "staging") == []


def test_a_chosen_photo_is_only_shown_to_its_own_session(app, logged_in_client):
    post_profile(logged_in_client, {"first_name": ""}, photo=png_bytes())
    add_user(app, "bob", "bob@example.com")
    other = app.test_client()
    other.post(
        "/login", data={**form_values(other.get("/login")), "username": "bob", "password": "Correct-horse-1"}
    )
    assert other.get("/profile/chosen-photo").status_code == 404


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "me.svg",
            "Choose a JPEG",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "me.png",
            "not a JPEG, PNG",
        ),
        (b"MZ\x90\x00" + b"\x00" * 100, "me.jpg", "not a JPEG, PNG"),
    ],
)
def test_bad_photos_are_refused_with_nothing_on_disk(app, logged_in_client, tmp_path, content, name, message):
    values = form_values(logged_in_client.get("/profile"), action="")
    values["avatar"] = (io.BytesIO(content), name)
    page = parse(logged_in_client.post("/profile", data=values, content_type="multipart/form-data"))
    assert message in page.find(id="avatar-error").get_text()
    assert stored_files(tmp_path / "uploads" / "staging") == [] and stored_files(avatars_dir(tmp_path)) == []


def test_replacing_the_avatar_deletes_the_old_files(app, logged_in_client, tmp_path):
    post_profile(logged_in_client, photo=png_bytes(color=(1, 2, 3)))
    old = the_user(app).avatar
    post_profile(logged_in_client, photo=png_bytes(color=(200, 2, 3)))
    new = the_user(app).avatar
    assert new != old
    assert stored_files(avatars_dir(tmp_path)) == sorted([new, new.replace(".webp", "-128.webp")])
    assert logged_in_client.get(f"/media/avatars/{old}").status_code == 404


def test_remove_avatar_removes_it_and_its_files(app, logged_in_client, tmp_path):
    post_profile(logged_in_client, photo=png_bytes())
    assert parse(logged_in_client.get("/profile")).find(id="remove_avatar") is not None
    post_profile(logged_in_client, {"remove_avatar": "y"})
    assert the_user(app).avatar is None
    assert stored_files(avatars_dir(tmp_path)) == []
    assert parse(logged_in_client.get("/profile")).find(id="remove_avatar") is None  # nothing left to remove


def test_a_failed_commit_keeps_the_old_avatar_files(app, logged_in_client, tmp_path, monkeypatch):
    post_profile(logged_in_client, photo=png_bytes(color=(1, 2, 3)))
    old = the_user(app).avatar
    before = stored_files(avatars_dir(tmp_path))
    with monkeypatch.context() as patch:
        fail_commits(patch)
        response = post_profile(logged_in_client, photo=png_bytes(color=(9, 9, 9)))
    assert response.status_code == 503
    assert the_user(app).avatar == old  # the user still points at files that exist
    assert stored_files(avatars_dir(tmp_path)) == before  # the old ones kept, the new ones removed
    assert stored_files(tmp_path / "uploads" / "staging") == []
    assert logged_in_client.get(f"/media/avatars/{old}").status_code == 200


def test_a_failed_commit_of_a_removal_deletes_nothing(app, logged_in_client, tmp_path, monkeypatch):
    post_profile(logged_in_client, photo=png_bytes())
    before = stored_files(avatars_dir(tmp_path))
    with monkeypatch.context() as patch:
        fail_commits(patch)
        post_profile(logged_in_client, {"remove_avatar": "y"})
    assert the_user(app).avatar is not None
    assert stored_files(avatars_dir(tmp_path)) == before
