"""Maintenance commands: `flask --app app sessions sweep|count`."""

import click
from flask import current_app
from flask.cli import AppGroup

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
