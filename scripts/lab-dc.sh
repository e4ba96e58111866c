#!/usr/bin/env bash
# A throwaway Samba AD domain controller for tests and for trying the portal, on 127.0.0.1 only.
#
#   scripts/lab-dc.sh start [DIR]   provision LAB.TEST into DIR, start it, print the settings
#   scripts/lab-dc.sh env [DIR]     print the settings of a running lab DC again
#   scripts/lab-dc.sh stop [DIR]    stop it and delete DIR
#
# DIR defaults to $GMSA_LAB_DIR or /tmp/gmsa-lab-dc. Needs root (Samba binds ports 389 and 636) and
# Samba 4.21+ (Debian 12: bookworm-backports; scripts/install-deps.sh installs it).
# Passwords are generated per lab and written only to DIR/lab.env (mode 600): this is a lab, not a
# place for real secrets.
set -euo pipefail

cmd=${1:-}
dir=${2:-${GMSA_LAB_DIR:-/tmp/gmsa-lab-dc}}
realm=LAB.TEST
domain=LAB
base_dn="DC=lab,DC=test"
# A second lab (e.g. for tests that delete KDS root keys) can listen on another loopback address.
ip=${GMSA_LAB_IP:-127.0.0.1}

die() { echo "lab-dc: $*" >&2; exit 1; }

# A password that meets AD complexity: letters of both cases, digits and a symbol.
gen_password() { echo "Lab-$(openssl rand -hex 12)-Aa1!"; }

make_tls() {
	local tls="$dir/tls"
	mkdir -p "$tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=GMSA Portal Lab CA" \
		-keyout "$tls/ca-key.pem" -out "$tls/ca.pem" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=dc1.lab.test" \
		-keyout "$tls/key.pem" -out "$tls/dc.csr" 2>/dev/null
	printf 'subjectAltName=DNS:dc1.lab.test,DNS:localhost,IP:%s\nextendedKeyUsage=serverAuth\n' "$ip" > "$tls/ext.cnf"
	openssl x509 -req -in "$tls/dc.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial \
		-days 30 -extfile "$tls/ext.cnf" -out "$tls/cert.pem" 2>/dev/null
	chmod 600 "$tls/key.pem" "$tls/ca-key.pem"
}

wait_for_ldaps() {
	for _ in $(seq 1 120); do
		if LDAPTLS_CACERT="$dir/tls/ca.pem" ldapsearch -x -H ldaps://$ip:636 -s base -b "" \
			defaultNamingContext >/dev/null 2>&1; then
			return 0
		fi
		kill -0 "$(cat "$dir/samba.pid")" 2>/dev/null || { tail -20 "$dir/samba.log" >&2; die "samba exited"; }
		sleep 0.5
	done
	tail -20 "$dir/samba.log" >&2
	die "LDAPS did not answer within 60 s"
}

seed() {
	local conf="$dir/etc/smb.conf"
	tool() { samba-tool "$@" -s "$conf" >/dev/null; }
	tool ou add "OU=GmsaPortal,$base_dn"
	tool group add GmsaPortal-Admins --groupou=OU=GmsaPortal
	tool group add GmsaPortal-Auditors --groupou=OU=GmsaPortal
	# Admin rights come through a nested group, so the tests prove nested membership counts.
	tool group add Platform-Team --groupou=OU=GmsaPortal
	tool group addmembers GmsaPortal-Admins Platform-Team
	tool user add lab.admin "$PORTAL_ADMIN_PASSWORD" --userou=OU=GmsaPortal
	tool group addmembers Platform-Team lab.admin
	tool user add lab.auditor "$AUDITOR_PASSWORD" --userou=OU=GmsaPortal
	tool group addmembers GmsaPortal-Auditors lab.auditor
	tool user add lab.outsider "$OUTSIDER_PASSWORD" --userou=OU=GmsaPortal
}

write_env() {
	umask 077
	cat > "$dir/lab.env" <<EOF
# Lab domain controller $realm on $ip (scripts/lab-dc.sh). Lab passwords only.
GMSA_LAB_REALM=$realm
GMSA_LAB_NETBIOS=$domain
GMSA_LAB_BASE_DN=$base_dn
GMSA_LAB_LDAPS_URL=ldaps://$ip:636
GMSA_LAB_LDAP_URL=ldap://$ip:389
GMSA_LAB_CA_FILE=$dir/tls/ca.pem
GMSA_LAB_DOMAIN_ADMIN=Administrator@lab.test
GMSA_LAB_DOMAIN_ADMIN_PASSWORD=$ADMIN_PASSWORD
GMSA_LAB_PORTAL_ADMIN=lab.admin
GMSA_LAB_PORTAL_ADMIN_PASSWORD=$PORTAL_ADMIN_PASSWORD
GMSA_LAB_AUDITOR=lab.auditor
GMSA_LAB_AUDITOR_PASSWORD=$AUDITOR_PASSWORD
GMSA_LAB_OUTSIDER=lab.outsider
GMSA_LAB_OUTSIDER_PASSWORD=$OUTSIDER_PASSWORD
# Portal settings for sign-in against this DC (see .env.example).
GMSA_DIRECTORY_CONNECTIONS_LAB_URLS=ldaps://$ip:636
GMSA_DIRECTORY_CONNECTIONS_LAB_DOMAIN=lab.test
GMSA_DIRECTORY_CONNECTIONS_LAB_CA_FILE=$dir/tls/ca.pem
GMSA_SECURITY_AD_CONNECTION=lab
EOF
}

start() {
	[ "$(id -u)" = 0 ] || die "run as root (Samba binds ports 389 and 636)"
	command -v samba-tool >/dev/null || die "samba-tool missing: run scripts/install-deps.sh"
	[ -e "$dir/samba.pid" ] && kill -0 "$(cat "$dir/samba.pid")" 2>/dev/null && die "already running in $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ "$ip" != 127.0.0.1 ]; then
		# Read the list first: with pipefail, grep -q closing the pipe early can fail "ip" and the test.
		addresses=$(ip -o addr show dev lo)
		if ! grep -qw "$ip" <<<"$addresses"; then
			ip addr add "$ip/8" dev lo
		fi
	fi
	ADMIN_PASSWORD=$(gen_password)
	PORTAL_ADMIN_PASSWORD=$(gen_password)
	AUDITOR_PASSWORD=$(gen_password)
	OUTSIDER_PASSWORD=$(gen_password)
	make_tls
	# "old password allowed period = 0": Samba otherwise accepts a user's previous password for an hour after a
	# change (NTLM, and the LDAP simple bind that checks the same hashes), and the rotation tests prove the old one
	# stops binding.
	samba-tool domain provision --realm="$realm" --domain="$domain" --server-role=dc \
		--dns-backend=NONE --host-name=dc1 --host-ip="$ip" --adminpass="$ADMIN_PASSWORD" \
		--targetdir="$dir" \
		--option="interfaces = $ip/8" --option="bind interfaces only = yes" \
		--option="server services = ldap cldap kdc drepl" \
		--option="tls enabled = yes" --option="pid directory = $dir/run" \
		--option="tls keyfile = $dir/tls/key.pem" --option="tls certfile = $dir/tls/cert.pem" \
		--option="tls cafile = $dir/tls/ca.pem" >"$dir/provision.log" 2>&1 \
		|| { tail -20 "$dir/provision.log" >&2; die "provision failed"; }
	# provision does not keep this option in smb.conf (it keeps the tls ones), so it is added to [global] here.
	sed -i 's/^\[global\]$/[global]\n\told password allowed period = 0/' "$dir/etc/smb.conf"
	seed
	samba -i -M single -s "$dir/etc/smb.conf" >"$dir/samba.log" 2>&1 &
	echo $! > "$dir/samba.pid"
	wait_for_ldaps
	write_env
	cat "$dir/lab.env"
}

stop() {
	if [ -e "$dir/samba.pid" ]; then
		kill "$(cat "$dir/samba.pid")" 2>/dev/null || true
		sleep 1
	fi
	rm -rf "$dir"
}

case "$cmd" in
	start) start ;;
	env) cat "$dir/lab.env" ;;
	stop) stop ;;
	*) die "usage: $0 start|env|stop [DIR]" ;;
esac
