"""Recipes, their ordered ingredient rows, and the categories they are filed under."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy import Table
from sqlalchemy import UniqueConstraint
from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import backref
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from extensions import db
from models import User
from models import utcnow

# The categories every database starts with (the migration 0005_recipes seeds the same list).
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
TITLE_MAX = 120
DESCRIPTION_MAX = 2000
INGREDIENT_NAME_MAX = 80
UNIT_MAX = 16


class Category(db.Model):
    """A shelf recipes are filed under; seeded, not user-editable."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
        """(id, name) of every category, by name, for a select."""
        return [(row.id, row.name) for row in db.session.execute(select(cls.id, cls.name).order_by(cls.name))]


@event.listens_for(Category.__table__, "after_create")
def seed_categories(target: Table, connection: Connection, **_: Any) -> None:
    """`db.create_all()` (tests, the browser server) starts with the same categories as a migrated database."""
    connection.execute(insert(target), [{"name": name} for name in CATEGORIES])


SUBMISSION_MAX = 32


class Recipe(db.Model):
    """A recipe written by one user; everyone may read it, only its author may change it."""

    __tablename__ = "recipes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX), default="")
    servings: Mapped[int]
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # The new-recipe form's one-time key: the same form sent twice (a double click without
    # JavaScript, a resend after a lost answer) finds the recipe it made instead of a second one.
    submission: Mapped[str | None] = mapped_column(String(SUBMISSION_MAX))

    __table_args__ = (UniqueConstraint("author_id", "submission"),)

    category: Mapped[Category] = relationship()
    author: Mapped[User] = relationship(
        User, backref=backref("recipes", cascade="all, delete-orphan", passive_deletes=True)
    )
    ingredients: Mapped[list["Ingredient"]] = relationship(
        order_by="Ingredient.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="recipe",
    )

    def replace_ingredients(self, rows: list["IngredientRow"]) -> None:
        """Make the stored rows exactly `rows`, in order: existing rows are updated in place
        (their positions never change), extra ones deleted, missing ones added."""
        for position, row in enumerate(rows):
            if position < len(self.ingredients):
                ingredient = self.ingredients[position]
            else:
                ingredient = Ingredient(position=position)
                self.ingredients.append(ingredient)
            ingredient.name, ingredient.quantity, ingredient.unit = row.name, row.quantity, row.unit
        del self.ingredients[len(rows) :]

    def content(self) -> tuple:
        """What a reader sees of the recipe, to tell one sent twice from two recipes."""
        rows = tuple((row.name, row.quantity, row.unit) for row in self.ingredients)
        return (self.title, self.description, self.category_id, self.servings, rows)

    def scaled_quantities(self, servings: int) -> list[Decimal | None]:
        """Each ingredient's quantity for `servings` people instead of the recipe's own number."""
        factor = Decimal(servings) / Decimal(self.servings)
        return [None if row.quantity is None else row.quantity * factor for row in self.ingredients]

    def __repr__(self) -> str:
        return f"<Recipe {self.id} {self.title!r}>"


class Ingredient(db.Model):
    """One row of a recipe: its place in the list, what, how much and in which unit."""

    __tablename__ = "ingredients"
    __table_args__ = (UniqueConstraint("recipe_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipe_id: Mapped[int] = mapped_column(ForeignKey("recipes.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(INGREDIENT_NAME_MAX))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(10, 4))
    unit: Mapped[str] = mapped_column(String(UNIT_MAX), default="")

    recipe: Mapped[Recipe] = relationship(back_populates="ingredients")


@dataclass(frozen=True)
class IngredientRow:
    """One ingredient as a form hands it over: plain data, no database identity."""

    name: str
    quantity: Decimal | None
    unit: str
