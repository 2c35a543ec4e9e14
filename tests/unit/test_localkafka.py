"""The local Kafka harness without a running broker: ids, ports, properties, start-up refusals."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import streams.localkafka as lk
from streams.localkafka import (
    KafkaHarnessError,
    LocalKafka,
    Node,
    _properties,
    cluster_id,
    default_ports,
    free_port_base,
    jars,
)


def props(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return dict(pairs)


# --- cluster_id and ports ---------------------------------------------------------------------------


def test_cluster_id_is_22_url_safe_chars_never_starting_with_dash() -> None:
    ids = {cluster_id() for _ in range(500)}
    assert len(ids) == 500
    for cid in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", cid), cid
        assert not cid.startswith("-")


def test_cluster_id_retries_when_the_encoding_starts_with_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    dash_first = uuid.UUID(bytes=b"\xf8" + bytes(15))  # base64url of 0xf8... starts with '-'
    plain = uuid.UUID(bytes=bytes(16))
    values = iter([dash_first, plain])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(values))  # the module calls uuid.uuid4()
    assert cluster_id() == "AAAAAAAAAAAAAAAAAAAAAA"


def test_default_ports() -> None:
    assert default_ports(1) == [(9092, 9093)]
    assert default_ports(3) == [(19092, 19093), (19192, 19193), (19292, 19293)]
    assert default_ports(1, 30000) == [(30000, 30001)]
    assert default_ports(3, 30000) == [(30000, 30001), (30100, 30101), (30200, 30201)]


def test_free_port_base_gives_ports_that_are_free() -> None:
    base = free_port_base(3)
    for client, controller in default_ports(3, base):
        for port in (client, controller):
            with socket.socket() as s:
                s.bind(("127.0.0.1", port))


# --- server.properties --------------------------------------------------------------------------------


def nodes(tmp_path: Path, count: int, base: int = 30000) -> list[Node]:
    return [Node(i + 1, c, k, tmp_path / f"node-{i + 1}") for i, (c, k) in enumerate(default_ports(count, base))]


def test_properties_for_one_node(tmp_path: Path) -> None:
    (node,) = nodes(tmp_path, 1)
    p = props(_properties(node, [node], "CID"))
    assert p["node.id"] == "1"
    assert p["process.roles"] == "broker,controller"
    assert p["controller.quorum.voters"] == "1@127.0.0.1:30001"
    assert p["listeners"] == "PLAINTEXT://127.0.0.1:30000,CONTROLLER://127.0.0.1:30001"
    assert p["advertised.listeners"] == "PLAINTEXT://127.0.0.1:30000"
    assert p["default.replication.factor"] == "1"
    assert p["offsets.topic.replication.factor"] == "1"
    assert p["transaction.state.log.replication.factor"] == "1"
    assert p["min.insync.replicas"] == "1"
    assert p["transaction.state.log.min.isr"] == "1"


def test_properties_for_three_nodes(tmp_path: Path) -> None:
    all_nodes = nodes(tmp_path, 3)
    for node in all_nodes:
        p = props(_properties(node, all_nodes, "CID"))
        assert p["node.id"] == str(node.node_id)
        assert p["controller.quorum.voters"] == "1@127.0.0.1:30001,2@127.0.0.1:30101,3@127.0.0.1:30201"
        assert p["listeners"] == (
            f"PLAINTEXT://127.0.0.1:{node.client_port},CONTROLLER://127.0.0.1:{node.controller_port}"
        )
        assert p["default.replication.factor"] == "3"
        assert p["offsets.topic.replication.factor"] == "3"
        assert p["transaction.state.log.replication.factor"] == "3"
        assert p["min.insync.replicas"] == "2"
        assert p["transaction.state.log.min.isr"] == "2"


def test_properties_log_dirs_is_absolute_even_for_a_relative_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    node = Node(1, 30000, 30001, Path("rel/node-1"))
    log_dirs = Path(props(_properties(node, [node], "CID"))["log.dirs"])
    assert log_dirs.is_absolute()
    assert log_dirs == (tmp_path / "rel" / "node-1" / "data").resolve()


def test_properties_name_the_cluster_id(tmp_path: Path) -> None:
    (node,) = nodes(tmp_path, 1)
    assert "of cluster Zz9" in _properties(node, [node], "Zz9").splitlines()[0]


# --- LocalKafka without starting a broker -------------------------------------------------------------


def test_local_kafka_accepts_only_one_or_three_nodes(tmp_path: Path) -> None:
    with pytest.raises(KafkaHarnessError, match="1 or 3 nodes"):
        LocalKafka(tmp_path, nodes=2)


def test_local_kafka_layout_and_bootstrap(tmp_path: Path) -> None:
    cluster = LocalKafka(tmp_path / "k", nodes=3, base_port=30000)
    assert cluster.bootstrap == "127.0.0.1:30000,127.0.0.1:30100,127.0.0.1:30200"
    assert [n.directory for n in cluster.nodes] == [(tmp_path / "k" / f"node-{i}").resolve() for i in (1, 2, 3)]
    status = cluster.status()
    assert (status["nodes"], status["running"], status["ready"]) == (3, 0, 0)
    assert cluster.down() == []


def test_local_kafka_reuses_the_recorded_base_port(tmp_path: Path) -> None:
    (tmp_path / "cluster.json").write_text(json.dumps({"nodes": 1, "base_port": 31234, "cluster_id": "x"}))
    assert LocalKafka(tmp_path).base_port == 31234
    assert LocalKafka(tmp_path, nodes=3).base_port == 19092  # another layout: its own default


@pytest.fixture
def occupied() -> Iterator[int]:
    """A loopback port held by a listening socket of this test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def test_up_refuses_a_taken_client_port_naming_it(tmp_path: Path, occupied: int) -> None:
    # A formatted directory for this layout, so up() goes straight to the port check (no JVM).
    directory = tmp_path / "kafka"
    directory.mkdir()
    (directory / "cluster.json").write_text(json.dumps({"nodes": 1, "base_port": occupied, "cluster_id": "x"}))
    cluster = LocalKafka(directory, nodes=1, base_port=occupied)
    with pytest.raises(KafkaHarnessError, match=rf"port {occupied} on 127\.0\.0\.1 is taken"):
        cluster.up()
    assert not any(cluster.is_running(n) for n in cluster.nodes)
    assert not cluster.nodes[0].pid_file.exists()


def test_start_of_one_node_refuses_a_taken_port(tmp_path: Path, occupied: int) -> None:
    cluster = LocalKafka(tmp_path / "kafka", nodes=1, base_port=occupied)
    with pytest.raises(KafkaHarnessError, match=f"port {occupied}"):
        cluster.start(1)


def test_kill_of_a_node_that_is_not_running_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KafkaHarnessError, match="node 1 is not running"):
        LocalKafka(tmp_path, nodes=1, base_port=30000).kill(1)


def test_stale_pid_file_of_another_process_is_not_ours(tmp_path: Path) -> None:
    import os

    cluster = LocalKafka(tmp_path, nodes=1, base_port=30000)
    node = cluster.nodes[0]
    node.directory.mkdir(parents=True)
    node.pid_file.write_text(str(os.getpid()))  # alive, but not a broker for this config
    assert not cluster.is_running(node)
    assert cluster.down() == []  # never signals a PID that is not our broker


# --- jars() -----------------------------------------------------------------------------------------


@pytest.fixture
def empty_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(lk, "CACHE", cache)
    return cache


def test_jars_come_from_the_cache_when_complete(empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    libs = empty_cache / "kafka" / hashlib.sha256(lk.POM.read_bytes()).hexdigest()[:16] / "libs"
    libs.mkdir(parents=True)
    (libs / ".complete").touch()
    monkeypatch.setattr(shutil, "which", lambda name: None)  # not needed when cached
    assert jars() == libs


def test_jars_without_java_says_to_install_a_jdk(empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(empty_cache))
    with pytest.raises(KafkaHarnessError, match="Java is not on PATH"):
        jars()


def test_jars_without_maven_says_to_install_it(empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "mvn" else real_which(name) or "/bin/java")
    with pytest.raises(KafkaHarnessError, match="Maven is not on PATH"):
        jars()
    assert not any(empty_cache.rglob("libs")), "nothing is cached after a failed fetch"


def test_up_in_a_fresh_directory_refuses_a_taken_client_port(tmp_path: Path, occupied: int) -> None:
    """The port check comes before formatting: nothing is written for a start that cannot happen."""
    cluster = LocalKafka(tmp_path / "kafka", nodes=1, base_port=occupied)
    with pytest.raises(KafkaHarnessError, match=rf"port {occupied} .*--port N"):
        cluster.up()
    assert not cluster.nodes[0].pid_file.exists()
    assert not (tmp_path / "kafka" / "cluster.json").exists()


def test_up_with_another_port_never_wipes_an_existing_cluster(tmp_path: Path) -> None:
    directory = tmp_path / "kafka"
    (directory / "node-1" / "data").mkdir(parents=True)
    (directory / "node-1" / "data" / "keep").write_text("topic data")
    (directory / "cluster.json").write_text(json.dumps({"nodes": 1, "base_port": 31234, "cluster_id": "x"}))
    with pytest.raises(KafkaHarnessError, match=r"holds a 1-node cluster on port 31234"):
        LocalKafka(directory, nodes=1, base_port=free_port_base(1)).up()
    assert (directory / "node-1" / "data" / "keep").read_text() == "topic data"
