#!/usr/bin/env bash
# Set up a fresh machine for wirewatch: system tools (Java, Maven, Prometheus, kcat) when missing,
# a virtualenv in .venv with the project and its dev extras. Safe to run again; prints what it does.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v kcat >/dev/null || need+=(kcat)
if ((${#need[@]})); then
  echo "bootstrap: installing ${need[*]} (Debian packages)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $($python --version)"
  $python -m venv .venv
fi
if ! .venv/bin/python -c 'import streams, faust, pytest' 2>/dev/null || [ pyproject.toml -nt .venv/.installed ]; then
  echo "bootstrap: installing wirewatch and its dev dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch .venv/.installed
fi
