#!/usr/bin/env bash
# Builds both images from deploy/Dockerfile (making debian:bookworm-slim
# locally first if it is missing) and checks what they are: non-root user,
# /data volume, HEALTHCHECK, entrypoint, port, and that every shared library
# the binaries need is in the runtime image. ctest's deploy_images fixture.
# Exit 0 on success, 0 with "SKIPPED: reason" when podman cannot run here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

require_podman
build_images

check_image() {
  local image=$1 binary=$2 port=$3 cfg
  cfg=$(podman image inspect "$image" --format \
    '{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Volumes}}|{{json .Config.ExposedPorts}}|{{json .Config.Env}}')
  log "$image: $cfg"
  IFS='|' read -r user entrypoint volumes ports env <<<"$cfg"
  [ "$user" = "10001:10001" ] || die "$image: user is '$user', want 10001:10001"
  [ "$entrypoint" = "[\"/usr/local/bin/$binary\"]" ] || die "$image: entrypoint $entrypoint"
  grep -q '"/data"' <<<"$volumes" || die "$image: no /data volume: $volumes"
  grep -q "\"$port/tcp\"" <<<"$ports" || die "$image: port $port not exposed: $ports"
  grep -q "ACCORD_LISTEN=0.0.0.0:$port" <<<"$env" || die "$image: ACCORD_LISTEN is not 0.0.0.0:$port: $env"
  local hc
  hc=$(podman image inspect "$image" --format '{{json .HealthCheck}}' 2>/dev/null || true)
  [ -z "$hc" ] || [ "$hc" = null ] && hc=$(podman image inspect "$image" --format '{{json .Config.Healthcheck}}' 2>/dev/null || true)
  grep -q accord-health-probe <<<"$hc" || die "$image: no HEALTHCHECK with accord-health-probe: $hc"
  # Every library resolves, and the user really is not root.
  local out
  out=$("${PODMAN[@]}" run --rm --no-healthcheck --network=none "${ULIMITS[@]}" --entrypoint /bin/sh "$image" -c \
    'id -u; for b in /usr/local/bin/*; do ldd "$b"; done | grep "not found" || true') ||
    die "$image: cannot run a shell in it"
  [ "$(head -n 1 <<<"$out")" = 10001 ] || die "$image: runs as uid $(head -n 1 <<<"$out")"
  ! grep -q "not found" <<<"$out" || die "$image: missing libraries: $out"
}
check_image "$INGEST_IMAGE" accord-ingest 50051
check_image "$QUERY_IMAGE" accord-query 50052
podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'accord-(ingest|query)|debian' || true
echo "PASS: images built and checked"
