"""Password reset by e-mail: `/password/forgot` and `/password/reset/<token>`."""

from passwords.routes import bp

__all__ = ["bp"]
