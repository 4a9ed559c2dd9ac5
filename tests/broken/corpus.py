"""The broken-source corpus: single mutations of `course_source/`, each with the exact
output `trail` must give for it (problem lines and exit code).

Every case is one change to a fresh copy of the real course (never a stored tree), so
the corpus follows the course as it grows. Lines in the expected messages are found in
the course itself (`{line}` is the line the edit touched), so only the wording is fixed.

    python -m tests.broken.corpus DIR    # write every broken course into DIR/<name>/ to probe by hand
    python -m tests.broken.corpus        # list the cases
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course_source"
NAME = "course"  # the copy's folder, as the messages show it

C = "course.yaml"
S1 = "sites/01-boligsosialt-ansvar/site.md"
Q1 = "sites/01-boligsosialt-ansvar/quiz.yaml"
Q2 = "sites/02-husbankens-virkemidler/quiz.yaml"
W = "pages/welcome.md"
V1 = "sites/01-boligsosialt-ansvar/media/video.vtt"
M1 = "sites/01-boligsosialt-ansvar/media/video.mp4"
TRANSCRIPT = re.compile(r"transcript: \|\n(?:  .*\n)+")
REFLECTION_PROMPT = re.compile(r"prompt: \|\n(?:  .*\n)+")

Change = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    change: Change
    expected: tuple[str, ...]  # the problem lines, in the order trail prints them
    code: int = 1
    args: tuple[str, ...] = ("check", NAME)
    env: dict[str, str] = field(default_factory=dict)


def copy_course(target: Path) -> Path:
    """A copy of course_source that shares the media's bytes (hard links where possible).

    Changes must replace files (`write`), never write into them: that would change the original.
    """
    def link_or_copy(src: str, dst: str) -> None:
        if os.path.getsize(src) > 64 * 1024:
            try:
                os.link(src, dst)
                return
            except OSError:
                pass
        shutil.copy2(src, dst)

    shutil.copytree(COURSE, target, copy_function=link_or_copy)
    return target


def write(path: Path, data: bytes | str) -> None:
    """Replace a file (a new inode, so a hard-linked original is never touched)."""
    if path.is_symlink() or path.exists():
        path.unlink()
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def original(rel: str) -> str:
    return (COURSE / rel).read_text(encoding="utf-8")


def line_in(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def line_of(rel: str, needle: str) -> int:
    text = original(rel)
    index = text.find(needle)
    assert index >= 0, f"{needle!r} not in {rel}"
    return line_in(text, index)


def where(rel: str, line: int | None = None) -> str:
    return f"{NAME}/{rel}:{line}" if line else f"{NAME}/{rel}"


# -- case makers -------------------------------------------------------------------------------

CASES: list[Case] = []


def case(name: str, change: Change, *expected: str, code: int = 1, args: tuple[str, ...] = ("check", NAME),
         env: dict[str, str] | None = None) -> None:
    assert all(c.name != name for c in CASES), name
    CASES.append(Case(name, change, expected, code, args, env or {}))


def edit(name: str, rel: str, old: str | re.Pattern[str], new: str, *expected: str, code: int = 1) -> None:
    """Replace the first `old` in `rel` by `new`; `{line}` in `expected` is the line of `old`,
    `{file}` the file as shown."""
    text = original(rel)
    found = old.search(text) if isinstance(old, re.Pattern) else None
    index = found.start() if found else text.find(str(old))
    assert index >= 0, f"{old!r} not in {rel}"
    line = line_in(text, index)

    def change(root: Path) -> None:
        if isinstance(old, re.Pattern):
            write(root / rel, old.sub(new.replace("\\", "\\\\"), text, count=1))
        else:
            write(root / rel, text.replace(old, new, 1))

    case(name, change, *(e.format(line=line, file=where(rel)) for e in expected), code=code)


def replace_file(name: str, rel: str, data: bytes | str | Callable[[bytes], bytes], *expected: str,
                 code: int = 1) -> None:
    def change(root: Path) -> None:
        content = data((COURSE / rel).read_bytes()) if callable(data) else data
        write(root / rel, content)

    case(name, change, *(e.format(file=where(rel)) for e in expected), code=code)


def _symlink(rel: str, target: Callable[[Path], Path]) -> Change:
    def change(root: Path) -> None:
        path = root / rel
        path.unlink()
        path.symlink_to(target(root))
    return change


def _outside(rel: str) -> Callable[[Path], Path]:
    def target(root: Path) -> Path:
        outside = root.parent / "outside" / Path(rel).name
        outside.parent.mkdir(exist_ok=True)
        shutil.copy2(COURSE / rel, outside)
        return outside
    return target


def _folder(rel: str) -> Change:
    def change(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()
        (root / rel / "inside.txt").write_text("x", encoding="utf-8")
    return change


# -- 1. required keys: absent, or present without a value ---------------------------------------

REQUIRED = [  # (file, the line as written, the key as reported, the line with the key emptied)
    (C, "id: https://trail.boligsosial.no/kurs/boligsosial-laeringsloype", "id", "id:"),
    (C, "title: Boligsosial læringsløype", "title", "title:"),
    (S1, "title: Kommunens boligsosiale ansvar\nsummary", "title", "title:\nsummary"),
    (S1, "summary: Hvorfor", "summary", "summary: ~\n#"),
    (S1, "minutes: 20", "minutes", "minutes:"),
    (S1, "map: {x: 10, y: 12}", "map", "map:"),
    (S1, "map: {x: 10, y: 12}", "map.x", "map: {x: , y: 12}"),
    (S1, "map: {x: 10, y: 12}", "map.y", "map: {x: 10, y: }"),
    (S1, "title: Kommunens boligsosiale ansvar\nsrc", "video.title", "title:\nsrc"),
    (S1, "id: min-kommune", "reflection.id", "id:"),
    (Q1, "prompt: Når trådte boligsosialloven i kraft?", "[0].prompt", "prompt:"),
    (Q1, "- id: ikrafttredelse", "[0].id", "- id:"),
    (Q1, "type: single", "[0].type", "type:"),
    (Q1, "  text: 1. januar 2021", "[0].options[0].text", "  text:"),
    (Q1, "answer: false", "[1].answer", "answer:"),
    (Q1, "accept: [statsforvalteren,", "[3].accept", "accept: ~\n  x: [statsforvalteren,"),
    (Q2, "{left: Startlån,", "[2].pairs[0].left", "{left: ,"),
    (W, "title: Velkommen", "title", "title:"),
]


def _required() -> None:
    for rel, old, key, empty in REQUIRED:
        slug = f"{rel.split('/')[-1].split('.')[0]}-{key}".replace("[", "").replace("]", "").replace(".", "-")
        extra: tuple[str, ...] = ()
        if rel == Q1 and key == "[3].accept":
            extra = (f"{{file}}:{line_of(rel, old) + 1}: [3].x: unknown key; check its spelling (see docs/authoring.md)",)
        if rel == S1 and key == "summary":
            old = original(S1).split("\n")[2]  # the whole summary line
        edit(f"empty-{slug}", rel, old, empty, f"{{file}}:{{line}}: {key}: is required but has no value", *extra)


_required()

# Required keys removed altogether: reported at their mapping's line.
edit("missing-course-id", C, "id: https://trail.boligsosial.no/kurs/boligsosial-laeringsloype\n", "",
     "{file}:2: id: is required but missing")
edit("missing-site-minutes", S1, "minutes: 20\n", "", "{file}:2: minutes: is required but missing")
edit("missing-question-type", Q1, "  type: single\n", "", "{file}:1: [0].type: is required but missing")
edit("missing-video-transcript", S1, TRANSCRIPT, "", f"{{file}}:{line_of(S1, 'title: Kommunens boligsosiale ansvar' + chr(10) + 'src')}: video.transcript: is required but missing")
edit("missing-reflection-prompt", S1, REFLECTION_PROMPT, "", f"{{file}}:{line_of(S1, 'id: min-kommune')}: reflection.prompt: is required but missing")
edit("empty-video-transcript", S1, TRANSCRIPT, "transcript:\n", "{file}:{line}: video.transcript: is required but has no value")
edit("empty-reflection-prompt", S1, REFLECTION_PROMPT, "prompt:\n", "{file}:{line}: reflection.prompt: is required but has no value")
edit("empty-course-id-text", C, "id: https://trail.boligsosial.no/kurs/boligsosial-laeringsloype", 'id: ""',
     "{file}:{line}: id: must not be empty")

# -- 2. wrong types and values ----------------------------------------------------------------

TYPES = [  # (name, file, old, new, key, message)
    ("course-language", C, "language: nb", "language: sv", "language", "expected one of nb, nn, en, got the text 'sv'"),
    ("course-language-number", C, "language: nb", "language: 5", "language", "expected one of nb, nn, en, got a whole number"),
    ("course-id-relative", C, "id: https://trail.boligsosial.no/kurs/boligsosial-laeringsloype", "id: kurs/boligsosial",
     "id", "expected an absolute IRI such as https://example.no/kurs/navn, got 'kurs/boligsosial'"),
    ("course-version", C, "version: 1.0.0", "version: one", "version", "expected a version such as 1.0.0, got 'one'"),
    ("course-version-list", C, "version: 1.0.0", "version: [1]", "version", "expected a text, got a list"),
    ("course-passing-score-text", C, "version: 1.0.0", "version: 1.0.0\npassing_score: high", "passing_score",
     "expected a whole number, got the text 'high'"),
    ("course-passing-score-range", C, "version: 1.0.0", "version: 1.0.0\npassing_score: 101", "passing_score",
     "expected a whole number from 1 to 100, got 101"),
    ("course-completion-bool", C, "completion:\n  require: done\n  sites: all", "completion: yes\n# require: done\n# sites: all",
     "completion", "expected a mapping of keys, got the text 'yes'"),
    ("course-completion-sites-zero", C, "  sites: all", "  sites: 0", "completion.sites", "expected all or a whole number of sites, got 0"),
    ("course-completion-require", C, "  require: done", "  require: everything", "completion.require",
     "expected one of visited, done, got the text 'everything'"),
    ("course-output-number", C, "output:\n  slug: boligsosial-laeringsloype", "output: 3", "output",
     "expected a mapping of keys, got a whole number"),
    ("course-formats-text", C, "  slug: boligsosial-laeringsloype", "  slug: boligsosial-laeringsloype\n  formats: web",
     "output.formats", "expected a list of texts, got the text 'web'"),
    ("course-formats-empty", C, "  slug: boligsosial-laeringsloype", "  slug: boligsosial-laeringsloype\n  formats: []",
     "output.formats", "expected at least one of web, scorm12, scorm2004, xapi, cmi5"),
    ("course-formats-unknown", C, "  slug: boligsosial-laeringsloype", "  slug: boligsosial-laeringsloype\n  formats: [pdf]",
     "output.formats", "expected some of web, scorm12, scorm2004, xapi, cmi5, got pdf"),
    ("course-slug-upper", C, "  slug: boligsosial-laeringsloype", "  slug: Boligsosial", "output.slug",
     "expected lower-case letters, digits and '-', got 'Boligsosial'"),
    ("course-common-room-javascript", C, "common_room_url: https://lms.example.no/fellesrom",
     "common_room_url: javascript:alert(1)", "common_room_url", "expected a web address starting with https://, got 'javascript:alert(1)'"),
    ("course-unknown-key", C, "language: nb", "language: nb\nlangauge: nn", "langauge",
     "unknown key; check its spelling (see docs/authoring.md)"),
    ("site-minutes-text", S1, "minutes: 20", "minutes: many", "minutes", "expected a whole number, got the text 'many'"),
    ("site-minutes-zero", S1, "minutes: 20", "minutes: 0", "minutes", "expected a whole number from 1 to 600, got 0"),
    ("site-minutes-float", S1, "minutes: 20", "minutes: 2.5", "minutes", "expected a whole number, got a number"),
    ("site-map-number", S1, "map: {x: 10, y: 12}", "map: 5", "map", "expected a mapping of keys, got a whole number"),
    ("site-map-range", S1, "map: {x: 10, y: 12}", "map: {x: 101, y: 12}", "map.x", "expected a number from 0 to 100, got 101"),
    ("site-map-nan", S1, "map: {x: 10, y: 12}", "map: {x: .nan, y: 12}", "map.x", "expected a number from 0 to 100, got nan"),
    ("site-map-unknown", S1, "map: {x: 10, y: 12}", "map: {x: 10, y: 12, z: 1}", "map.z",
     "unknown key; check its spelling (see docs/authoring.md)"),
    ("site-title-list", S1, "title: Kommunens boligsosiale ansvar\nsummary", "title: [a, b]\nsummary", "title", "expected a text, got a list"),
    ("question-type-unknown", Q1, "type: single", "type: essay", "[0].type",
     "expected one of single, multiple, true-false, fill-in, matching, ordering, likert, got the text 'essay'"),
    ("question-weight-zero", Q1, "type: single", "type: single\n  weight: 0", "[0].weight", "expected a whole number from 1 to 100, got 0"),
    ("question-answer-text", Q1, "answer: false", "answer: nei", "[1].answer", "expected true or false, got 'nei'"),
    ("question-accept-number", Q1, "accept: [statsforvalteren,", "accept: 5\n  x: [statsforvalteren,", "[3].accept",
     "expected a list of texts, got a whole number"),
    ("question-correct-text", Q1, "      correct: true\n      feedback: Riktig. Loven ble", "      correct: kanskje\n      feedback: Riktig. Loven ble",
     "[0].options[1].correct", "expected true or false, got the text 'kanskje'"),
    ("question-feedback-text", Q1, "  feedback:\n    correct: Godt.", "  feedback: Godt.\n  x-feedback:\n    correct: Godt.", "[0].feedback",
     "expected a mapping of keys, got the text 'Godt.'"),
    ("question-id-upper", Q1, "- id: ikrafttredelse", "- id: Ikrafttredelse", "[0].id",
     "expected lower-case letters, digits and '-', got 'Ikrafttredelse'"),
    ("question-duplicate-id", Q1, "- id: rett-til-bolig", "- id: ikrafttredelse", "id",
     "'ikrafttredelse' is already used at course/sites/01-boligsosialt-ansvar/quiz.yaml:1; question and reflection ids must be unique in a site"),
    ("reflection-id-upper", S1, "id: min-kommune", "id: Min Kommune", "reflection.id",
     "expected lower-case letters, digits and '-', got 'Min Kommune'"),
    ("page-unknown-key", W, "title: Velkommen", "title: Velkommen\nlayout: wide", "layout",
     "unknown key; check its spelling (see docs/authoring.md)"),
]


def _types() -> None:
    for name, rel, old, new, key, message in TYPES:
        if not key:
            continue
        line = line_of(rel, old) + (new.count("\n") if name in ("course-unknown-key", "page-unknown-key", "course-passing-score-text", "course-passing-score-range",
                                                                  "question-weight-zero", "course-formats-text",
                                                                  "course-formats-empty", "course-formats-unknown") else 0)
        expected = [f"{where(rel, line)}: {key}: {message}"]
        if name in ("question-accept-number",):
            expected.append(f"{where(rel, line + 1)}: [3].x: unknown key; check its spelling (see docs/authoring.md)")
        if name == "question-feedback-text":
            expected.append(f"{where(rel, line + 1)}: [0].x-feedback: unknown key; check its spelling (see docs/authoring.md)")
        edit(f"type-{name}", rel, old, new, *expected)


_types()

# The three that were a TypeError after `trail check` passed.
edit("type-options-number", Q1, "  options:\n    - id: a\n", "  options: 5\n  x:\n    - id: a\n",
     "{file}:4: [0].options: expected a list, got a whole number",
     "{file}:5: [0].x: unknown key; check its spelling (see docs/authoring.md)")
edit("type-options-bool", Q1, "  options:\n    - id: a\n", "  options: true\n  x:\n    - id: a\n",
     "{file}:4: [0].options: expected a list, got true/false",
     "{file}:5: [0].x: unknown key; check its spelling (see docs/authoring.md)")
edit("type-pairs-number", Q2, "  pairs:\n    - {left: Startlån,", "  pairs: 3\n  x:\n    - {left: Startlån,",
     "{file}:33: [2].pairs: expected a list, got a whole number",
     "{file}:34: [2].x: unknown key; check its spelling (see docs/authoring.md)")
edit("type-options-texts", Q1, "    - id: a\n      text: 1. januar 2021\n      feedback: Nei. I 2021",
     "    - 1. januar 2021\n      #\n      # Nei. I 2021",
     "{file}:{line}: [0].options[0]: expected a mapping of keys, got the text '1. januar 2021'")

# Quizzes without questions.
replace_file("quiz-questions-zero", Q1, "questions: 0\n", "{file}:1: questions: expected a list of questions, got a whole number")
replace_file("quiz-empty-list", Q1, "[]\n", "{file}:1: a quiz needs at least one question")
replace_file("quiz-empty-file", Q1, "", "{file}:1: expected a list of questions, got nothing")
replace_file("quiz-questions-empty", Q1, "questions: []\n", "{file}:1: questions: a quiz needs at least one question")
edit("quiz-file-climbs", S1, "file: quiz.yaml", "file: ../02-husbankens-virkemidler/quiz.yaml",
     "{file}:{line}: quiz.file: expected a YAML file beside site.md, '../02-husbankens-virkemidler/quiz.yaml' does not exist")
edit("quiz-file-missing", S1, "file: quiz.yaml", "file: kviss.yaml",
     "{file}:{line}: quiz.file: expected a YAML file beside site.md, 'kviss.yaml' does not exist")
edit("block-unknown", S1, "::: reflection", "::: refleksjon", "{file}:{line}: unknown block '::: refleksjon'; expected video, quiz, reflection, callout or sources")
_fences = [(i, line[3:].strip()) for i, line in enumerate(original(S1).split("\n"), 1) if re.match(r"^:::\s*[a-z]", line)]
case("block-unclosed", lambda root: write(root / S1, original(S1).rstrip("\n").removesuffix(":::")),
     f"{where(S1, _fences[-1][0])}: the '::: {_fences[-1][1]}' block is never closed; expected a line ':::'")
edit("front-matter-unclosed", S1, "map: {x: 10, y: 12}\n---", "map: {x: 10, y: 12}\n--",
     "{file}:1: front matter starts with '---' but has no closing '---' line")
edit("yaml-recursive-alias", S1, "title: Kommunens boligsosiale ansvar\nsummary", "title: &a [*a]\nsummary",
     "{file}:{line}: invalid YAML: an alias (*name) refers to the list or mapping it is inside")
_LAUGHS = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 10)}]\n" for i in range(6))
case("yaml-billion-laughs", lambda root: write(root / C, original(C) + _LAUGHS),
     f"{where(C, original(C).count(chr(10)) + 1)}: invalid YAML: the aliases (*name) expand to more than 100000 values")
edit("yaml-invalid", S1, "minutes: 20", "minutes: [20",  # the parser notices on the next line
     f"{{file}}:{line_of(S1, 'minutes: 20') + 1}: invalid YAML: did not find expected ',' or ']'")

# -- 3. text encoding, characters and lines -----------------------------------------------------


def _encoded(encoding: str) -> Callable[[bytes], bytes]:
    return lambda data: data.decode("utf-8").encode(encoding, errors="replace")


def _first_non_ascii(rel: str, encoding: str) -> tuple[int, int, int]:
    data = original(rel).encode(encoding, errors="replace")
    offset = next(i for i, b in enumerate(data) if b >= 0x80)
    return offset, data[offset], data.count(b"\n", 0, offset) + 1


for _rel, _enc in ((C, "latin-1"), (S1, "latin-1"), (Q1, "cp1252"), (W, "cp1252"), (Q2, "latin-1")):
    _offset, _byte, _line = _first_non_ascii(_rel, _enc)
    replace_file(f"encoding-{_enc}-{Path(_rel).stem}-{Path(_rel).parent.name[:2]}", _rel, _encoded(_enc),
                 f"{{file}}:{_line}: is not UTF-8 text: byte 0x{_byte:02x} at byte offset {_offset} cannot be decoded; "
                 "save the file as UTF-8")
replace_file("encoding-utf16-site", S1, _encoded("utf-16"),
             "{file}:1: is not UTF-8 text (it looks like UTF-16): byte 0xff at byte offset 0 cannot be decoded; save the file as UTF-8")
replace_file("encoding-utf16-vtt", V1, _encoded("utf-16"),
             f"{where(S1, line_of(S1, 'captions: media/video.vtt'))}: video.captions: 'media/video.vtt' is not UTF-8 text "
             "(it looks like UTF-16): byte 0xff at byte offset 0 cannot be decoded; save the file as UTF-8")

_CONTROL = "contains U+{:04X}, a control character that XML (and so every package) cannot carry"
edit("char-raw-vertical-tab", S1, "## Hvorfor bolig", "## Hvor\x0bfor bolig", "{file}:{line}: " + _CONTROL.format(0x0B) + "; remove it")
edit("char-raw-nul-course", C, "title: Boligsosial", "title: Bolig\x00sosial", "{file}:{line}: " + _CONTROL.format(0) + "; remove it")
edit("char-raw-form-feed", S1, "## Boligsosialloven", "\x0c## Boligsosialloven", "{file}:{line}: " + _CONTROL.format(0x0C) + "; remove it")
edit("char-yaml-escape-title", S1, "title: Kommunens boligsosiale ansvar\nsummary", 'title: "Kommunens\\x0b ansvar"\nsummary',
     "{file}:{line}: title: " + _CONTROL.format(0x0B))
edit("char-yaml-escape-course-title", C, "title: Boligsosial læringsløype", 'title: "Bolig\\x1fsosial"',
     "{file}:{line}: title: " + _CONTROL.format(0x1F))
edit("char-yaml-escape-prompt", Q1, "prompt: Når trådte boligsosialloven i kraft?", 'prompt: "Når\\x08?"',
     "{file}:{line}: [0].prompt: " + _CONTROL.format(0x08))
edit("char-yaml-lone-surrogate", Q1, "prompt: Når trådte boligsosialloven i kraft?", 'prompt: "Når \\ud800?"',
     "{file}:{line}: invalid YAML: found invalid Unicode character escape code")
edit("char-yaml-escape-option", Q1, "  text: 1. januar 2021", '  text: "1.\\x0c januar"',
     "{file}:{line}: [0].options[0].text: " + _CONTROL.format(0x0C))
edit("char-yaml-escape-accept", Q1, "accept: [statsforvalteren,", 'accept: ["stats\\x0bforvalteren",',
     "{file}:{line}: [3].accept[0]: " + _CONTROL.format(0x0B))

# Line numbers as editors count them: U+2028 and NEL are not line breaks; CR and CR LF are.
_bad_id = "id: Min Kommune"
_id_line = line_of(S1, "id: min-kommune")
_id_problem = "reflection.id: expected lower-case letters, digits and '-', got 'Min Kommune'"
case("lines-u2028", lambda root: write(root / S1, original(S1).replace("id: min-kommune", _bad_id)
                                       .replace("En trygg bolig er", "En\u2028trygg\u2029bolig\x85er", 1)),
     f"{where(S1, _id_line)}: {_id_problem}")
case("lines-crlf", lambda root: write(root / S1, original(S1).replace("id: min-kommune", _bad_id).replace("\n", "\r\n")),
     f"{where(S1, _id_line)}: {_id_problem}")
case("lines-cr", lambda root: write(root / S1, original(S1).replace("id: min-kommune", _bad_id).replace("\n", "\r")),
     f"{where(S1, _id_line)}: {_id_problem}")
case("lines-form-feed", lambda root: write(root / S1, original(S1).replace("id: min-kommune", _bad_id)
                                           .replace("## Hvorfor bolig", "\x0c## Hvorfor bolig")),
     f"{where(S1, line_of(S1, '## Hvorfor bolig'))}: " + _CONTROL.format(0x0C) + "; remove it",
     f"{where(S1, _id_line)}: {_id_problem}")

# -- 4. files: links that climb, links out of the course, folders, loops, content ---------------

_LEAVES = ("leaves the site's folder; keep the file beside site.md, or put a shared file in the course's "
           "media/ folder and write /media/<name>")
_cap = line_of(S1, "captions: media/video.vtt")
_src = line_of(S1, "src: media/video.mp4")
edit("link-climbs-to-other-site", S1, "## Hvorfor bolig er et velferdsspørsmål",
     "## Hvorfor bolig er et velferdsspørsmål\n\n[Se også](../02-husbankens-virkemidler/media/video.mp4)",
     f"{{file}}:{line_of(S1, '## Hvorfor bolig') + 2}: link: '../02-husbankens-virkemidler/media/video.mp4' {_LEAVES}")
edit("captions-climb-to-other-site", S1, "captions: media/video.vtt", "captions: ../02-husbankens-virkemidler/media/video.vtt",
     f"{{file}}:{{line}}: video.captions: '../02-husbankens-virkemidler/media/video.vtt' {_LEAVES}")
edit("shared-media-climbs", S1, "captions: media/video.vtt", "captions: /media/../course.vtt",
     f"{{file}}:{{line}}: video.captions: '/media/../course.vtt' {_LEAVES}")
edit("link-absolute-path", S1, "## Hvorfor bolig er et velferdsspørsmål", "## Hvorfor bolig er et velferdsspørsmål\n\n![x](/etc/passwd)",
     f"{{file}}:{line_of(S1, '## Hvorfor bolig') + 2}: link: '/etc/passwd' {_LEAVES}")
edit("src-not-a-video-name", S1, "src: media/video.mp4", "src: media/video.vtt",
     "{file}:{line}: video.src: expected a .mp4 or .webm file, got 'media/video.vtt'")
edit("src-upper-case", S1, "src: media/video.mp4", "src: media/Video.mp4",
     "{file}:{line}: video.src: file names must be lower-case ASCII (a-z, 0-9, -, _, .), got 'Video.mp4'")
edit("src-missing", S1, "src: media/video.mp4", "src: media/film.mp4",
     "{file}:{line}: video.src: file 'media/film.mp4' does not exist (looked for course/sites/01-boligsosialt-ansvar/media/film.mp4)")

_OUTSIDE = "is a link to a file outside the course folder; copy the file into the course"
case("symlink-captions-outside", _symlink(V1, _outside(V1)), f"{where(S1, _cap)}: video.captions: 'media/video.vtt' {_OUTSIDE}")
case("symlink-video-outside", _symlink(M1, _outside(M1)), f"{where(S1, _src)}: video.src: 'media/video.mp4' {_OUTSIDE}")
case("symlink-site-outside", _symlink(S1, _outside(S1)), f"{where(S1)}: {_OUTSIDE}")
case("symlink-quiz-outside", _symlink(Q1, _outside(Q1)), f"{where(Q1)}: {_OUTSIDE}")
case("symlink-course-outside", _symlink(C, _outside(C)), f"{where(C)}: {_OUTSIDE}")
case("symlink-page-outside", _symlink(W, _outside(W)), f"{where(W)}: {_OUTSIDE}")
case("symlink-loop-captions", _symlink(V1, lambda root: root / V1),
     f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is a symbolic link that loops back on itself")
case("symlink-loop-page", _symlink(W, lambda root: root / W), f"{where(W)}: is a symbolic link that loops back on itself")
case("symlink-inside-is-fine-but-empty", _symlink(V1, lambda root: root / "pages/about.md"),
     f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is not a WebVTT file: expected 'WEBVTT' on the first line")
case("folder-page", _folder("pages/about.md"), f"{where('pages/about.md')}: is a folder; expected a file")
case("folder-quiz", _folder(Q1), f"{where(Q1)}: is a folder; expected a file")
case("folder-site-md", _folder(S1), f"{where(S1)}: is a folder; expected a file")
case("folder-video", _folder(M1), f"{where(S1, _src)}: video.src: 'media/video.mp4' is a folder; expected a file")


def _fifo(root: Path) -> None:  # reading it would block: it must never be opened
    (root / Q1).unlink()
    os.mkfifo(root / Q1)


def _webm_that_is_mp4(root: Path) -> None:
    os.link(root / M1, root / M1.replace(".mp4", ".webm"))
    write(root / S1, original(S1).replace("src: media/video.mp4", "src: media/video.webm"))


case("fifo-quiz", _fifo, f"{where(Q1)}: is not a regular file (a pipe or device?)")
# The same through `trail build`, whose incremental cache hashes every file first: a pipe is never opened.
_BUILD_WEB = ("build", NAME, "-o", "out", "-f", "web")
case("build-fifo-quiz", _fifo, f"{where(Q1)}: is not a regular file (a pipe or device?)", args=_BUILD_WEB)
case("build-symlink-loop-captions", _symlink(V1, lambda root: root / V1),
     f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is a symbolic link that loops back on itself", args=_BUILD_WEB)

replace_file("video-empty", M1, b"", f"{where(S1, _src)}: video.src: 'media/video.mp4' is empty (0 bytes)")
replace_file("video-is-text", M1, b"this is not a video\n", f"{where(S1, _src)}: video.src: 'media/video.mp4' is not an MP4 video: "
             "its content does not start as one (renamed from another kind of file?)")
case("video-webm-is-mp4", _webm_that_is_mp4, f"{where(S1, _src)}: video.src: 'media/video.webm' is not a WebM video: its content does not start as one "
     "(renamed from another kind of file?)")
replace_file("vtt-not-webvtt", V1, "Velkommen til den første rasteplassen.\n",
             f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is not a WebVTT file: expected 'WEBVTT' on the first line")
replace_file("vtt-no-cues", V1, "WEBVTT\n\n", f"{where(S1, _cap)}: video.captions: 'media/video.vtt' has no cues; expected lines "
             "such as '00:00:00.000 --> 00:00:02.500' followed by text")
replace_file("vtt-bad-timing", V1, lambda data: data.replace(b"00:00:02.937 --> 00:00:07.152", b"00:00:02,937 --> 7 s", 1),
             f"{where(S1, _cap)}: video.captions: 'media/video.vtt' 1 of {original(V1).count('-->')} cue timing lines do not parse "
             "(expected '00:00:00.000 --> 00:00:02.500')")
replace_file("vtt-latin-1", V1, _encoded("latin-1"),
             f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is not UTF-8 text: byte 0x{_first_non_ascii(V1, 'latin-1')[1]:02x} "
             f"at byte offset {_first_non_ascii(V1, 'latin-1')[0]} cannot be decoded; save the file as UTF-8")
replace_file("vtt-empty", V1, b"", f"{where(S1, _cap)}: video.captions: 'media/video.vtt' is empty (0 bytes)")
replace_file("vtt-ends-before-start", V1, lambda data: data.replace(b"00:00:02.937 --> 00:00:07.152", b"00:00:07.152 --> 00:00:02.937", 1),
             f"{where(S1, _cap)}: video.captions: 'media/video.vtt' a cue ends before it starts (00:00:07.152 --> 00:00:02.937)")

_VARIANT = "variants:\n  - name: porsgrunn\n    logo: media/logo.png\n"
_logo_line = original(C).count("\n") + 3


def _variant_logo(make: Callable[[Path], None]) -> Change:
    def change(root: Path) -> None:
        write(root / C, original(C) + _VARIANT)
        (root / "media").mkdir(exist_ok=True)
        make(root / "media/logo.png")
    return change


case("variant-logo-loop", _variant_logo(lambda logo: logo.symlink_to(logo)),
     f"{where(C, _logo_line)}: variants[0].logo: 'media/logo.png' is a symbolic link that loops back on itself")
case("variant-logo-outside", _variant_logo(lambda logo: logo.symlink_to("/etc/hostname")),
     f"{where(C, _logo_line)}: variants[0].logo: 'media/logo.png' points outside the course folder")
case("variant-logo-is-text", _variant_logo(lambda logo: logo.write_text("not an image", encoding="utf-8")),
     f"{where(C, _logo_line)}: variants[0].logo: 'media/logo.png' is not a PNG image: its content does not start as one "
     "(renamed from another kind of file?)")
case("variant-logo-folder", _variant_logo(lambda logo: logo.mkdir()),
     f"{where(C, _logo_line)}: variants[0].logo: 'media/logo.png' is a folder; expected a file")

# -- 5. addresses a learner can follow --------------------------------------------------------

_VIDEO_URL = "src: media/video.mp4\ncaptions: media/video.vtt\nposter: media/video-poster.jpg"
for _name, _url in (("javascript", "javascript:alert(document.cookie)"), ("data", "data:text/html,<script>alert(1)</script>"),
                    ("ftp", "ftp://example.no/video.mp4"), ("relative-host", "//example.no/video"),
                    ("file", "file:///etc/passwd")):
    edit(f"video-url-{_name}", S1, _VIDEO_URL, f"url: '{_url}'",
         f"{{file}}:{{line}}: video.url: expected a web address starting with https://, got {_url!r}")
edit("poster-on-url-video", S1, _VIDEO_URL, "url: https://example.no/film\nposter: media/video-poster.jpg",
     f"{{file}}:{line_of(S1, 'src: media/video.mp4') + 1}: video.poster: a poster is shown in the player; "
     "only a video with src has one")
edit("link-ftp", S1, "## Hvorfor bolig er et velferdsspørsmål", "## Hvorfor bolig er et velferdsspørsmål\n\n[Last ned](ftp://example.no/x.pdf)",
     f"{{file}}:{line_of(S1, '## Hvorfor bolig') + 2}: link: expected a web address starting with https://, got 'ftp://example.no/x.pdf'")
edit("course-common-room-data", C, "common_room_url: https://lms.example.no/fellesrom", "common_room_url: data:text/html,x",
     "{file}:{line}: common_room_url: expected a web address starting with https://, got 'data:text/html,x'")

# -- 6. names too long for a file ---------------------------------------------------------------

_long_title = "Boligsosial læringsløype " * 12
case("title-too-long-without-slug", lambda root: write(root / C, original(C).replace(
        "title: Boligsosial læringsløype\n", f"title: {_long_title.strip()}\n").replace("output:\n  slug: boligsosial-laeringsloype\n", "")),
     f"{where(C, 3)}: warning: title: is {len(_long_title.strip())} characters; LMSs show at most 200",
     f"{where(C, 3)}: title: makes a {len(('boligsosial-laeringsloype-' * 12).rstrip('-'))}-character file name slug, more than 80; "
     "set a shorter output.slug")
edit("slug-too-long", C, "  slug: boligsosial-laeringsloype", "  slug: " + "-".join(["bolig"] * 44),
     "{file}:{line}: output.slug: is 263 characters; file names allow at most 80")

# -- 7. usage mistakes while building: one line, exit 2, nothing written --------------------------

_EPOCH = ("Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to 4354819199 (the end of 2107, "
          "the last time a zip can hold), got {!r}")
for _value in ("yesterday", "9999999999", "-1"):
    case(f"usage-source-date-epoch-{_value.strip('-')}", lambda root: None, _EPOCH.format(_value), code=2,
         args=("build", NAME, "-o", "out", "-f", "web"), env={"SOURCE_DATE_EPOCH": _value})
case("usage-output-under-a-file", lambda root: write(root.parent / "a-file", "x"),
     "Error: cannot create output folder a-file/out: not a directory", code=2, args=("build", NAME, "-o", "a-file/out"))
case("usage-profile-under-a-file", lambda root: write(root.parent / "a-file", "x"),
     "Error: cannot create output folder a-file/out: not a directory", code=2, args=("profile", NAME, "-o", "a-file/out"))

# -- 8. themes: only theme files, from inside the theme folder ---------------------------------


def _theme(make: Callable[[Path], None]) -> Change:
    def change(root: Path) -> None:
        theme = root.parent / "theme"
        theme.mkdir()
        (theme / "trail.css").write_text(":root {}\n", encoding="utf-8")
        make(theme)
    return change


_THEME_BUILD = ("build", NAME, "-o", "out", "-f", "web", "--templates", "theme")
case("theme-link-out", _theme(lambda t: (t / "passwd.css").symlink_to("/etc/passwd")),
     "theme/passwd.css: is a link that points outside the theme folder; a theme ships only its own files, so copy "
     "the file in", args=_THEME_BUILD)
case("theme-link-loop", _theme(lambda t: (t / "loop.svg").symlink_to(t / "loop.svg")),
     "theme/loop.svg: is a link that loops back on itself; a theme ships only its own files, so copy the file in",
     args=_THEME_BUILD)
case("theme-file-name-with-a-space", _theme(lambda t: (t / "my logo.svg").write_text("<svg/>", encoding="utf-8")),
     "theme/my logo.svg: 'trail/my logo.svg' cannot be a file name in a package: use only letters A-Z and a-z, "
     "digits, '_', '.', '-' and '/' between folders (LMSs and zip tools mangle the rest)", args=_THEME_BUILD)

# -- 8. not broken: what must keep working (counted apart from the broken ones) ---------------------

ACCEPTED = [
    ("bom-course", C, lambda d: b"\xef\xbb\xbf" + d),
    ("bom-site", S1, lambda d: b"\xef\xbb\xbf" + d),
    ("bom-quiz", Q1, lambda d: b"\xef\xbb\xbf" + d),
    ("bom-vtt", V1, lambda d: b"\xef\xbb\xbf" + d),
]
for _name, _rel, _fn in ACCEPTED:
    replace_file(f"ok-{_name}", _rel, _fn, code=0)
for _leftover in ("pages/.#welcome.md", "pages/welcome.md~", "pages/.DS_Store", "sites/.DS_Store", "pages/._welcome.md",
                  "pages/.welcome.md.swp"):
    case(f"ok-leftover-{_leftover.replace('/', '-').strip('.-')}",
         lambda root, leftover=_leftover: write(root / leftover, b"\x00\xff leftover"), code=0)
edit("ok-link-climbs-but-stays", S1, "src: media/video.mp4", "src: media/../media/./video.mp4", code=0)
edit("ok-http-warns", S1, _VIDEO_URL, "url: http://example.no/film",
     "{file}:{line}: warning: video.url: 'http://example.no/film' is http:, which an https LMS may block; use https: if the site offers it",
     code=0)
edit("ok-unicode-line-separator", S1, "En trygg bolig er", "En\u2028trygg bolig er", code=0)


def broken() -> list[Case]:
    return [c for c in CASES if c.code != 0]


def materialize(c: Case, folder: Path) -> Path:
    """The broken course of case `c` in `folder/course` (returned)."""
    root = copy_course(folder / NAME)
    c.change(root)
    return root


if __name__ == "__main__":
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
        for c in CASES:
            materialize(c, out / c.name)
        print(f"wrote {len(CASES)} courses ({len(broken())} broken) into {out}")
    else:
        for c in CASES:
            print(f"{c.name}: exit {c.code}; {' '.join(c.args)}")
            for line in c.expected:
                print(f"    {line}")
        print(f"{len(CASES)} cases, {len(broken())} broken")
