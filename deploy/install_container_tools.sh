#!/usr/bin/env bash
# Installs what the container tests need: podman (with runc: crun cannot run
# here, see deploy/README.md), debootstrap to make the base image locally, and
# podman-compose; netavark and aardvark-dns so compose services resolve each
# other by name (podman only recommends them). Idempotent: calls apt-get only for packages that are missing.
set -euo pipefail

PACKAGES=(podman runc catatonit netavark aardvark-dns debootstrap podman-compose)

bash "$(dirname "$0")/../scripts/apt_install_missing.sh" --who install_container_tools "${PACKAGES[@]}"
