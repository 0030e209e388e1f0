"""The home page, the health check and the locally served Bootstrap files."""

from pages.routes import bp

__all__ = ["bp"]
