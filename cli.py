"""Maintenance commands: `flask --app app sessions sweep|count`."""

import click
from flask import current_app
from flask.cli import AppGroup

from uploads.avatars import sweep_staged_avatars
from uploads.sweep import sweep_orphans

sessions_cli = AppGroup("sessions", help="Server-side session store maintenance.")


@sessions_cli.command("sweep")
def sweep_sessions() -> None:
    """Delete expired sessions from the store."""
    store = current_app.session_interface
    before = store.count()
    store.sweep_expired()
    click.echo(f"Sessions: {before} before, {store.count()} after the sweep.")


@sessions_cli.command("count")
def count_sessions() -> None:
    """Print how many sessions the store holds."""
    click.echo(str(current_app.session_interface.count()))


uploads_cli = AppGroup("uploads", help="Uploaded file maintenance.")


@uploads_cli.command("sweep")
def sweep_uploads() -> None:
    """Delete abandoned staged avatars, files no row refers to, and stray partial writes."""
    click.echo(f"Removed {sweep_staged_avatars()} staged file(s) and {sweep_orphans()} orphan file(s).")
