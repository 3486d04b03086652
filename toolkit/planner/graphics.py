"""Geometry for the plan's two pictures: the power/interest grid and the timeline.

Both are drawn as SVG by templates from these plain values, and both come with a text twin
(the quadrant lists, the dated list), so that nothing is only in the picture."""

import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CELL = 64
GRID = 5 * CELL
QUADRANTS = [
    # (key, name, advice, high power?, high interest?)
    ("manage", _("Manage closely"), _("High power, high interest"), True, True),
    ("satisfy", _("Keep satisfied"), _("High power, low interest"), True, False),
    ("inform", _("Keep informed"), _("Low power, high interest"), False, True),
    ("monitor", _("Monitor"), _("Low power, low interest"), False, False),
]


def placed(stakeholders):
    """Stakeholders with a power and an interest, with their position in the grid. Several in
    one cell are spread around its centre so that none hides another."""
    cells = {}
    for row, person in enumerate(stakeholders):
        if person.get("power") and person.get("interest"):
            cells.setdefault((person["interest"], person["power"]), []).append(
                {**person, "row": row}
            )
    points = []
    for (interest, power), people in cells.items():
        for index, person in enumerate(people):
            dx, dy = _offset(index, len(people))
            points.append(
                {
                    **person,  # "row" is its place in the table, for the step page's script
                    "x": (interest - 0.5) * CELL + dx,
                    "y": GRID - (power - 0.5) * CELL + dy,
                    "number": 0,
                }
            )
    points.sort(key=lambda p: (-p["power"], -p["interest"], p["name"]))
    template = label_template()
    for number, point in enumerate(points, start=1):
        point["number"] = number
        point["label"] = template % {
            "number": number,
            "name": point["name"],
            "power": point["power"],
            "interest": point["interest"],
        }
    return points


def label_template():
    """How a point is announced; the step page's script fills in the same words as it moves."""
    return gettext(
        "%(number)s. %(name)s: power %(power)s of 5, interest %(interest)s of 5. "
        "Move with the arrow keys."
    )


def _offset(index, count):
    if count == 1:
        return 0, 0
    spots = [(-14, -14), (14, -14), (-14, 14), (14, 14), (0, 0)]
    return spots[index % len(spots)]


def quadrants(points):
    groups = []
    for key, name, advice, high_power, high_interest in QUADRANTS:
        members = [
            p
            for p in points
            if (p["power"] >= 3) == high_power and (p["interest"] >= 3) == high_interest
        ]
        groups.append({"key": key, "name": name, "advice": advice, "members": members})
    return groups


def timeline(answers):
    """Every dated item of the plan, in order: objectives' deadlines, policy windows and
    activities, with their place on a line from the first date to the last."""
    items = []
    sources = [
        ("goal", "objectives", "objective", "deadline", _("Objective")),
        ("tactics", "windows", "event", "date", _("Policy window")),
        ("action", "activities", "activity", "due", _("Activity")),
    ]
    for step, table, label_field, date_field, kind in sources:
        for row in answers.get(step, {}).get(table, []):
            day = _date(row.get(date_field))
            if day and row.get(label_field):
                items.append({"date": day, "label": row[label_field], "kind": kind, "key": table})
    items.sort(key=lambda item: (item["date"], str(item["kind"])))
    if not items:
        return {"items": [], "width": 0}
    first, last = items[0]["date"], items[-1]["date"]
    span = max((last - first).days, 1)
    width = 600
    for index, item in enumerate(items):
        item["x"] = 20 + (item["date"] - first).days / span * (width - 40)
        item["number"] = index + 1
        item["row"] = index % 3
    return {"items": items, "width": width, "first": first, "last": last}


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
