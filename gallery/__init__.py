"""`/gallery`: every field type and macro, in every state, with its template source."""

from gallery.routes import bp

__all__ = ["bp"]
