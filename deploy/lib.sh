# Shared helpers for the deploy scripts. Source it: . "$(dirname "$0")/lib.sh"
# Everything here uses host networking or 127.0.0.1 only.

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$DEPLOY_DIR/.." && pwd)"
export CONTAINERS_CONF="$DEPLOY_DIR/containers.conf"

BASE_IMAGE="docker.io/library/debian:bookworm-slim"
INGEST_IMAGE="${ACCORD_INGEST_IMAGE:-localhost/accord-ingest:dev}"
QUERY_IMAGE="${ACCORD_QUERY_IMAGE:-localhost/accord-query:dev}"
# runc plus ulimits at or below the host's hard limits: the only combination
# the sandbox accepts (crun fails on the hybrid cgroup layout).
PODMAN=(podman --runtime runc)
ULIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=20000:20000)

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { echo "FAIL: $*" >&2; exit 1; }

# skip REASON: exit 0 with the SKIPPED line ctest looks for.
skip() { echo "SKIPPED: $*"; exit 0; }

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# require_podman: skip (exit 0) when podman is missing or cannot run a
# container at all on this machine; anything after this that fails is a failure.
require_podman() {
  command -v podman >/dev/null 2>&1 ||
    skip "podman is not installed (bash deploy/install_container_tools.sh)"
  local out
  out=$(podman info 2>&1 >/dev/null) || skip "podman does not work on this machine: $(echo "$out" | tail -n 2 | tr '\n' ' ')"
  ensure_base_image
  if ! out=$("${PODMAN[@]}" run --rm --no-healthcheck --network=host "${ULIMITS[@]}" "$BASE_IMAGE" true 2>&1); then
    skip "podman cannot run containers on this machine: $(echo "$out" | tail -n 2 | tr '\n' ' ')"
  fi
}

# ensure_base_image: makes debian:bookworm-slim locally (no registry is
# reachable): debootstrap minbase, then podman import. Cached in podman's store.
ensure_base_image() {
  if podman image exists "$BASE_IMAGE"; then return 0; fi
  command -v debootstrap >/dev/null 2>&1 ||
    skip "debootstrap is not installed (bash deploy/install_container_tools.sh)"
  local rootfs start
  rootfs=$(mktemp -d /tmp/accord-rootfs.XXXXXX)
  start=$(date +%s)
  log "making $BASE_IMAGE with debootstrap (a minute or two, cached afterwards)"
  if ! debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$rootfs.log" 2>&1; then
    tail -n 20 "$rootfs.log" >&2
    rm -rf "$rootfs" "$rootfs.log"
    skip "debootstrap could not make the base image (no Debian mirror reachable?)"
  fi
  # As slim as Debian's image: no apt lists, docs or man pages.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  # The same PATH and CMD as Debian's published image (an import has no config).
  tar -C "$rootfs" -c . | podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
  log "base image ready in $(( $(date +%s) - start )) s"
}

# build_images: both service images from deploy/Dockerfile. Both builds use
# one snapshot of the sources (git's tracked and untracked, non-ignored files),
# so the second build reuses the first one's compile layer even if files in
# the checkout change meanwhile. --format docker keeps the HEALTHCHECK (the
# OCI format has no field for it).
build_images() {
  local start target image ctx
  ctx=$(mktemp -d /tmp/accord-context.XXXXXX)
  if git -C "$REPO_DIR" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$REPO_DIR" && git ls-files -co --exclude-standard -z |
       tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$ctx" -xf -
  else
    tar -C "$REPO_DIR" --exclude='./build*' --exclude=node_modules --exclude=.git -cf - . | tar -C "$ctx" -xf -
  fi
  cp "$REPO_DIR/.containerignore" "$ctx/" 2>/dev/null || true
  for target in ingest query; do
    image=$INGEST_IMAGE; [ "$target" = query ] && image=$QUERY_IMAGE
    start=$(date +%s)
    log "building $image (target $target)"
    if ! "${PODMAN[@]}" build --pull=never --network=host --format docker "${ULIMITS[@]}" \
        --target "$target" -t "$image" -f "$DEPLOY_DIR/Dockerfile" "$ctx"; then
      rm -rf "$ctx"
      die "podman build of $image failed"
    fi
    log "built $image in $(( $(date +%s) - start )) s, $(podman image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
  done
  rm -rf "$ctx"
}

# images_exist: both images already built (tests reuse them when asked).
images_exist() { podman image exists "$INGEST_IMAGE" && podman image exists "$QUERY_IMAGE"; }

# wait_until DEADLINE_SECONDS DESCRIPTION CMD...: retries CMD every 0.5 s.
wait_until() {
  local limit=$1 what=$2; shift 2
  local end=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then die "timed out after ${limit}s waiting for $what"; fi
    sleep 0.5
  done
}
