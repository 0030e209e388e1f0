"""`flask --app app mail send` (for cron) and `flask --app app mail status`."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from mail.delivery import deliver_due
from mail.models import OutboxMessage

mail_cli = AppGroup("mail", help="The e-mail outbox.")


@mail_cli.command("send")
def send_mail() -> None:
    """Deliver every message that is due now."""
    if not current_app.config.get("MAIL_SERVER"):
        click.echo("MAIL_SERVER is not set: nothing sent; messages stay in the outbox.")
        return
    outcome = deliver_due()
    click.echo(f"Sent {outcome.sent}, to retry {outcome.retrying}, failed {outcome.failed}.")


@mail_cli.command("status")
def mail_status() -> None:
    """How many messages the outbox holds, by status."""
    counts = db.session.execute(
        select(OutboxMessage.status, func.count())
        .group_by(OutboxMessage.status)
        .order_by(OutboxMessage.status)
    ).all()
    click.echo(", ".join(f"{status} {count}" for status, count in counts) or "The outbox is empty.")
