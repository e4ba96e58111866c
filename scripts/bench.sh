#!/usr/bin/env bash
# The performance bench of issue 18: prints figure, baseline in the same run, and ratio. Not part of any test run.
#
#   scripts/bench.sh [p3] [p2] [p1] [p4] [inventory] [inventory-portal] [filing] [export]    (no argument: p3, p2, p4)
#
# Starts a throwaway Samba AD DC and PostgreSQL on loopback like scripts/test.sh (as root; reuses a DC given by
# GMSA_LAB_DIR), builds the jar if it is missing or older than the sources, and then:
#   p3  runs the jar on PostgreSQL with the lab DC as its directory and has the JDK-only load client
#       (src/test/java/org/gmsaportal/bench/PageLoad.java) sign in BENCH_USERS (50) people and fetch each page for
#       BENCH_SECONDS (30) s; baseline: a static asset fetched the same way. It also prints the portal's CPU
#       milliseconds per request of each page, which queueing behind other processes does not inflate.
#       The portal runs with the image's memory settings for a 512 MiB container (BENCH_JAVA_OPTIONS), and its
#       resident set is sampled every second: idle, peak under the load and after it, against that limit.
#   p1  a portal run of the full identity set (group, gMSA, portable user, membership, retrieval proof) against raw
#       ldapadd/ldapmodify of the same objects and samba-tool, BENCH_ROUNDS (7) interleaved rounds after
#       BENCH_WARMUPS (5) warm-up runs of the portal (RunPaceBenchmark, Maven profile bench, the portal in process on
#       H2 with the lab DC).
#   p2  chained audit append at 1 and 16 threads vs a plain INSERT, then verify at BENCH_ROWS (1,000,000) events
#       (AuditScaleBenchmark); every audit filter of the page and the API, /dashboards and /audit for one user, p95
#       against a primary-key lookup, at BENCH_ROWS events (AuditFilterBenchmark; both in Maven profile bench);
#       /dashboards with 5,000 runs in the database beside those events (DashboardsBenchmark).
#   p4  BENCH_STARTS (5) cold starts, interleaved, of BENCH_P4_VARIANTS (below p4()): by default java -jar on Java 17
#       (the baseline), the extracted jar with an AppCDS archive on Java 17 (the image before), and the extracted jar
#       with its AOT cache on Java 25 through the image's entry point (the image), each to readiness UP on
#       PostgreSQL: wall time (median, min to max), CPU seconds and resident set when ready; and `java -version`.
#   filing  the jar as in p3; BENCH_CLIENTS (50) API clients file valid requests with distinct names for
#       BENCH_SECONDS (FilingLoad.java); baselines an authenticated API GET at the same concurrency and what the DC
#       allows: the filing's plan reads issued raw on as many LDAPS sessions (DirectoryReadLoad.java). Prints req/s,
#       p50/p95, answers by status, the LDAP sessions (TLS handshake + bind) opened per filing, where a filing's time
#       goes (directory, audit, the rest) and logged 503s.
#   export  GET /audit/export.csv of BENCH_ROWS events over HTTP on PostgreSQL: time and heap per generation
#       (young peak, old growth, retained) against the same export written in process (AuditExportBenchmark).
# GMSA_LAB_IP and GMSA_TEST_POSTGRES_PORT choose the addresses, as for scripts/test.sh; BENCH_PORT the portal's;
# BENCH_JAR a jar to measure instead of this checkout's (before/after figures); BENCH_MAVEN_ARGS more arguments for
# p2's Maven run (e.g. -Dtest=AuditFilterBenchmark for the filters alone, -Dspring.flyway.target=28 to measure
# without the audit indexes of V29).
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
# And the image's malloc arena cap, which the JVM cannot take as an option.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -n 's/^[[:space:]]*MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' Dockerfile)}
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
# Absolute, because p4 starts it from its data directory.
jar() { realpath -q "${BENCH_JAR:-$(ls target/gmsa-portal-*.jar 2>/dev/null | grep -v plain | head -1 || true)}" || true; }

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
	echo "bench: portal UP after $((SECONDS - started)) s (JAVA_TOOL_OPTIONS=$java_options MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)"
	local idle sampler
	sleep 5
	idle=$(rss_mib "$portal_pid")
	while kill -0 "$portal_pid" 2>/dev/null; do rss_mib "$portal_pid"; sleep 1; done >"$work/rss.txt" &
	sampler=$!
	java -Dportal.pid="$portal_pid" src/test/java/org/gmsaportal/bench/PageLoad.java "http://127.0.0.1:$port" admin \
		"$admin_password" "$users" "$seconds" /assets/app.css /wizard /dashboards /runs /audit
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
		-Dbench.rounds="${BENCH_ROUNDS:-7}" -Dbench.warmups="${BENCH_WARMUPS:-5}" ${BENCH_MAVEN_ARGS:-} 2>&1 \
		| grep -E '^\||^P1|ERROR|FAIL' || true
}

# Resident set of a process in MiB.
rss_mib() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }

rss_row() { printf '| %-44s | %10s | %10s | %7.2fx |\n' "$1" "$2" "$limit_mib" "$(echo "$2 / $limit_mib" | bc -l)"; }

p2() {
	start_postgres
	./mvnw -q -B test -Pbench -Dtest=AuditScaleBenchmark,AuditFilterBenchmark,DashboardsBenchmark \
		-Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rows="$rows" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -v '^\s*$' \
		| grep -E '^\||^P2|^/dashboards|generated|reusing|ERROR|FAIL' || true
}

# P4: cold starts to readiness. The extracted layout and its AOT cache are made as the Dockerfile makes them (the jar
# extracted without the launcher, the entry point's training start with the image's options, on the image's Java), so
# the figures are the image's; the AppCDS archive on Java 17 is the image before it (session 9).
p4() {
	build_jar
	start_postgres
	local app="$work/app" admin_password variant i java25
	java25=$(image_java_home) \
		|| { echo "bench: p4 needs a Java $(image_java_major) (GMSA_IMAGE_JAVA_HOME)" >&2; exit 1; }
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
	# Two extractions: an archive or cache names the jars it was trained on, and each JVM writes its own.
	java -Djarmode=tools -jar "$work/gmsa-portal.jar" extract --destination "$app" >/dev/null
	cp -r "$app" "$work/app17"
	cp src/main/docker/entrypoint.sh "$app/"
	mkdir -p "$work/data"
	echo "bench: p4 first start (migrations, not counted), then the training starts (AppCDS on 17, AOT cache on 25)"
	p4_start jar >/dev/null
	(cd "$work" && mkdir -p train17 && cd train17 && env "${p4_env[@]}" JAVA_TOOL_OPTIONS="$image_options" \
		java -XX:ArchiveClassesAtExit="$work/app17/gmsa-portal.jsa" -Xlog:cds=off -Dspring.context.exit=onRefresh \
		-Dserver.port=0 -jar "$work/app17/gmsa-portal.jar") >"$work/training17.log" 2>&1 \
		|| { tail -20 "$work/training17.log" >&2; exit 1; }
	# As the Dockerfile trains: its JAVA_TOOL_OPTIONS without a memory limit, Java 25 on the PATH.
	(cd "$work" && env "${p4_env[@]}" JAVA_TOOL_OPTIONS="$image_options" PATH="$java25/bin:$PATH" GMSA_APP_DIR="$app" \
		"$app/entrypoint.sh" --train-aot-cache) >"$work/training.log" 2>&1 \
		|| { tail -20 "$work/training.log" >&2; exit 1; }
	echo "bench: p4 $starts rounds of ${p4_variants[*]} (JAVA_TOOL_OPTIONS=$java_options)"
	: >"$work/starts.txt"
	for i in $(seq "$starts"); do
		for variant in "${p4_variants[@]}"; do
			p4_start "$variant" >>"$work/starts.txt"
		done
		TIMEFORMAT="java-version %R %U %S"
		{ time java -version >/dev/null 2>&1; } 2>&1 | awk '{print $1, $2, $3 + $4, 0}' >>"$work/starts.txt"
	done
	p4_table <"$work/starts.txt"
}

# BENCH_P4_VARIANTS: jar (java -jar on the default Java 17, the baseline), cds17 (extracted + AppCDS on Java 17, the
# image of session 9), aot (extracted + AOT cache on Java 25 through the entry point: the image), aot-c1 (the same with
# -XX:TieredStopAtLevel=1), aot-lazy (the same with spring.main.lazy-initialization=true, not adopted), extracted
# (extracted, no archive, Java 17).
read -r -a p4_variants <<<"${BENCH_P4_VARIANTS:-jar cds17 aot}"

# The Java version of the Dockerfile's base image, and a JDK or JRE of it on this machine (Temurin's under /usr/lib/jvm
# on machines of this kind, GMSA_IMAGE_JAVA_HOME elsewhere).
image_java_major() { sed -n 's/^FROM eclipse-temurin:\([0-9]*\)-jre.*/\1/p' Dockerfile | head -1; }
image_java_home() {
	local major home
	major=$(image_java_major)
	for home in ${GMSA_IMAGE_JAVA_HOME:-} /usr/lib/jvm/*temurin* /usr/lib/jvm/*; do
		if [ -x "$home/bin/java" ] && grep -qs "^JAVA_VERSION=\"$major[.\"]" "$home/release"; then
			echo "$home"
			return 0
		fi
	done
	return 1
}

# One start of a variant to readiness UP; prints "variant wall-seconds cpu-seconds rss-mib", then stops it. A start
# whose archive or cache the JVM did not map (refused: another JVM, option or jar) is named on stderr.
p4_start() {
	local variant=$1 t0 t1 pid mapped=
	local app="$work/app" java25
	java25=$(image_java_home || true)
	case "$variant" in
		jar) set -- java -jar "$(jar)" ;;
		extracted) set -- java -jar "$work/app17/gmsa-portal.jar" ;;
		cds17) set -- java -XX:SharedArchiveFile="$work/app17/gmsa-portal.jsa" -jar "$work/app17/gmsa-portal.jar"
			mapped=$work/app17/gmsa-portal.jsa ;;
		aot) set -- env PATH="$java25/bin:$PATH" GMSA_APP_DIR="$app" GMSA_DATA_DIR="$work/data" "$app/entrypoint.sh"
			mapped=$app/gmsa-portal.aot ;;
		aot-c1) set -- env PATH="$java25/bin:$PATH" GMSA_APP_DIR="$app" GMSA_DATA_DIR="$work/data" \
			JAVA_TOOL_OPTIONS="$java_options -XX:TieredStopAtLevel=1" "$app/entrypoint.sh"
			mapped=$app/gmsa-portal.aot ;;
		aot-lazy) set -- env PATH="$java25/bin:$PATH" GMSA_APP_DIR="$app" GMSA_DATA_DIR="$work/data" \
			JAVA_TOOL_OPTIONS="$java_options -Dspring.main.lazy-initialization=true" "$app/entrypoint.sh"
			mapped=$app/gmsa-portal.aot ;;
		*) echo "bench: unknown p4 variant $variant" >&2; exit 2 ;;
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
	if [ -n "$mapped" ] && ! grep -qF "$mapped" "/proc/$pid/maps"; then
		echo "bench: $variant started WITHOUT $mapped (refused; see the JVM's warning):" >&2
		grep -iE 'aot|cds|shar' "$work/start.log" | head -5 >&2
	fi
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
			printf "| %-50s | %8s | %15s | %8s | %7s | %9s | %9s |\n", "P4 start to readiness UP", "wall s", \
				"min to max", "CPU s", "RSS MiB", "wall/jar", "CPU/jar"
			split("jar extracted cds17 aot aot-c1 aot-lazy java-version", order, " ")
			name["jar"] = "java -jar, Java 17 (baseline)"; name["extracted"] = "extracted jar, Java 17"
			name["cds17"] = "extracted + AppCDS, Java 17 (image before)"
			name["aot"] = "extracted + AOT cache, Java 25 (the image)"
			name["aot-c1"] = "AOT cache, Java 25, TieredStopAtLevel=1"
			name["java-version"] = "java -version (JVM floor)"
			name["aot-lazy"] = "AOT cache, Java 25, lazy initialization"
			jw = median(wall, "jar", n["jar"]); jc = median(cpu, "jar", n["jar"])
			for (o = 1; o <= 7; o++) {
				v = order[o]; k = n[v]
				if (!k) continue
				w = median(wall, v, k); wl = lo; wh = hi; c = median(cpu, v, k); r = median(rss, v, k)
				printf "| %-50s | %8.2f | %6.2f to %5.2f | %8.2f | %7s | %8.2fx | %8.2fx |\n", name[v] " (n=" k ")", \
					w, wl, wh, c, (r ? r : "-"), w / jw, c / jc
			}
		}'
}
# --- inventory (issue 15) -------------------------------------------------------------------------------------
# The directory inventory of BENCH_GMSAS (10,000) gMSAs, each allowing its own group (holding one of 100 computers)
# to retrieve its password, against a raw paged ldapsearch of the same attributes; then the inventory page's p95
# from a snapshot of them. Samba derives each new gMSA's managed password and Kerberos keys when it is added
# (PBKDF2, ~80 ms of CPU each), so 10,000 over LDAP take hours on a loaded machine: all but the last
# BENCH_LDAP_GMSAS (100) are loaded offline with ldbadd into the stopped DC's sam.ldb (Samba's own modules run
# there too: SIDs, keys, descriptors, uniqueness checks), the rest with ldapadd over LDAPS, and both rates are
# printed. The objects stay: with GMSA_LAB_DIR they are loaded once and found again.
inventory_ou="OU=Bench,DC=lab,DC=test"

inventory_samba_stop() {
	kill "$(cat "$GMSA_LAB_DIR/samba.pid")"
	while kill -0 "$(cat "$GMSA_LAB_DIR/samba.pid")" 2>/dev/null; do sleep 0.2; done
}

# As scripts/lab-dc.sh starts it.
inventory_samba_start() {
	samba -i -M single -s "$GMSA_LAB_DIR/etc/smb.conf" >>"$GMSA_LAB_DIR/samba.log" 2>&1 </dev/null &
	echo $! >"$GMSA_LAB_DIR/samba.pid"
	until LDAPTLS_CACERT=$GMSA_LAB_CA_FILE ldapsearch -x -H "$GMSA_LAB_LDAPS_URL" -s base -b "" \
		defaultNamingContext >/dev/null 2>&1; do
		kill -0 "$(cat "$GMSA_LAB_DIR/samba.pid")" 2>/dev/null || { tail -20 "$GMSA_LAB_DIR/samba.log" >&2; exit 1; }
		sleep 0.5
	done
}

# The OU, 100 computers and the groups bg<i> for i in [$1, $2), bg<i> holding computer BC<i mod 100>.
inventory_groups_ldif() {
	local i
	if [ "$1" = 0 ]; then
		printf 'dn: %s\nobjectClass: organizationalUnit\n\n' "$inventory_ou"
		for ((i = 0; i < 100; i++)); do
			printf 'dn: CN=BC%03d,%s\nobjectClass: computer\nsAMAccountName: BC%03d$\nuserAccountControl: 4096\n\n' \
				"$i" "$inventory_ou" "$i"
		done
	fi
	for ((i = $1; i < $2; i++)); do
		printf 'dn: CN=bg%05d,%s\nobjectClass: group\nsAMAccountName: bg%05d\ngroupType: -2147483646\n' \
			"$i" "$inventory_ou" "$i"
		printf 'member: CN=BC%03d,%s\n\n' $((i % 100)) "$inventory_ou"
	done
}

# gMSAs bm<i> for i in [$1, $2), each allowing its group bg<i> (SIDs by name in the file $3), as an SDDL value
# (Samba's LDIF reader takes SDDL for a security descriptor attribute).
inventory_gmsas_ldif() {
	local i name
	declare -A sids
	while read -r name value; do sids[$name]=$value; done <"$3"
	for ((i = $1; i < $2; i++)); do
		printf -v name 'bm%05d' "$i"
		printf 'dn: CN=%s,%s\nobjectClass: msDS-GroupManagedServiceAccount\nsAMAccountName: %s$\n' \
			"$name" "$inventory_ou" "$name"
		printf 'dNSHostName: %s.lab.test\nservicePrincipalName: HTTP/%s.lab.test\n' "$name" "$name"
		printf 'msDS-SupportedEncryptionTypes: 24\nmsDS-ManagedPasswordInterval: 30\nuserAccountControl: 4096\n'
		printf 'description: bench gMSA %d\nmsDS-GroupMSAMembership: O:BAD:(A;;0xf01ff;;;%s)\n\n' \
			"$i" "${sids[bg${name#bm}]}"
	done
}

# How many entries of the bench OU match $1, read offline (the DC is stopped).
inventory_count() {
	ldbsearch -H "$GMSA_LAB_DIR/private/sam.ldb" -b "$inventory_ou" "$1" dn 2>/dev/null | grep -c '^dn:' || true
}

inventory_load() {
	local total=$1 over_ldap=$2 offline=$(($1 - $2)) groups have start
	[ "$offline" -ge 0 ] || { echo "bench: BENCH_LDAP_GMSAS is more than BENCH_GMSAS" >&2; exit 2; }
	inventory_samba_stop
	groups=$(inventory_count '(objectClass=group)')
	have=$(inventory_count '(objectClass=msDS-GroupManagedServiceAccount)')
	if [ "$groups" -lt "$total" ]; then
		inventory_groups_ldif "$groups" "$total" >"$work/groups.ldif"
		start=$SECONDS
		ldbadd -H "$GMSA_LAB_DIR/private/sam.ldb" "$work/groups.ldif" >/dev/null
		echo "bench: loaded $((total - groups)) groups offline (ldbadd) in $((SECONDS - start)) s"
	fi
	ldbsearch -H "$GMSA_LAB_DIR/private/sam.ldb" -b "$inventory_ou" '(objectClass=group)' sAMAccountName objectSid \
		| awk '/^sAMAccountName:/ {n = $2} /^objectSid:/ {s = $2} /^$/ && n {print n, s; n = ""}' >"$work/sids"
	# ldbadd adds a file in one transaction: files of 1,000, so that a stopped load keeps what it had done.
	while [ "$have" -lt "$offline" ]; do
		local upto=$((have + 1000 < offline ? have + 1000 : offline))
		inventory_gmsas_ldif "$have" "$upto" "$work/sids" >"$work/gmsas.ldif"
		start=$(date +%s.%N)
		ldbadd -H "$GMSA_LAB_DIR/private/sam.ldb" "$work/gmsas.ldif" >/dev/null
		awk -v n=$((upto - have)) -v s="$start" -v e="$(date +%s.%N)" -v t="$upto" 'BEGIN {
			printf "bench: loaded %d gMSAs offline (ldbadd) in %.0f s: %.1f gMSAs/s (%d in all)\n", n, e - s, n / (e - s), t
		}'
		have=$upto
	done
	inventory_samba_start
	if [ "$have" -lt "$total" ]; then
		inventory_gmsas_ldif "$have" "$total" "$work/sids" >"$work/gmsas-ldap.ldif"
		start=$(date +%s.%N)
		LDAPTLS_CACERT=$GMSA_LAB_CA_FILE ldapadd -x -H "$GMSA_LAB_LDAPS_URL" -D "$GMSA_LAB_DOMAIN_ADMIN" \
			-y "$work/admin.pw" -f "$work/gmsas-ldap.ldif" >/dev/null
		awk -v n=$((total - have)) -v s="$start" -v e="$(date +%s.%N)" \
			'BEGIN {printf "bench: added %d gMSAs over LDAPS (ldapadd) in %.0f s: %.1f gMSAs/s\n", n, e - s, n / (e - s)}'
	fi
}

# The portal on PostgreSQL with the lab DC as connection "lab" (also alone: part inventory-portal, on a lab DC that
# holds the gMSAs already): BENCH_REFRESHES (3) times "Refresh now" timed (the
# whole refresh: read, assessment, the snapshot kept), then the load client on the inventory's pages from the
# snapshot (BENCH_INVENTORY_USERS (5) signed-in users, BENCH_SECONDS each).
inventory_portal() {
	build_jar
	start_postgres
	local base="http://127.0.0.1:$port" admin_password cookies="$work/cookies" csrf i started
	admin_password="bench-$(openssl rand -hex 8)"
	openssl genpkey -algorithm ed25519 -out "$work/checkpoint-key.pem" 2>/dev/null
	openssl pkey -in "$work/checkpoint-key.pem" -pubout >>"$work/checkpoint-key.pem"
	SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 LOG_FORMAT= GMSA_INVENTORY_SNAPSHOT_INTERVAL=0 \
		SPRING_DATASOURCE_URL=$GMSA_TEST_POSTGRES_URL SPRING_DATASOURCE_USERNAME=$GMSA_TEST_POSTGRES_USER \
		SPRING_DATASOURCE_PASSWORD=$GMSA_TEST_POSTGRES_PASSWORD PORTAL_ADMIN_PASSWORD=$admin_password \
		GMSA_AUDIT_CHECKPOINT_KEY="bench-$(openssl rand -hex 24)" GMSA_API_SECRET_KEY="bench-$(openssl rand -hex 24)" \
		GMSA_KEYS_DATA_KEY="bench-$(openssl rand -hex 24)" GMSA_AUDIT_CHECKPOINT_DIRECTORY="$work/checkpoints" \
		GMSA_AUDIT_CHECKPOINT_SIGNING_KEY_FILE="$work/checkpoint-key.pem" \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_USER=$GMSA_LAB_DOMAIN_ADMIN \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_PASSWORD=$GMSA_LAB_DOMAIN_ADMIN_PASSWORD \
		java -jar "$(jar)" >"$work/portal.log" 2>&1 &
	portal_pid=$!
	started=$SECONDS
	until curl -fs "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; do
		kill -0 "$portal_pid" 2>/dev/null || { tail -30 "$work/portal.log" >&2; echo "bench: portal exited" >&2; exit 1; }
		[ $((SECONDS - started)) -lt 600 ] || { tail -30 "$work/portal.log" >&2; echo "bench: not UP" >&2; exit 1; }
		sleep 0.5
	done
	csrf() {
		curl -s -b "$cookies" -c "$cookies" "$base$1" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1
	}
	curl -s -b "$cookies" -c "$cookies" -o /dev/null --data-urlencode username=admin \
		--data-urlencode "password=$admin_password" --data-urlencode "_csrf=$(csrf /login)" "$base/login"
	: >"$work/refreshes"
	for ((i = 0; i < ${BENCH_REFRESHES:-3}; i++)); do
		curl -s -b "$cookies" -c "$cookies" -o /dev/null -w '%{time_total}\n' --data-urlencode "_csrf=$(csrf /inventory)" \
			"$base/inventory/refresh" >>"$work/refreshes"
		curl -s -b "$cookies" -c "$cookies" "$base/inventory" >"$work/inventory.html"
		grep -q 'every connection was read whole' "$work/inventory.html" || {
			echo "bench: the snapshot is not whole:" >&2
			sed -n '/id="incomplete"/,/<\/div>/p' "$work/inventory.html" | sed 's/<[^>]*>//g; /^\s*$/d' >&2
			exit 1
		}
	done
	sort -n "$work/refreshes" | awk '{t[NR] = $1} END {
		printf "| %-48s | %12.1f | rounds (s): %s |\n", "inventory refresh through the portal, median s", \
			t[int((NR + 1) / 2)], \
			t[1] " to " t[NR] }'
	java src/test/java/org/gmsaportal/bench/PageLoad.java "$base" admin "$admin_password" \
		"${BENCH_INVENTORY_USERS:-5}" "$seconds" /assets/app.css /inventory '/inventory?name=bm0500' \
		'/inventory/gmsas/lab/bm05000$'
	kill "$portal_pid"
	wait "$portal_pid" 2>/dev/null || true
	portal_pid=
}

inventory() {
	printf '%s' "$GMSA_LAB_DOMAIN_ADMIN_PASSWORD" >"$work/admin.pw"
	chmod 600 "$work/admin.pw"
	inventory_load "${BENCH_GMSAS:-10000}" "${BENCH_LDAP_GMSAS:-100}"
	./mvnw -q -B test -Pbench -Dtest=DirectoryInventoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.gmsas="${BENCH_GMSAS:-10000}" -Dbench.ldapGmsas="${BENCH_LDAP_GMSAS:-100}" 2>&1 \
		| grep -v '^\s*$' | grep -E '^\||^Directory|ERROR|FAIL|Exception' || true
	inventory_portal
}
# --- end of inventory ----------------------------------------------------------------------------------------

# --- filing and export (issue 18) ----------------------------------------------------------------------------
# The jar on PostgreSQL with the lab DC as connection "lab", the image's memory settings (as p3), its log in
# $work/portal.log; extra VAR=value settings as arguments. Sets portal_pid and admin_password.
start_portal() {
	build_jar
	start_postgres
	admin_password="bench-$(openssl rand -hex 8)"
	openssl genpkey -algorithm ed25519 -out "$work/checkpoint-key.pem" 2>/dev/null
	openssl pkey -in "$work/checkpoint-key.pem" -pubout >>"$work/checkpoint-key.pem"
	env SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 LOG_FORMAT= \
		SPRING_DATASOURCE_URL="$GMSA_TEST_POSTGRES_URL" SPRING_DATASOURCE_USERNAME="$GMSA_TEST_POSTGRES_USER" \
		SPRING_DATASOURCE_PASSWORD="$GMSA_TEST_POSTGRES_PASSWORD" PORTAL_ADMIN_PASSWORD="$admin_password" \
		GMSA_AUDIT_CHECKPOINT_KEY="bench-$(openssl rand -hex 24)" GMSA_API_SECRET_KEY="bench-$(openssl rand -hex 24)" \
		GMSA_KEYS_DATA_KEY="bench-$(openssl rand -hex 24)" GMSA_AUDIT_CHECKPOINT_DIRECTORY="$work/checkpoints" \
		GMSA_AUDIT_CHECKPOINT_SIGNING_KEY_FILE="$work/checkpoint-key.pem" \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_USER="$GMSA_LAB_DOMAIN_ADMIN" \
		GMSA_DIRECTORY_CONNECTIONS_LAB_BIND_PASSWORD="$GMSA_LAB_DOMAIN_ADMIN_PASSWORD" \
		JAVA_TOOL_OPTIONS="$java_options" "$@" java -jar "$(jar)" >"$work/portal.log" 2>&1 &
	portal_pid=$!
	local started=$SECONDS
	until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
		kill -0 "$portal_pid" 2>/dev/null || { tail -30 "$work/portal.log" >&2; echo "bench: portal exited" >&2; exit 1; }
		[ $((SECONDS - started)) -lt 600 ] || { tail -30 "$work/portal.log" >&2; echo "bench: not UP" >&2; exit 1; }
		sleep 0.5
	done
	echo "bench: portal UP after $((SECONDS - started)) s (JAVA_TOOL_OPTIONS=$java_options)"
}

stop_portal() {
	kill "$portal_pid"
	wait "$portal_pid" 2>/dev/null || true
	portal_pid=
}

# API filing: BENCH_CLIENTS (50) concurrent API clients POST valid export-only requests with distinct gMSA names
# for BENCH_SECONDS through the JDK-only client FilingLoad.java, against an authenticated GET of the API at the same
# concurrency and against what the DC allows: the filing's plan reads issued raw on as many LDAPS sessions
# (DirectoryReadLoad.java, with the portal up and idle); then every 503 the portal logged.
filing() {
	start_portal
	local clients=${BENCH_CLIENTS:-50} dc_rate
	printf '%s' "$GMSA_LAB_DOMAIN_ADMIN_PASSWORD" >"$work/admin.pw"
	chmod 600 "$work/admin.pw"
	java src/test/java/org/gmsaportal/bench/DirectoryReadLoad.java "$GMSA_LAB_LDAPS_URL" "$GMSA_LAB_CA_FILE" \
		"$GMSA_LAB_DOMAIN_ADMIN" "$work/admin.pw" "$clients" "$seconds" 'DC1$' | tee "$work/dc-rate.txt"
	dc_rate=$(sed -n 's/^DC-allowed filings\/s: \([0-9.]*\).*/\1/p' "$work/dc-rate.txt")
	java src/test/java/org/gmsaportal/bench/FilingLoad.java "http://127.0.0.1:$port" admin "$admin_password" \
		"$clients" "$seconds" lab 'DC1$' ${dc_rate:+"$dc_rate"}
	echo "bench: 503 answers in the portal's log: $(grep -c 'answered 503' "$work/portal.log" || true)"
	grep -m 3 'answered 503' "$work/portal.log" || true
	stop_portal
}
# CSV export of BENCH_ROWS (1,000,000) audit events over HTTP on PostgreSQL, heap per generation, against the same
# export written in process (AuditExportBenchmark, Maven profile bench: the heap capped at 128 MiB).
export_csv() {
	start_postgres
	./mvnw -q -B test -Pbench -Dtest=AuditExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.rows="$rows" ${BENCH_MAVEN_ARGS:-} 2>&1 | grep -v '^\s*$' \
		| grep -E '^\||^CSV|^generated|^goal|ERROR|FAIL|ended early' || true
}
# --- end of filing and export ---------------------------------------------------------------------------------

echo "bench: $(nproc) CPUs, $(free -m | awk '/Mem:/ {print $2}') MiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
for part in "${parts[@]}"; do
	case "$part" in
		p3) p3 ;;
		p2) p2 ;;
		p1) p1 ;;
		p4) p4 ;;
		inventory) inventory ;;
		inventory-portal) inventory_portal ;;
		filing) filing ;;
		export) export_csv ;;
		*) echo "bench: unknown part $part (p3, p2, p1, p4, inventory, inventory-portal, filing, export)" >&2; exit 2 ;;
	esac
done
