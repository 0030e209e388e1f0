"""The contact form (`/contact`) and its JSON twin (`POST /api/contact`)."""

from contact.api import api_bp
from contact.routes import bp

__all__ = ["api_bp", "bp"]
