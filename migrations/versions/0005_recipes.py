"""recipes: categories (seeded), recipes and their ordered ingredients

Revision ID: 0005_recipes
Revises: 0004_mail
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_recipes"
down_revision = "0004_mail"
branch_labels = None
depends_on = None

# The categories as of this revision (recipes.models.CATEGORIES; a later change is a new migration).
CATEGORIES = [
    "Breakfast",
    "Bread",
    "Soups",
    "Salads",
    "Main courses",
    "Side dishes",
    "Cakes and desserts",
    "Drinks",
]


def upgrade():
    categories = op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("name", name=op.f("uq_categories_name")),
    )
    op.bulk_insert(categories, [{"name": name} for name in CATEGORIES])
    op.create_table(
        "recipes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("servings", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_recipes_author_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_recipes_category_id_categories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recipes")),
    )
    op.create_index(op.f("ix_recipes_author_id"), "recipes", ["author_id"])
    op.create_index(op.f("ix_recipes_category_id"), "recipes", ["category_id"])
    op.create_table(
        "ingredients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipe_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=10, scale=4), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipe_id"], ["recipes.id"], name=op.f("fk_ingredients_recipe_id_recipes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingredients")),
        sa.UniqueConstraint("recipe_id", "position", name=op.f("uq_ingredients_recipe_id")),
    )


def downgrade():
    op.drop_table("ingredients")
    op.drop_index(op.f("ix_recipes_category_id"), table_name="recipes")
    op.drop_index(op.f("ix_recipes_author_id"), table_name="recipes")
    op.drop_table("recipes")
    op.drop_table("categories")
