"""Latency (sequential), throughput (1, 10, 50 concurrent clients) and the
gunicorn workers' peak memory. Every count and time is bounded."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .client import Client
from .pages import Page

CONCURRENCY = (1, 10, 50)
# Seconds the first wave of a concurrency level may be expected to take.
LEVEL_BUDGET = 40.0


@dataclass
class Result:
    page: Page
    status: int = 0
    size: int = 0
    latencies: list[float] = field(default_factory=list)
    throughput: dict[int, float] = field(default_factory=dict)
    errors: int = 0
    peak_rss_mb: float | None = None
    rss_growth_mb: float | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200

    def p(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
        return ordered[index] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return self.p(0.95)


def worker_pids(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_mb(master: int) -> float:
    """The largest peak resident memory (VmHWM) of the master's workers."""
    return max((_status_kb(pid, "VmHWM") for pid in worker_pids(master)), default=0) / 1024


def sequential(client: Client, result: Result, count: int) -> None:
    for _ in range(count):
        try:
            response = client.get(result.page.path)
        except OSError as error:
            result.errors += 1
            result.note = str(error)
            continue
        if response.status != 200:
            result.errors += 1
        result.latencies.append(response.seconds)


def concurrent(client: Client, path: str, clients: int, total: int, time_cap: float) -> tuple[float, int]:
    """Requests per second with `clients` threads sharing `total` requests,
    no new request started after `time_cap` seconds."""
    lock = threading.Lock()
    state = {"issued": 0, "done": 0, "errors": 0}
    started = time.perf_counter()

    def run() -> None:
        mine = client.fork()
        while True:
            with lock:
                if state["issued"] >= total or time.perf_counter() - started > time_cap:
                    return
                state["issued"] += 1
            try:
                ok = mine.get(path).status == 200
            except OSError:
                ok = False
            with lock:
                state["done"] += 1
                state["errors"] += not ok

    threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=time_cap + 180)
    elapsed = time.perf_counter() - started
    return state["done"] / elapsed if elapsed else 0.0, state["errors"]


def measure(
    client: Client,
    page: Page,
    *,
    master: int,
    requests: int,
    concurrency: tuple[int, ...],
    time_cap: float,
    smoke: bool = False,
) -> Result:
    result = Result(page)
    before = peak_rss_mb(master)
    try:
        first = client.get(page.path)  # warm-up, and the page's size and status
    except OSError as error:
        result.note = f"no answer: {error}"
        return result
    result.status, result.size = first.status, len(first.body)
    if first.status != 200:
        result.note = f"answered {first.status}" + (
            f" to {first.headers.get('location')}" if "location" in first.headers else ""
        )
        return result
    if page.kind != "page":
        sequential(client, result, max(1, min(requests, 3)))
        result.peak_rss_mb = peak_rss_mb(master)
        result.rss_growth_mb = result.peak_rss_mb - before
        return result
    sequential(client, result, requests)
    for clients in concurrency:
        # A first wave of `clients` requests on 2 workers: leave out a level
        # that would take longer than the budget (a slow page at 50 clients).
        if result.p50 / 1000 * clients / 2 > LEVEL_BUDGET:
            result.note = (result.note + f" not run at {clients} clients (too slow)").strip()
            continue
        if smoke:
            total = clients
        else:
            total = max(clients * 2, min(requests * 2, 40)) if clients > 1 else max(5, requests // 2)
        rate, errors = concurrent(client, page.path, clients, total, time_cap)
        result.throughput[clients] = rate
        result.errors += errors
    return result
