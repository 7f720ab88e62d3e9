"""make bench: python -m prevent.core.scale.bench [--scale 0.01] [--smoke]

Makes a throwaway database (an SQLite file in a temporary directory, or
the PostgreSQL database DATABASE_URL names, which must contain "bench" or
"scale" and is dropped and made again), migrates it, fills it with
generate_scale_data, starts gunicorn (2 workers, production settings, a
throwaway secret, a free loopback port), signs in the bench user of each
role through the real sign-in pages (password and authenticator code),
measures every page (measure.py) and prints the table of ratios to the
framework floor; unless --smoke or --no-docs, writes it into
docs/performance.md. Stops gunicorn and deletes the temporary directory
at the end, whatever happened."""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[4]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    name = urllib.parse.urlparse(url).path.lstrip("/")
    if "bench" not in name.lower() and "scale" not in name.lower():
        sys.exit(f"Refusing to use the database {name!r}: its name must contain 'bench' or 'scale'")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        _recreate_postgres(url, name)
    return url


def _recreate_postgres(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlparse(url)
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "0.01")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=10, help="sequential requests per page")
    parser.add_argument("--time-cap", type=float, default=3.0, help="seconds per concurrency level")
    parser.add_argument("--smoke", action="store_true", help="a few pages, few requests, no docs")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--docs", type=Path, default=BASE_DIR / "docs" / "performance.md")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="prevent-bench-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        port = free_port()
        env = {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _database_url(tmp),
            "PREVENT_PRIVATE_MEDIA_ROOT": str(tmp / "private-media"),
            "PREVENT_BASE_URL": f"https://127.0.0.1:{port}",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        os.environ.update(env)
        sys.path.insert(0, str(BASE_DIR))
        import django

        django.setup()
        return _run(args, env, port, tmp, lambda s: setattr(_run, "server", s))
    finally:
        server = getattr(_run, "server", None)
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def _run(args: argparse.Namespace, env: dict[str, str], port: int, tmp: Path, keep_server) -> int:  # type: ignore[no-untyped-def]
    from django.core.management import call_command
    from django.db import connection, connections

    from ..partnership import BENCH_PASSWORD, bench_email, bench_totp_key
    from .client import Client
    from .measure import CONCURRENCY, measure
    from .pages import choose_pages
    from .report import table, write_section

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command(
        "generate_scale_data",
        scale=args.scale,
        seed=args.seed,
        no_migrate=True,
        verbosity=0 if args.smoke else 1,
    )
    generated = time.perf_counter() - started
    call_command("collectstatic", interactive=False, verbosity=0)
    pages, missing = choose_pages()
    if args.smoke:
        pages = [p for p in pages if p.smoke]
    vendor = connection.vendor
    db_version = _db_version()
    connections.close_all()
    log = tmp / "gunicorn.log"
    server = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--error-logfile",
            str(log),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **env},
    )
    keep_server(server)
    probe = Client(port)
    for _ in range(120):
        try:
            if probe.get("/healthz").status == 200:
                break
        except OSError:
            time.sleep(0.25)
    else:
        print(log.read_text() if log.exists() else "gunicorn did not start", file=sys.stderr)
        return 1
    clients: dict[str, Client] = {}
    for role in sorted({p.role for p in pages}):
        client = Client(port)
        client.sign_in(bench_email(role), BENCH_PASSWORD, bench_totp_key(role))
        clients[role] = client
    requests = 2 if args.smoke else args.requests
    concurrency = (1, 10) if args.smoke else CONCURRENCY
    results = []
    for page in pages:
        result = measure(
            clients[page.role], page, master=server.pid, requests=requests, concurrency=concurrency,
            time_cap=2.0 if args.smoke else args.time_cap, smoke=args.smoke,
        )  # fmt: skip
        results.append(result)
        print(f"  {page.name}: {result.status} p50 {result.p50:.0f} ms", flush=True)
    lines = table(results)
    heading = _heading(args, vendor, db_version, generated, requests, concurrency)
    print("\n".join(["", *heading, "", *lines]))
    if missing:
        print("\nNot in this version of the service: " + ", ".join(missing))
    failed = [r for r in results if not r.ok]
    if not args.smoke and not args.no_docs:
        body = [*heading, "", *lines]
        if missing:
            body += ["", "Not measured (no such route in this version): " + ", ".join(missing) + "."]
        write_section(args.docs, f"{vendor}:{args.scale:g}", body)
        print(f"\nWritten to {args.docs}")
    if log.exists() and log.stat().st_size:
        print("\ngunicorn's error log:\n" + log.read_text()[-4000:], file=sys.stderr)
    return 1 if failed else 0


def _db_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def _heading(
    args: argparse.Namespace,
    vendor: str,
    db: str,
    generated: float,
    requests: int,
    concurrency: tuple[int, ...],
) -> list[str]:
    import django
    import gunicorn

    from prevent.core.scale.plan import Plan

    plan = Plan.for_scale(args.scale)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return [
        f"### {db.split()[0]}, scale {args.scale:g} ({datetime.now(UTC):%-d %B %Y %H:%M} UTC)",
        "",
        f"Data: {plan.people:,} people, {plan.concerns:,} concerns, {plan.referrals:,} referrals (planned), "
        f"{plan.channel_cases:,} Channel cases, {plan.audit_events:,} audit events, {plan.organisations:,} "
        f"organisations, {plan.users:,} users (seed {args.seed}; generated and migrated in "
        f"{generated:.0f} s).",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU cores (shared), load average {load} "
        "at the end; "
        f"Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__} "
        f"(2 sync workers), {db}; production settings behind a loopback 'proxy' (X-Forwarded-Proto: https).",
        f"Latency: {requests} sequential requests per page after one warm-up; throughput: "
        + ", ".join(f"{c} client{'s' if c > 1 else ''}" for c in concurrency)
        + f", at most {args.time_cap:g} s each. Exports: time and the workers' peak resident memory (VmHWM).",
    ]


if __name__ == "__main__":
    sys.exit(main())
