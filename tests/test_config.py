"""The configuration contract: APP_CONFIG, environment variables, overrides, secrets."""

import pytest

import config
from app import create_app
from extensions import db
from tests.conftest import overrides_for


def test_environment_variables_are_read(monkeypatch, tmp_path):
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "1234")
    monkeypatch.setenv("WIZARD_TTL_SECONDS", "60")
    monkeypatch.setenv("PASSWORD_HASH_METHOD", "pbkdf2:sha256:2")
    monkeypatch.setenv("ADMINS", "a@example.com, b@example.com")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/x")
    app = create_app({"LOG_DIR": str(tmp_path / "logs"), "UPLOAD_ROOT": str(tmp_path / "up")})
    assert app.config["MAX_CONTENT_LENGTH"] == 1234
    assert app.config["WIZARD_TTL_SECONDS"] == 60
    assert app.config["PASSWORD_HASH_METHOD"] == "pbkdf2:sha256:2"
    assert app.config["ADMINS"] == ["a@example.com", "b@example.com"]
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/x"


def test_defaults_live_under_instance(monkeypatch):
    cfg = config.DevelopmentConfig("/srv/instance")
    assert cfg.SQLALCHEMY_DATABASE_URI == "sqlite:////srv/instance/formwork.db"
    assert cfg.UPLOAD_ROOT == "/srv/instance/uploads"
    assert cfg.LOG_DIR == "/srv/instance/logs"
    assert cfg.MAX_CONTENT_LENGTH == 16 * 1024 * 1024
    assert cfg.PASSWORD_HASH_METHOD == "scrypt"
    assert cfg.WIZARD_TTL_SECONDS == 86400
    assert cfg.REDIS_URL is None and cfg.MAIL_SERVER is None


def overrides_for_are_applied_last(monkeypatch, tmp_path):
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "1234")
    app = create_app(overrides_for(tmp_path, MAX_CONTENT_LENGTH=99))
    assert app.config["MAX_CONTENT_LENGTH"] == 99
    assert app.config["TESTING"] is True


def test_unknown_app_config_is_refused(monkeypatch):
    monkeypatch.setenv("APP_CONFIG", "staging")
    with pytest.raises(RuntimeError, match="APP_CONFIG"):
        create_app()


@pytest.mark.parametrize("secret", [None, "", "changeme", "short-but-set"])
def test_production_refuses_to_start_without_a_real_secret(monkeypatch, tmp_path, secret):
    monkeypatch.setenv("APP_CONFIG", "production")
    if secret is not None:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(overrides_for(tmp_path))


def test_production_starts_with_a_real_secret_and_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("TRUSTED_HOSTS", "formwork.example")
    app = create_app(overrides_for(tmp_path))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["RATELIMIT_ENABLED"] is True


def test_development_secret_is_generated_once_and_kept(tmp_path):
    first = config.instance_secret_key(str(tmp_path))
    assert len(first) == 64
    assert config.instance_secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_server_database_pool_is_sized_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DB_POOL_SIZE", "3")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "2")
    monkeypatch.setenv("DB_POOL_TIMEOUT", "7")
    app = create_app(overrides_for(tmp_path, SQLALCHEMY_DATABASE_URI="postgresql+psycopg://u@127.0.0.1:1/x"))
    with app.app_context():
        pool = db.engine.pool  # built without connecting
        assert (pool.size(), pool._max_overflow, pool._timeout) == (3, 2, 7)
        assert db.engine.pool._pre_ping


def test_sqlite_keeps_its_own_pool(tmp_path):
    app = create_app(overrides_for(tmp_path, DB_POOL_SIZE=3))
    assert "pool_size" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
