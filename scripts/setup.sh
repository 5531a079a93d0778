#!/usr/bin/env bash
# Create .venv and install Parallax (CPU torch first); pass --dev for the test tools too.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=requirements.txt
[[ "${1:-}" == "--dev" ]] && requirements=requirements-dev.txt
[[ -x .venv/bin/python ]] || python3 -m venv .venv
stamp=".venv/.installed-$(cat requirements*.txt pyproject.toml | sha256sum | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --retries 0 \
    --extra-index-url https://download.pytorch.org/whl/cpu torch==2.13.0+cpu
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi
# Compare the sample event once now, so a newcomer's first page draws from it in seconds (see components/runner.py).
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python -m components.runner 2>/dev/null \
  || echo "setup: the sample event was not compared ahead; the app's first page will compare it" >&2
