"""trail's benchmarks, measured side by side in one run: `python3 bench/run.py`.

Prints one table of ratios, each from interleaved pairs in subprocesses (median
and range; see bench/measure.py), against the targets of issue 13. Asserts
nothing: tests never assert times. `--big` adds the 2 GB memory case, `--rounds`
sets the pairs per row, `--readme` writes the table into bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.venv import use_project_python  # noqa: E402

use_project_python()

from bench import rows  # noqa: E402


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))
    load = os.getloadavg()
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {cpu}, {os.cpu_count()} cores, "
            f"{int(mem) // 1024 // 1024} GiB RAM; Linux {platform.release()}; Python {platform.python_version()}; "
            f"load average {load[0]:.1f} at the start (shared with other engineers)")


def compiled(folder: Path) -> None:
    """Measured commands run with their bytecode, as an installed trail (pip compiles it) and the floor's
    standard library have it; without it (PYTHONDONTWRITEBYTECODE, an editable checkout) every run of
    trail would compile its modules again. Kept in the bench's temporary folder, never in the checkout."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


def table(lines: list[rows.Row]) -> str:
    out = ["| measure | result: median (range) | target | detail |", "|---|---|---|---|"]
    out += [f"| {r.name} | {r.result} | {r.target} | {r.detail} |" for r in lines]
    return "\n".join(out)


def write_readme(text: str, about: str) -> None:
    readme = REPO / "bench" / "README.md"
    head = readme.read_text(encoding="utf-8").split("## Latest run")[0] if readme.exists() else "# bench\n\n"
    readme.write_text(f"{head.rstrip()}\n\n## Latest run of `bench/run.py`\n\n{about}\n\n{text}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved pairs per row (media rows: at most 3)")
    parser.add_argument("--big", action="store_true", help="also measure peak memory with 2 GB of media (slow)")
    parser.add_argument("--readme", action="store_true", help="write the table into bench/README.md")
    parser.add_argument("--only", help="comma-separated row groups: " + ", ".join(rows.GROUPS))
    args = parser.parse_args()
    about = machine()
    print(about, file=sys.stderr)
    chosen = args.only.split(",") if args.only else list(rows.GROUPS)
    lines: list[rows.Row] = []
    with tempfile.TemporaryDirectory(prefix="trail-bench-") as folder:
        compiled(Path(folder) / "bytecode")
        work = rows.Work(Path(folder), args.rounds, args.big)
        rows.warm(work)
        for group in chosen:
            print(f"== {group}", file=sys.stderr)
            try:
                got = rows.GROUPS[group](work)
            except Exception as exc:  # a row that cannot run says why; the others still run
                got = [rows.Row(group, "failed", "", rows.first_problem(str(exc)))]
            for row in got:
                print(f"   {row.name}: {row.result}", file=sys.stderr)
            lines += got
            for leftover in Path(folder).glob("out*"):
                shutil.rmtree(leftover, ignore_errors=True)
    text = table(lines)
    print(text)
    if args.readme:
        write_readme(text, about)


if __name__ == "__main__":
    main()
