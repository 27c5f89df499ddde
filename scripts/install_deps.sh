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

# Tools the test suite drives: clang with libFuzzer and the sanitizer
# runtimes (fuzz and sanitizer builds), iproute2 (network-namespace fault
# tests), openssl (test certificates), procps.
TEST_TOOLS=(clang libclang-rt-14-dev iproute2 openssl procps)

bash "$(dirname "$0")/apt_install_missing.sh" --who install_deps "${PACKAGES[@]}" "${TEST_TOOLS[@]}"

# Clients used by the tests from outside C++ (Python, Node from npm).
bash "$(dirname "$0")/install_client_deps.sh"

# Container tools for the deploy tests (podman, runc, debootstrap, podman-compose);
# without them those tests report SKIPPED and the rest still runs.
if ! bash "$(dirname "$0")/../deploy/install_container_tools.sh"; then
  echo "install_deps: container tools not installed; the deploy tests will skip" >&2
fi
