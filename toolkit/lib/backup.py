"""Backups of everything that matters: the database and the uploaded media, in one archive.

SQLite is copied with its online backup API (consistent while the site runs, WAL included);
PostgreSQL with pg_dump/pg_restore. The archive is a .tar.gz holding `database.sqlite3` or
`database.pgdump`, the `media/` folder and a `manifest.json` saying what is inside."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    pass


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _pg_args() -> tuple[list[str], dict[str, str], str]:
    db = settings.DATABASES["default"]
    args = [
        "-h",
        str(db.get("HOST") or "localhost"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or "postgres"),
    ]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env, db["NAME"]


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    # pg_dump/pg_restore with arguments from our own settings, never a visitor's text.
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(command, capture_output=True, text=True, env=full_env)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> str:
    if _is_sqlite():
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        with target:
            connection.connection.backup(target)
        target.close()
        return SQLITE_NAME
    args, env, name = _pg_args()
    _run(["pg_dump", *args, "--format=custom", "--file", str(folder / PG_NAME), name], env)
    return PG_NAME


def create(archive: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a backup archive to `archive`; return its manifest."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = _dump_database(folder)
        manifest: dict[str, Any] = {
            "format": 1,
            "created": datetime.now(UTC).isoformat(),
            "database": database,
            "engine": connection.vendor,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / "manifest.json", arcname="manifest.json")
            tar.add(folder / database, arcname=database)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Refuse archives whose paths would land outside the folder they are extracted to."""
    for member in tar.getmembers():
        if (
            member.issym()
            or member.islnk()
            or Path(member.name).is_absolute()
            or ".." in Path(member.name).parts
        ):
            raise BackupError(f"unsafe path in the archive: {member.name}")
    return tar.getmembers()


def restore(archive: str | os.PathLike[str]) -> dict[str, Any]:
    """Replace the database and the media with those of `archive`; return its manifest."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        folder = Path(tmp)
        tar.extractall(folder, members=_safe_members(tar), filter="data")
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except (OSError, ValueError) as error:
            raise BackupError("not a backup made by this toolkit (no manifest)") from error
        if not isinstance(manifest, dict):
            raise BackupError("not a backup made by this toolkit (a broken manifest)")
        _restore_database(folder, manifest)
        _restore_media(folder / "media")
    return manifest


def _restore_database(folder: Path, manifest: dict[str, Any]) -> None:
    if manifest.get("database") == SQLITE_NAME:
        if not _is_sqlite():
            raise BackupError("this backup holds a SQLite database; the site uses PostgreSQL")
        source = sqlite3.connect(folder / SQLITE_NAME)
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
    elif manifest.get("database") == PG_NAME:
        if _is_sqlite():
            raise BackupError("this backup holds a PostgreSQL dump; the site uses SQLite")
        connection.close()
        args, env, name = _pg_args()
        _run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                name,
                str(folder / PG_NAME),
            ],
            env,
        )
    else:
        raise BackupError("the manifest names no database")


def _restore_media(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    if source.exists():
        shutil.copytree(source, media)
