"""The embedded SQLite default with a worker writing beside the web app."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "bench" / "sqlite_freeze.py"


def test_freezing_while_a_second_connection_writes_progress_never_gives_a_500():
    # Runs on its own SQLite file whatever the suite's database: the settings under test
    # are those of the embedded default.
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), "--tries", "8"],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=settings.BASE_DIR,
    )
    assert "freeze 500s: 0 of 8" in result.stdout, result.stdout + result.stderr[-3000:]
    assert "journal mode: wal" in result.stdout
    # The worker's side really wrote while the edition was frozen.
    writes = int(result.stdout.split("worker writes: ")[1].split(",")[0])
    assert writes > 0
    assert result.returncode == 0
