#!/bin/sh
# The container image's entry point (Dockerfile), also run by ImageEntrypointTests on the extracted layered jar.
#
# The application is the extracted jar in GMSA_APP_DIR (the layers `java -Djarmode=tools -jar gmsa-portal.jar
# extract --layers` writes, copied on top of each other: gmsa-portal.jar and lib/), read-only. The working directory
# is GMSA_DATA_DIR, the one writable place besides /tmp: the default H2 database (./data), and on H2 only the keys it
# generates at first start (./data, ./audit-keys) and the audit checkpoints (./audit-checkpoints) go there. On
# PostgreSQL with keys and checkpoints mounted elsewhere it may be an emptyDir. Memory settings come from
# JAVA_TOOL_OPTIONS, which the JVM reads itself. The JVM is Java 25 or later (the image's eclipse-temurin:25-jre):
# the AOT cache (JEP 483, 514, 515) needs it; the portal's classes stay Java 17 bytecode.
#
#   entrypoint.sh [portal arguments]  starts the portal, with the AOT cache when there is one
#   entrypoint.sh --train-aot-cache   writes GMSA_APP_DIR/gmsa-portal.aot (image build time, as root): the portal
#                                     starts up to its context refresh in a throwaway directory and exits
set -eu

app_dir=${GMSA_APP_DIR:-/app}
data_dir=${GMSA_DATA_DIR:-/var/lib/gmsa-portal}
cache="$app_dir/gmsa-portal.aot"

if [ "${1:-}" = "--train-aot-cache" ]; then
	training=$(mktemp -d)
	cd "$training"
	# spring.context.exit=onRefresh: every bean is created (so their classes are loaded and linked, and the methods
	# run at start are profiled), then the JVM exits and a second JVM writes the cache from what the first recorded
	# (AOTCacheOutput, one step since Java 25). The keys and the H2 database this creates are thrown away with the
	# directory. -Xlog:aot=off: one warning per class that cannot be cached (generated proxies and accessors).
	java -XX:AOTCacheOutput="$cache" -Xlog:aot=off -Xlog:cds=off -Dspring.context.exit=onRefresh -Dserver.port=0 \
		-Dlogging.level.root=warn -jar "$app_dir/gmsa-portal.jar"
	cd /
	rm -rf "$training"
	if [ ! -s "$cache" ]; then
		echo "entrypoint: the training start wrote no AOT cache $cache" >&2
		exit 1
	fi
	exit 0
fi

if ! cd "$data_dir" 2>/dev/null; then
	echo "entrypoint: GMSA_DATA_DIR $data_dir does not exist or cannot be entered" >&2
	exit 64
fi
if [ ! -w . ]; then
	echo "entrypoint: GMSA_DATA_DIR $data_dir is not writable by uid $(id -u): mount a volume there" >&2
	exit 64
fi

# A cache that does not match this JVM, its options or these jars is ignored with a warning (-XX:AOTMode=auto), never
# fatal: the start is merely slower.
if [ -r "$cache" ]; then
	set -- -XX:AOTCache="$cache" -jar "$app_dir/gmsa-portal.jar" "$@"
else
	set -- -jar "$app_dir/gmsa-portal.jar" "$@"
fi
# exec: the JVM becomes PID 1's child-free process and receives SIGTERM itself, for a graceful shutdown.
exec java "$@"
