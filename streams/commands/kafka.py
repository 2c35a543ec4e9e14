"""`wirewatch kafka up|down|status`: the local Apache Kafka broker for dev and tests."""

from __future__ import annotations

from pathlib import Path

import click

from streams.localkafka import KafkaHarnessError, LocalKafka


def _directory(data_dir: Path, nodes: int) -> Path:
    return data_dir / ("kafka" if nodes == 1 else f"kafka-{nodes}")


@click.group("kafka")
def kafka_group() -> None:
    """Run a local Apache Kafka broker (KRaft) on 127.0.0.1."""


_nodes = click.option("--nodes", type=click.Choice(["1", "3"]), default="1", show_default=True)
_data = click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=Path(".wirewatch"),
    show_default=True,
    envvar="WIREWATCH_DATA_DIR",
)


@kafka_group.command("up")
@_nodes
@_data
@click.option("--port", type=int, default=None, help="First client port (default 9092; 19092 for 3 nodes).")
def up(nodes: str, data_dir: Path, port: int | None) -> None:
    """Start the broker(s) and return once they accept clients."""
    cluster = LocalKafka(_directory(data_dir, int(nodes)), nodes=int(nodes), base_port=port)
    try:
        seconds = cluster.up(progress=True)
    except KafkaHarnessError as exc:
        raise click.ClickException(str(exc)) from None
    verb = "already running" if seconds == 0 else f"started in {seconds:.1f}s"
    click.echo(f"kafka {verb}: bootstrap {cluster.bootstrap} ({nodes} node{'s' if nodes != '1' else ''})")
    click.echo(f"export WIREWATCH_KAFKA_BOOTSTRAP={cluster.bootstrap}")


@kafka_group.command("down")
@_nodes
@_data
def down(nodes: str, data_dir: Path) -> None:
    """Stop the broker(s) that `up` started (by recorded PID, nothing else)."""
    cluster = LocalKafka(_directory(data_dir, int(nodes)), nodes=int(nodes))
    stopped = cluster.down()
    click.echo(f"stopped {len(stopped)} broker process(es)" if stopped else "no local broker was running")


@kafka_group.command("status")
@_nodes
@_data
def status(nodes: str, data_dir: Path) -> None:
    """Print bootstrap servers and how many brokers run and accept clients."""
    cluster = LocalKafka(_directory(data_dir, int(nodes)), nodes=int(nodes))
    info = cluster.status()
    click.echo(f"bootstrap: {info['bootstrap']}")
    click.echo(f"brokers:   {info['ready']} ready, {info['running']} running, of {info['nodes']}")
    if info["ready"] != info["nodes"]:
        raise SystemExit(1)
