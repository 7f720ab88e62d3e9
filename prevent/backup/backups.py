"""Backup, restore and the restore drill (decision 0028).

A backup is one directory:

    manifest.json       what the backup holds: the database engine, the time,
                        the SHA-256 of the database file, the row count of
                        every table, and the SHA-256 of every private file
    database.sqlite3    SQLite: made with SQLite's online backup API
                        (sqlite3.Connection.backup), never a file copy
    database.dump       PostgreSQL: `pg_dump --format=custom`, taken in the
                        same snapshot as the row counts
    files/...           a copy of the private files (the default storage's
                        directory, PREVENT_PRIVATE_MEDIA_ROOT)

`restore_backup` checks every sum before it touches anything, replaces the
database and the private files with the backup's, checks the sums and row
counts again, then walks the audit chain: it fails unless `verify_audit`
would pass. `restore_drill` restores a backup into a scratch database (never
the live one) and runs `verify_audit` against it in a separate process.

PostgreSQL's programs (pg_dump, pg_restore) are found in PREVENT_PG_BIN (a
setting or an environment variable), then the newest
/usr/lib/postgresql/N/bin, then PATH."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from prevent.core import clock

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead, or went wrong: the message
    says what and where."""


# ---- helpers ---------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def private_root() -> Path:
    """The directory the private files are stored in (the default storage)."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            f"The private files are in {type(storage).__name__}, not a directory: back them up with "
            "that storage's own tools."
        )
    return Path(storage.location)


def _walk(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def pg_tool(name: str) -> str:
    """The path of one of PostgreSQL's programs (pg_dump, pg_restore)."""
    configured = getattr(settings, "PREVENT_PG_BIN", "") or os.environ.get("PREVENT_PG_BIN", "")
    if configured:
        candidate = Path(configured) / name
        if not candidate.is_file():
            raise BackupError(f"{name} is not in PREVENT_PG_BIN ({configured}).")
        return str(candidate)
    versions = sorted(
        (path for path in Path("/usr/lib/postgresql").glob("*/bin") if (path / name).is_file()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1] / name)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        f"{name} was not found: install PostgreSQL's client programs or set PREVENT_PG_BIN to their "
        "directory (e.g. /usr/lib/postgresql/15/bin)."
    )


def _pg_env(db: dict[str, Any], name: str | None = None) -> dict[str, str]:
    """libpq's environment for a database: the password never goes on a
    command line."""
    env = dict(os.environ)
    values = {
        "PGDATABASE": name or db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGSSLMODE": str((db.get("OPTIONS") or {}).get("sslmode", "")),
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def _pg_connect(db: dict[str, Any], name: str | None = None) -> Any:
    import psycopg
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {
        "dbname": name or db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        params["sslmode"] = sslmode
    return psycopg.connect(
        make_conninfo(**{key: value for key, value in params.items() if value is not None})
    )


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed (exit {result.returncode}): {result.stderr.strip()}"
        )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  # nosec B608  # quoted names from the catalogue
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in rows]


_PG_TABLES = (
    "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


def _live_raw_sqlite(conn: BaseDatabaseWrapper) -> sqlite3.Connection:
    if conn.in_atomic_block:
        raise BackupError("A backup or restore cannot run inside a transaction.")
    conn.ensure_connection()
    raw = conn.connection
    if not isinstance(raw, sqlite3.Connection):
        raise BackupError("The database connection is not an SQLite connection.")
    return raw


# ---- the manifest ----------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a Prevent Hub backup: it has no {MANIFEST}.")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path} is in format {manifest.get('format')!r}; this release reads format {FORMAT}."
        )
    return manifest


def check_backup(source: Path, *, engine: str | None = None) -> dict[str, Any]:
    """The backup's manifest, once every sum in it holds; refuses a backup
    of another database engine, a changed or missing file, or an extra one."""
    manifest = read_manifest(source)
    if engine and manifest["engine"] != engine:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; this service runs on {engine}. "
            "Restore it on the same engine."
        )
    problems = []
    database = source / manifest["database"]["file"]
    if not database.is_file():
        problems.append(f"{database.name} is missing")
    elif sha256_of(database) != manifest["database"]["sha256"]:
        problems.append(f"{database.name} does not match its SHA-256 sum")
    files_dir = source / FILES
    expected: dict[str, str] = manifest["files"]
    present = {path.relative_to(files_dir).as_posix(): path for path in _walk(files_dir)}
    for name, digest in sorted(expected.items()):
        if name not in present:
            problems.append(f"files/{name} is missing")
        elif sha256_of(present[name]) != digest:
            problems.append(f"files/{name} does not match its SHA-256 sum")
    problems.extend(f"files/{name} is not in the manifest" for name in sorted(set(present) - set(expected)))
    if problems:
        raise BackupError(f"The backup in {source} is damaged: " + "; ".join(problems) + ".")
    return manifest


# ---- backing up ------------------------------------------------------------


def _copy_files(root: Path, target: Path) -> dict[str, str]:
    """Copy every private file, hashing the bytes as they are written."""
    sums: dict[str, str] = {}
    for path in _walk(root):
        name = path.relative_to(root).as_posix()
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with path.open("rb") as reader, destination.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
        sums[name] = digest.hexdigest()
    return sums


def _backup_sqlite(target: Path) -> dict[str, int]:
    raw = _live_raw_sqlite(connection)
    copy = sqlite3.connect(target)
    try:
        raw.backup(copy)  # SQLite's online backup: a consistent copy while the service runs
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's integrity check: {check}")
        return _counts(copy.cursor(), _sqlite_tables(copy))
    finally:
        copy.close()


def _backup_postgresql(target: Path) -> dict[str, int]:
    """pg_dump in the snapshot the row counts were taken in, so they agree."""
    db = connection.settings_dict
    with _pg_connect(db) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = [row[0] for row in conn.execute(_PG_TABLES)]
        counts = _counts(conn.cursor(), tables)
        _run(
            [pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_pg_env(db),
        )
        conn.execute("COMMIT")
    return counts


def take_backup(target: Path) -> dict[str, Any]:
    """Back up the database and the private files into `target`, a new or
    empty directory; returns the manifest."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} is not empty: back up into a new directory.")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        database = target / SQLITE_FILE
        counts = _backup_sqlite(database)
    elif vendor == "postgresql":
        database = target / PG_FILE
        counts = _backup_postgresql(database)
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    files = _copy_files(private_root(), target / FILES)
    manifest = {
        "format": FORMAT,
        "created_at": clock.now().isoformat(),
        "engine": vendor,
        "database": {"file": database.name, "sha256": sha256_of(database), "size": database.stat().st_size},
        "row_counts": counts,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


# ---- restoring -------------------------------------------------------------


def _restore_sqlite(source: Path) -> None:
    raw = _live_raw_sqlite(connection)
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.backup(raw)  # replaces every page of the live database
    finally:
        backup.close()


def _restore_postgresql(source: Path, db: dict[str, Any], name: str | None = None, *, clean: bool) -> None:
    command = [
        pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={name or db['NAME']}",
    ]
    if clean:
        command[1:1] = ["--clean", "--if-exists"]
    _run([*command, str(source)], env=_pg_env(db, name))


def _restore_files(source: Path, root: Path, expected: dict[str, str]) -> None:
    """Make the private directory hold exactly the backup's files."""
    root.mkdir(parents=True, exist_ok=True)
    for path in _walk(root):
        if path.relative_to(root).as_posix() not in expected:
            path.unlink()  # added after the backup was taken
    for name, digest in expected.items():
        live = root / name
        if live.is_file() and sha256_of(live) == digest:
            continue
        live.parent.mkdir(parents=True, exist_ok=True)
        partial = live.with_name(f".{live.name}.restoring")
        shutil.copyfile(source / FILES / name, partial)
        os.replace(partial, live)
    wrong = [name for name, digest in expected.items() if sha256_of(root / name) != digest]
    if wrong:
        raise BackupError("These private files do not match the backup after restoring: " + ", ".join(wrong))


def live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor, connection.introspection.table_names(cursor))


def _count_problems(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    problems = [f"{table} is missing" for table in sorted(set(expected) - set(found))]
    problems.extend(
        f"{table} has {found[table]} rows, the backup {count}"
        for table, count in sorted(expected.items())
        if table in found and found[table] != count
    )
    return problems


def restore_backup(source: Path) -> dict[str, Any]:
    """Replace the live database and private files with the backup's, then
        check the rows, the files and the audit chain, and record the restore in
    the audit log (after the restored events). Returns the manifest."""
    from prevent.audit.services import record_event
    from prevent.audit.verify import verify_chain

    manifest = check_backup(source, engine=connection.vendor)
    database = source / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        _restore_sqlite(database)
    else:
        db = dict(connection.settings_dict)
        connection.close()  # pg_restore drops the tables: hold no locks on them
        _restore_postgresql(database, db, clean=True)
    problems = _count_problems(manifest["row_counts"], live_counts())
    if problems:
        raise BackupError("The restored database does not match the backup: " + "; ".join(problems) + ".")
    _restore_files(source, private_root(), manifest["files"])
    report = verify_chain()
    if not report.ok:
        raise BackupError(f"The restored audit log does not verify: {report.message}")
    with transaction.atomic():
        record_event(
            actor=None,
            actor_label="manage.py restore",
            action="backup_restored",
            summary=f"Restored the database and private files from the backup of {manifest['created_at']}",
            changes={"backup": {"before": "", "after": manifest["created_at"]}},
        )
    return manifest


# ---- the drill -------------------------------------------------------------


@dataclass
class DrillReport:
    backup: Path
    scratch: str
    manifest: dict[str, Any]
    verify_ok: bool = False
    verify_output: str = ""
    restored_counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verify_ok and not self.problems


def _verify_in(database_url: str) -> tuple[bool, str]:
    """`manage.py verify_audit` against another database, in its own process."""
    env = dict(os.environ, DATABASE_URL=database_url)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "verify_audit"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def _pg_url(db: dict[str, Any], name: str) -> str:
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(name, safe='')}"


@contextmanager
def _scratch_postgresql(db: dict[str, Any], given: str) -> Iterator[str]:
    """An empty database to restore into: the one given, or a new one
    dropped afterwards."""
    if given:
        yield given
        return
    base = re.sub(r"[^a-z0-9_]", "_", str(db["NAME"]).lower())[:30]
    name = f"{base}_restore_drill_{uuid.uuid4().hex[:8]}"
    with _pg_connect(db) as conn:
        conn.autocommit = True
        conn.execute(f"CREATE DATABASE {_quote(name)}")
    try:
        yield name
    finally:
        with _pg_connect(db) as conn:
            conn.autocommit = True
            conn.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


def restore_drill(
    *, workdir: Path | None = None, backup: Path | None = None, scratch: str = ""
) -> DrillReport:
    """Back up (or take the given backup), restore it into a scratch
    database, run verify_audit there, compare row counts and file sums."""
    with tempfile.TemporaryDirectory(prefix="prevent-restore-drill-", dir=workdir) as temporary:
        place = Path(temporary)
        if backup is None:
            backup = place / "backup"
            take_backup(backup)
        manifest = check_backup(backup)  # every file's sum, the database's too
        database = backup / manifest["database"]["file"]
        if manifest["engine"] == "sqlite":
            path = Path(scratch) if scratch else place / "scratch.sqlite3"
            target = sqlite3.connect(path)
            source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                source.backup(target)
                restored = _counts(target.cursor(), _sqlite_tables(target))
            finally:
                source.close()
                target.close()
            report = DrillReport(backup, str(path), manifest, restored_counts=restored)
            report.verify_ok, report.verify_output = _verify_in(f"sqlite:///{path}")
        elif manifest["engine"] == "postgresql":
            db = dict(connection.settings_dict)
            with _scratch_postgresql(db, scratch) as name:
                _restore_postgresql(database, db, name, clean=False)
                with _pg_connect(db, name) as conn:
                    restored = _counts(conn.cursor(), [row[0] for row in conn.execute(_PG_TABLES)])
                report = DrillReport(backup, name, manifest, restored_counts=restored)
                report.verify_ok, report.verify_output = _verify_in(_pg_url(db, name))
        else:
            raise BackupError(f"Backups of {manifest['engine']} databases are not supported.")
        report.problems = _count_problems(manifest["row_counts"], report.restored_counts)
        return report


def describe(manifest: dict[str, Any]) -> str:
    created = dt.datetime.fromisoformat(manifest["created_at"])
    rows = sum(manifest["row_counts"].values())
    return (
        f"{manifest['engine']} backup of {created:%d %B %Y at %H:%M %Z}: "
        f"{len(manifest['row_counts'])} tables, {rows} rows, {len(manifest['files'])} private files"
    )
