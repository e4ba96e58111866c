#!/usr/bin/env bash
# The performance bench of issue 18: prints figure, baseline in the same run, and ratio. Not part of any test run.
#
#   scripts/bench.sh [p3] [p2] [p1] [p4]    (no argument: p3, p2 and p4)
#
# Starts a throwaway Samba AD DC and PostgreSQL on loopback like scripts/test.sh (as root; reuses a DC given by
# GMSA_LAB_DIR), builds the jar if it is missing or older than the sources, and then:
#   p3  runs the jar on PostgreSQL with the lab DC as its directory and has the JDK-only load client
#       (src/test/java/org/gmsaportal/bench/PageLoad.java) sign in BENCH_USERS (50) people and fetch each page for
#       BENCH_SECONDS (30) s; baseline: a static asset fetched the same way.
#       The portal runs with the image's memory settings for a 512 MiB container (BENCH_JAVA_OPTIONS), and its
#       resident set is sampled every second: idle, peak under the load and after it, against that limit.
#   p1  a portal run of the full identity set (group, gMSA, portable user, membership, retrieval proof) against raw
#       ldapadd/ldapmodify of the same objects and samba-tool, BENCH_ROUNDS (7) interleaved rounds (RunPaceBenchmark,
#       Maven profile bench, the portal in process on H2 with the lab DC).
#   p2  chained audit append at 1 and 16 threads vs a plain INSERT, then verify and the audit filters at
#       BENCH_ROWS (1,000,000) events (AuditScaleBenchmark, Maven profile bench).
#   p4  BENCH_STARTS (5) cold starts, interleaved, of the jar (java -jar, the baseline), of the extracted jar, and of
#       the extracted jar with its class data sharing archive through the image's entry point, each to readiness UP
#       on PostgreSQL: wall time (median, min to max), CPU seconds and resident set when ready; and `java -version`.
# GMSA_LAB_IP and GMSA_TEST_POSTGRES_PORT choose the addresses, as for scripts/test.sh; BENCH_PORT the portal's;
# BENCH_JAR a jar to measure instead of this checkout's (before/after figures); BENCH_MAVEN_ARGS more arguments for
# p2's Maven run (e.g. -Dspring.flyway.target=23 to measure without the audit indexes of V26).
set -euo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(p3 p2 p4)
users=${BENCH_USERS:-50}
seconds=${BENCH_SECONDS:-30}
rows=${BENCH_ROWS:-1000000}
port=${BENCH_PORT:-18080}
starts=${BENCH_STARTS:-5}
# The Dockerfile's JAVA_TOOL_OPTIONS, and -XX:MaxRAM standing in for the container's 512 MiB limit (cgroup).
image_options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
java_options=${BENCH_JAVA_OPTIONS:-$image_options -XX:MaxRAM=512m}
limit_mib=512

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
		GMSA_API_SECRET_KEY="bench-$(openssl rand -hex 24)" GMSA_KEYS_DATA_KEY="bench-$(openssl rand -hex 24)" \
		GMSA_AUDIT_CHECKPOINT_SIGNING_KEY_FILE="$work/checkpoint-key.pem" \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_USER=$GMSA_LAB_DOMAIN_ADMIN \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_PASSWORD=$GMSA_LAB_DOMAIN_ADMIN_PASSWORD \
		JAVA_TOOL_OPTIONS="$java_options" java -jar "$(jar)" >"$work/portal.log" 2>&1 &
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
	echo "bench: portal UP after $((SECONDS - started)) s (JAVA_TOOL_OPTIONS=$java_options)"
	local idle sampler
	sleep 5
	idle=$(rss_mib "$portal_pid")
	while kill -0 "$portal_pid" 2>/dev/null; do rss_mib "$portal_pid"; sleep 1; done >"$work/rss.txt" &
	sampler=$!
	java src/test/java/org/gmsaportal/bench/PageLoad.java "http://127.0.0.1:$port" admin "$admin_password" \
		"$users" "$seconds" /assets/app.css /wizard /dashboards /runs /audit
	kill "$sampler"
	wait "$sampler" 2>/dev/null || true
	sleep 5
	printf '| %-44s | %10s | %10s | %8s |\n' "RSS (MiB, limit $limit_mib)" figure limit ratio
	rss_row "P3 RSS idle, 5 s after UP" "$idle"
	rss_row "P3 RSS peak under $users users (1 s samples)" "$(sort -n "$work/rss.txt" | tail -1)"
	rss_row "P3 RSS 5 s after the load" "$(rss_mib "$portal_pid")"
	kill "$portal_pid"
	wait "$portal_pid" 2>/dev/null || true
	portal_pid=
}

p1() {
	./mvnw -q -B test -Pbench -Dtest=RunPaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rounds="${BENCH_ROUNDS:-7}" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -E '^\||^P1|ERROR|FAIL' || true
}

# Resident set of a process in MiB.
rss_mib() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }

rss_row() { printf '| %-44s | %10s | %10s | %7.2fx |\n' "$1" "$2" "$limit_mib" "$(echo "$2 / $limit_mib" | bc -l)"; }

p2() {
	start_postgres
	./mvnw -q -B test -Pbench -Dtest=AuditScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rows="$rows" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -v '^\s*$' | grep -E '^\||^P2|generated|ERROR|FAIL' || true
}

# P4: cold starts to readiness. The extracted layout and its archive are made as the Dockerfile makes them (the jar
# extracted without the launcher, the entry point's training start), so the figures are the image's.
p4() {
	build_jar
	start_postgres
	local app="$work/app" admin_password variant i
	admin_password="bench-$(openssl rand -hex 8)"
	openssl genpkey -algorithm ed25519 -out "$work/checkpoint-key.pem" 2>/dev/null
	openssl pkey -in "$work/checkpoint-key.pem" -pubout >>"$work/checkpoint-key.pem"
	p4_env=(SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 LOG_FORMAT= JAVA_TOOL_OPTIONS="$java_options"
		SPRING_DATASOURCE_URL="$GMSA_TEST_POSTGRES_URL" SPRING_DATASOURCE_USERNAME="$GMSA_TEST_POSTGRES_USER"
		SPRING_DATASOURCE_PASSWORD="$GMSA_TEST_POSTGRES_PASSWORD" PORTAL_ADMIN_PASSWORD="$admin_password"
		GMSA_AUDIT_CHECKPOINT_KEY="bench-$(openssl rand -hex 24)" GMSA_API_SECRET_KEY="bench-$(openssl rand -hex 24)"
		GMSA_KEYS_DATA_KEY="bench-$(openssl rand -hex 24)" GMSA_AUDIT_CHECKPOINT_DIRECTORY="$work/checkpoints"
		GMSA_AUDIT_CHECKPOINT_SIGNING_KEY_FILE="$work/checkpoint-key.pem"
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_USER="$GMSA_LAB_DOMAIN_ADMIN"
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_PASSWORD="$GMSA_LAB_DOMAIN_ADMIN_PASSWORD")
	cp "$(jar)" "$work/gmsa-portal.jar"
	java -Djarmode=tools -jar "$work/gmsa-portal.jar" extract --destination "$app" >/dev/null
	cp src/main/docker/entrypoint.sh "$app/"
	mkdir -p "$work/data"
	echo "bench: p4 first start (migrations, not counted), then the class archive's training start"
	p4_start jar >/dev/null
	(cd "$work" && env "${p4_env[@]}" GMSA_APP_DIR="$app" "$app/entrypoint.sh" --train-class-archive) \
		>"$work/training.log" 2>&1 || { tail -20 "$work/training.log" >&2; exit 1; }
	echo "bench: p4 $starts rounds of jar, extracted, extracted + CDS (JAVA_TOOL_OPTIONS=$java_options)"
	: >"$work/starts.txt"
	for i in $(seq "$starts"); do
		for variant in jar extracted cds; do
			p4_start "$variant" >>"$work/starts.txt"
		done
		TIMEFORMAT="java-version %R %U %S"
		{ time java -version >/dev/null 2>&1; } 2>&1 | awk '{print $1, $2, $3 + $4, 0}' >>"$work/starts.txt"
	done
	p4_table <"$work/starts.txt"
}

# One start of a variant to readiness UP; prints "variant wall-seconds cpu-seconds rss-mib", then stops it.
p4_start() {
	local variant=$1 t0 t1 pid
	local app="$work/app"
	case "$variant" in
		jar) set -- java -jar "$(jar)" ;;
		extracted) set -- java -jar "$app/gmsa-portal.jar" ;;
		cds) set -- env GMSA_APP_DIR="$app" GMSA_DATA_DIR="$work/data" "$app/entrypoint.sh" ;;
	esac
	t0=$(date +%s%N)
	# exec all the way down, so that $! is the JVM itself.
	(cd "$work/data" && exec env "${p4_env[@]}" "$@") >"$work/start.log" 2>&1 &
	pid=$!
	portal_pid=$pid
	until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
		kill -0 "$pid" 2>/dev/null || { tail -30 "$work/start.log" >&2; echo "bench: $variant exited" >&2; exit 1; }
		if [ $(( ($(date +%s%N) - t0) / 1000000000 )) -gt 600 ]; then
			echo "bench: $variant not ready after 600 s" >&2
			exit 1
		fi
		sleep 0.1
	done
	t1=$(date +%s%N)
	# utime + stime of every thread of the JVM, in clock ticks (fields 14 and 15 of /proc/PID/stat).
	awk -v v="$variant" -v wall="$(( (t1 - t0) / 1000000 ))" -v hz="$(getconf CLK_TCK)" -v rss="$(rss_mib "$pid")" \
		'{printf "%s %.2f %.2f %d\n", v, wall / 1000, ($14 + $15) / hz, rss}' "/proc/$pid/stat"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	portal_pid=
}

# Median, min and max per variant, and the ratios of the medians to the plain jar's.
p4_table() {
	awk '
		{ n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; rss[$1, n[$1]] = $4 }
		function median(a, v, k,   i, j, t, x) {
			for (i = 1; i <= k; i++) x[i] = a[v, i]
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
			lo = x[1]; hi = x[k]
			return (k % 2) ? x[(k + 1) / 2] : (x[k / 2] + x[k / 2 + 1]) / 2
		}
		END {
			printf "| %-46s | %8s | %15s | %8s | %7s | %9s | %9s |\n", "P4 start to readiness UP", "wall s", \
				"min to max", "CPU s", "RSS MiB", "wall/jar", "CPU/jar"
			split("jar extracted cds java-version", order, " ")
			name["jar"] = "java -jar (baseline)"; name["extracted"] = "extracted jar"
			name["cds"] = "extracted + AppCDS (image entry point)"; name["java-version"] = "java -version (JVM floor)"
			jw = median(wall, "jar", n["jar"]); jc = median(cpu, "jar", n["jar"])
			for (o = 1; o <= 4; o++) {
				v = order[o]; k = n[v]
				if (!k) continue
				w = median(wall, v, k); wl = lo; wh = hi; c = median(cpu, v, k); r = median(rss, v, k)
				printf "| %-46s | %8.2f | %6.2f to %5.2f | %8.2f | %7s | %8.2fx | %8.2fx |\n", name[v] " (n=" k ")", \
					w, wl, wh, c, (r ? r : "-"), w / jw, c / jc
			}
		}'
}

echo "bench: $(nproc) CPUs, $(free -m | awk '/Mem:/ {print $2}') MiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
for part in "${parts[@]}"; do
	case "$part" in
		p3) p3 ;;
		p2) p2 ;;
		p1) p1 ;;
		p4) p4 ;;
		*) echo "bench: unknown part $part (p3, p2, p1, p4)" >&2; exit 2 ;;
	esac
done
