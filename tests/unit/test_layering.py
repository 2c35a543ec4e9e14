"""The floors hold: contracts import no logic, pure logic imports no Kafka, no network and no app.

Each package is imported in a fresh interpreter where the forbidden modules cannot be imported,
so an import anywhere in its tree (even a lazy one at module level) fails this test.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Kafka and HTTP client libraries. (The stdlib's urllib is not listed: feedparser, a parser we
#: only hand bytes, imports it for a fetching feature we never call.)
KAFKA_AND_NETWORK = ["faust", "mode", "aiokafka", "httpx", "aiohttp"]
FLOORS = {
    "schemas": ["agents", "streams", *KAFKA_AND_NETWORK],
    "agents.core": ["agents.ingest", "agents.classify", "agents.story", "agents.deliver", "agents.wiring",
                    "streams", *KAFKA_AND_NETWORK],
}  # fmt: skip


def _modules(package: str) -> list[str]:
    path = REPO / package.replace(".", "/")
    return [package] + [f"{package}.{m.name}" for m in pkgutil.walk_packages([str(path)], "") if "." not in m.name]


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_package_imports_nothing_from_higher_floors(package: str) -> None:
    blocked = FLOORS[package]
    program = (
        "import importlib, sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # any import of it raises ImportError\n"
        f"for module in {_modules(package)!r}:\n"
        "    importlib.import_module(module)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{package} reaches a higher floor or the network:\n{done.stderr[-2000:]}"


def test_the_check_itself_catches_a_forbidden_import() -> None:
    program = "import sys\nsys.modules['aiokafka'] = None\nimport streams.topics_admin\n"
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "aiokafka" in done.stderr
