"""The rows of the bench table, one function per group; each returns finished rows."""

from __future__ import annotations

import gzip
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import courses, floor
from bench.measure import Ratio, Sample, pairs, ratio, run

REPO = Path(__file__).resolve().parents[1]
TRAIL = [sys.executable, "-c", "import sys; sys.argv[0] = 'trail'; from packager.cli import main; main()"]
NO_SCORM12 = "web,scorm2004,xapi,cmi5"
MB = courses.MB


@dataclass(frozen=True)
class Row:
    name: str
    result: str
    target: str
    detail: str = ""


@dataclass
class Work:
    folder: Path
    rounds: int
    big: bool
    made: dict[str, Path] = field(default_factory=dict)

    def course(self, name: str, make: Callable[[Path], Path]) -> Path:
        if name not in self.made:
            self.made[name] = make(self.folder / name)
        return self.made[name]

    def clean(self, path: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(path, ignore_errors=True)


def first_problem(message: str) -> str:
    """The first line of a failed command's report, the one that says what went wrong."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    if len(lines) < 2:
        return lines[0][:200] if lines else ""
    return f"{lines[-1]}; first: {lines[1][:200]}"


def trail(*args: str | Path) -> Callable[[], Sample]:
    return lambda: run([*TRAIL, *map(str, args)], cwd=str(REPO))


def warm(work: Work) -> None:
    """One unmeasured run of trail and of the floor's imports: the bytecode is written before any pair."""
    out = work.folder / "out-warm"
    trail("build", REPO / "course_source", "--out", out)()
    run([sys.executable, "-c", "import json, zipfile"])
    shutil.rmtree(out)


def floor_of(work: Work, source: Path, name: str) -> tuple[Callable[[], Sample], Path]:
    """Build once, stage the zips for the floor; the floor's command and its output folder."""
    built = work.folder / f"built-{name}"
    trail("build", source, "--out", built)()
    media = {f"media/{p.parent.parent.name.split('-', 1)[1]}/{p.name}": p for p in source.glob("sites/*/media/*")}
    plan = floor.stage(sorted(built.glob("*.zip")), work.folder / f"stage-{name}", media)
    shutil.rmtree(built)
    out = work.folder / f"out-floor-{name}"
    return lambda: run([sys.executable, str(REPO / "bench" / "floor.py"), str(plan), str(out)]), out


def _vs_floor(work: Work, source: Path, name: str, rounds: int, label: str, target: str) -> list[Row]:
    floor_run, floor_out = floor_of(work, source, name)
    out = work.folder / f"out-{name}"

    def clean() -> None:
        work.clean(out)()
        work.clean(floor_out)()

    ours, base = pairs(trail("build", source, "--out", out), floor_run, rounds, clean)
    cpu, wall = ratio(ours, base, "cpu"), ratio(ours, base, "wall")
    detail = f"trail {_median(ours, 'cpu'):.2f} s CPU / floor {_median(base, 'cpu'):.2f} s; wall {wall.cell()}"
    return [Row(f"{label} / floor (CPU)", cpu.cell(), target, detail)]


def _median(samples: list[Sample], what: str) -> float:
    values = sorted(getattr(s, what) for s in samples)
    return values[len(values) // 2]


def build_rows(work: Work) -> list[Row]:
    return _vs_floor(work, REPO / "course_source", "plain", work.rounds, "full build, 5 formats", "≤ 1.2")


def media_rows(work: Work) -> list[Row]:
    source = work.course("media", lambda p: courses.media_course(p, 50 * MB))
    return _vs_floor(work, source, "media", min(work.rounds, 3), "media course 50 MB/site, 5 formats", "≤ 1.1")


def memory_rows(work: Work) -> list[Row]:
    sizes = [100, 500] + ([2000] if work.big else [])
    peaks = []
    for size in sizes:
        source = courses.one_video_course(work.folder / f"video-{size}", size * MB)
        out = work.folder / f"out-rss-{size}"
        peaks.append(trail("build", source, "--out", out)().rss_mib)
        shutil.rmtree(out)
        shutil.rmtree(source)
    detail = ", ".join(f"{s} MB: {p:.0f} MiB" for s, p in zip(sizes, peaks, strict=True))
    return [Row(f"peak RSS, {sizes[0]} MB → {sizes[-1]} MB media, 5 formats", f"{max(peaks):.0f} MiB "
                f"(×{peaks[-1] / peaks[0]:.2f} from smallest to largest)", "≤ 100 MiB, flat", detail)]


def rebuild_rows(work: Work) -> list[Row]:
    source = work.course("media", lambda p: courses.media_course(p, 50 * MB))
    cold_out, warm_out = work.folder / "out-cold", work.folder / "out-warm"
    trail("build", source, "--out", warm_out)()
    warm, cold = pairs(trail("build", source, "--out", warm_out), trail("build", source, "--out", cold_out),
                       min(work.rounds, 3), work.clean(cold_out))
    return [Row("no-change rebuild / cold (media course, CPU)", ratio(warm, cold).cell(3), "≤ 0.05",
                f"wall {ratio(warm, cold, 'wall').cell(3)}")]


def _extra_variant(work: Work, source: Path, name: str, rounds: int) -> tuple[Ratio, list[Sample], list[Sample]]:
    """Cold builds of two variants against one, interleaved: (two / one) - 1 per pair."""
    one, two = work.folder / f"out-one-{name}", work.folder / f"out-two-{name}"

    def clean() -> None:
        work.clean(one)()
        work.clean(two)()

    both, single = pairs(trail("build", source, "--out", two, "--variant", "porsgrunn,skien"),
                         trail("build", source, "--out", one, "--variant", "porsgrunn"), rounds, clean)
    clean()
    return Ratio(tuple(v - 1 for v in ratio(both, single).values)), both, single


def variant_rows(work: Work) -> list[Row]:
    """What one more variant costs: on course_source (the compiler's share) and on the media course,
    where a variant's zips must each hold every video again; there the floor is copying the first
    variant's zips (`cp`: the kernel's copy, what any tool pays to write those bytes on this disk)."""
    plain = work.course("variants-plain", lambda p: courses.with_variants(REPO / "course_source", p))
    extra, both, single = _extra_variant(work, plain, "plain", work.rounds)
    rows = [Row("one extra variant / cold (course_source, CPU)", extra.cell(3), "≤ 0.10",
                f"1 variant {_median(single, 'cpu'):.3f} s CPU, 2 variants {_median(both, 'cpu'):.3f} s")]
    media = work.course("media", lambda p: courses.media_course(p, 50 * MB))
    source = work.course("variants", lambda p: courses.with_variants(media, p))
    extra, both, single = _extra_variant(work, source, "media", min(work.rounds, 3))
    first, copy = work.folder / "out-first", work.folder / "out-copy"
    trail("build", source, "--out", first, "--variant", "porsgrunn")()
    copies = []
    for _ in range(min(work.rounds, 3)):
        work.clean(copy)()
        copies.append(run(["cp", "-r", str(first / "porsgrunn"), str(copy)]))
    work.clean(copy)()
    work.clean(first)()
    cold, cp = _median(single, "cpu"), _median(copies, "cpu")
    rows.append(Row("one extra variant / cold (media course, CPU)", extra.cell(3), "≤ 0.10",
                    f"1 variant {cold:.2f} s CPU, 2 variants {_median(both, 'cpu'):.2f} s; `cp` of one variant's "
                    f"zips alone {cp:.2f} s CPU ({cp / cold:.2f} of cold)"))
    return rows


def peer_rows(work: Work) -> list[Row]:
    """SCORM 1.2 from the media course vs simple-scorm-packager zipping the same app, prebuilt."""
    source = work.course("media", lambda p: courses.media_course(p, 50 * MB))
    ssp = REPO / "node_modules" / "simple-scorm-packager"
    if not ssp.is_dir():
        return [Row("SCORM 1.2 / simple-scorm-packager", "not installed", "≤ 0.10", "run npm ci")]
    web = work.folder / "built-web"
    trail("build", source, "--out", web, "--format", "web")()
    app = work.folder / "app"
    with zipfile.ZipFile(next(web.glob("*.zip"))) as archive:
        archive.extractall(app)
    ours_out, theirs_out = work.folder / "out-ours", work.folder / "out-theirs"

    def clean() -> None:
        work.clean(ours_out)()
        work.clean(theirs_out)()
        (app / "imsmanifest.xml").unlink(missing_ok=True)

    theirs_cmd = ["node", str(REPO / "bench" / "ssp.js"), str(app), str(theirs_out)]
    ours, theirs = pairs(trail("build", source, "--out", ours_out, "--format", "scorm12"),
                         lambda: run(theirs_cmd, cwd=str(REPO)), min(work.rounds, 3), clean)
    shutil.rmtree(app)
    shutil.rmtree(web)
    return [Row("SCORM 1.2 build / simple-scorm-packager (media, wall)", ratio(ours, theirs, "wall").cell(3),
                "≤ 0.10", f"CPU {ratio(ours, theirs).cell(3)}; theirs {_median(theirs, 'wall'):.1f} s wall")]


def payload_rows(work: Work) -> list[Row]:
    """Each file of the web build gzipped on its own (-9), as a web server sends it; no media.
    First view: index.html and trail/ (runtime, theme, settings), what shows the map. Whole page:
    that and every sites/<slug>.js (each loaded when its site opens). Site text: site.md and quiz
    files, as one gzip stream (the issue's measure), and each site's alone (as its file is sent)."""
    out = work.folder / "out-payload"
    trail("build", REPO / "course_source", "--out", out, "--format", "web")()
    with zipfile.ZipFile(next(out.glob("*.zip"))) as archive:
        sizes = {n: len(gzip.compress(archive.read(n), 9)) for n in archive.namelist() if not n.startswith("media/")}
    lazy = sum(v for n, v in sizes.items() if n.startswith("sites/"))
    whole = sum(sizes.values())
    text = len(gzip.compress(courses.site_text(), 9))
    per_site = sum(len(gzip.compress(t, 9)) for t in courses.site_texts())
    return [Row("first view, gzipped", f"{(whole - lazy) / 1024:.1f} KB", "≤ 40 KB",
                f"index.html {sizes['index.html'] / 1024:.1f} KB + runtime and theme; "
                + (f"{sum(n.startswith('sites/') for n in sizes)} site files load on opening"
                   if lazy else "every site inside")),
            Row("whole page / site text, gzipped", f"{whole / text:.2f}", "≤ 1.3",
                f"{whole / 1024:.1f} KB ({lazy / 1024:.1f} KB of site files) against {text / 1024:.1f} KB of "
                f"site.md + quiz files in one stream; {whole / per_site:.2f} against {per_site / 1024:.1f} KB "
                "gzipped site by site")]


def scale_rows(work: Work) -> list[Row]:
    sites = 400
    source = work.course("many", lambda p: courses.many_sites_course(p, sites))
    out = work.folder / "out-many"
    samples = []
    for _ in range(min(work.rounds, 3)):
        shutil.rmtree(out, ignore_errors=True)  # cold every time: a rebuild would be up to date
        samples.append(trail("build", source, "--out", out, "--format", NO_SCORM12)())
    shutil.rmtree(out, ignore_errors=True)
    per_site = _median(samples, "cpu") / sites * 1000
    return [Row(f"{sites}-site build, 4 formats (no SCORM 1.2)", f"{per_site:.1f} ms CPU per site", "linear",
                f"{_median(samples, 'cpu'):.1f} s CPU in all")]


def state_rows(work: Work) -> list[Row]:
    from bench.state import state_sizes  # needs Playwright and Chromium

    ours, plain, texts = state_sizes()
    return [Row("SCORM 1.2 state, T2 / plain JSON (maximal learner)", f"{ours / plain:.2f}", "< 1, ≤ 4096 chars",
                f"{ours} chars against {plain}; {texts} chars of reflections inside")]


GROUPS: dict[str, Callable[[Work], list[Row]]] = {
    "build": build_rows, "media": media_rows, "memory": memory_rows, "rebuild": rebuild_rows,
    "variant": variant_rows, "peer": peer_rows, "payload": payload_rows, "scale": scale_rows,
    "state": state_rows,
}
