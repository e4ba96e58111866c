#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
#
#   scripts/lab-postgres.sh start [DIR]   initdb into DIR, start on port $GMSA_TEST_POSTGRES_PORT (55432)
#   scripts/lab-postgres.sh stop [DIR]    stop it and delete DIR
#
# Writes DIR/postgres.env with GMSA_TEST_POSTGRES_URL, _USER and _PASSWORD. As root, the server runs
# as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

cmd=${1:-}
dir=${2:-${GMSA_TEST_POSTGRES_DIR:-/tmp/gmsa-lab-postgres}}
port=${GMSA_TEST_POSTGRES_PORT:-55432}

die() { echo "lab-postgres: $*" >&2; exit 1; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || die "PostgreSQL server binaries not found: run scripts/install-deps.sh"

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
	rm -rf "$dir"
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	local password
	password="pg-$(openssl rand -hex 12)"
	echo "$password" > "$dir/.pw"
	[ "$(id -u)" = 0 ] && chown postgres "$dir/.pw"
	as_owner "$bin/initdb" -D "$dir/data" -U gmsa --pwfile="$dir/.pw" -A scram-sha-256 >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; die "initdb failed"; }
	rm -f "$dir/.pw"
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" start >/dev/null \
		|| { tail -20 "$dir/server.log" >&2; die "server did not start"; }
	PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U gmsa -d postgres -qc "CREATE DATABASE gmsa_test" \
		|| die "cannot create database"
	umask 077
	cat > "$dir/postgres.env" <<ENV
GMSA_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/gmsa_test
GMSA_TEST_POSTGRES_USER=gmsa
GMSA_TEST_POSTGRES_PASSWORD=$password
ENV
	cat "$dir/postgres.env"
}

stop() {
	if [ -d "$dir/data" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case "$cmd" in
	start) start ;;
	stop) stop ;;
	*) die "usage: $0 start|stop [DIR]" ;;
esac
