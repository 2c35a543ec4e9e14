"""`wirewatch demo`: the whole product in one command, on a real broker.

Brings up a local Kafka broker when ``WIREWATCH_KAFKA_BOOTSTRAP`` is not set, starts a worker
process, publishes the sample articles (the Arabic seed report and a small mixed set), prints
alerts as they arrive, then stops the worker and the broker it started.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from schemas.alert import Alert
from streams.commands.io import ALERT_TOPICS, end_offsets, follow, produce_file
from streams.localkafka import KafkaHarnessError, LocalKafka
from streams.pipeline import catalogue
from streams.settings import load_settings
from streams.topics_admin import ensure_topics

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"
READY_TIMEOUT = 120.0


class DemoError(RuntimeError):
    """The demo could not run; the message says why and what to do."""


def _wait_ready(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise DemoError(f"the worker exited with {proc.returncode}; its log ends:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise DemoError(f"the worker was not ready within {READY_TIMEOUT:.0f}s; its log ends:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(empty)"


def _summary(alerts: list[Alert]) -> Table:
    table = Table(title="alerts by topic")
    for column in ("category", "alerts", "updates"):
        table.add_column(column)
    counts = Counter((a.category.value, a.kind.value) for a in alerts)
    for category in sorted({a.category.value for a in alerts}):
        table.add_row(category, str(counts[(category, "alert")]), str(counts[(category, "update")]))
    return table


def run_demo(samples: Path = SAMPLES, keep_broker: bool = False, wait: float = 45.0) -> list[Alert]:
    console = Console()
    cluster: LocalKafka | None = None
    overrides: dict[str, str] = {}
    if not os.environ.get("WIREWATCH_KAFKA_BOOTSTRAP"):
        settings = load_settings()
        cluster = LocalKafka(settings.data_dir / "kafka", nodes=1)
        console.print("[bold]starting a local Kafka broker[/bold] (set WIREWATCH_KAFKA_BOOTSTRAP to use yours)")
        try:
            seconds = cluster.up(progress=True)
        except KafkaHarnessError as exc:
            raise DemoError(str(exc)) from None
        console.print(f"kafka ready at {cluster.bootstrap} ({seconds:.1f}s)")
        overrides["kafka_bootstrap"] = cluster.bootstrap
    settings = load_settings(**overrides)
    worker: subprocess.Popen[bytes] | None = None
    try:
        created = asyncio.run(ensure_topics(settings, catalogue(settings)))
        if created:
            console.print(f"created topics: {', '.join(created)}")
        alert_topics = [settings.topic_names[k] for k in ALERT_TOPICS]
        start = asyncio.run(end_offsets(settings, alert_topics))
        log = settings.data_dir / "demo-worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "WIREWATCH_KAFKA_BOOTSTRAP": settings.kafka_bootstrap}
        console.print(f"starting the worker (log: {log})")
        with log.open("ab") as out:
            worker = subprocess.Popen(
                [sys.executable, "-m", "streams", "worker"], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        _wait_ready(worker, settings.web_port, log)
        console.print(f"worker ready: metrics at http://127.0.0.1:{settings.web_port}/metrics")
        sent, failed = asyncio.run(produce_file(settings, samples, settings.topic_raw, progress=False))
        console.print(f"published {sent} sample article(s) to {settings.topic_raw}; alerts as they arrive:\n")
        if failed:
            raise DemoError(f"{failed} sample article(s) could not be published")
        alerts = asyncio.run(follow(settings, alert_topics, start=start, timeout=wait, idle=8.0, console=console))
        console.print()
        console.print(_summary(alerts))
        return alerts
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(60)
            except subprocess.TimeoutExpired:
                worker.kill()
        if cluster is not None and not keep_broker:
            cluster.down()
            console.print("stopped the local broker")
