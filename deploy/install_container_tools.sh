#!/usr/bin/env bash
# Installs what the container tests need: podman (with runc: crun cannot run
# here, see deploy/README.md), debootstrap to make the base image locally, and
# podman-compose; netavark and aardvark-dns so compose services resolve each
# other by name (podman only recommends them). Idempotent: calls apt-get only for packages that are missing.
set -euo pipefail

PACKAGES=(podman runc catatonit netavark aardvark-dns debootstrap podman-compose)

missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install_container_tools: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install_container_tools: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
