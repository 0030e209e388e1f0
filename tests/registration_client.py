"""Drive the registration wizard through HTTP, as a browser would."""

import io
import re

from PIL import Image
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from models import User
from tests.page_reading import form_values

PASSWORD = "Tr1cky!Passw0rd"
VALID = {
    "account": {
        "username": "newbie",
        "email": "newbie@example.com",
        "password": PASSWORD,
        "confirm_password": PASSWORD,
    },
    "profile": {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "address-street": "12 St James's Square",
        "address-city": "London",
        "address-region": "",
        "address-postal_code": "SW1Y 4JH",
        "address-country": "GB",
    },
    "preferences": {"plan": "pro", "newsletter": "y", "interests": ["baking", "quick"], "agree_terms": "y"},
}


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    """A small real PNG image."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


class Registration:
    """One registration in progress for a test client."""

    def __init__(self, client) -> None:
        self.client = client
        response = client.get("/register")
        assert response.status_code == 302
        self.wid = re.match(r"^/register/([^/]+)/account$", response.headers["Location"]).group(1)

    def url(self, step: str) -> str:
        return f"/register/{self.wid}/{step}"

    def get(self, step: str):
        return self.client.get(self.url(step))

    def post(self, step: str, data: dict | None = None, action: str = "next", files: dict | None = None):
        """Post a step the way its page would: page values, overridden by `data`."""
        page = self.get(step)
        assert page.status_code == 200, f"{step} answered {page.status_code}"
        values: dict = form_values(page)
        values.update(data or {})
        values["action"] = action
        values.update(files or {})
        return self.client.post(self.url(step), data=values, content_type="multipart/form-data")

    def complete(self, *steps: str, avatar: bytes | None = None, answers: dict | None = None):
        """Post valid answers (VALID, or `answers`) for `steps` (all three by default); returns the last response."""
        response = None
        for step in steps or ("account", "profile", "preferences"):
            files = {"avatar": (io.BytesIO(avatar), "me.png")} if avatar and step == "preferences" else None
            response = self.post(step, (answers or VALID)[step], files=files)
            assert response.status_code == 302, f"{step} was refused"
        return response

    def confirm(self):
        return self.post("review", action="confirm")


def user_count(app) -> int:
    """How many accounts exist."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))
