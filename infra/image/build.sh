#!/usr/bin/env bash
# Builds the Liaison image (localhost/liaison:latest by default) with podman, offline: the Debian base
# images (base.sh) and this machine's pnpm store for the packages.
#   bash infra/image/build.sh [tag]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
tag="${1:-localhost/liaison:latest}"
bash "$here/base.sh"
# `pnpm store path` ends in the store layout version (v10); pnpm adds it to store-dir itself.
store="$(dirname "$(cd "$root" && pnpm store path)")"
# --format docker: the OCI format has no HEALTHCHECK.
podman build --format docker -f "$here/Containerfile" -v "$store:/pnpm/store" -t "$tag" "$root"
# Untagged images of this Containerfile: the build stage's, and earlier builds of the tag.
podman image prune --force --filter label=io.liaison.stage >/dev/null
echo "built $tag ($(podman image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1e6}'))"
