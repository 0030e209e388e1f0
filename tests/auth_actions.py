"""Sign a test client in and out through the real pages."""

from tests.page_reading import csrf_token


class AuthActions:
    """Sign a test client in and out through the real pages."""

    def __init__(self, client) -> None:
        self.client = client

    def login(self, username: str = "alice", password: str = "Correct-horse-1"):
        data = {"csrf_token": csrf_token(self.client), "username": username, "password": password}
        return self.client.post("/login", data=data)

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": csrf_token(self.client, "/")})
