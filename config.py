"""Configuration classes, read from the environment when the app is created.

`APP_CONFIG` picks the class (`development`, `testing`, `production`); each reads
the variables of the SPEC's configuration table. Paths default to the instance
folder, which is why the classes take it as an argument instead of reading it at
import time.
"""

import os
import secrets
from datetime import timedelta

MIB = 1024 * 1024

# Values that must never sign production cookies.
PLACEHOLDER_SECRETS = {"", "dev", "secret", "changeme", "change-me", "please-change-me"}
MIN_SECRET_LENGTH = 32


def env_int(name: str, default: int) -> int:
    """An integer environment variable, or `default` when unset or empty."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_bool(name: str, default: bool) -> bool:
    """A boolean environment variable: 1/true/yes/on are true."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    """A comma-separated environment variable as a list, blanks left out."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at psycopg 3, the driver installed here."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Settings shared by every environment."""

    APP_CONFIG = "base"
    DEBUG = False
    TESTING = False

    SESSION_COOKIE_NAME = "formwork_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # Save a session only when it changed: re-saving the snapshot a request read
    # (a static file, a slow GET) could overwrite what a parallel POST just stored.
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # How often (seconds) a worker removes expired sessions from the file store.
    SESSION_SWEEP_INTERVAL = 600
    # How often (seconds) a worker deletes avatars staged by abandoned registrations.
    STAGING_SWEEP_INTERVAL = 3600
    # Files no row refers to are deleted by the sweep once older than this (seconds):
    # long enough for any upload still being committed.
    ORPHAN_GRACE_SECONDS = 3600
    RATELIMIT_ENABLED = True
    # A rate-limit store that is down must not take the site down with it.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_HEADERS_ENABLED = True
    # The outbox: how often a worker looks for due mail, and the retry back-off (doubling).
    MAIL_SEND_INTERVAL = 60
    MAIL_RETRY_SECONDS = 60
    MAIL_RETRY_MAX_SECONDS = 6 * 3600
    MAIL_MAX_ATTEMPTS = 12
    # Sent and failed messages are deleted after these many days, checked every MAIL_PRUNE_INTERVAL s.
    MAIL_KEEP_SENT_DAYS = 30
    MAIL_KEEP_FAILED_DAYS = 90
    MAIL_PRUNE_INTERVAL = 3600
    # Error e-mails to ADMINS: the same error at most once per interval (s), at most so many an hour.
    ERROR_MAIL_INTERVAL = 600
    ERROR_MAIL_HOURLY_MAX = 30
    CONTACT_RATE_LIMIT = "5 per minute; 30 per hour"
    RESET_RATE_LIMIT = "5 per minute; 30 per hour"
    RESET_ADDRESS_RATE_LIMIT = "3 per hour; 10 per day"

    def __init__(self, instance_path: str) -> None:
        env = os.environ.get
        self.SECRET_KEY = env("SECRET_KEY") or None
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            env("DATABASE_URL") or "sqlite:///" + os.path.join(instance_path, "formwork.db")
        )
        # PostgreSQL connections each worker process may hold (SQLite ignores these): keep
        # instances x WEB_CONCURRENCY x (DB_POOL_SIZE + DB_MAX_OVERFLOW) under max_connections.
        self.DB_POOL_SIZE = env_int("DB_POOL_SIZE", 5)
        self.DB_MAX_OVERFLOW = env_int("DB_MAX_OVERFLOW", 5)
        self.DB_POOL_TIMEOUT = env_int("DB_POOL_TIMEOUT", 10)
        self.DB_POOL_RECYCLE = env_int("DB_POOL_RECYCLE", 1800)
        self.REDIS_URL = env("REDIS_URL") or None
        self.UPLOAD_ROOT = env("UPLOAD_ROOT") or os.path.join(instance_path, "uploads")
        self.MAX_CONTENT_LENGTH = env_int("MAX_CONTENT_LENGTH", 16 * MIB)
        # A text part, a url-encoded body or a JSON body is held in memory: capped (request_limits.py).
        self.MAX_FORM_MEMORY_SIZE = env_int("MAX_FORM_MEMORY_SIZE", 500_000)
        self.PASSWORD_HASH_METHOD = env("PASSWORD_HASH_METHOD") or "scrypt"
        self.WIZARD_TTL_SECONDS = env_int("WIZARD_TTL_SECONDS", 86400)
        self.DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * MIB)
        self.DOCUMENT_QUOTA_BYTES = env_int("DOCUMENT_QUOTA_BYTES", 50 * MIB)
        self.DOCUMENT_MAX_FILES = env_int("DOCUMENT_MAX_FILES", 10)
        self.MAIL_SERVER = env("MAIL_SERVER") or None
        self.MAIL_PORT = env_int("MAIL_PORT", 25)
        self.MAIL_USE_TLS = env_bool("MAIL_USE_TLS", False)
        self.MAIL_USERNAME = env("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env("MAIL_PASSWORD") or None
        self.MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER") or "formwork@localhost"
        self.ADMINS = env_list("ADMINS")
        # Seconds an SMTP connection may stay silent before the attempt is given up (and retried).
        self.MAIL_TIMEOUT = env_int("MAIL_TIMEOUT", 10)
        # A claimed message another worker may take over (its deliverer died): well past any send.
        self.MAIL_CLAIM_SECONDS = env_int("MAIL_CLAIM_SECONDS", max(300, 10 * self.MAIL_TIMEOUT))
        self.CONTACT_MIN_SECONDS = env_int("CONTACT_MIN_SECONDS", 3)
        self.PASSWORD_RESET_SECONDS = env_int("PASSWORD_RESET_SECONDS", 3600)
        self.LOG_DIR = env("LOG_DIR") or os.path.join(instance_path, "logs")
        # How many proxies in front set X-Forwarded-For (Werkzeug's ProxyFix); 0: none.
        self.PROXY_FIX_X_FOR = env_int("PROXY_FIX_X_FOR", 0)
        # Host names the app answers to (Flask's own setting); None: any (development).
        self.TRUSTED_HOSTS = env_list("TRUSTED_HOSTS") or None
        self.SESSION_FILE_DIR = os.path.join(instance_path, "sessions")
        # A session must outlive the longest unfinished registration it carries.
        self.PERMANENT_SESSION_LIFETIME = timedelta(seconds=max(self.WIZARD_TTL_SECONDS, 14 * 86400))
        # A form page left open as long as a registration is kept must still submit.
        self.WTF_CSRF_TIME_LIMIT = max(self.WIZARD_TTL_SECONDS, 3600)


class DevelopmentConfig(Config):
    """`make run`: embedded SQLite and file sessions, no rate limits by default."""

    APP_CONFIG = "development"

    def __init__(self, instance_path: str) -> None:
        super().__init__(instance_path)
        self.RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", False)


class TestingConfig(Config):
    """The test suite: cheap password hashes, no rate limits unless a test asks."""

    APP_CONFIG = "testing"
    TESTING = True
    RATELIMIT_ENABLED = False

    def __init__(self, instance_path: str) -> None:
        super().__init__(instance_path)
        self.PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD") or "pbkdf2:sha256:1"
        self.SECRET_KEY = self.SECRET_KEY or secrets.token_hex(32)


class ProductionConfig(Config):
    """gunicorn behind TLS: secure cookies, and a real secret or no start."""

    APP_CONFIG = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_class(name: str | None) -> type[Config]:
    """The config class for an `APP_CONFIG` value; unknown names are an error."""
    key = (name or "development").strip().lower()
    try:
        return CONFIGS[key]
    except KeyError:
        raise RuntimeError(f"APP_CONFIG={name!r} is not one of {', '.join(sorted(CONFIGS))}") from None


def check_production_secret(secret: str | None) -> None:
    """Refuse to run production with a missing, placeholder or short secret key."""
    if not secret or secret.strip().lower() in PLACEHOLDER_SECRETS:
        raise RuntimeError(
            "SECRET_KEY is not set. Production refuses to start without one: "
            'generate it with  python -c "import secrets; print(secrets.token_hex(32))"'
        )
    if len(secret) < MIN_SECRET_LENGTH:
        raise RuntimeError(f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters long.")


def check_production_hosts(hosts: list[str] | None) -> None:
    """Refuse to run production without TRUSTED_HOSTS: URLs must never be built from a forged Host."""
    if not hosts:
        raise RuntimeError(
            "TRUSTED_HOSTS is not set. Production refuses to start without the host names it answers to, "
            "for example  TRUSTED_HOSTS=formwork.example,www.formwork.example"
        )


def instance_secret_key(instance_path: str) -> str:
    """The development secret: generated once, then read back from `instance/`."""
    path = os.path.join(instance_path, "secret_key")
    try:
        with open(path, encoding="ascii") as fh:
            key = fh.read().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key
