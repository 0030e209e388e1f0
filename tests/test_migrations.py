"""The Alembic migrations build exactly the schema the models declare."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from extensions import db
from tests.conftest import overrides_for


def test_upgrade_creates_the_models_schema(tmp_path):
    app = create_app(overrides_for(tmp_path))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn, warnings.catch_warnings():
            # SQLite cannot reflect expression indexes; Postgres checks them (test_services).
            warnings.simplefilter("ignore")
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        db.engine.dispose()
    assert diff == []


def test_db_upgrade_command_runs(tmp_path):
    app = create_app(overrides_for(tmp_path))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "test.db").exists()
