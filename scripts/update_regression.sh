#!/usr/bin/env bash
# Refreshes the stored regression figures (tests/regression/*.json) from build/twinlab. Run it only when a
# change of results is intended, and say why in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 tests/e2e/test_regression.py build/twinlab . --update
