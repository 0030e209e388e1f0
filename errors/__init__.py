"""Error pages (HTML, or JSON under /api/) for every status the app can answer."""

from errors.handlers import bp

__all__ = ["bp"]
