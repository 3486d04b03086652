"""Traps for robots that do not bother people: a field nobody sees, and a signed time stamp
saying when the form was shown (robots post at once, or replay an old form)."""

import time

from django.core import signing

SALT = "toolkit.antispam"
HONEYPOT = "homepage"  # a field name robots like to fill


def issue() -> str:
    return signing.dumps(int(time.time()), salt=SALT)


def check(
    token: str | None,
    honeypot_value: str | None,
    min_seconds: float = 3,
    max_seconds: float = 86_400,
    now: float | None = None,
) -> str | None:
    """None when the post looks human; otherwise a reason: "honeypot", "fast", "stale",
    "invalid"."""
    if honeypot_value:
        return "honeypot"
    try:
        shown = int(signing.loads(token or "", salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "invalid"
    elapsed = (now or time.time()) - shown
    if elapsed < min_seconds:
        return "fast"
    if elapsed > max_seconds:
        return "stale"
    return None
