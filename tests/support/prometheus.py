"""A real Prometheus server for tests: scrapes given targets every second, queried over its HTTP API.

Started from ``/usr/bin/prometheus`` (Debian's package) on a free loopback port, with its
configuration and TSDB in a temporary directory. Failing to start is an error with the log
tail, never a skip.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from tests.support.processes import terminate

START_TIMEOUT = 60.0


class PrometheusError(AssertionError):
    """Prometheus could not start or answer; the message carries its log tail."""


def find_prometheus() -> str:
    found = shutil.which("prometheus") or ("/usr/bin/prometheus" if Path("/usr/bin/prometheus").exists() else None)
    if found is None:
        raise PrometheusError("the prometheus server is not installed (Debian: apt-get install prometheus)")
    return found


def promtool() -> str:
    """The promtool binary; a test needing it fails (never skips) when it is missing."""
    found = shutil.which("promtool") or ("/usr/bin/promtool" if Path("/usr/bin/promtool").exists() else None)
    if found is None:
        raise PrometheusError("promtool is not installed (Debian: apt-get install prometheus); it checks expositions")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scrape_config(job: str, targets: list[str], interval: str = "1s") -> str:
    quoted = ", ".join(f'"{t}"' for t in targets)
    return (
        "global:\n"
        f"  scrape_interval: {interval}\n"
        f"  scrape_timeout: {interval}\n"
        f"  evaluation_interval: {interval}\n"
        "scrape_configs:\n"
        f"  - job_name: {job}\n"
        f"    scrape_interval: {interval}\n"
        f"    static_configs:\n"
        f"      - targets: [{quoted}]\n"
    )


class PrometheusServer:
    """``prometheus`` scraping ``targets`` (host:port) as job ``job``; `start`, `query`, `stop`."""

    def __init__(self, directory: Path, job: str, targets: list[str]) -> None:
        self.directory = directory
        self.job = job
        self.targets = targets
        self.port = _free_port()
        self.config = directory / "prometheus.yml"
        self.log = directory / "prometheus.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> PrometheusServer:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.config.write_text(scrape_config(self.job, self.targets))
        command = [
            find_prometheus(),
            f"--config.file={self.config}",
            f"--storage.tsdb.path={self.directory / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--storage.tsdb.retention.time=1h",
            "--log.level=info",
        ]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PrometheusError(f"prometheus exited with {self.proc.returncode} during start:\n{self.tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/-/ready", timeout=1.0).status_code == 200:
                    return self
            time.sleep(0.2)
        self.stop()
        raise PrometheusError(f"prometheus not ready within {START_TIMEOUT:.0f}s:\n{self.tail()}")

    def stop(self, timeout: float = 20.0) -> None:
        if self.proc is not None:
            terminate(self.proc, timeout)

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no output)"

    def query(self, expr: str) -> list[dict[str, Any]]:
        """An instant query's result vector (``[{"metric": {...}, "value": [ts, "v"]}, ...]``)."""
        response = httpx.get(f"{self.url}/api/v1/query", params={"query": expr}, timeout=10.0)
        body = response.json()
        if response.status_code != 200 or body.get("status") != "success":
            raise PrometheusError(f"query {expr!r} failed: {response.status_code} {body}")
        result: list[dict[str, Any]] = body["data"]["result"]
        return result

    def values(self, expr: str) -> dict[tuple[tuple[str, str], ...], float]:
        """An instant query's samples keyed by their sorted labels (``__name__`` dropped)."""
        return {
            tuple(sorted((k, v) for k, v in r["metric"].items() if k != "__name__")): float(r["value"][1])
            for r in self.query(expr)
        }

    def wait_for(self, expr: str, predicate: Any = bool, timeout: float = 60.0, interval: float = 1.0) -> Any:
        """Poll ``expr`` until ``predicate(values)`` holds; the values, or an error naming the last ones."""
        deadline = time.monotonic() + timeout
        last: dict[tuple[tuple[str, str], ...], float] = {}
        while True:
            last = self.values(expr)
            if predicate(last):
                return last
            if time.monotonic() > deadline:
                raise AssertionError(f"{expr!r} did not reach the expected value within {timeout:.0f}s: {last}")
            time.sleep(interval)

    def targets_health(self) -> list[dict[str, Any]]:
        body = httpx.get(f"{self.url}/api/v1/targets", timeout=10.0).json()
        active: list[dict[str, Any]] = body["data"]["activeTargets"]
        return active


@contextlib.contextmanager
def running(directory: Path, job: str, targets: list[str]) -> Iterator[PrometheusServer]:
    server = PrometheusServer(directory, job, targets).start()
    try:
        yield server
    finally:
        server.stop()
