"""A tile map of Europe: each country one square, placed roughly where it lies, so that the
countries a practice travelled to can be seen at a glance. A tile map, not a drawn map: every
country is the same size and none is too small to see, and the picture needs no geodata. The
stories listed beside it are its text equivalent."""

from dataclasses import dataclass

CELL = 34  # one tile, in the SVG's units
GAP = 3

# ISO 3166 code -> (column, row). Micro-states share their neighbour's tile area and are left
# out; a country not here is listed as "elsewhere".
TILES = {
    "IS": (0, 0), "NO": (4, 0), "SE": (5, 0), "FI": (6, 0),
    "IE": (1, 1), "GB": (2, 1), "DK": (4, 1), "EE": (6, 1),
    "NL": (3, 2), "DE": (4, 2), "PL": (5, 2), "LV": (6, 2),
    "BE": (3, 3), "CZ": (4, 3), "SK": (5, 3), "LT": (6, 3), "BY": (7, 3),
    "FR": (2, 4), "LU": (3, 4), "AT": (4, 4), "HU": (5, 4), "UA": (6, 4),
    "PT": (0, 5), "ES": (1, 5), "CH": (3, 5), "SI": (4, 5), "HR": (5, 5), "RO": (6, 5),
    "MD": (7, 5),
    "IT": (3, 6), "BA": (4, 6), "RS": (5, 6), "BG": (6, 6),
    "MT": (3, 7), "ME": (4, 7), "AL": (5, 7), "MK": (6, 7), "TR": (7, 7),
    "GR": (5, 8), "CY": (7, 8),
}  # fmt: skip
COLUMNS = 1 + max(column for column, _row in TILES.values())
ROWS = 1 + max(row for _column, row in TILES.values())


@dataclass(frozen=True)
class Tile:
    code: str
    x: int
    y: int
    count: int  # stories from this country


def tiles(counts):
    """Every tile, with the number of stories told from its country ({code: count})."""
    return [
        Tile(code, column * (CELL + GAP), row * (CELL + GAP), counts.get(code, 0))
        for code, (column, row) in TILES.items()
    ]


def elsewhere(counts):
    """{code: count} of the countries the map has no tile for."""
    return {code: count for code, count in counts.items() if code not in TILES}


def size():
    return COLUMNS * (CELL + GAP) - GAP, ROWS * (CELL + GAP) - GAP
