"""The suite's exit watchdog (tests/conftest.py): a test process that would hang at exit ends with
the run's own status and says why, instead of eating CI's time budget."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_hanging_exit(status: int) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(f"""
        import threading, time
        from tests.conftest import exit_watchdog
        exit_watchdog({status}, seconds=1)
        threading.Thread(target=lambda: time.sleep(120), name="stuck").start()  # joined at exit: a hang
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)


def test_a_hung_exit_ends_with_the_runs_status_and_the_threads_stacks() -> None:
    for status in (0, 1):
        done = run_hanging_exit(status)
        assert done.returncode == status
        assert "had not ended 1 s after the run" in done.stderr
        assert "most recent call first" in done.stderr  # the stacks, to find the cause


def test_a_normal_exit_is_not_delayed() -> None:
    code = "from tests.conftest import exit_watchdog; exit_watchdog(0, seconds=60); print('done')"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "done", "")
