"""A real `wirewatch` worker as a child process, with readiness and clean or brutal stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

READY_MARKER = "[^Worker]: Ready"


def terminate(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """SIGTERM, wait up to ``timeout``, then SIGKILL; False when it had to be killed."""
    if proc.poll() is not None:
        return True
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False
    return True


class WorkerProcess:
    """`wirewatch ARGS...` with the given environment, its output in ``log``."""

    def __init__(self, args: list[str], env: Mapping[str, str], log: Path, web_port: int = 0) -> None:
        self.args = args
        self.web_port = web_port
        self.env = {**os.environ, **env}
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, ready_marker: str = READY_MARKER, timeout: float = 90.0) -> WorkerProcess:
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streams", *self.args],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode} during start:\n{self.tail()}")
            if ready_marker in self.log.read_text(errors="replace")[offset:]:
                return self
            time.sleep(0.2)
        raise AssertionError(f"worker not ready within {timeout:.0f}s:\n{self.tail()}")

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM and wait: a graceful shutdown."""
        assert self.proc is not None
        if not terminate(self.proc, timeout):
            raise AssertionError(f"worker ignored SIGTERM for {timeout:.0f}s:\n{self.tail()}")
        return self.proc.returncode

    def kill(self) -> None:
        """SIGKILL: a crash, no shutdown hooks run."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no output)"
