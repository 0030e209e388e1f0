"""Formwork: the application factory. `flask --app app run` starts it."""

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import config
import macros
from account import bp as account_bp
from auth import bp as auth_bp
from auth.loader import register_user_loading
from cli import sessions_cli
from cli import uploads_cli
from contact import api_bp as contact_api_bp
from contact import bp as contact_bp
from database import register_database
from documents import bp as documents_bp
from errors import bp as errors_bp
from extensions import csrf
from extensions import limiter
from extensions import login_manager
from gallery import bp as gallery_bp
from housekeeping import Housekeeper
from logging_config import configure_logging
from mail.cli import mail_cli
from mail.delivery import deliver_due
from mail.pruning import prune_outbox
from pages import bp as pages_bp
from pages.navigation import register_navigation
from passwords import bp as passwords_bp
from profiles import bp as profiles_bp
from recipes.demo import demo_data_command
from recipes.routes import bp as recipes_bp
from request_limits import register_request_limits
from security import register_security_headers
from sessions import register_sessions
from templating import FormworkFlask
from uploads import bp as uploads_bp
from uploads.avatars import sweep_staged_avatars
from uploads.sweep import sweep_orphans
from wizard.registration import registration


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: config from `APP_CONFIG` and the environment, then `overrides`."""
    app = FormworkFlask(__name__, instance_relative_config=True)
    load_config(app, overrides)
    configure_logging(app)
    register_request_limits(app)
    register_proxy(app)
    register_extensions(app)
    register_sessions(app)
    register_blueprints(app)
    register_templates(app)
    register_security_headers(app)
    register_housekeeping(app)
    register_commands(app)
    return app


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Config class, then overrides, then the secret key rules."""
    os.makedirs(app.instance_path, exist_ok=True)
    config_cls = config.config_class(os.environ.get("APP_CONFIG"))
    app.config.from_object(config_cls(app.instance_path))
    app.config.update(overrides or {})
    if app.config["APP_CONFIG"] == "production":
        config.check_production_secret(app.config.get("SECRET_KEY"))
        config.check_production_hosts(app.config.get("TRUSTED_HOSTS"))
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.instance_secret_key(app.instance_path)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    os.makedirs(app.config["UPLOAD_ROOT"], exist_ok=True)


def register_proxy(app: Flask) -> None:
    """Behind `PROXY_FIX_X_FOR` proxies, read the client's address and scheme from their headers.

    Rate limits then key on the real client, not on the proxy everyone comes through.
    """
    hops = app.config.get("PROXY_FIX_X_FOR", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=1)


def register_extensions(app: Flask) -> None:
    """Bind the extension singletons to this app."""
    register_database(app)
    csrf.init_app(app)
    limiter.init_app(app)
    if app.config["APP_CONFIG"] == "production" and not app.config.get("REDIS_URL"):
        app.logger.warning("REDIS_URL is not set: rate-limit counters are kept per worker process")
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    register_user_loading(app)


def register_blueprints(app: Flask) -> None:
    """Feature blueprints, one package each."""
    app.register_blueprint(errors_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(registration.blueprint)
    app.register_blueprint(profiles_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(uploads_bp)
    app.register_blueprint(gallery_bp)
    app.register_blueprint(recipes_bp)
    app.register_blueprint(contact_bp)
    app.register_blueprint(contact_api_bp)
    app.register_blueprint(passwords_bp)


def register_templates(app: Flask) -> None:
    """Jinja extensions and the helpers the macro library and layout use."""
    macros.init_app(app)
    register_navigation(app)


def register_housekeeping(app: Flask) -> None:
    """Periodic chores run by the workers themselves."""
    keeper = Housekeeper(app)
    keeper.add("sessions", app.config["SESSION_SWEEP_INTERVAL"], app.session_interface.sweep_expired)
    keeper.add("staged-avatars", app.config["STAGING_SWEEP_INTERVAL"], sweep_staged_avatars)
    keeper.add("orphan-uploads", app.config["STAGING_SWEEP_INTERVAL"], sweep_orphans)
    keeper.add("mail", app.config["MAIL_SEND_INTERVAL"], deliver_due)
    keeper.add("mail-prune", app.config["MAIL_PRUNE_INTERVAL"], prune_outbox)


def register_commands(app: Flask) -> None:
    """`flask --app app sessions sweep`, `flask --app app uploads sweep`, `flask --app app mail send`,
    `flask --app app demo-data`."""
    app.cli.add_command(sessions_cli)
    app.cli.add_command(uploads_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(demo_data_command)
