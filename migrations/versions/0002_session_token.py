"""users.session_token: what sessions and remember cookies carry, rotated to sign out everywhere

Revision ID: 0002_session_token
Revises: 0001_users
Create Date: 2026-12-01
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002_session_token"
down_revision = "0001_users"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_token", sa.String()))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        token = secrets.token_urlsafe(32)
        connection.execute(users.update().where(users.c.id == user_id).values(session_token=token))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_users_session_token"), ["session_token"])


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("uq_users_session_token"), type_="unique")
        batch.drop_column("session_token")
