#!/usr/bin/env bash
# The main job on a fresh machine: set-up, then `wirewatch demo` (brings up a local Kafka broker
# when WIREWATCH_KAFKA_BOOTSTRAP is not set, runs the worker, feeds sample articles, shows alerts).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/dev/bootstrap.sh
exec .venv/bin/wirewatch demo "$@"
