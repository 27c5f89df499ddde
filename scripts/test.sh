#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, service,
# integration and, when ../shared/corpus is beside the checkout, the
# extraction-quality gate), then the sanitizer and fuzz step
# (scripts/sanitize_and_fuzz.sh: unit tests under ASan+UBSan, each fuzz
# target for ACCORD_FUZZ_SECONDS). Fails if either fails; ctest's own
# failure status is kept. ACCORD_SANITIZE_AND_FUZZ=0 skips the second step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
status=0
(cd "${ACCORD_BUILD_DIR:-build}" && ctest --output-on-failure --timeout 600 -j "$(nproc)") || status=$?
if [[ "${ACCORD_SANITIZE_AND_FUZZ:-1}" != 0 ]]; then
  if ! bash scripts/sanitize_and_fuzz.sh; then
    echo "test: the sanitizer/fuzz step failed" >&2
    [[ $status -ne 0 ]] || status=1
  fi
fi
exit $status
