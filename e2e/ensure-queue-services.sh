#!/usr/bin/env bash
# Installs what n8n's queue mode needs beside n8n itself, from Debian's packages, when missing:
# redis-server and the PostgreSQL server (a machine may have only its client, psql). Starts
# nothing: the test starts its own servers on free ports, in temporary folders, and stops them.
# Prints redis-server's path, then the folder of PostgreSQL's server binaries.
set -euo pipefail
pg_bin() {
	local server
	server="$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1)"
	[ -n "$server" ] && dirname "$server"
	return 0
}
if ! command -v redis-server >/dev/null 2>&1 || [ -z "$(pg_bin)" ]; then
	echo "installing redis-server and postgresql from Debian's packages" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server postgresql >&2
fi
command -v redis-server
pg_bin
