"""The bench's short mode end to end (issue 16): generated data, gunicorn
with production settings, the real sign-in with a second factor, a few
pages, a CSV and a PDF. A smoke test: it checks that every page answered
200, never how fast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[4]


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the short bench runs on its own SQLite database whatever the suite's; the SQLite run has it",
)
@pytest.mark.skipif(
    not (BASE_DIR / "frontend" / "build" / "application.css").exists(), reason="the front end is not built"
)
def test_the_bench_short_mode_signs_in_and_every_page_answers() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run(
        [sys.executable, "-m", "prevent.core.scale.bench", "--scale", "0.001", "--smoke"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    rows = table[2:]
    assert rows[0].startswith("| framework floor")
    assert {"triage queue", "concern detail", "Channel case", "PDF: panel minutes"} <= {
        row.split(" | ")[0].lstrip("| ") for row in rows
    }
    assert all(row.split(" | ")[2].startswith("200") for row in rows)
