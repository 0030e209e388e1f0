"""Drive /contact and POST /api/contact as the page would, and read what they stored."""

import json

from sqlalchemy import select

from contact.models import ContactMessage
from extensions import db
from mail.models import OutboxMessage
from tests.page_reading import form_values

GOOD = {
    "name": "Ada Lovelace",
    "email": "Ada@Example.com",
    "subject": "question",
    "message": "How do I change my avatar?",
}


def page_values(client) -> dict:
    """What the contact page's form would send before any typing (the CSRF token, the traps)."""
    return form_values(client.get("/contact"), action="/contact")


def post_contact(client, **changes):
    values = {**page_values(client), **GOOD, **changes}
    return client.post("/contact", data={k: v for k, v in values.items() if v is not None})


def api_post(client, body, token: str | None = "page", **headers):
    values = page_values(client)
    if token == "page":
        token = values["csrf_token"]
    if token is not None:
        headers["X-CSRFToken"] = token
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/api/contact", data=data, content_type="application/json", headers=headers)


def api_body(client, **changes) -> dict:
    values = page_values(client)
    values.pop("csrf_token")
    return {**values, **GOOD, **changes}


def messages(app) -> list[ContactMessage]:
    with app.app_context():
        return list(db.session.scalars(select(ContactMessage).order_by(ContactMessage.id)))


def outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
