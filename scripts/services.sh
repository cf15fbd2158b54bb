#!/usr/bin/env bash
# Make sure the services the tests talk to are up: PostgreSQL on 127.0.0.1:5432 and
# Redis on 127.0.0.1:6379. Installs Debian's packages when missing (root, or sudo).
# With CI=true a service that cannot be started is an error; otherwise a warning, and
# the tests that need it skip.
set -u

need_fail() {
  if [ "${CI:-}" = "true" ]; then echo "services: $1 (CI=true: failing)" >&2; exit 1; fi
  echo "services: warning: $1; tests that need it will be skipped" >&2
}

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
fi

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then return 1; fi
  echo "services: installing $* with apt-get" >&2
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }

ensure_postgres() {
  if command -v pg_isready >/dev/null 2>&1 && pg_ready; then return 0; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql || { need_fail "PostgreSQL is not installed and could not be installed"; return; }
  fi
  local ver
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Listen on loopback and let the tests' `postgres` user in with a password (md5/scram).
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 \
    || $SUDO pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  if ! pg_ready; then need_fail "PostgreSQL did not start on 127.0.0.1:5432"; return; fi
  # A fresh install asks for a password on TCP: give `postgres` the one the tests use.
  if command -v runuser >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
  else
    $SUDO -u postgres psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
  fi
}

redis_ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis_ready; then return 0; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server || { need_fail "Redis is not installed and could not be installed"; return; }
  fi
  mkdir -p /tmp/svodka-redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/svodka-redis --logfile /tmp/svodka-redis/redis.log >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do redis_ready && break; sleep 0.5; done
  redis_ready || need_fail "Redis did not start on 127.0.0.1:6379"
}

ensure_postgres
ensure_redis
exit 0
