"""A real Apache Kafka broker (KRaft mode) on loopback, for development and tests.

The broker's jars come from Maven Central by coordinates (``deploy/kafka/pom.xml``) and are
cached under ``~/.cache/wirewatch/kafka/<pom hash>/``; nothing is committed. One node runs as a
combined broker+controller; three nodes form a cluster with static voters, replication
factor 3 and ``min.insync.replicas=2`` for fault tests.

    cluster = LocalKafka(Path(".wirewatch/kafka"), nodes=1)
    cluster.up()          # returns once every broker accepts clients
    cluster.bootstrap     # "127.0.0.1:9092"
    cluster.down()        # SIGTERM to the PIDs it recorded, nothing else

Readiness is a TCP connect to each client port: with fixed ports a KRaft broker opens its
client listener only once it is unfenced. A JVM that exits during start fails at once with
the tail of its log.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POM = Path(__file__).resolve().parent.parent / "deploy" / "kafka" / "pom.xml"
CACHE = Path(os.environ.get("WIREWATCH_CACHE", Path.home() / ".cache" / "wirewatch"))
HEAP = "-Xmx512m"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0

LOG4J2 = """\
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${sys:wirewatch.log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
"""


class KafkaHarnessError(RuntimeError):
    """The local broker could not be fetched, started or stopped; the message says why."""


@dataclass(frozen=True)
class Node:
    """One broker+controller process of a local cluster."""

    node_id: int
    client_port: int
    controller_port: int
    directory: Path

    @property
    def config(self) -> Path:
        return self.directory / "server.properties"

    @property
    def log(self) -> Path:
        return self.directory / "server.log"

    @property
    def stdout(self) -> Path:
        return self.directory / "stdout.log"

    @property
    def pid_file(self) -> Path:
        return self.directory / "broker.pid"


def default_ports(nodes: int, base_port: int | None = None) -> list[tuple[int, int]]:
    """Client/controller ports: 9092/9093 for one node, 19092/19093, 19192/19193, ... for three."""
    if base_port is None:
        base_port = 9092 if nodes == 1 else 19092
    return [(base_port + 100 * i, base_port + 100 * i + 1) for i in range(nodes)]


def free_port_base(nodes: int) -> int:
    """A base port whose client and controller ports (stride 100) are all free now."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = int(s.getsockname()[1])
        ports = [p for pair in default_ports(nodes, base) for p in pair]
        if max(ports) < 65000 and all(_port_is_free(p) for p in ports):
            return base
    raise KafkaHarnessError("found no free loopback ports for a local broker")


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _accepts(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def cluster_id() -> str:
    """16 random bytes, URL-safe base64 without padding, never starting with '-' (Kafka's rule)."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


def jars(progress: bool = False) -> Path:
    """The directory of broker jars, fetched with Maven on first use and cached by pom hash."""
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
    libs = CACHE / "kafka" / digest / "libs"
    if (libs / ".complete").exists():
        return libs
    java, mvn = shutil.which("java"), shutil.which("mvn")
    if java is None:
        raise KafkaHarnessError("Java is not on PATH: install a JDK 17+ (Debian: openjdk-17-jre-headless)")
    if mvn is None:
        raise KafkaHarnessError("Maven is not on PATH: install it (Debian: maven) to fetch the Kafka jars")
    staging = libs.with_name(f"libs.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if progress:
        print(f"fetching Apache Kafka jars with Maven into {libs} (first run only) ...", flush=True)
    cmd = [
        mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
        "-DincludeScope=runtime", f"-DoutputDirectory={staging}",
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise KafkaHarnessError(f"Maven could not fetch the Kafka jars (exit {done.returncode}):\n{tail}")
    (staging / ".complete").touch()
    shutil.rmtree(libs, ignore_errors=True)
    staging.rename(libs)
    return libs


def _properties(node: Node, all_nodes: list[Node], cid: str) -> str:
    voters = ",".join(f"{n.node_id}@127.0.0.1:{n.controller_port}" for n in all_nodes)
    replicas = min(3, len(all_nodes))
    min_isr = 2 if replicas == 3 else 1
    return "\n".join(
        [
            f"# wirewatch local broker {node.node_id} of cluster {cid}",
            "process.roles=broker,controller",
            f"node.id={node.node_id}",
            f"controller.quorum.voters={voters}",
            f"listeners=PLAINTEXT://127.0.0.1:{node.client_port},CONTROLLER://127.0.0.1:{node.controller_port}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{node.client_port}",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            f"log.dirs={(node.directory / 'data').resolve()}",
            "num.partitions=3",
            f"default.replication.factor={replicas}",
            f"min.insync.replicas={min_isr}",
            f"offsets.topic.replication.factor={replicas}",
            "offsets.topic.num.partitions=10",
            f"transaction.state.log.replication.factor={replicas}",
            f"transaction.state.log.min.isr={min_isr}",
            "transaction.state.log.num.partitions=10",
            f"share.coordinator.state.topic.replication.factor={replicas}",
            f"share.coordinator.state.topic.min.isr={min_isr}",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            "log.retention.hours=168",
            "log.segment.bytes=67108864",
            "",
        ]
    )


class LocalKafka:
    """A single broker or a small cluster of KRaft nodes on 127.0.0.1, owned by one directory."""

    def __init__(self, directory: Path, nodes: int = 1, base_port: int | None = None) -> None:
        if nodes not in (1, 3):
            raise KafkaHarnessError("a local cluster has 1 or 3 nodes")
        self.directory = directory.resolve()
        state = self._read_state()
        if state and base_port is None and state["nodes"] == nodes:
            base_port = int(state["base_port"])
        self.base_port = base_port if base_port is not None else default_ports(nodes)[0][0]
        self.nodes = [
            Node(i + 1, client, controller, self.directory / f"node-{i + 1}")
            for i, (client, controller) in enumerate(default_ports(nodes, self.base_port))
        ]

    # --- public ----------------------------------------------------------------------------

    @property
    def bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{n.client_port}" for n in self.nodes)

    def up(self, progress: bool = False) -> float:
        """Start every node that is not running; return the seconds it took. Idempotent."""
        started = time.monotonic()
        libs = jars(progress=progress)
        if all(self.is_running(n) for n in self.nodes):
            return 0.0
        state = self._read_state()
        if state is not None and (state["nodes"] != len(self.nodes) or state["base_port"] != self.base_port):
            raise KafkaHarnessError(
                f"{self.directory} holds a {state['nodes']}-node cluster on port {state['base_port']}: start it "
                "without --port, or use another --data-dir (or delete this one) for a different layout"
            )
        for node in self.nodes:
            if not self.is_running(node):
                self._check_ports_free(node)
        if state is None:
            self._format(libs)
        spawned = {  # all before waiting: no quorum until two controllers are up
            node.node_id: self._spawn(node, libs) for node in self.nodes if not self.is_running(node)
        }
        for node in self.nodes:
            self._wait_ready(node, started + START_TIMEOUT, spawned.get(node.node_id))
        return time.monotonic() - started

    def down(self) -> list[int]:
        """SIGTERM every recorded broker PID (and only those) at once, wait, SIGKILL stragglers."""
        pids = {node.node_id: self._pid(node) for node in self.nodes}
        for pid in pids.values():
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for node in self.nodes:
            pid = pids[node.node_id]
            if pid is not None and not _wait_gone(pid, max(0.0, deadline - time.monotonic())):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                _wait_gone(pid, 5)
            node.pid_file.unlink(missing_ok=True)
        return [pid for pid in pids.values() if pid is not None]

    def destroy(self) -> None:
        """Stop the cluster and remove its data directory."""
        self.down()
        shutil.rmtree(self.directory, ignore_errors=True)

    def kill(self, node_id: int) -> None:
        """SIGKILL one node, as a crash would (fault tests)."""
        node = self.nodes[node_id - 1]
        pid = self._pid(node)
        if pid is None:
            raise KafkaHarnessError(f"node {node_id} is not running")
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, STOP_TIMEOUT)
        node.pid_file.unlink(missing_ok=True)

    def stop(self, node_id: int) -> None:
        """Stop one node cleanly."""
        node = self.nodes[node_id - 1]
        pid = self._pid(node)
        if pid is not None:
            self._terminate(pid, node)
        node.pid_file.unlink(missing_ok=True)

    def start(self, node_id: int) -> None:
        """Start one stopped node of a formatted cluster and wait until it accepts clients."""
        node = self.nodes[node_id - 1]
        if self.is_running(node):
            return
        self._check_ports_free(node)
        proc = self._spawn(node, jars())
        self._wait_ready(node, time.monotonic() + START_TIMEOUT, proc)

    def is_running(self, node: Node) -> bool:
        return self._pid(node) is not None

    def status(self) -> dict[str, object]:
        running = [n for n in self.nodes if self.is_running(n)]
        return {
            "bootstrap": self.bootstrap,
            "nodes": len(self.nodes),
            "running": len(running),
            "ready": sum(1 for n in running if _accepts(n.client_port)),
            "directory": str(self.directory),
        }

    # --- internals ---------------------------------------------------------------------------

    def _state_file(self) -> Path:
        return self.directory / "cluster.json"

    def _read_state(self) -> dict[str, int | str] | None:
        with contextlib.suppress(FileNotFoundError, ValueError):
            state: dict[str, int | str] = json.loads(self._state_file().read_text())
            return state
        return None

    def _format(self, libs: Path) -> None:
        if any(self.is_running(n) for n in self.nodes):
            raise KafkaHarnessError(f"{self.directory} has running brokers of another layout: run `down` first")
        shutil.rmtree(self.directory, ignore_errors=True)
        cid = cluster_id()
        (self.directory).mkdir(parents=True)
        (self.directory / "log4j2.properties").write_text(LOG4J2)
        for node in self.nodes:
            node.directory.mkdir()
            node.config.write_text(_properties(node, self.nodes, cid))
            cmd = [
                _java(), "-cp", f"{libs}/*", f"-Dlog4j2.configurationFile={self.directory / 'log4j2.properties'}",
                f"-Dwirewatch.log.file={node.directory / 'format.log'}",
                "kafka.tools.StorageTool", "format", "-t", cid, "-c", str(node.config),
            ]  # fmt: skip
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise KafkaHarnessError(f"formatting node {node.node_id} failed:\n{done.stdout}{done.stderr}")
        self._state_file().write_text(
            json.dumps({"nodes": len(self.nodes), "base_port": self.base_port, "cluster_id": cid})
        )

    def _check_ports_free(self, node: Node) -> None:
        for port in (node.client_port, node.controller_port):
            if not _port_is_free(port):
                raise KafkaHarnessError(
                    f"port {port} on 127.0.0.1 is taken by another process: stop it, or choose "
                    "another base port (`wirewatch kafka up --port N`)"
                )

    def _spawn(self, node: Node, libs: Path) -> subprocess.Popen[bytes]:
        cmd = [
            _java(), HEAP, "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.directory / 'log4j2.properties'}",
            f"-Dwirewatch.log.file={node.log}",
            "-cp", f"{libs}/*", "kafka.Kafka", str(node.config),
        ]  # fmt: skip
        with node.stdout.open("ab") as out:
            proc = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        node.pid_file.write_text(str(proc.pid))
        return proc

    def _wait_ready(self, node: Node, deadline: float, proc: subprocess.Popen[bytes] | None) -> None:
        while time.monotonic() < deadline:
            # Right after spawning, /proc/PID/cmdline may still be ours (before exec): ask Popen.
            exited = proc.poll() is not None if proc is not None else self._pid(node) is None
            if exited:
                raise KafkaHarnessError(
                    f"the broker JVM of node {node.node_id} exited during start; last lines of its log:\n"
                    + _tail(node.log, node.stdout)
                )
            if _accepts(node.client_port):
                return
            time.sleep(0.2)
        raise KafkaHarnessError(
            f"node {node.node_id} did not accept clients on port {node.client_port} within "
            f"{START_TIMEOUT:.0f}s; last lines of its log:\n" + _tail(node.log, node.stdout)
        )

    def _pid(self, node: Node) -> int | None:
        """The recorded PID, if that process is alive and is our broker for this config."""
        try:
            pid = int(node.pid_file.read_text())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":  # a zombie we have not reaped
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            return None
        return pid if str(node.config).encode() in cmdline else None

    def _terminate(self, pid: int, node: Node) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if not _wait_gone(pid, STOP_TIMEOUT):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 5)


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise KafkaHarnessError("Java is not on PATH: install a JDK 17+ (Debian: openjdk-17-jre-headless)")
    return java


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return True
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            return True
        time.sleep(0.1)
    return False


def _tail(*files: Path, lines: int = 25) -> str:
    chunks: list[str] = []
    for file in files:
        with contextlib.suppress(OSError):
            text = file.read_text(errors="replace").splitlines()[-lines:]
            if text:
                chunks.append(f"--- {file}\n" + "\n".join(text))
    return "\n".join(chunks) or "(no log written)"


@contextlib.contextmanager
def running(directory: Path, nodes: int = 1, base_port: int | None = None) -> Iterator[LocalKafka]:
    """A local cluster for the duration of a ``with`` block, destroyed afterwards."""
    cluster = LocalKafka(directory, nodes=nodes, base_port=base_port)
    try:
        cluster.up()
        yield cluster
    finally:
        cluster.destroy()
