"""The wheel works outside the repository: theme, runtime, catalogues, the
starter course and the official SCORM control files ship inside it."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_builds_outside_the_repo(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
    )
    wheel = next(tmp_path.glob("trail_packager-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("packager/_templates/index.html.j2", "packager/_templates/trail.css",
                     "packager/runtime/trail.js", "packager/runtime/tracker.js",
                     # the parts joined into trail.js at build time
                     "packager/runtime/trail-map.js", "packager/runtime/trail-quiz.js",
                     "packager/runtime/trail-reflections.js", "packager/runtime/trail-video.js",
                     "packager/runtime/adapter-scorm12.js", "packager/locale/nb/LC_MESSAGES/messages.po",
                     "packager/scaffold/course/course.yaml", "packager/package/control/NOTICE.md"):
        assert required in names, required
    from packager.package.control_files import SETS
    for controls in SETS:
        for name in controls.sha256:
            assert f"packager/package/control/{controls.folder}/{name}" in names, name

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    # The dependencies come from the test venv's site-packages, listed after the wheel's own
    # folder; a plain path in a .pth file does not run that folder's editable-install hook.
    new_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              check=True, capture_output=True, text=True).stdout.strip()
    Path(new_site, "trail-test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    run = {"cwd": work, "check": True, "capture_output": True, "text": True}
    subprocess.run([str(env_dir / "bin" / "trail"), "init", "kurs"], **run)  # type: ignore[call-overload]
    done = subprocess.run([str(env_dir / "bin" / "trail"), "build", "kurs", "--format", "scorm12,web"], **run)  # type: ignore[call-overload]
    assert "built 2 package(s)" in done.stdout
    located = subprocess.run([str(python), "-c", "import packager, sys; print(packager.__file__)"], **run)  # type: ignore[call-overload]
    assert str(REPO) not in located.stdout
    with zipfile.ZipFile(work / "dist" / "min-forste-loype-scorm12.zip") as archive:
        assert {"imsmanifest.xml", "index.html", "trail/trail.css", "trail/adapter.js",
                "imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"} <= set(archive.namelist())
