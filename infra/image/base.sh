#!/usr/bin/env bash
# The base images of the Liaison image, made from Debian packages only (no registry is reachable here):
#   localhost/liaison-base:bookworm        Debian bookworm minbase + tini + Node.js (the runtime stage)
#   localhost/liaison-build-base:bookworm  the same + pnpm (the build stage)
# Node.js: bookworm's nodejs is 18, the project needs ≥ 20, so the node binary of this machine (a
# Debian package too, glibc-linked) is copied in, and so is its pnpm. Where a registry is reachable,
# any node:20-bookworm-slim image serves as BASE instead (see the Containerfile).
#   bash infra/image/base.sh [--force]          (needs root: debootstrap, podman)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
base=localhost/liaison-base:bookworm
build_base=localhost/liaison-build-base:bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
force="${1:-}"

if [ "$force" != --force ] && podman image exists "$base" && podman image exists "$build_base"; then
  echo "base images present: $base, $build_base"
  exit 0
fi
for tool in debootstrap podman buildah node pnpm; do
  command -v "$tool" >/dev/null || { echo "base.sh: $tool is missing (apt-get install podman buildah runc debootstrap)" >&2; exit 1; }
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "base.sh: node $(node --version) on this machine; the image needs ≥ 20" >&2; exit 1; }

work="$(mktemp -d /var/tmp/liaison-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
echo "debootstrap bookworm (minbase + tini) from $mirror …"
debootstrap --variant=minbase --include=tini,ca-certificates bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; echo "base.sh: debootstrap failed (is the Debian mirror reachable? apt-get update)" >&2; exit 1; }
install -m 0755 "$(command -v node)" "$rootfs/usr/local/bin/node"
# What a runtime image does not need: package caches and lists, documentation, locales.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
  "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin' - "$base" >/dev/null
echo "imported $base ($(chroot "$rootfs" /usr/local/bin/node --version))"

# The build stage also needs pnpm (the version this machine runs, which the lockfile was made with).
pnpm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v pnpm)")")")"
ctr="$(buildah from "$base")"
buildah copy "$ctr" "$pnpm_dir" /usr/local/lib/pnpm >/dev/null
printf '#!/bin/sh\nexec /usr/local/bin/node /usr/local/lib/pnpm/bin/pnpm.cjs "$@"\n' >"$work/pnpm"
chmod 0755 "$work/pnpm"
buildah copy --chmod 0755 "$ctr" "$work/pnpm" /usr/local/bin/pnpm >/dev/null
buildah commit --rm "$ctr" "$build_base" >/dev/null
echo "committed $build_base (pnpm $(pnpm --version))"
