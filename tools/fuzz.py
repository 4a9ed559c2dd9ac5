#!/usr/bin/env python3
"""A long fuzzing session of the loader (tests/broken/test_fuzz.py with many examples).

    python tools/fuzz.py            # 2000 examples per test (24 000 in all), about half an hour
    python tools/fuzz.py 500        # fewer

CI runs the same tests with 25 examples each. A failure prints the smallest input
hypothesis found; add it to tests/broken/corpus.py as a case with its expected message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    examples = sys.argv[1] if len(sys.argv) > 1 else "2000"
    env = {**os.environ, "TRAIL_FUZZ_EXAMPLES": examples}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/broken/test_fuzz.py"]
    return subprocess.call(command, cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main())
