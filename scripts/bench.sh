#!/usr/bin/env bash
# The performance bench of issue 18: prints figure, baseline in the same run, and ratio. Not part of any test run.
#
#   scripts/bench.sh [p3] [p2] [p1]    (no argument: p3 and p2)
#
# Starts a throwaway Samba AD DC and PostgreSQL on loopback like scripts/test.sh (as root; reuses a DC given by
# GMSA_LAB_DIR), builds the jar if it is missing or older than the sources, and then:
#   p3  runs the jar on PostgreSQL with the lab DC as its directory and has the JDK-only load client
#       (src/test/java/org/gmsaportal/bench/PageLoad.java) sign in BENCH_USERS (50) people and fetch each page for
#       BENCH_SECONDS (30) s; baseline: a static asset fetched the same way.
#   p1  a portal run of the full identity set (group, gMSA, portable user, membership, retrieval proof) against raw
#       ldapadd/ldapmodify of the same objects and samba-tool, BENCH_ROUNDS (7) interleaved rounds (RunPaceBenchmark,
#       Maven profile bench, the portal in process on H2 with the lab DC).
#   p2  chained audit append at 1 and 16 threads vs a plain INSERT, then verify and the audit filters at
#       BENCH_ROWS (1,000,000) events (AuditScaleBenchmark, Maven profile bench).
# GMSA_LAB_IP and GMSA_TEST_POSTGRES_PORT choose the addresses, as for scripts/test.sh; BENCH_PORT the portal's;
# BENCH_JAR a jar to measure instead of this checkout's (before/after figures); BENCH_MAVEN_ARGS more arguments for
# p2's Maven run (e.g. -Dspring.flyway.target=23 to measure without the audit indexes of V26).
set -euo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(p3 p2)
users=${BENCH_USERS:-50}
seconds=${BENCH_SECONDS:-30}
rows=${BENCH_ROWS:-1000000}
port=${BENCH_PORT:-18080}

work=$(mktemp -d /tmp/gmsa-bench.XXXXXX)
chmod 755 "$work"
started_dc=false
portal_pid=
cleanup() {
	if [ -n "$portal_pid" ]; then kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; fi
	if $started_dc; then scripts/lab-dc.sh stop "$GMSA_LAB_DIR" || true; fi
	scripts/lab-postgres.sh stop "$work/postgres" || true
	rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${GMSA_LAB_DIR:-}" ] && [ -e "$GMSA_LAB_DIR/samba.pid" ] && kill -0 "$(cat "$GMSA_LAB_DIR/samba.pid")" 2>/dev/null; then
	echo "bench: reusing the lab DC in $GMSA_LAB_DIR"
else
	export GMSA_LAB_DIR="$work/dc"
	echo "bench: provisioning the lab DC in $GMSA_LAB_DIR"
	scripts/lab-dc.sh start "$GMSA_LAB_DIR" >/dev/null
	started_dc=true
fi
set -a
. "$GMSA_LAB_DIR/lab.env"
set +a

start_postgres() {
	scripts/lab-postgres.sh stop "$work/postgres" >/dev/null 2>&1 || true
	scripts/lab-postgres.sh start "$work/postgres" >/dev/null
	set -a
	. "$work/postgres/postgres.env"
	set +a
}

# BENCH_JAR runs another build (e.g. of an older commit, for before/after figures) instead of this checkout's.
jar() { echo "${BENCH_JAR:-$(ls target/gmsa-portal-*.jar 2>/dev/null | grep -v plain | head -1 || true)}"; }

build_jar() {
	local built
	built=$(jar)
	if [ -n "${BENCH_JAR:-}" ]; then return; fi
	if [ -z "$built" ] || [ -n "$(find src/main db frontend pom.xml -newer "$built" -type f | head -1)" ]; then
		echo "bench: building the jar"
		./mvnw -q -B -Dmaven.test.skip=true package
	fi
}

p3() {
	build_jar
	start_postgres
	local admin_password
	admin_password="bench-$(openssl rand -hex 8)"
	openssl genpkey -algorithm ed25519 -out "$work/checkpoint-key.pem" 2>/dev/null
	openssl pkey -in "$work/checkpoint-key.pem" -pubout >> "$work/checkpoint-key.pem"
	echo "bench: starting the portal on port $port"
	SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 LOG_FORMAT= \
		SPRING_DATASOURCE_URL=$GMSA_TEST_POSTGRES_URL SPRING_DATASOURCE_USERNAME=$GMSA_TEST_POSTGRES_USER \
		SPRING_DATASOURCE_PASSWORD=$GMSA_TEST_POSTGRES_PASSWORD PORTAL_ADMIN_PASSWORD=$admin_password \
		GMSA_AUDIT_CHECKPOINT_KEY="bench-$(openssl rand -hex 24)" GMSA_AUDIT_CHECKPOINT_DIRECTORY="$work/checkpoints" \
		GMSA_AUDIT_CHECKPOINT_SIGNING_KEY_FILE="$work/checkpoint-key.pem" \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_USER=$GMSA_LAB_DOMAIN_ADMIN \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_PASSWORD=$GMSA_LAB_DOMAIN_ADMIN_PASSWORD \
		java -jar "$(jar)" >"$work/portal.log" 2>&1 &
	portal_pid=$!
	local started=$SECONDS
	until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
		kill -0 "$portal_pid" 2>/dev/null || { tail -30 "$work/portal.log" >&2; echo "bench: portal exited" >&2; exit 1; }
		if [ $((SECONDS - started)) -gt 600 ]; then
			tail -30 "$work/portal.log" >&2
			echo "bench: portal not UP after 600 s" >&2
			exit 1
		fi
		sleep 0.5
	done
	echo "bench: portal UP after $((SECONDS - started)) s"
	java src/test/java/org/gmsaportal/bench/PageLoad.java "http://127.0.0.1:$port" admin "$admin_password" \
		"$users" "$seconds" /assets/app.css /wizard /dashboards /runs /audit
	kill "$portal_pid"
	wait "$portal_pid" 2>/dev/null || true
	portal_pid=
}

p1() {
	./mvnw -q -B test -Pbench -Dtest=RunPaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rounds="${BENCH_ROUNDS:-7}" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -E '^\||^P1|ERROR|FAIL' || true
}

p2() {
	start_postgres
	./mvnw -q -B test -Pbench -Dtest=AuditScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rows="$rows" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -v '^\s*$' | grep -E '^\||^P2|generated|ERROR|FAIL' || true
}

echo "bench: $(nproc) CPUs, $(free -m | awk '/Mem:/ {print $2}') MiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
for part in "${parts[@]}"; do
	case "$part" in
		p3) p3 ;;
		p2) p2 ;;
		p1) p1 ;;
		*) echo "bench: unknown part $part (p3, p2)" >&2; exit 2 ;;
	esac
done
