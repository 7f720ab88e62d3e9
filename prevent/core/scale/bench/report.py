"""The bench's table: each page's latency and throughput beside the
framework floor's from the same run, printed and written into
docs/performance.md between markers of its own database and scale (other
sections of that file are kept)."""

from __future__ import annotations

import math
import re
from pathlib import Path

from .measure import CONCURRENCY, Result


def _n(value: float | None, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def table(results: list[Result]) -> list[str]:
    floor = results[0]
    lines = [
        "| page | role | status | KB | p50 ms | p95 ms | p95 / floor | "
        + " | ".join(f"req/s @{c}" for c in CONCURRENCY)
        + " | "
        + " | ".join(f"@{c} % of floor" for c in CONCURRENCY[1:])
        + " | errors | peak worker MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | "
        + " | ".join("---:" for _ in CONCURRENCY)
        + " | "
        + " | ".join("---:" for _ in CONCURRENCY[1:])
        + " | ---: | ---: |",
    ]
    for r in results:
        ratio = r.p95 / floor.p95 if r.latencies and floor.latencies and floor.p95 else None
        rates = [_n(r.throughput.get(c), 1) for c in CONCURRENCY]
        shares = []
        for c in CONCURRENCY[1:]:
            mine, base = r.throughput.get(c), floor.throughput.get(c)
            shares.append(_n(100 * mine / base) if mine is not None and base else "-")
        memory = _n(r.peak_rss_mb) if r.peak_rss_mb is not None else ""
        status = f"{r.status} {r.note}".strip() if r.ok else f"{r.status or '-'} {r.note}".strip()
        lines.append(
            f"| {r.page.name} | {r.page.role.replace('_', ' ')} | {status} | {_n(r.size / 1024)} | "
            f"{_n(r.p50)} | {_n(r.p95)} | {_n(ratio, 1)} | {' | '.join(rates)} | {' | '.join(shares)} | "
            f"{r.errors} | {memory} |"
        )
    return lines


def write_section(path: Path, key: str, body: list[str]) -> None:
    """Replace the block between `<!-- bench:KEY -->` and `<!-- /bench:KEY -->`
    (or add it at the end)."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = "\n".join([start, *body, end])
    text = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text if text.endswith("\n") else text + "\n")
