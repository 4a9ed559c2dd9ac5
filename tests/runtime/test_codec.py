"""The state codec's own unit tests (tests/runtime/codec.test.js) run in Node's test runner.

They need no browser: the codec is plain arithmetic over numbers and strings.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).with_name("codec.test.js")


def test_codec_in_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `bash scripts/test.sh` installs Debian's nodejs")
    done = subprocess.run([node, "--test", str(TESTS)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
