"""Scale-out: two gunicorn instances (gunicorn.conf.py, production config) on one PostgreSQL and Redis.

The browser goes through a round-robin balancer (bench/httpclient.py): every request
goes to the other instance than the one before, so each step's page comes from one
instance and is posted to the other, a photo staged on one is served by the other
(the shared UPLOAD_ROOT), and a sign-in made on one holds on the other, where the
profile is edited (its new photo then served by both).
"""

import io
import itertools
import re

import pytest
import redis

from app import create_app
from bench.cluster import cluster
from bench.cluster import production_environment
from bench.httpclient import HttpClient
from extensions import db
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.conftest import overrides_for
from tests.conftest import reset_postgres_schema
from tests.conftest import service_url
from tests.conftest import testing_environment as use_testing_environment
from tests.page_reading import form_values
from tests.registration_client import Registration
from tests.registration_client import png_bytes

pytestmark = pytest.mark.services

PROFILE = {
    "last_name": "Baker",
    "bio": "Bakes on both instances.",
    "address-street": "1 Rue de Rivoli",
    "address-city": "Paris",
    "address-region": "",
    "address-postal_code": "75001",
    "address-country": "FR",
}


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Two running instances on an emptied database and Redis db, and an app on the same database."""
    workdir = tmp_path_factory.mktemp("scale-out")
    with pytest.MonkeyPatch.context() as env:
        database_url, redis_url = service_url("TEST_DATABASE_URL"), service_url("TEST_REDIS_URL")
        use_testing_environment(env)
        app = create_app(overrides_for(workdir, SQLALCHEMY_DATABASE_URI=database_url))
    with app.app_context():
        reset_postgres_schema()
    redis.Redis.from_url(redis_url).flushdb()
    settings = production_environment(
        database_url,
        redis_url,
        str(workdir),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
        PASSWORD_HASH_METHOD="pbkdf2:sha256:1",
    )
    with cluster(settings, str(workdir)) as instances:
        yield [instance.port for instance in instances], app
    with app.app_context():
        reset_postgres_schema()
        db.engine.dispose()


def test_a_registration_whose_requests_alternate_between_instances_completes(services):
    ports, _ = services
    browser = HttpClient(ports)
    reg = Registration(browser)
    reg.complete("account")
    browser.get("/")  # shifts the turn: the next step is posted to the other instance
    reg.complete("profile")
    browser.get("/")
    reg.complete("preferences", avatar=png_bytes())

    review = reg.get("review")
    assert review.status_code == 200
    assert "newbie@example.com" in review.get_data(as_text=True)
    photo = browser.get(reg.url("avatar"))  # staged by one instance, served by the other
    assert photo.status_code == 200
    assert photo.headers["Content-Type"].startswith("image/")
    assert reg.confirm().headers["Location"] == "/profile"
    profile = browser.get("/profile")
    assert profile.status_code == 200
    assert "newbie" in profile.get_data(as_text=True)

    assert all(a.port != b.port for a, b in itertools.pairwise(browser.log))
    assert {entry.port for entry in browser.log if entry.method == "POST"} == set(ports)


def test_signed_in_on_one_instance_the_profile_is_edited_on_the_other(services):
    (first, second), app = services
    add_user(app, "carol", "carol@example.com", first_name="Carol")
    browser = HttpClient([first, second])
    token = form_values(browser.get("/login"))["csrf_token"]
    signed_in = browser.post("/login", data={"csrf_token": token, "username": "carol", "password": PASSWORD})
    assert signed_in.status_code == 302
    values = form_values(browser.get("/profile"), action="")
    assert values["first_name"] == "Carol"
    values.update(PROFILE, avatar=(io.BytesIO(png_bytes()), "me.png"))
    saved = browser.post("/profile", data=values, content_type="multipart/form-data")
    assert saved.headers["Location"] == "/profile"
    page = browser.get("/profile").get_data(as_text=True)
    assert "Your profile is saved." in page
    assert PROFILE["bio"] in page
    assert [entry.port for entry in browser.log] == [first, second, first, second, first]
    avatar = re.search(r'src="(/media/avatars/[^"]+)"', page).group(1)
    for _ in browser.ports:  # written by one instance, served by both from the shared volume
        assert browser.get(avatar).status_code == 200


def test_sign_in_attempts_are_counted_across_instances(services):
    ports, _ = services
    browser = HttpClient(ports)
    token = form_values(browser.get("/login"))["csrf_token"]
    wrong = {"csrf_token": token, "username": "carol", "password": "not-the-password"}
    statuses = [browser.post("/login", data=wrong).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10  # ten tries a minute, wherever they land
    assert statuses[10] == 429
    assert HttpClient(ports).get("/login").status_code == 200  # another client is not limited


def test_both_instances_run_the_production_recipe(services):
    ports, _ = services
    for port in ports:
        page = HttpClient([port]).get("/")
        assert page.status_code == 200
        assert "Secure" in page.headers["Set-Cookie"]  # production cookies, behind the TLS proxy
        assert page.headers["Strict-Transport-Security"]
