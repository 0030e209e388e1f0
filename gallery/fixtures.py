"""The states the gallery shows its demonstration forms in: filled in, bad input, help text.

`SAMPLE_DATA`, `BAD_INPUT` and `HELP_TEXT` are for `FieldTypesForm`,
`RECIPE_SAMPLE` and `BOOKING_BAD_INPUT` for the recipe and booking examples.
"""

import datetime
from decimal import Decimal
from io import BytesIO

from werkzeug.datastructures import FileStorage

SAMPLE_DATA = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "website": "https://example.com",
    "phone": "01632 960 001",
    "search": "lemon tart",
    "password": "ignored: password boxes are never refilled",
    "message": "Could the recipe list the oven temperature in both units?",
    "servings": 4,
    "price": Decimal("12.50"),
    "weight": 1.25,
    "spiciness": 4,
    "strength": Decimal("0.8"),
    "terms": True,
    "newsletter": True,
    "category": "cake",
    "diets": ["vegetarian", "gluten-free"],
    "plan": "pro",
    "interests": ["baking", "quick"],
    "birthday": datetime.date(1990, 4, 27),
    "moved_in": datetime.date(2019, 3, 27),
    "delivery": datetime.datetime(2026, 7, 1, 18, 30),
    "pickup": datetime.time(17, 30),
    "expiry": datetime.date(2027, 9, 1),
    "week": datetime.date(2026, 7, 27),
    "colour": "#2b6cb0",
    "token": "gallery",
    "address": {"street": "12 Rue de la Paix", "city": "Paris", "postal_code": "75002", "country": "FR"},
}

# What a careless visitor types: every field fails its validators, with values a browser keeps
# in its box (out of range, too early, too long), never text a number or date box would drop.
BAD_INPUT = {
    "name": "",
    "email": "ada@",
    "website": "https://localhost",
    "phone": "call me",
    "search": "x",
    "password": "short",
    "message": "x" * 210,
    "servings": "99",
    "price": "-3",
    "weight": "75",
    "spiciness": "9",
    "strength": "3",
    "category": "",
    "plan": "",
    "birthday": "1850-04-27",
    "moved_in-day": "30",
    "moved_in-month": "2",
    "moved_in-year": "2026",
    "delivery": "2026-07-01T06:30",
    "pickup": "19:30",
    "expiry": "2019-09",
    "week": "2026-W02",
    "colour": "#fff8e0",
    "token": "",
    "address-street": "",
    "address-city": "",
    "address-postal_code": "",
    "address-country": "",
    "recipe_card": FileStorage(BytesIO(b""), filename="card.exe"),
    "photo": FileStorage(BytesIO(b""), filename="holiday.bmp"),
    "documents": [
        FileStorage(BytesIO(b""), filename="notes.pdf"),
        FileStorage(BytesIO(b""), filename="run.sh"),
    ],
}

HELP_TEXT = {
    "name": "As it appears on your bank card.",
    "email": "We only use it to send your receipts.",
    "website": "Start with https://.",
    "phone": "Include the country code if you live abroad.",
    "search": "Search by title or ingredient.",
    "password": "At least 10 characters.",
    "message": "Tell us what went wrong and what you expected.",
    "servings": "How many people the recipe feeds.",
    "price": "Use a dot for decimals, like 12.50.",
    "weight": "Before cooking.",
    "spiciness": "0 is mild, 5 is very hot.",
    "strength": "From weak (0) to strong (1).",
    "terms": "You can read them on the terms page.",
    "newsletter": "One e-mail a month; unsubscribe at any time.",
    "category": "Where the recipe is listed.",
    "diets": "Hold Ctrl (Cmd on a Mac) to choose more than one.",
    "plan": "You can change plan at any time.",
    "interests": "Pick as many as you like.",
    "birthday": "For example, 1990-04-27.",
    "moved_in": "For example, 27 3 2019.",
    "delivery": "Deliveries run from 8:00 to 20:00.",
    "pickup": "The shop is open until 18:00.",
    "expiry": "As printed on the card.",
    "week": "We pause deliveries that week.",
    "colour": "Used for your profile header.",
    "recipe_card": "A PDF or text file up to 2 MB.",
    "photo": "A JPEG, PNG, WebP or GIF image.",
    "documents": "Choose several files at once.",
    "address": "Where we send the parcel.",
    "save": "",
}


RECIPE_SAMPLE = {
    "title": "Lemon tart",
    "ingredients": [
        {"name": "Plain flour", "quantity": Decimal("200"), "unit": "g"},
        {"name": "Butter", "quantity": Decimal("100"), "unit": "g"},
        {"name": "Lemons", "quantity": Decimal("3"), "unit": ""},
    ],
    "tags": ["dessert", "citrus"],
}

BOOKING_BAD_INPUT = {
    "name": "",
    "address-street": "1 High Street",
    "address-city": "",
    "address-postal_code": "",
    "address-country": "GB",
    "guests-0": "Grace Hopper",
    "guests-1": "",
    "arrive": "2026-08-10",
    "leave": "2026-08-03",
}
