"""Signing in and out."""

from auth.routes import bp

__all__ = ["bp"]
