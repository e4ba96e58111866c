#!/usr/bin/env bash
# Runs every test: installs what is missing (as root), starts a throwaway Samba AD DC and PostgreSQL on
# loopback, runs ./mvnw -B verify, and stops them again. Extra arguments go to Maven.
#
# A lab DC that is already running (GMSA_LAB_DIR pointing at one started with scripts/lab-dc.sh) is
# reused and left running.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
	scripts/install-deps.sh
fi

work=$(mktemp -d /tmp/gmsa-test.XXXXXX)
# PostgreSQL runs as its own user and must reach its directory inside this one.
chmod 755 "$work"
started_dc=false
cleanup() {
	if $started_dc; then scripts/lab-dc.sh stop "$GMSA_LAB_DIR" || true; fi
	scripts/lab-postgres.sh stop "$work/postgres" || true
	rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${GMSA_LAB_DIR:-}" ] && [ -e "$GMSA_LAB_DIR/samba.pid" ] && kill -0 "$(cat "$GMSA_LAB_DIR/samba.pid")" 2>/dev/null; then
	echo "test.sh: reusing the lab DC in $GMSA_LAB_DIR"
else
	export GMSA_LAB_DIR="$work/dc"
	echo "test.sh: provisioning the lab DC in $GMSA_LAB_DIR"
	scripts/lab-dc.sh start "$GMSA_LAB_DIR" >/dev/null
	started_dc=true
fi

echo "test.sh: starting PostgreSQL"
scripts/lab-postgres.sh start "$work/postgres" >/dev/null
set -a
. "$work/postgres/postgres.env"
set +a

export GMSA_CHROMIUM=${GMSA_CHROMIUM:-/usr/bin/chromium}
./mvnw -B verify "$@"
