#!/usr/bin/env bash
# Installs what the test suite needs on Debian 12 / Ubuntu, when run as root: Samba AD DC 4.21+
# (Debian 12: from bookworm-backports), PostgreSQL, Chromium, OpenLDAP client tools, a JDK 17+.
# Idempotent: installs only what is missing.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "install-deps: not root, installing nothing" >&2; exit 0; }
command -v apt-get >/dev/null || { echo "install-deps: no apt-get; install samba 4.21+, postgresql, chromium yourself" >&2; exit 0; }
export DEBIAN_FRONTEND=noninteractive

samba_ok() {
	command -v samba-tool >/dev/null || return 1
	local v
	v=$(samba --version | sed -E 's/^Version ([0-9]+)\.([0-9]+).*/\1 \2/')
	set -- $v
	[ "$1" -gt 4 ] || { [ "$1" -eq 4 ] && [ "$2" -ge 21 ]; }
}

# The image's Java version (the Dockerfile's FROM eclipse-temurin:N-jre), on which ImageEntrypointTests trains and
# starts the AOT cache. Debian 12 packages no Java 25, so nothing here can install it: machines of this kind (and CI)
# carry Temurin's JDK under /usr/lib/jvm beside the default OpenJDK 17; elsewhere set GMSA_IMAGE_JAVA_HOME.
image_java=$(sed -n 's/^FROM eclipse-temurin:\([0-9]*\)-jre.*/\1/p' "$(dirname "$0")/../Dockerfile" | head -1)
if [ -n "$image_java" ] && ! grep -qs "^JAVA_VERSION=\"$image_java[.\"]" ${GMSA_IMAGE_JAVA_HOME:-/nonexistent}/release \
		/usr/lib/jvm/*/release; then
	echo "install-deps: no Java $image_java under /usr/lib/jvm (nor GMSA_IMAGE_JAVA_HOME): ImageEntrypointTests" \
		"needs one and fails under CI=true; Debian 12 has no package of it" >&2
fi

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v chromium >/dev/null || missing+=(chromium)
command -v ldapsearch >/dev/null || missing+=(ldap-utils)
command -v openssl >/dev/null || missing+=(openssl)
command -v ip >/dev/null || missing+=(iproute2)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
need_samba=false
samba_ok || need_samba=true

if [ ${#missing[@]} -eq 0 ] && ! $need_samba; then
	exit 0
fi

backports=()
if $need_samba; then
	. /etc/os-release
	if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
		if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
			cat > /etc/apt/sources.list.d/bookworm-backports.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
		fi
		backports=(-t bookworm-backports)
	fi
fi

apt-get update -q
if $need_samba; then
	apt-get install -y -q "${backports[@]}" samba samba-ad-dc samba-ad-provision winbind ldb-tools
	samba_ok || { echo "install-deps: Samba 4.21+ is required for the lab DC" >&2; exit 1; }
fi
if [ ${#missing[@]} -gt 0 ]; then
	apt-get install -y -q "${missing[@]}"
fi
