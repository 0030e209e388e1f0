"""How a recipe page writes an amount: `200 g`, `1 1/2 cups`, `a pinch`."""

from decimal import Decimal

from forms.quantity import format_quantity

UNIT_SYMBOLS = {"g": "g", "kg": "kg", "ml": "ml", "l": "l", "tsp": "tsp", "tbsp": "tbsp"}
UNIT_WORDS = {"cup": ("cup", "cups"), "pinch": ("pinch", "pinches"), "piece": ("piece", "pieces")}


def amount_text(quantity: Decimal | None, unit: str) -> str:
    """The quantity as a tidy fraction and its unit, singular up to one; "" when there is neither."""
    number = format_quantity(quantity)
    if unit in UNIT_WORDS:
        one, many = UNIT_WORDS[unit]
        word = many if quantity is not None and quantity > 1 else one
        return f"{number or 'a'} {word}"
    return f"{number} {UNIT_SYMBOLS.get(unit, unit)}".strip()
