"""The signed-in user's account: change the password, delete the account."""

from account.routes import bp

__all__ = ["bp"]
