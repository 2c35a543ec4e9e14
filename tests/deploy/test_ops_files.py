"""The operations files under deploy/ stay valid and in step with the code's metrics.

Pure: no Kafka, no Docker, no cluster. Needs Debian's ``promtool`` on PATH (deploy/dev/bootstrap.sh
installs it); without it the promtool tests fail rather than skip, since a skipped check of the
alert rules is a check that never runs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import Enum
from prometheus_client.metrics import MetricWrapperBase

from streams.metrics import Metrics

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
PROMETHEUS_DIR = DEPLOY / "prometheus"
PROMETHEUS_YML = PROMETHEUS_DIR / "prometheus.yml"
ALERTS_YML = PROMETHEUS_DIR / "alerts.yml"
ALERTS_TEST_YML = PROMETHEUS_DIR / "alerts_test.yml"
DASHBOARD = DEPLOY / "grafana" / "wirewatch-dashboard.json"
COMPOSE = DEPLOY / "docker" / "docker-compose.yml"
DOCKERFILE = DEPLOY / "docker" / "Dockerfile"
K8S = DEPLOY / "k8s"

#: A wirewatch metric name inside a PromQL expression (not part of a longer identifier).
METRIC_NAME = re.compile(r"(?<![A-Za-z0-9_:])wirewatch_[a-z_]+")
#: Grafana's variables, replaced by values PromQL accepts, so dashboard queries can be parsed.
GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__interval": "1m",
    "$__range": "1h",
    "$instance": ".*",
}


# --- helpers ----------------------------------------------------------------------------------


def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.fail(
            "promtool is not on PATH: install Debian's `prometheus` package (deploy/dev/bootstrap.sh does) "
            "so the Prometheus config and alert rules can be checked",
            pytrace=False,
        )
    return path


def run_promtool(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool(), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def assert_ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, (
        f"{' '.join(result.args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )


def load_yaml_documents(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as fh:
        return [doc for doc in yaml.safe_load_all(fh) if doc is not None]


def alert_rules() -> list[dict[str, Any]]:
    (doc,) = load_yaml_documents(ALERTS_YML)
    return [rule for group in doc["groups"] for rule in group["rules"]]


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return data


def dashboard_panels() -> Iterator[dict[str, Any]]:
    for panel in dashboard()["panels"]:
        yield panel
        yield from panel.get("panels", [])  # panels inside collapsed rows


def dashboard_expressions() -> list[str]:
    """Every PromQL query of the dashboard: panel targets and query variables."""
    exprs = [t["expr"] for p in dashboard_panels() for t in p.get("targets", []) if t.get("expr")]
    for variable in dashboard()["templating"]["list"]:
        if variable.get("type") == "query":
            query = variable.get("query")
            exprs.append(query["query"] if isinstance(query, dict) else query)
    return exprs


def grafana_to_promql(expr: str) -> str:
    for variable, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(variable, value)
    assert "$" not in expr, f"unhandled Grafana variable in {expr!r}"
    return expr


def exercised_metrics() -> Metrics:
    """A fresh Metrics with one sample in every metric, labelled ones included."""
    metrics = Metrics()
    wrappers = [value for value in vars(metrics).values() if isinstance(value, MetricWrapperBase)]
    assert wrappers, "streams.metrics.Metrics defines no metric"
    for metric in wrappers:
        labelnames = metric._labelnames
        child: Any = metric.labels(*(f"x{i}" for i in range(len(labelnames)))) if labelnames else metric
        kind = metric._type
        if kind == "counter":
            child.inc()
        elif kind == "gauge":
            child.set(1)
        elif kind in ("histogram", "summary"):
            child.observe(0.1)
        elif kind == "info":
            child.info({"version": "0"})
        elif isinstance(metric, Enum):
            child.state(metric._states[0])
        else:
            pytest.fail(f"test does not know how to exercise a {kind} ({metric._name})")
    return metrics


def exposition_names() -> tuple[set[str], set[str]]:
    """(sample names, family names) of the exercised registry's text exposition."""
    text = exercised_metrics().exposition().decode()
    samples = {line.split("{", 1)[0].split(" ", 1)[0] for line in text.splitlines() if line and line[0] != "#"}
    families = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")}
    return samples, families


def family_of(name: str, families: set[str]) -> str | None:
    """The family a sample name belongs to, e.g. `x_seconds_bucket` -> `x_seconds`."""
    if name in families:
        return name
    for suffix in ("_bucket", "_sum", "_count", "_total", "_info", "_created"):
        if name.endswith(suffix) and name.removesuffix(suffix) in families:
            return name.removesuffix(suffix)
    return None


def assert_names_exported(where: str, exprs: list[str]) -> set[str]:
    samples, families = exposition_names()
    referenced = {name for expr in exprs for name in METRIC_NAME.findall(expr)}
    problems = []
    for name in sorted(referenced - samples):
        family = family_of(name, families) or family_of(f"{name}_total", families)
        stem = name
        for suffix in ("_bucket", "_sum", "_count", "_total"):
            stem = stem.removesuffix(suffix)
        candidates = sorted(s for s in samples if s.startswith(stem))
        hint = f"family {family}; series are {candidates}" if family else f"no such family; similar: {candidates}"
        problems.append(f"{name} ({hint})")
    assert not problems, f"{where} uses metric names that wirewatch does not export: {problems}"
    return referenced


# --- (a) promtool check config / rules --------------------------------------------------------


def test_promtool_check_config() -> None:
    result = run_promtool("check", "config", str(PROMETHEUS_YML.relative_to(REPO)))
    assert_ok(result)


def test_prometheus_config_loads_the_alert_rules_and_scrapes_the_web_port() -> None:
    (config,) = load_yaml_documents(PROMETHEUS_YML)
    assert [(PROMETHEUS_DIR / f).resolve() for f in config["rule_files"]] == [ALERTS_YML.resolve()]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert "wirewatch" in jobs, 'alerts.yml selects job="wirewatch"'
    targets = [t for sc in jobs["wirewatch"]["static_configs"] for t in sc["targets"]]
    assert targets and all(t.endswith(":6066") for t in targets), targets


def test_promtool_check_rules() -> None:
    result = run_promtool("check", "rules", str(ALERTS_YML.relative_to(REPO)))
    assert_ok(result)


def test_every_alert_has_severity_and_annotations() -> None:
    rules = alert_rules()
    assert rules
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names)), f"duplicate alert names: {names}"
    for rule in rules:
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}, rule["alert"]
        assert rule["annotations"].get("summary"), rule["alert"]
        assert rule["annotations"].get("description"), rule["alert"]
        assert 'job="wirewatch"' in rule["expr"], f'{rule["alert"]} does not select job="wirewatch"'


# --- (b) metric names in rules and dashboard exist --------------------------------------------


def test_exercised_registry_exports_every_family() -> None:
    samples, families = exposition_names()
    assert families, "empty exposition"
    for family in families:
        assert any(family_of(s, families) == family for s in samples), f"{family} has no sample"


def test_alert_rules_use_exported_metric_names() -> None:
    referenced = assert_names_exported("alerts.yml", [rule["expr"] for rule in alert_rules()])
    assert referenced, "no wirewatch metric found in the alert rules"


def test_alert_unit_tests_use_exported_metric_names() -> None:
    (doc,) = load_yaml_documents(ALERTS_TEST_YML)
    series = [s["series"] for test in doc["tests"] for s in test.get("input_series", [])]
    assert_names_exported("alerts_test.yml input series", series)


def test_dashboard_uses_exported_metric_names() -> None:
    referenced = assert_names_exported("wirewatch-dashboard.json", dashboard_expressions())
    assert referenced, "no wirewatch metric found in the dashboard"


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    """promtool parses each dashboard query, wrapped in a recording rule, with Grafana variables filled in."""
    rules = [
        {"record": f"dashboard:query_{i}", "expr": grafana_to_promql(expr)}
        for i, expr in enumerate(dashboard_expressions())
        if not expr.startswith("label_values(")  # Grafana function, not PromQL
    ]
    rule_file = tmp_path / "dashboard-queries.yml"
    rule_file.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8")
    assert_ok(run_promtool("check", "rules", str(rule_file)))


def test_dashboard_structure() -> None:
    board = dashboard()
    assert 36 <= board["schemaVersion"] <= 41
    variables = {v["name"]: v for v in board["templating"]["list"]}
    assert variables["DS_PROMETHEUS"]["type"] == "datasource"
    assert variables["DS_PROMETHEUS"]["query"] == "prometheus"
    panels = list(dashboard_panels())
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "duplicate panel ids"
    for panel in panels:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}", panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${DS_PROMETHEUS}", panel["title"]
    exprs = " ".join(dashboard_expressions())
    for required in (
        "wirewatch_messages_consumed_total",
        "wirewatch_articles_total",
        "wirewatch_alerts_emitted_total",
        "wirewatch_classified_total",
        "wirewatch_classification_seconds_bucket",
        "wirewatch_end_to_end_seconds_bucket",
        "wirewatch_news_freshness_seconds_bucket",
        "wirewatch_delivery_seconds_bucket",
        "wirewatch_consumer_lag",
        "wirewatch_dead_letters_total",
        "wirewatch_deliveries_total",
        "wirewatch_rebalances_total",
        "wirewatch_build_info",
    ):
        assert required in exprs, f"the dashboard has no panel on {required}"


# --- (c) promtool test rules --------------------------------------------------------------------


def test_alert_unit_tests_cover_the_key_alerts() -> None:
    (doc,) = load_yaml_documents(ALERTS_TEST_YML)
    firing = {
        case["alertname"] for test in doc["tests"] for case in test.get("alert_rule_test", []) if case.get("exp_alerts")
    }
    assert {"WirewatchWorkerDown", "WirewatchDeadLetterRateHigh"} <= firing, firing
    assert firing <= {rule["alert"] for rule in alert_rules()}, "unit tests name an alert that does not exist"


def test_promtool_test_rules() -> None:
    result = run_promtool("test", "rules", ALERTS_TEST_YML.name, cwd=PROMETHEUS_DIR)
    assert_ok(result)


# --- (d) YAML parses; probes and ports agree ------------------------------------------------------


def yaml_files() -> list[Path]:
    files = sorted(K8S.glob("*.yaml")) + sorted(K8S.glob("*.yml"))
    files += [COMPOSE, PROMETHEUS_YML, ALERTS_YML, ALERTS_TEST_YML]
    files += sorted((DEPLOY / "grafana" / "provisioning").rglob("*.y*ml"))
    return files


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_yaml_parses(path: Path) -> None:
    docs = load_yaml_documents(path)
    assert docs, f"{path} is empty"
    assert all(isinstance(doc, dict) for doc in docs), f"{path}: every document must be a mapping"


def k8s_objects() -> dict[str, dict[str, Any]]:
    """kind -> object for every manifest under deploy/k8s (one object per kind there)."""
    objects: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in load_yaml_documents(path):
            if doc.get("kind") == "Kustomization":
                continue
            assert {"apiVersion", "kind", "metadata"} <= doc.keys(), f"{path} has an incomplete manifest"
            assert doc["kind"] not in objects, f"two {doc['kind']} manifests"
            objects[doc["kind"]] = doc
    return objects


def test_kustomization_lists_existing_manifests() -> None:
    (kustomization,) = load_yaml_documents(K8S / "kustomization.yaml")
    for resource in kustomization["resources"]:
        assert (K8S / resource).is_file(), f"kustomization.yaml lists missing {resource}"
    assert {"deployment.yaml", "service.yaml", "configmap.yaml"} <= set(kustomization["resources"])


def resolve_port(port: int | str, container: dict[str, Any]) -> int:
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
    assert port in named, f"port {port!r} is not a named port of container {container['name']}"
    return int(named[port])


def test_deployment_probes_hit_the_web_port() -> None:
    objects = k8s_objects()
    assert {"Deployment", "Service", "ConfigMap"} <= objects.keys(), objects.keys()
    deployment = objects["Deployment"]
    pod = deployment["spec"]["template"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    (container,) = pod["spec"]["containers"]

    web_port = int(objects["ConfigMap"]["data"]["WIREWATCH_WEB_PORT"])
    assert web_port in [p["containerPort"] for p in container["ports"]]
    assert objects["ConfigMap"]["data"]["WIREWATCH_WEB_HOST"] == "0.0.0.0", "the worker must not bind loopback"

    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        get = container[probe]["httpGet"]
        assert get["path"] == path, f"{probe} checks {get['path']}"
        assert resolve_port(get["port"], container) == web_port, f"{probe} checks another port"
    if "startupProbe" in container:
        assert resolve_port(container["startupProbe"]["httpGet"]["port"], container) == web_port

    annotations = pod["metadata"].get("annotations", {})
    if annotations.get("prometheus.io/scrape") == "true":
        assert int(annotations["prometheus.io/port"]) == web_port
        assert annotations.get("prometheus.io/path", "/metrics") == "/metrics"

    service_port = objects["Service"]["spec"]["ports"][0]
    assert resolve_port(service_port["targetPort"], container) == web_port
    assert objects["Service"]["spec"]["selector"].items() <= pod["metadata"]["labels"].items()

    monitor = objects.get("PodMonitor")
    if monitor is not None:
        assert monitor["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
        for endpoint in monitor["spec"]["podMetricsEndpoints"]:
            assert resolve_port(endpoint["port"], container) == web_port
        assert pod["metadata"]["labels"][monitor["spec"]["jobLabel"]] == "wirewatch"


def test_deployment_takes_the_sasl_password_from_a_secret() -> None:
    objects = k8s_objects()
    (container,) = objects["Deployment"]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container.get("env", [])}
    password = env["WIREWATCH_KAFKA_SASL_PASSWORD"]
    assert "secretKeyRef" in password["valueFrom"]
    assert "WIREWATCH_KAFKA_SASL_PASSWORD" not in objects["ConfigMap"]["data"]
    assert {"configMapRef": {"name": objects["ConfigMap"]["metadata"]["name"]}} in container["envFrom"]
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert objects["Deployment"]["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_configmap_keys_are_settings() -> None:
    from streams.settings import Settings

    fields = {f"WIREWATCH_{name.upper()}" for name in Settings.model_fields}
    unknown = sorted(set(k8s_objects()["ConfigMap"]["data"]) - fields)
    assert not unknown, f"ConfigMap keys that are not settings (Settings forbids extras): {unknown}"


def test_compose_stack() -> None:
    (compose,) = load_yaml_documents(COMPOSE)
    services = compose["services"]
    assert {"kafka", "wirewatch", "prometheus", "grafana"} <= services.keys()
    assert services["kafka"]["image"] == "apache/kafka:4.1.1"
    assert "controller" in services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"]  # KRaft, no ZooKeeper

    build = services["wirewatch"]["build"]
    context = (COMPOSE.parent / build["context"]).resolve()
    assert context == REPO
    assert (context / build["dockerfile"]).resolve() == DOCKERFILE.resolve()
    env = services["wirewatch"]["environment"]
    assert env["WIREWATCH_KAFKA_BOOTSTRAP"] == "kafka:9092"
    from streams.settings import Settings

    fields = {f"WIREWATCH_{name.upper()}" for name in Settings.model_fields}
    assert set(env) <= fields, sorted(set(env) - fields)

    # Every bind mount's host side exists, relative to the compose file.
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (COMPOSE.parent / source).exists(), f"{name} mounts missing {source}"


def test_dockerfile() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    froms = re.findall(r"^FROM\s+(\S+)", text, re.M)
    assert froms and all(image == "python:3.11-slim" for image in froms), froms
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in {"root", "0"}, "the image must run as non-root"
    assert re.search(r"^EXPOSE\s+6066\b", text, re.M)
    assert re.search(r"^HEALTHCHECK\b.*(?:\\\n.*)*/healthz", text, re.M), "HEALTHCHECK must probe /healthz"
    assert re.search(r'^CMD \["wirewatch", "worker"\]', text, re.M)
    assert re.search(r"pip install \.", text)

    # Every package that pyproject installs is copied into the build stage.
    import tomllib

    with (REPO / "pyproject.toml").open("rb") as fh:
        includes = tomllib.load(fh)["tool"]["setuptools"]["packages"]["find"]["include"]
    for pattern in includes:
        package = pattern.rstrip("*")
        assert re.search(rf"^COPY\s+{package}\s", text, re.M), f"the Dockerfile does not copy {package}/"


def test_worker_command_exists() -> None:
    from streams.cli import main

    assert "worker" in main.commands, "the image's CMD runs `wirewatch worker`"
