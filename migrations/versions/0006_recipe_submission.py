"""recipes: the new-recipe form's one-time key, unique per author

Revision ID: 0006_recipe_submission
Revises: 0005_recipes
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_recipe_submission"
down_revision = "0005_recipes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recipes") as batch:
        batch.add_column(sa.Column("submission", sa.String(length=32), nullable=True))
        batch.create_unique_constraint(batch.f("uq_recipes_author_id"), ["author_id", "submission"])


def downgrade():
    with op.batch_alter_table("recipes") as batch:
        batch.drop_constraint(batch.f("uq_recipes_author_id"), type_="unique")
        batch.drop_column("submission")
