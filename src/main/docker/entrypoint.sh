#!/bin/sh
# The container image's entry point (Dockerfile), also run by ImageEntrypointTests on the extracted layered jar.
#
# The application is the extracted jar in GMSA_APP_DIR (the layers `java -Djarmode=tools -jar gmsa-portal.jar
# extract --layers` writes, copied on top of each other: gmsa-portal.jar and lib/), read-only. The working directory
# is GMSA_DATA_DIR, the one writable place besides /tmp: the default H2 database (./data), and on H2 only the keys it
# generates at first start (./data, ./audit-keys) and the audit checkpoints (./audit-checkpoints) go there. On
# PostgreSQL with keys and checkpoints mounted elsewhere it may be an emptyDir. Memory settings come from
# JAVA_TOOL_OPTIONS, which the JVM reads itself.
#
#   entrypoint.sh [portal arguments]     starts the portal, with the class data sharing archive when there is one
#   entrypoint.sh --train-class-archive  writes GMSA_APP_DIR/gmsa-portal.jsa (image build time, as root): the
#                                        portal starts up to its context refresh in a throwaway directory and exits
set -eu

app_dir=${GMSA_APP_DIR:-/app}
data_dir=${GMSA_DATA_DIR:-/var/lib/gmsa-portal}
archive="$app_dir/gmsa-portal.jsa"

if [ "${1:-}" = "--train-class-archive" ]; then
	training=$(mktemp -d)
	cd "$training"
	# spring.context.exit=onRefresh: every bean is created (so their classes are loaded), then the JVM exits and
	# writes the archive. The keys and the H2 database this creates are thrown away with the directory.
	# -Xlog:cds=off: one warning per generated class (reflection accessors) that cannot be archived.
	java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Dspring.context.exit=onRefresh -Dserver.port=0 \
		-Dlogging.level.root=warn -jar "$app_dir/gmsa-portal.jar"
	cd /
	rm -rf "$training"
	if [ ! -s "$archive" ]; then
		echo "entrypoint: the training start wrote no class archive $archive" >&2
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

# An archive that does not match this JVM or these jars is ignored with a warning (-Xshare:auto), never fatal.
if [ -r "$archive" ]; then
	set -- -XX:SharedArchiveFile="$archive" -jar "$app_dir/gmsa-portal.jar" "$@"
else
	set -- -jar "$app_dir/gmsa-portal.jar" "$@"
fi
# exec: the JVM becomes PID 1's child-free process and receives SIGTERM itself, for a graceful shutdown.
exec java "$@"
