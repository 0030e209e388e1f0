"""File sizes in words people read: "12.4 MB", "850 KB", "50 MB"."""

UNITS = ("bytes", "KB", "MB", "GB")


def size_words(size: int) -> str:
    """`size` bytes in binary units named KB/MB/GB, one decimal below 100 ("12.4 MB", "16 MB")."""
    value = float(size)
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            break
        value /= 1024
    if unit == "bytes":
        return f"{size} byte" + ("" if size == 1 else "s")
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return f"{text.removesuffix('.0')} {unit}"
