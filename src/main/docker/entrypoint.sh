#!/bin/sh
# The container image's entry point (Dockerfile), also run by ImageEntrypointTests on the extracted layered jar.
#
# The application is the exploded jar in GMSA_APP_DIR (the layers `java -Djarmode=tools -jar gmsa-portal.jar
# extract --layers --launcher` writes, copied on top of each other), read-only. The working directory is
# GMSA_DATA_DIR, the one writable place besides /tmp: the default H2 database (./data), and on H2 only the keys it
# generates at first start (./data, ./audit-keys) and the audit checkpoints (./audit-checkpoints) go there. On
# PostgreSQL with keys and checkpoints mounted elsewhere it may be an emptyDir. Memory settings come from
# JAVA_TOOL_OPTIONS, which the JVM reads itself.
set -eu

app_dir=${GMSA_APP_DIR:-/app}
data_dir=${GMSA_DATA_DIR:-/var/lib/gmsa-portal}

if ! cd "$data_dir" 2>/dev/null; then
	echo "entrypoint: GMSA_DATA_DIR $data_dir does not exist or cannot be entered" >&2
	exit 64
fi
if [ ! -w . ]; then
	echo "entrypoint: GMSA_DATA_DIR $data_dir is not writable by uid $(id -u): mount a volume there" >&2
	exit 64
fi

# exec: the JVM becomes PID 1's child-free process and receives SIGTERM itself, for a graceful shutdown.
exec java -cp "$app_dir" org.springframework.boot.loader.launch.JarLauncher "$@"
