"""Benchmark of `trail report`: 10^6 generated statements from one export file.

`python3 bench/report.py [--statements N]` generates the learners of course_source
(`bench/statements.py`, gzip'd lines in a temporary folder, never kept), then runs
`trail report` on the file in a child process (`bench/measure.py`) and prints its wall time,
CPU time (user + system, every thread) and peak memory (its maximum resident set), each against its
target: under a minute and under 300 MB on the project's 2-core machine. The machine is
shared: the load average is printed too, since wall time follows it and CPU time does not.
Asserts nothing (tests never assert times).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.venv import use_project_python  # noqa: E402

use_project_python()

from bench.measure import run  # noqa: E402
from bench.statements import MUNICIPALITY, write  # noqa: E402
from packager.report.course import read_course  # noqa: E402

TARGET_SECONDS, TARGET_MB = 60.0, 300.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    args = parser.parse_args()
    course = read_course(REPO / "course_source")
    with tempfile.TemporaryDirectory(prefix="trail-bench-report-") as tmp:
        export = Path(tmp) / "statements.ndjson.gz"
        started = time.perf_counter()
        learners, statements = write(course, export, args.statements)
        made = time.perf_counter() - started
        print(f"generated {learners:,} learners, {export.stat().st_size / 2**20:,.0f} MB gzip'd, in {made:.0f} s")
        trail = Path(sys.executable).with_name("trail")
        command = [str(trail) if trail.exists() else "trail", "report", str(REPO / "course_source"),
                   "--export", str(export), "--out", str(Path(tmp) / "report"), "--municipality", MUNICIPALITY]
        load = os.getloadavg()[0]
        got = run(command)  # its own process: its CPU time and peak memory, by wait4
        print(f"report: {statements:,} statements in {got.wall:.1f} s wall ({got.wall / TARGET_SECONDS:.2f} of the "
              f"{TARGET_SECONDS:.0f} s target), {got.cpu:.1f} s CPU ({got.cpu / TARGET_SECONDS:.2f}), peak "
              f"{got.rss_mib:.0f} MB ({got.rss_mib / TARGET_MB:.2f} of {TARGET_MB:.0f} MB); load average {load:.1f} "
              f"on {os.cpu_count()} cores")

if __name__ == "__main__":
    main()
