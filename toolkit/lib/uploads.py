"""Checks on an uploaded file before any parser sees it: is it what its name says, and does
it unpack to a sane size. Each check raises Rejected with a short reason code; callers turn
the code into a sentence in the visitor's language."""

import io
import zipfile

MAX_UNPACKED = 200 * 1024 * 1024  # an XLSX of 200 000 practices unpacks to far less


class Rejected(ValueError):
    pass


def check_xlsx(data: bytes, max_unpacked: int = MAX_UNPACKED) -> None:
    """A real workbook: a ZIP holding xl/workbook.xml that does not unpack into a bomb."""
    if not data.startswith(b"PK\x03\x04"):
        raise Rejected("not-xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Rejected("not-xlsx") from error
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise Rejected("not-xlsx")
    if sum(member.file_size for member in members) > max_unpacked:
        raise Rejected("too-large-unpacked")


def check_text(data: bytes) -> None:
    """Text files (CSV, JSON) never contain NUL bytes; binaries renamed .csv nearly always do."""
    if b"\x00" in data[:65536]:
        raise Rejected("binary")
