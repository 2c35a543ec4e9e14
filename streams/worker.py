"""Running a Faust app as a worker process, with graceful shutdown on SIGTERM/SIGINT.

Faust's ``Worker`` installs the signal handlers and stops agents, commits offsets and
flushes the producer before it exits.
"""

from __future__ import annotations

import faust

from streams.settings import Settings


def run_worker(app: faust.App, settings: Settings) -> None:
    """Block running ``app`` until a signal stops it; exits the process with Faust's code."""
    worker = faust.Worker(
        app,
        loglevel=settings.log_level.upper(),
        quiet=True,
        redirect_stdouts=False,
    )
    worker.execute_from_commandline()
