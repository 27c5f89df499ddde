#!/bin/sh
# Runs one of the Node client tests with the node_modules that
# scripts/install_client_deps.sh installed. Never downloads anything: when
# node or the modules are missing it fails with what to run.
#   run_node_test.sh SCRIPT.js ARGS...
dir="$(cd "$(dirname "$0")" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node is not installed (need node >= 18 for the Node client tests); run scripts/install_client_deps.sh"
  exit 1
fi
for m in @grpc/grpc-js grpc-reflection-js protobufjs; do
  if ! (cd "$dir" && node -e "require.resolve('$m')" >/dev/null 2>&1); then
    echo "FAIL: node module $m is missing in $dir/node_modules; run scripts/install_client_deps.sh"
    exit 1
  fi
done
script="$1"
shift
exec node "$dir/$script" "$@"
