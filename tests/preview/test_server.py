"""The preview server without a browser: builds, problems, routes and shutdown."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from packager.build import check
from packager.model import Format
from packager.preview import PreviewError, PreviewServer
from packager.preview.builder import KEEP_BUILDS, Builder
from tests.preview.conftest import copy_course


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return copy_course(tmp_path)


@pytest.fixture
def server(source: Path) -> Iterator[PreviewServer]:
    with PreviewServer(source, Format.SCORM2004, port=0, log=None, watch_checkout=False) as running:
        yield running


def request(server: PreviewServer, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def break_language(source: Path) -> None:
    yaml = source / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("language: nb", "language: xx"), encoding="utf-8")


def test_a_failed_check_keeps_the_last_good_build_and_reports_problems_verbatim(source: Path) -> None:
    builder = Builder(source, Format.SCORM12, None)
    try:
        first = builder.rebuild()
        assert first.ok and first.build == 1 and first.folder is not None
        assert (first.folder / "index.html").is_file()
        assert (first.folder / "imsmanifest.xml").is_file()
        assert first.launch["masteryScore"] == "80"  # from adlcp:masteryscore, as an LMS seeds it

        break_language(source)
        broken = builder.rebuild()
        expected = [str(p) for p in check(source).problems.sorted()]
        assert expected and any("course.yaml:" in text for text in expected)
        assert not broken.ok
        assert [p["text"] for p in broken.problems] == expected
        assert broken.build == 1 and broken.folder == first.folder and first.folder.is_dir()

        (source / "course.yaml").write_text(
            (source / "course.yaml").read_text(encoding="utf-8").replace("language: xx", "language: nb"),
            encoding="utf-8")
        fixed = builder.rebuild()
        assert fixed.ok and fixed.build == 2 and fixed.problems == ()
        for _ in range(KEEP_BUILDS + 1):
            last = builder.rebuild()
        assert len(list(builder.root.iterdir())) == KEEP_BUILDS
        assert last.folder is not None and last.folder.is_dir()
    finally:
        builder.close()
    assert not builder.root.exists()


def test_a_broken_theme_template_is_reported_with_its_line(source: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "index.html.j2").write_text("<!doctype html>\n<p>\n{% if %}\n", encoding="utf-8")
    builder = Builder(source, Format.WEB, theme)
    try:
        state = builder.rebuild()
    finally:
        builder.close()
    assert not state.ok
    assert any(p["text"].startswith(f"{theme / 'index.html.j2'}:3:") for p in state.problems), state.problems


def test_routes_serve_the_standin_and_the_build_without_caching(server: PreviewServer) -> None:
    status, headers, body = request(server, "GET", "/")
    assert status == 200 and b"LMS API log" in body
    assert headers["cache-control"] == "no-store"
    status, headers, body = request(server, "GET", "/course/index.html")
    assert status == 200 and headers["content-type"].startswith("text/html") and b"trail-data" in body
    assert headers["cache-control"] == "no-store"
    status, _, body = request(server, "GET", "/course/trail/adapter.js")
    assert status == 200 and b"API_1484_11" in body
    status, headers, body = request(server, "GET", "/course/index.html", headers={"Range": "bytes=0-9"})
    assert status == 206 and len(body) == 10 and headers["content-range"].startswith("bytes 0-9/")
    for escape in ("/course/../course.yaml", "/course/%2e%2e/course.yaml", "/__preview/static/../http.py"):
        assert request(server, "GET", escape)[0] == 404
    state = json.loads(request(server, "GET", "/__preview/state")[2])
    assert state["ok"] and state["build"] == 1 and state["builtFormat"] == "scorm2004"
    assert state["title"] == "Min første læringsløype"


def test_format_switch_needs_the_preview_header_and_rebuilds(server: PreviewServer) -> None:
    body = json.dumps({"format": "scorm12"}).encode()
    assert request(server, "POST", "/__preview/format", body)[0] == 403  # a page on another site cannot
    status, _, data = request(server, "POST", "/__preview/format", body, {"X-Trail-Preview": "1"})
    assert status == 200 and json.loads(data)["builtFormat"] == "scorm12"
    manifest = request(server, "GET", "/course/imsmanifest.xml")[2]
    assert b"<schemaversion>1.2</schemaversion>" in manifest
    bad = json.dumps({"format": "kiosk"}).encode()  # not a format of the registry
    assert request(server, "POST", "/__preview/format", bad, {"X-Trail-Preview": "1"})[0] == 400


def read_event(stream: http.client.HTTPResponse) -> dict[str, object]:
    while True:
        line = stream.readline()
        assert line, "the event stream ended"
        if line.startswith(b"data: "):
            data: dict[str, object] = json.loads(line[6:])
            return data


def test_an_edit_reaches_the_event_stream_and_stop_ends_it(source: Path) -> None:
    server = PreviewServer(source, Format.WEB, port=0, log=None, watch_checkout=False).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", "/__preview/events")
        stream = conn.getresponse()
        assert stream.getheader("Content-Type", "").startswith("text/event-stream")
        assert read_event(stream)["build"] == 1
        site = source / "sites" / "01-forste-stopp" / "site.md"
        site.write_text(site.read_text(encoding="utf-8").replace("Første stopp", "Nytt navn"), encoding="utf-8")
        state = read_event(stream)
        while state["build"] != 2:
            state = read_event(stream)
        assert state["ok"]
        assert "Nytt navn" in request(server, "GET", "/course/index.html")[2].decode("utf-8")
        server.stop()
        while stream.readline():  # the open stream ends instead of holding the process
            pass
    finally:
        conn.close()
        server.stop()
    assert not server.watcher.is_alive()


def test_a_taken_port_is_a_clear_error(source: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PreviewError, match=f"127.0.0.1:{port}"):
            PreviewServer(source, Format.SCORM2004, port=port, log=None, watch_checkout=False).start()


def test_a_checkout_also_watches_trails_own_templates_and_runtime(source: Path, tmp_path: Path) -> None:
    from packager.preview.watch import watched_paths
    from packager.render import default_templates
    from packager.runtime_files import RUNTIME_DIR

    theme = tmp_path / "theme"
    theme.mkdir()
    paths = watched_paths(source, theme)
    assert paths[:2] == [source.resolve(), theme.resolve()]
    assert default_templates().resolve() in paths and RUNTIME_DIR.resolve() in paths  # tests run from a checkout
    assert watched_paths(source, None, checkout=False) == [source.resolve()]
