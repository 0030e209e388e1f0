"""File storage: UUID names, image processing, staging for unfinished registrations, serving."""

from uploads.routes import bp

__all__ = ["bp"]
