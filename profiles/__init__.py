"""The signed-in user's own profile (`/profile`)."""

from profiles.routes import bp

__all__ = ["bp"]
