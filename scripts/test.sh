#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, service,
# integration and, when ../shared/corpus is beside the checkout, the
# extraction-quality gate). Exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
cd "${ACCORD_BUILD_DIR:-build}"
ctest --output-on-failure --timeout 600 -j "$(nproc)"
