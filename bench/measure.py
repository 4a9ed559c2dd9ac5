"""Measuring commands fairly on a shared machine: interleaved pairs in subprocesses.

Each command runs in its own process; `os.wait4` gives that process's own CPU
time and peak resident memory (ru_maxrss), so nothing the bench itself holds
counts. Two commands are compared as pairs run back to back, alternating which
goes first, so load from other users of the machine hits both sides alike; the
ratio of each pair is kept and the table shows their median and range.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    cpu: float  # seconds, user + system
    wall: float  # seconds
    rss_mib: float  # peak resident set size


def run(argv: Sequence[str], env: dict[str, str] | None = None, cwd: str | None = None) -> Sample:
    """Run one command to the end; raise if it fails (a failed run measures nothing)."""
    started = time.perf_counter()
    proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{err.decode(errors='replace')[:2000]}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Ratio:
    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cell(self, digits: int = 2) -> str:
        lo, hi = min(self.values), max(self.values)
        return f"{self.median:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


Step = Callable[[], Sample]


def pairs(a: Step, b: Step, rounds: int, before: Callable[[], None] | None = None) -> tuple[list[Sample], list[Sample]]:
    """`rounds` runs of each, interleaved a-b, b-a, ...; `before` runs ahead of every step (not measured)."""
    left: list[Sample] = []
    right: list[Sample] = []
    for i in range(rounds):
        order = ((a, left), (b, right)) if i % 2 == 0 else ((b, right), (a, left))
        for step, out in order:
            if before:
                before()
            out.append(step())
    return left, right


def ratio(top: list[Sample], bottom: list[Sample], what: str = "cpu") -> Ratio:
    return Ratio(tuple(getattr(t, what) / max(getattr(b, what), 1e-9) for t, b in zip(top, bottom, strict=True)))
