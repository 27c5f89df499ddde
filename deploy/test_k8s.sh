#!/usr/bin/env bash
# deploy/k8s: `kubectl kustomize` must render; the rendered objects are
# checked (k8s_check.py: gRPC probes, non-root, read-only root, requests and
# limits, PVC for the single writer, emptyDir replicas, HPA, PDB, headless
# Service; images, ports, user and env-var flags agree with deploy/Dockerfile
# and the binaries' --helpfull). Then the rendered workloads run under
# `podman kube play` (the ingest StatefulSet as its Pod + PVC, the query
# Deployment as two single-replica Deployments, host network on 127.0.0.1):
# both replicas catch up, an article ingested through the ingest pod is read
# back from each replica, and every container exits 0 on SIGTERM.
# Exit 0 on success; 0 with "SKIPPED: reason" when podman cannot run here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d /tmp/accord-k8s.XXXXXX)
PLAY="$tmp/play.yaml"
cleanup() {
  local rc=$?
  if [ $rc -ne 0 ] && [ -s "$PLAY" ]; then
    for c in $(podman ps -a --filter "label=io.kubernetes.pod.name" --format '{{.Names}}' 2>/dev/null | grep "^$PREFIX" || true); do
      echo "--- logs of $c" >&2; podman logs --tail 30 "$c" >&2 || true
    done
  fi
  if [ -s "$PLAY" ]; then timeout 120 podman kube down "$PLAY" >/dev/null 2>&1 || true; fi
  podman pod ls -q --filter "name=^${PREFIX:-none}" 2>/dev/null | xargs -r podman pod rm -f -t 0 >/dev/null 2>&1 || true
  podman volume ls -q 2>/dev/null | grep "^${PREFIX:-none}" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT

# 1. Render (no API server needed).
command -v kubectl >/dev/null 2>&1 || die "kubectl is not installed"
kubectl kustomize "$DEPLOY_DIR/k8s" >"$tmp/rendered.yaml" || die "kubectl kustomize deploy/k8s failed"
echo "rendered: $(grep -c '^kind:' "$tmp/rendered.yaml") objects ($(grep '^kind:' "$tmp/rendered.yaml" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $3; sep=", "}'))"
# ACCORD_INGEST_IMAGE / ACCORD_QUERY_IMAGE (to test other builds) replace the kustomization's images.
for pair in "localhost/accord-ingest:dev=$INGEST_IMAGE" "localhost/accord-query:dev=$QUERY_IMAGE"; do
  from=${pair%%=*} to=${pair#*=}
  if [ "$from" != "$to" ]; then
    echo "testing with $to instead of $from"
    sed -i "s|image: $from\$|image: $to|" "$tmp/rendered.yaml"
  fi
done
python3 -c 'import yaml' 2>/dev/null || die "python3-yaml is missing (apt-get install python3-yaml)"

# 2. Check the rendered objects against the Dockerfile and the services' flags:
# from the build's binaries when ctest passes them (so this part runs even
# where podman cannot), else from the images. absl's --helpfull exits 1.
if [ -x "${ACCORD_INGEST_BIN:-}" ] && [ -x "${ACCORD_QUERY_BIN:-}" ]; then
  "$ACCORD_INGEST_BIN" --helpfull >"$tmp/ingest.flags" 2>&1 || true
  "$ACCORD_QUERY_BIN" --helpfull >"$tmp/query.flags" 2>&1 || true
else
  require_podman
  images_exist || build_images
  "${PODMAN[@]}" run --rm --no-healthcheck --network=none "${ULIMITS[@]}" "$INGEST_IMAGE" --helpfull >"$tmp/ingest.flags" 2>&1 || true
  "${PODMAN[@]}" run --rm --no-healthcheck --network=none "${ULIMITS[@]}" "$QUERY_IMAGE" --helpfull >"$tmp/query.flags" 2>&1 || true
fi
grep -q -- "--data_dir" "$tmp/ingest.flags" && grep -q -- "--ingest" "$tmp/query.flags" ||
  die "could not read the services' flags"
python3 "$DEPLOY_DIR/k8s_check.py" check "$tmp/rendered.yaml" "$DEPLOY_DIR/Dockerfile" \
  "$INGEST_IMAGE" "$QUERY_IMAGE" "$tmp/ingest.flags" "$tmp/query.flags" || die "rendered objects failed the checks"
# The checker itself catches a broken manifest.
sed 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/; s/^\( *\)grpc:$/\1tcpSocket:/' \
  "$tmp/rendered.yaml" >"$tmp/broken.yaml"
if python3 "$DEPLOY_DIR/k8s_check.py" check "$tmp/broken.yaml" "$DEPLOY_DIR/Dockerfile" \
     "$INGEST_IMAGE" "$QUERY_IMAGE" "$tmp/ingest.flags" "$tmp/query.flags" >/dev/null; then
  die "k8s_check.py accepted a manifest without gRPC probes and with a writable root"
fi

# 3. Run the rendered workloads with podman kube play.
require_podman
images_exist || build_images
PREFIX="k8stest$$-"
INGEST_PORT=$(free_port); Q0=$(free_port); Q1=$(free_port)
python3 "$DEPLOY_DIR/k8s_check.py" play "$tmp/rendered.yaml" "$PREFIX" "$INGEST_PORT" "$Q0" "$Q1" >"$PLAY"
start=$(date +%s)
out=$(timeout 180 podman kube play "$PLAY" 2>&1) || { echo "$out" >&2; die "podman kube play failed"; }
log "kube play started $(grep -c '^kind:' "$PLAY") objects in $(( $(date +%s) - start )) s"

containers=$(podman ps -a --format '{{.Names}}' | grep "^$PREFIX" | grep -v -- '-infra$' || true)
INGEST_C=$(grep "accord-ingest-0" <<<"$containers" | head -n 1)
QUERY_CS=$(grep "accord-query-r" <<<"$containers" | sort)
[ -n "$INGEST_C" ] && [ "$(wc -l <<<"$QUERY_CS")" = 2 ] || die "unexpected containers: $containers"
echo "containers: $INGEST_C" $QUERY_CS

healthy() {
  podman healthcheck run "$1" >/dev/null 2>&1 || return 1
  [ "$(podman inspect -f '{{.State.Health.Status}}' "$1")" = healthy ]
}
wait_until 90 "$INGEST_C to be healthy" healthy "$INGEST_C"
for c in $QUERY_CS; do wait_until 120 "$c to catch up and be healthy" healthy "$c"; done
log "all pods healthy $(( $(date +%s) - start )) s after kube play"

# What the securityContext promised: uid 10001, read-only root, writable /data.
for c in "$INGEST_C" $QUERY_CS; do
  uid=$(podman exec "$c" id -u)
  [ "$uid" = 10001 ] || die "$c runs as uid $uid"
  if podman exec "$c" touch /should-fail 2>/dev/null; then die "$c: the root filesystem is writable"; fi
  podman exec "$c" sh -c 'ls /data | grep -q .' || die "$c: nothing in /data"
  out=$(podman exec "$c" /usr/local/bin/accord-health-probe --addr="127.0.0.1:$(podman exec "$c" printenv ACCORD_LISTEN | cut -d: -f2)") ||
    die "probe in $c: $out"
  echo "$c: uid $uid, read-only root, $out"
done

# Ingest through the ingest pod; read back from each query replica.
cli() {
  "${PODMAN[@]}" run --rm --no-healthcheck --network=host "${ULIMITS[@]}" -v "$REPO_DIR/samples/articles:/samples:ro" \
    --entrypoint /usr/local/bin/accord "$INGEST_IMAGE" "$@"
}
out=$(cli ingest --target "127.0.0.1:$INGEST_PORT" /samples/05_trilateral_laos.json) || die "accord ingest failed: $out"
echo "$out"
seq=$(sed -n 's/.*last sequence \([0-9][0-9]*\).*/\1/p' <<<"$out")
grep -q "^ingested 1," <<<"$out" && [ -n "$seq" ] || die "unexpected ingest summary: $out"
for qport in "$Q0" "$Q1"; do
  out=$(cli list articles --query_target "127.0.0.1:$qport" --min_sequence "$seq" --timeout 30s) ||
    die "accord list articles on replica 127.0.0.1:$qport failed"
  [ "$(grep -c '"name"' <<<"$out")" = 1 ] || die "replica $qport: want 1 article, got: $out"
  n=$(cli list officials --query_target "127.0.0.1:$qport" --min_sequence "$seq" --timeout 30s | grep -c '"name"' || true)
  echo "replica 127.0.0.1:$qport: 1 article, $n officials"
done

# SIGTERM (podman stop sends the stop signal, SIGKILL after 30 s): all exit 0.
for c in $QUERY_CS "$INGEST_C"; do
  t0=$(date +%s%N)
  timeout 60 podman stop -t 30 "$c" >/dev/null || die "podman stop $c failed"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  code=$(podman inspect -f '{{.State.ExitCode}}' "$c")
  echo "$c: exit $code after SIGTERM in $ms ms"
  [ "$code" = 0 ] || die "$c exited $code"
done
timeout 120 podman kube down "$PLAY" >/dev/null || die "podman kube down failed"
echo "PASS: k8s"
