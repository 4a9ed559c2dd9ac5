"""The preview against hostile requests, over raw sockets: a foreign Host (DNS rebinding)
is refused, malformed requests get 400, and none leaves a traceback or a busy thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from packager.model import Format
from packager.preview import PreviewServer
from tests.preview.conftest import copy_course


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewServer]:
    source = copy_course(tmp_path_factory.mktemp("hardening"))
    with PreviewServer(source, Format.SCORM2004, port=0, log=None, watch_checkout=False) as running:
        yield running


def exchange(server: PreviewServer, raw: bytes, timeout: float = 10) -> bytes:
    """Send `raw` as is and read until the server closes or has answered one response."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def get(server: PreviewServer, path: str = "/", host: str | None = None, extra: str = "") -> bytes:
    host = host if host is not None else f"127.0.0.1:{server.port}"
    return exchange(server, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}\r\n".encode())


def test_the_bound_host_and_localhost_are_answered(server: PreviewServer) -> None:
    assert status(get(server)) == 200
    assert status(get(server, host=f"localhost:{server.port}")) == 200


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1", "127.0.0.1:1",
                                  "127.0.0.1.evil.example:{port}", "[::1]:1", "", "a b:{port}"])
def test_a_foreign_host_is_refused(server: PreviewServer, host: str) -> None:
    response = get(server, "/__preview/state", host=host.format(port=server.port))
    assert status(response) == 403
    assert b"this preview answers only to the address it listens on" in response
    assert b'"ok"' not in response  # no build state leaks to the rebinding page


def test_a_request_without_host_is_refused(server: PreviewServer) -> None:
    assert status(exchange(server, b"GET / HTTP/1.0\r\n\r\n")) == 403


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "99999999999999999999", " "])
def test_a_malformed_content_length_is_400(server: PreviewServer, length: str) -> None:
    raw = (f"POST /__preview/rebuild HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nX-Trail-Preview: 1\r\n"
           f"Content-Length: {length}\r\n\r\n{{}}").encode()
    response = exchange(server, raw)
    assert status(response) == 400
    assert b"Content-Length must be a whole number" in response


def test_a_6000_character_path_is_400(server: PreviewServer) -> None:
    for path in ("/course/" + "a" * 6000, "/" + "%2e" * 2000, "/__preview/static/" + "x/" * 3000):
        response = get(server, path)
        assert status(response) == 400 and b"longer than 2048" in response
    assert status(get(server, "/course/" + "a" * 2000)) == 404  # long, allowed, and no file of that name


def test_garbage_gets_400_and_the_server_keeps_serving(server: PreviewServer, capfd: pytest.CaptureFixture[str]) -> None:
    for raw in (b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET / FOO/1.1\r\n\r\n",
                b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n"):
        response = exchange(server, raw)
        assert response == b"" or status(response) in (400, 403, 431, 505), response[:80]
    assert status(get(server)) == 200
    assert "Traceback" not in capfd.readouterr().err


def test_a_body_that_never_comes_frees_its_thread(server: PreviewServer) -> None:
    """Content-Length promises bytes that never arrive: the client gives up, the server's
    socket timeout ends the handler, and other requests are answered all along."""
    before = threading.active_count()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as stalled:
        stalled.sendall(f"POST /__preview/rebuild HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                        "X-Trail-Preview: 1\r\nContent-Length: 100\r\n\r\n{".encode())
        assert status(get(server)) == 200  # served beside the stalled one
    deadline = time.monotonic() + 15
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert threading.active_count() <= before
