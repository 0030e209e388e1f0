"""Private documents: upload several at once, list, download, delete (`/documents`)."""

from documents.routes import bp

__all__ = ["bp"]
