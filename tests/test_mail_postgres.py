"""The outbox on PostgreSQL (TEST_DATABASE_URL): claims skip locked rows, concurrent deliverers send once."""

import threading

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from extensions import db
from mail.delivery import claim_due
from mail.delivery import deliver_due
from models import utcnow
from tests.conftest import overrides_for
from tests.conftest import reset_postgres_schema
from tests.conftest import service_url
from tests.test_mail_delivery import queue

pytestmark = pytest.mark.services


@pytest.fixture
def pg_mail_app(tmp_path, smtp):
    """An app on a freshly migrated PostgreSQL schema, mailing to the loopback server."""
    url = service_url("TEST_DATABASE_URL")
    app = create_app(
        overrides_for(
            tmp_path,
            SQLALCHEMY_DATABASE_URI=url,
            # A claim that waited on a locked row would fail after 3 s instead of hanging the test.
            SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"options": "-c lock_timeout=3000"}},
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=smtp.port,
        )
    )
    with app.app_context():
        reset_postgres_schema()
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        reset_postgres_schema()
        db.engine.dispose()


def test_a_claim_skips_rows_another_deliverer_has_locked(pg_mail_app):
    first, second, third = queue(pg_mail_app, 3)
    with pg_mail_app.app_context():
        with db.engine.connect() as other:
            other.execute(sa.text("SELECT id FROM outbox WHERE id = :id FOR UPDATE"), {"id": second})
            _, claimed = claim_due(utcnow())  # would wait (then fail) on the locked row without SKIP LOCKED
            assert sorted(message.id for message in claimed) == [first, third]
            other.rollback()
        _, later = claim_due(utcnow())
        assert [message.id for message in later] == [second]


def test_concurrent_deliverers_on_postgres_send_each_message_once(pg_mail_app, smtp):
    queue(pg_mail_app, 60)
    barrier = threading.Barrier(4)
    sent = []

    def run():
        with pg_mail_app.app_context():
            barrier.wait()
            sent.append(deliver_due().sent)
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(sent) == 60
    subjects = sorted(message["Subject"] for message in smtp.inbox.messages)
    assert subjects == sorted(f"Hello {n}" for n in range(60))


def test_contact_with_a_nul_character_is_a_field_error_on_postgres(pg_mail_app):
    from tests.test_contact import post_contact

    pg_mail_app.config.update(CONTACT_MIN_SECONDS=0, ADMINS=["ops@example.com"])
    response = post_contact(pg_mail_app.test_client(), name="Ada\x00", message="Hello\x00 there, friends")
    assert response.status_code == 200
    assert "Error: " in response.get_data(as_text=True)
