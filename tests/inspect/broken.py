"""One broken package per problem `trail inspect` reports, made from our own packages.

Each case takes a zip that trail built (and that inspect passes), changes the
one thing an LMS trips on, and names the findings inspect must give for it:
`(code, where)` pairs, in the order inspect reports them. Hostile cases attack
the reader itself. Nothing here is committed as a zip; run

    .venv/bin/python -m tests.inspect.broken OUT_DIR

to write the whole set (and the packages it starts from) into OUT_DIR.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Members = list[tuple[str, bytes]]
LINK = (0o120777 << 16)

# The ids of the fixture course's packages (tests/fixtures/course).
COURSE = "https://example.no/kurs/min-forste-loype"
AU1, AU2 = f"{COURSE}/sites/forste-stopp", f"{COURSE}/sites/andre-stopp"


def read(path: Path) -> Members:
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def write(members: Members, target: Path, links: frozenset[str] = frozenset()) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = LINK if name in links else 0o100644 << 16
            archive.writestr(info, data)
    return target


def edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Members], Members]:
    """Replace text in one member (asserting it is there)."""
    def apply(members: Members) -> Members:
        out = []
        for member, data in members:
            if member == name:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {name}"
                data = text.replace(old, new, count).encode("utf-8")
            out.append((member, data))
        return out
    return apply


def rename(old: str, new: str) -> Callable[[Members], Members]:
    return lambda members: [(new if m == old else m, d) for m, d in members]


def drop(name: str) -> Callable[[Members], Members]:
    return lambda members: [(m, d) for m, d in members if m != name]


def add(name: str, data: bytes) -> Callable[[Members], Members]:
    return lambda members: [*members, (name, data)]


def chain(*steps: Callable[[Members], Members]) -> Callable[[Members], Members]:
    def apply(members: Members) -> Members:
        for step in steps:
            members = step(members)
        return members
    return apply


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE manifest [\n <!ENTITY lol "lol">\n'
                  + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                            for i in range(1, 10))
                  + ']>\n')
XXE = '<?xml version="1.0"?>\n<!DOCTYPE manifest [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
SECRET = ('<script>var lrs = {"endpoint": "https://lrs.example.org/xapi/", '
          '"auth": "Basic dHJhaWw6aGVtbWVsaWcxMjM="};</script></body>')


@dataclass(frozen=True)
class Case:
    name: str
    source: str  # the format of our package it starts from
    change: Callable[[Members], Members]
    expected: tuple[tuple[str, str], ...]
    links: frozenset[str] = frozenset()


CASES: tuple[Case, ...] = (
    Case("wrapper-folder", "scorm12", lambda ms: [(f"kurs/{m}", d) for m, d in ms],
         (("wrapper-folder", "kurs/imsmanifest.xml"),)),
    Case("backslash-path", "scorm12", chain(rename("trail/trail.css", "trail\\trail.css"),
                                            edit("imsmanifest.xml", '"trail/trail.css"', '"trail\\trail.css"')),
         (("backslash-path", "trail\\trail.css"), ("backslash-path", "href 'trail\\\\trail.css'"))),
    Case("non-ascii-path", "scorm12", chain(rename("trail/favicon.svg", "trail/løype.svg"),
                                            edit("imsmanifest.xml", '"trail/favicon.svg"', '"trail/løype.svg"')),
         (("non-ascii-path", "trail/løype.svg"),)),
    Case("absolute-path", "scorm12", chain(rename("trail/favicon.svg", "/trail/favicon.svg"),
                                           edit("imsmanifest.xml", '"trail/favicon.svg"', '"/trail/favicon.svg"')),
         (("absolute-path", "/trail/favicon.svg"), ("absolute-path", "href '/trail/favicon.svg'"))),
    Case("missing-file", "scorm2004", drop("trail/trail.css"), (("missing-file", "resource sco-1"),)),
    Case("unlisted-file", "scorm2004", add("notater/utkast.html", b"<p>utkast</p>"),
         (("unlisted-file", "imsmanifest.xml"),)),
    Case("scormtype-casing-2004", "scorm2004", edit("imsmanifest.xml", 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"'),
         (("scormtype-casing", "resource sco-1"),)),
    Case("scormtype-casing-12", "scorm12", edit("imsmanifest.xml", 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'),
         (("scormtype-casing", "resource sco-1"),)),
    Case("schemaversion", "scorm2004", edit("imsmanifest.xml", "2004 4th Edition", "2004 5th Edition"),
         (("schemaversion", "imsmanifest.xml"),)),
    Case("metadata-missing", "scorm12", edit("imsmanifest.xml", "<schema>ADL SCORM</schema>\n    "
                                             "<schemaversion>1.2</schemaversion>", ""),
         (("metadata-missing", "imsmanifest.xml"),)),
    Case("identifierref-non-leaf", "scorm12", edit("imsmanifest.xml", "<adlcp:masteryscore>", '<item identifier='
                                                   '"item-2" identifierref="sco-1"><title>Del</title></item>'
                                                   "<adlcp:masteryscore>"),
         (("identifierref-non-leaf", "item item-1"),)),
    Case("unresolved-reference", "scorm2004", edit("imsmanifest.xml", 'identifierref="sco-1"', 'identifierref="sco-9"'),
         (("unresolved-reference", "item item-1"),)),
    Case("masteryscore-range", "scorm12", edit("imsmanifest.xml", "<adlcp:masteryscore>80<", "<adlcp:masteryscore>150<"),
         (("masteryscore-range", "item item-1"),)),
    Case("cmi5-id-not-iri", "cmi5", edit("cmi5.xml", f'id="{AU1}"', 'id="au 01"'),
         (("cmi5-id-not-iri", "au au 01"),)),
    Case("cmi5-id-duplicate", "cmi5", edit("cmi5.xml", f'id="{AU2}"', f'id="{AU1}"'),
         (("cmi5-id-duplicate", AU1),)),
    Case("cmi5-reserved-parameter", "cmi5", edit("cmi5.xml", "?site=forste-stopp<", "?site=forste-stopp&amp;fetch=x<"),
         (("cmi5-reserved-parameter", f"au {AU1}"),)),
    Case("tincan-launch-count", "xapi", edit("tincan.xml", '<name lang="nb">', '<launch lang="nb">index.html#/</launch>'
                                             '<name lang="nb">', 2),
         (("tincan-launch-count", "tincan.xml"),)),
    Case("credentials", "xapi", edit("index.html", "</body>", SECRET), (("credentials", "index.html"),)),
    Case("schema-file-missing", "scorm12", drop("imscp_rootv1p1p2.xsd"), (("schema-file-missing", "imsmanifest.xml"),)),
    Case("no-manifest", "scorm12", drop("imsmanifest.xml"), (("no-manifest", ""),)),
    # hostile: attacks on the reader (and on an LMS that unpacks naively)
    Case("zip-slip", "scorm12", add("../../../var/www/evil.js", b"alert(1)"), (("zip-slip", "../../../var/www/evil.js"),)),
    Case("symlink", "scorm12", add("trail/passwd.txt", b"/etc/passwd"), (("symlink", "trail/passwd.txt"),),
         links=frozenset({"trail/passwd.txt"})),
    Case("zip-bomb", "scorm12", lambda ms: add("media/tomt.bin", bytes(64 * 1024**2))(ms),  # zeros: 1000 to 1
         (("zip-bomb", "media/tomt.bin"),)),
    Case("billion-laughs", "scorm12", chain(edit("imsmanifest.xml", DECLARATION, BILLION_LAUGHS),
                                            edit("imsmanifest.xml", "<title>", "<title>&lol9;")),
         (("xml-entities", "imsmanifest.xml"),)),
    Case("external-entity", "scorm12", chain(edit("imsmanifest.xml", DECLARATION, XXE),
                                             edit("imsmanifest.xml", "<title>", "<title>&xxe;")),
         (("xml-external-entity", "imsmanifest.xml"),)),
)


def make(case: Case, sources: dict[str, Path], folder: Path) -> Path:
    return write(case.change(read(sources[case.source])), folder / f"{case.name}.zip", case.links)


def main(out: Path) -> None:
    from packager.build import build  # only the script needs a build
    from tests.unit.helpers import FIXTURE

    result = build(FIXTURE, out / "ours")
    assert result.ok, [str(p) for p in result.problems.items]
    sources = {str(p.format): p.path for p in result.packages}
    for case in CASES:
        print(make(case, sources, out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
