"""WSGI entry points for the gunicorn benchmarks (`gunicorn 'bench.apps:formwork()'`)."""

import os


def formwork():
    """Formwork on a throw-away instance under $BENCH_DIR, embedded defaults, cheap hashing."""
    from app import create_app
    from extensions import db

    work = os.environ["BENCH_DIR"]
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work}/bench.db",
            "UPLOAD_ROOT": f"{work}/uploads",
            "LOG_DIR": f"{work}/logs",
            "SESSION_FILE_DIR": f"{work}/sessions",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
            "SECRET_KEY": "bench-" + "x" * 40,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    return app
