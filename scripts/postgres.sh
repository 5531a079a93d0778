#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests, on 127.0.0.1 only, trust auth, in a temp dir.
#   scripts/postgres.sh start        prints DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/parallax
#   scripts/postgres.sh stop         stops the cluster and deletes its folder
#   scripts/postgres.sh status       says whether it runs, and its URL
#   scripts/postgres.sh run CMD...   start, run CMD with DATABASE_URL exported, stop (even on failure)
# Use: eval "$(scripts/postgres.sh start)"; export DATABASE_URL
set -euo pipefail

STATE="${PARALLAX_PG_STATE:-${TMPDIR:-/tmp}/parallax-postgres.state}"
DB_NAME=parallax

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null && dir="$(pg_config --bindir 2>/dev/null)" && [[ -x "$dir/initdb" ]]; then
    echo "$dir"; return
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  return 1
}

ensure_postgres() {
  local dir
  if dir="$(find_bindir)"; then echo "$dir"; return; fi
  [[ "$(id -u)" == 0 ]] || { say "PostgreSQL is not installed; install the 'postgresql' package"; exit 1; }
  say "installing PostgreSQL from the system packages"
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  find_bindir || { say "PostgreSQL was installed but initdb is still missing"; exit 1; }
}

# initdb refuses to run as root: as root, run the server as the 'postgres' system user.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"
    else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port="${PARALLAX_PG_PORT:-54329}"
  for _ in $(seq 1 200); do
    if port_free "$port"; then echo "$port"; return; fi
    port=$((port + 1))
  done
  say "no free port found from ${PARALLAX_PG_PORT:-54329}"; exit 1
}

url_for() { echo "postgresql://postgres@127.0.0.1:$1/$DB_NAME"; }

running() {
  [[ -f "$STATE" ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE"
  as_owner "$BINDIR/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then
    say "already running in $DIR"
    echo "DATABASE_URL=$(url_for "$PORT")"
    return
  fi
  local bindir dir port
  bindir="$(ensure_postgres)"
  if [[ "$(id -u)" == 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/parallax-pg.XXXXXX")"
  chmod 700 "$dir"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$dir"
  port="$(pick_port)"
  printf 'DIR=%q\nPORT=%q\nBINDIR=%q\n' "$dir" "$port" "$bindir" >"$STATE"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
    || { say "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { say "the server did not start:"; cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  say "running in $dir on 127.0.0.1:$port"
  echo "DATABASE_URL=$(url_for "$port")"
}

stop() {
  [[ -f "$STATE" ]] || { say "no cluster to stop"; return; }
  # shellcheck disable=SC1090
  source "$STATE"
  as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  case "$DIR" in
    "${TMPDIR:-/tmp}"/parallax-pg.*) rm -rf -- "$DIR" ;;
    *) say "not deleting unexpected folder $DIR" ;;
  esac
  rm -f -- "$STATE"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running; then echo "running: DATABASE_URL=$(url_for "$PORT")"; else echo "not running"; exit 1; fi ;;
  run)
    shift
    [[ $# -gt 0 ]] || { say "usage: $0 run COMMAND..."; exit 2; }
    line="$(start)"
    trap stop EXIT
    export DATABASE_URL="${line#DATABASE_URL=}"
    "$@" ;;
  *) echo "usage: $0 start|stop|status|run COMMAND..." >&2; exit 2 ;;
esac
