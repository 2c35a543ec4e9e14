#!/usr/bin/env bash
# The whole test suite on a fresh machine: set-up, lint, types, then pytest against a real
# Kafka broker that the test session starts itself (unless WIREWATCH_KAFKA_BOOTSTRAP names one).
# Exits non-zero on any failure, including pytest's "no tests ran" (exit 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/dev/bootstrap.sh

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check --quiet .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests: that is a failure" >&2
fi
exit "$status"
