#!/usr/bin/env bash
# Installs the Debian 12 packages Accord needs to build, test and run.
# Idempotent: calls apt-get only for packages that are missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev libre2-dev libutf8proc-dev libssl-dev libgtest-dev libgmock-dev
  libbenchmark-dev grpc-proto
  python3 python3-grpcio python3-protobuf
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all ${#PACKAGES[@]} packages present"
else
  echo "install_deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Clients used by the tests from outside C++ (Python, Node from npm).
bash "$(dirname "$0")/install_client_deps.sh"

# Container tools for the deploy tests (podman, runc, debootstrap, podman-compose);
# without them those tests report SKIPPED and the rest still runs.
if ! bash "$(dirname "$0")/../deploy/install_container_tools.sh"; then
  echo "install_deps: container tools not installed; the deploy tests will skip" >&2
fi
