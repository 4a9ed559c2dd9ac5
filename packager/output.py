"""Where trail writes, and how: all or nothing, one build at a time.

- `writable_folder`: checks made before anything is written, so a usage mistake is
  one line (exit 2), never a traceback or a half-written folder.
- `locked`: one build at a time per output folder (an advisory lock on
  `<out>/.trail-lock`); a second build waits for the first, or after `wait`
  seconds says the folder is busy.
- `Staging`: a build writes its whole set into a private folder inside the output
  folder (so on its file system), and only when every file is written moves them
  into place; a failed build leaves the previous set as it was and nothing behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from packager.problems import UsageError

LOCK_NAME = ".trail-lock"
STAGING_PREFIX = ".trail-tmp-"
WAIT_SECONDS = float(os.environ.get("TRAIL_LOCK_WAIT", "300"))


def writable_folder(path: Path, what: str = "output folder") -> Path:
    """Create `path` if needed and prove that a file can be written in it.

    A real probe rather than `os.access`: root passes `os.access` everywhere, yet
    cannot write into /sys, a read-only mount or a full disk.
    """
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {what} {path}: {_reason(exc)}") from exc
    try:
        handle, probe = tempfile.mkstemp(prefix=".trail-probe-", dir=path)
    except OSError as exc:
        raise UsageError(f"cannot write into {what} {path}: {_reason(exc)}") from exc
    os.close(handle)
    os.unlink(probe)
    return path


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# Locks this process holds, by folder: a build inside a build (the CLI's cache check, then
# build()) takes its folder's lock again; another thread waits like another process would.
_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, list[int]]] = {}  # folder → (lock, [depth, fd])


@contextmanager
def locked(out: Path, wait: float | None = None, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `out`'s build lock; `waiting()` is called once if another build holds it first."""
    writable_folder(out)
    wait = WAIT_SECONDS if wait is None else wait
    key = str(out.resolve())
    with _guard:
        rlock, state = _held.setdefault(key, (threading.RLock(), [0, -1]))
    deadline = time.monotonic() + wait
    told = False
    while not rlock.acquire(timeout=0.1):
        told = _tell(waiting, told)
        if time.monotonic() > deadline:
            raise UsageError(f"output folder {out} is busy: another trail build is writing into it")
    try:
        if state[0] == 0:
            while True:
                fd = _try_lock(out / LOCK_NAME)
                if fd is not None:
                    break
                told = _tell(waiting, told)
                if time.monotonic() > deadline:
                    raise UsageError(f"output folder {out} is busy: another trail build is writing into it; "
                                     f"waited {wait:g} s")
                time.sleep(0.1)
            state[1] = fd
            _sweep(out)
        state[0] += 1
        try:
            yield
        finally:
            state[0] -= 1
            if state[0] == 0:  # the file goes first, so the folder holds only packages between builds
                (out / LOCK_NAME).unlink(missing_ok=True)
                fcntl.flock(state[1], fcntl.LOCK_UN)
                os.close(state[1])
                state[1] = -1
    finally:
        rlock.release()


def _try_lock(path: Path) -> int | None:
    """The lock file's descriptor, locked; None while another build holds it. A holder removes the
    file when it is done, so a lock taken on a file that is no longer at `path` is taken again."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    try:
        same = os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        same = False
    if not same:
        os.close(fd)
        return None
    return fd


def _tell(waiting: Callable[[], None] | None, told: bool) -> bool:
    if waiting is not None and not told:
        waiting()
    return True


def _sweep(out: Path) -> None:
    """Staging folders of builds that were killed (we hold the lock: none is in use)."""
    for leftover in out.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


class Staging:
    """A private folder in `out` for one build's files; `commit()` moves them into `out`.

    Until `commit()`, `out` holds the previous build's files untouched; the folder is
    removed whatever happens (`with Staging(out) as staging: ...`).
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self, names: list[str]) -> None:
        """Move every named file into `out`: each replace is atomic, and all come after every write."""
        for name in names:  # a name may have a folder (`<course>-scorm2004-sites/...zip`)
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path / name, self.out / name)


def replace_file(target: Path, data: bytes) -> None:
    """Write `target` atomically under a private temporary name in its folder."""
    handle, temp = tempfile.mkstemp(prefix=STAGING_PREFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp's 0600 is for the name's privacy, not the file's
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
