"""The test LRS: Learning Locker's statement service (npm xapi-statements) in memory.

It implements the Statements API only and accepts any credentials, so it is bound
to 127.0.0.1 (loopback.js) and reached only through the LMS stand-in, which checks
the learner's credentials first. Python talks to it through the tincan package.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tincan import RemoteLRS, Statement
from tincan.http_request import HTTPRequest
from tincan.lrs_response import LRSResponse

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SERVER = REPO / "node_modules" / "xapi-statements" / "dist" / "server.js"
LRS_AUTH = ("trail-lms", "lms-secret")  # the stand-in's own account; the LRS does not check it


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LearningLocker:
    """One `node server.js` process; `.remote` is a tincan RemoteLRS for it."""

    def __init__(self) -> None:
        if not SERVER.is_file():
            raise FileNotFoundError(f"{SERVER} is missing: run `npm ci`")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="trail-lrs-"))
        env = {
            **os.environ,
            "MODELS_REPO": "memory",
            "STORAGE_REPO": "local",
            "AUTH_REPO": "test",
            "EVENTS_REPO": "test",
            "EXPRESS_PORT": str(self.port),
            "FS_LOCAL_STORAGE_DIR": str(self.dir / "storage"),
            "EXPRESS_MORGAN_DIRECTORY": str(self.dir / "logs"),
            "WINSTON_CONSOLE_LEVEL": "error",
        }
        self.log = (self.dir / "server.log").open("w")
        self.proc = subprocess.Popen(
            ["node", "-r", str(HERE / "loopback.js"), str(SERVER)],
            cwd=self.dir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.remote = RemoteLRS(endpoint=self.url, version="1.0.3", username=LRS_AUTH[0], password=LRS_AUTH[1])
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the LRS exited: {(self.dir / 'server.log').read_text()[-2000:]}")
            try:
                # a raw GET: this LRS's /about body is not the shape tincan's About parses
                if self.forward("GET", "about", {}, None).success:
                    return
            except OSError:
                pass  # not listening yet
            time.sleep(0.2)
        raise TimeoutError("the LRS did not answer /xAPI/about within 30 s")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def forward(self, method: str, resource: str, query: dict[str, str], body: bytes | None) -> LRSResponse:
        """Pass one request on unchanged (the stand-in's proxy path), through tincan."""
        request = HTTPRequest(method=method, resource=resource, ignore404=True)
        request.query_params = query
        if body is not None:
            # the same JSON with \u escapes: tincan sends a str, which http.client encodes as Latin-1
            request.content = json.dumps(json.loads(body))
            request.headers["Content-Type"] = "application/json"
        return self.remote._send_request(request)

    def save(self, statement: Statement) -> None:
        """Store a tincan-made statement (tincan writes `version: 1.0.3`; 1.0.3 wants none)."""
        body = json.loads(statement.to_json("1.0.3"))
        body.pop("version", None)
        response = self.forward("PUT", "statements", {"statementId": body["id"]}, json.dumps(body).encode())
        if not response.success:
            raise RuntimeError(f"the LRS refused a statement: {response.response.status} {response.data}")

    def statements(self, **query: str) -> list[dict[str, Any]]:
        """Every stored statement matching `query` (xAPI filters), oldest first, as plain JSON."""
        response = self.remote.query_statements({**query, "ascending": "true", "limit": "100"})
        out: list[dict[str, Any]] = []
        while True:
            if not response.success:
                raise RuntimeError(f"query failed: {response.response.status} {response.data}")
            result = response.content
            out.extend(json.loads(s.to_json("1.0.3")) for s in result.statements)
            if not result.more:
                return out
            response = self.remote.more_statements(result)

    def raw_statements(self, **query: str) -> list[dict[str, Any]]:
        """The same, without tincan's re-serialisation: what the LRS really stored."""
        out: list[dict[str, Any]] = []
        params = {**query, "ascending": "true", "limit": "100"}
        resource = "statements"
        while True:
            response = self.forward("GET", resource, params, None)
            page = json.loads(response.data)
            out.extend(page["statements"])
            more = page.get("more") or ""
            if not more:
                return out
            resource, params = self.url.split("/xAPI/")[0] + more, {}
