#!/bin/sh
# pg.sh - a throwaway PostgreSQL cluster for the tests: initdb in a folder
# of its own, a Unix socket in that folder, no TCP, trust for local
# connections; stopped and removed when the tests end.
#   tests/pg.sh start DIR    start a cluster in DIR (created), print its URI
#   tests/pg.sh stop DIR     stop it and remove DIR
#   tests/pg.sh installed    exit 0 when PostgreSQL is installed
# initdb refuses to run as root, so as root the cluster runs as the
# "postgres" login (made by Debian's postgresql package), else as nobody;
# as another login it runs as that login.  Exit 77 when PostgreSQL is not
# installed, so a caller can skip.
set -eu

bindir=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	command -v initdb >/dev/null 2>&1 || { echo "pg.sh: no initdb" >&2; exit 77; }
	bindir=$(dirname "$(command -v initdb)")
fi

as() {
	if [ "$(id -u)" -eq 0 ]; then
		user=postgres
		id "$user" >/dev/null 2>&1 || user=nobody
		setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups \
			--reset-env "$@"
	else
		"$@"
	fi
}

cmd=${1:-}
[ "$cmd" = installed ] && exit 0
dir=${2:-}
[ -n "$dir" ] || { echo "usage: pg.sh start|stop DIR" >&2; exit 2; }
case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		user=postgres
		id "$user" >/dev/null 2>&1 || user=nobody
		chown "$user" "$dir"
	fi
	as "$bindir/initdb" -D "$dir/data" -U gridkit --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=60" \
		start >&2 || { cat "$dir/server.log" >&2; exit 1; }
	as "$bindir/createdb" -h "$dir" -U gridkit gridkit
	echo "postgresql:///gridkit?host=$dir&user=gridkit"
	;;
stop)
	[ -d "$dir/data" ] && as "$bindir/pg_ctl" -D "$dir/data" -m immediate -s stop >&2 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: pg.sh start|stop DIR" >&2
	exit 2
	;;
esac
