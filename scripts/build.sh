#!/usr/bin/env bash
# Configures and builds Accord into build/ (RelWithDebInfo, Ninja). The
# compiler's output goes to build/build.log and is shown when the build fails.
# Usage: scripts/build.sh [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${ACCORD_BUILD_DIR:-build}"
mkdir -p "$BUILD_DIR"
start=$(date +%s)
if ! { cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" &&
       cmake --build "$BUILD_DIR" -j "$(nproc)"; } >"$BUILD_DIR/build.log" 2>&1; then
  tail -n 60 "$BUILD_DIR/build.log"
  echo "build failed; full log: $BUILD_DIR/build.log" >&2
  exit 1
fi
echo "built in $(( $(date +%s) - start )) s ($BUILD_DIR)"
