#!/usr/bin/env bash
# Installs what the client tests in tests/clients need, and nothing that is
# already there (idempotent; safe to run on every build):
#   - Debian packages for the Python client (Debian's python3-grpcio and
#     python3-protobuf, run with /usr/bin/python3) and its stub generation
#     (protoc, grpc_python_plugin, grpc-proto's health.proto);
#   - node and npm, when the commands are missing (Debian's nodejs/npm);
#   - tests/clients/node/node_modules, with `npm ci`, when it is missing or
#     was installed from another package-lock.json.
# The tests themselves never download anything.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE_DIR="$ROOT/tests/clients/node"

apt_install() {
  bash "$ROOT/scripts/apt_install_missing.sh" --who install_client_deps "$@"
}

# --- Debian packages
PACKAGES=(python3 python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev grpc-proto)
apt_install "${PACKAGES[@]}"

# --- node and npm: by command, since a NodeSource nodejs ships npm itself and
# conflicts with Debian's npm package.
if ! command -v node >/dev/null 2>&1; then apt_install nodejs; fi
if ! command -v npm >/dev/null 2>&1; then apt_install npm; fi

# --- tests/clients/node/node_modules, pinned by package-lock.json
lock="$NODE_DIR/package-lock.json"
stamp="$NODE_DIR/node_modules/.accord-package-lock.sha256"
want="$(sha256sum "$lock" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ "$want" != "$have" ] || [ ! -d "$NODE_DIR/node_modules/@grpc/grpc-js" ] ||
   [ ! -d "$NODE_DIR/node_modules/grpc-reflection-js" ]; then
  echo "install_client_deps: npm ci in tests/clients/node"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

echo "install_client_deps: ok (${#PACKAGES[@]} Debian packages, node $(node --version), npm, tests/clients/node/node_modules)"
