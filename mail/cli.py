"""`flask --app app mail send` (for cron), `flask --app app mail status` and `flask --app app mail prune`."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from mail.delivery import deliver_due
from mail.models import OutboxMessage
from mail.pruning import prune_outbox

mail_cli = AppGroup("mail", help="The e-mail outbox.")


@mail_cli.command("send")
def send_mail() -> None:
    """Deliver every message that is due now."""
    if not current_app.config.get("MAIL_SERVER"):
        click.echo("MAIL_SERVER is not set: nothing sent; messages stay in the outbox.")
        return
    outcome = deliver_due()
    click.echo(f"Sent {outcome.sent}, to retry {outcome.retrying}, failed {outcome.failed}.")


@mail_cli.command("prune")
def prune_mail() -> None:
    """Delete sent messages older than MAIL_KEEP_SENT_DAYS and failed ones older than MAIL_KEEP_FAILED_DAYS."""
    deleted = prune_outbox()
    cfg = current_app.config
    click.echo(
        f"Deleted {deleted} (sent over {cfg['MAIL_KEEP_SENT_DAYS']} days ago, "
        f"failed over {cfg['MAIL_KEEP_FAILED_DAYS']} days ago)."
    )


@mail_cli.command("status")
def mail_status() -> None:
    """How many messages the outbox holds, by status."""
    counts = db.session.execute(
        select(OutboxMessage.status, func.count())
        .group_by(OutboxMessage.status)
        .order_by(OutboxMessage.status)
    ).all()
    click.echo(", ".join(f"{status} {count}" for status, count in counts) or "The outbox is empty.")
