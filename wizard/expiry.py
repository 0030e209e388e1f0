"""How long an unfinished run is kept, in words for the expiry page."""


def duration_words(seconds: int) -> str:
    """A time-to-live in words: "24 hours", "1 hour", "90 minutes", "3 days", "30 seconds"."""

    def count(number: int, unit: str) -> str:
        return f"{number} {unit}" + ("" if number == 1 else "s")

    if seconds < 60:
        return count(seconds, "second")
    if seconds < 3600 or (seconds < 7200 and seconds % 3600):
        return count(round(seconds / 60), "minute")
    hours = round(seconds / 3600)
    if hours >= 72 and hours % 24 == 0:
        return count(hours // 24, "day")
    return count(hours, "hour")
