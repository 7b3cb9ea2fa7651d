#!/usr/bin/env bash
# Sets up what tests/python needs: a virtual environment with the pinned packages of
# tests/python/requirements.txt (from PyPI: maturin, pyspark, pyarrow, duckdb, selenium, ...),
# Debian's chromium + chromium-driver (apt-get), which selenium drives headless, and Debian's
# openjdk-17-jre-headless when `java` is missing (pyspark runs on it). Reuses the environment
# when its requirements are unchanged.
#
#   scripts/setup-python-env.sh            # set up, print nothing else
#   scripts/setup-python-env.sh --print-env  # also print `export` lines to eval
#
# The environment lives in $QUOTESMITH_VENV (default ~/.cache/quotesmith/venv).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
req="$root/tests/python/requirements.txt"
venv="${QUOTESMITH_VENV:-$HOME/.cache/quotesmith/venv}"

apt_updated=
apt_install() {
    echo "setup-python-env: installing $* (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "$apt_updated" ]; then
        apt-get update -qq >&2
        apt_updated=1
    fi
    apt-get install -y -qq --no-install-recommends "$@" >&2
}

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
fi
if ! command -v java >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless
fi

stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$req" "$stamp"; then
    echo "setup-python-env: creating $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
    cp "$req" "$stamp"
fi

if [ "${1:-}" = "--print-env" ]; then
    echo "export QUOTESMITH_VENV='$venv'"
    echo "export PATH='$venv/bin':\"\$PATH\""
fi
