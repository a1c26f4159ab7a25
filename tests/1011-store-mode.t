#!/bin/sh
# the store holds residents' personal data: grid-init creates it, and so its
# -wal and -shm, readable by its owner only (0600) whatever the umask;
# --group shares it with a group of clerks (0660); an analyst's read under
# another login never breaks the owner's writes (as root only: the logins
# are made with setpriv)
. "$(dirname "$0")/lib.sh"
# all of it is about the SQLite file: on PostgreSQL who may read the
# store is the server's roles, and --group is refused before anything is
# touched
if is_pg; then
	run grid-init --group
	is "$rc" 2 "grid-init --group on PostgreSQL: usage error"
	like "$err" "^grid-init: --group shares a store file with its group" "says why"
	is "$(sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" 0 \
		"and makes no table"
	echo "# skipped on PostgreSQL: the modes and owners of the SQLite file, its -wal and -shm"
	done_testing
	exit
fi
mode() {
	stat -c %a "$@" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

umask 022
run grid-init
is "$rc" 0 "grid-init with umask 022"
is "$(mode "$GRID_DB" "$GRID_DB-wal" "$GRID_DB-shm")" "600 600 600" \
	"the store, its -wal and its -shm: 600"
printf 'code,name\nU01,城管局\n' | grid-import --no-summary units
is "$(mode "$GRID_DB" "$GRID_DB-wal" "$GRID_DB-shm")" "600 600 600" \
	"and so they stay after a write"
cp "$GRID_DB" copy.db
is "$(sqlite3 copy.db 'SELECT count(*) FROM units')" 1 \
	"the -wal is kept, but a copy of the store file alone is the whole store"
run grid-init --group
is "$rc" 0 "grid-init --group on the store"
is "$(mode "$GRID_DB" "$GRID_DB-wal" "$GRID_DB-shm")" "660 660 660" \
	"shares it with its group: 660"
run grid-init --group --db "$TMP/g.db"
is "$(mode "$TMP/g.db" "$TMP/g.db-wal" "$TMP/g.db-shm")" "660 660 660" \
	"a new store with --group: 660"
is "$(sql 'PRAGMA journal_mode')" wal "the store is in WAL mode"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "# skipped: the logins of an owner and an analyst need root and setpriv"
	done_testing
	exit
fi
# the owner (uid 4001) and an analyst (uid 4002) of the office, in a
# folder both may create files in
as() {
	_u=$1
	shift
	setpriv --reuid="$_u" --regid="$_u" --clear-groups env HOME=/ "$@"
}
chmod 755 "$TMP"
d=$TMP/office
mkdir -m 1777 "$d"
db=$d/grid.db
as 4001 grid-init --no-summary --db "$db"
# the owner lets others read the store (the -wal and -shm as well)
as 4001 chmod 644 "$db" "$db-wal" "$db-shm"
as 4001 sh -c "printf 'code,name\nU01,城管局\n' | grid-import --no-summary --db '$db' units"
is "$(as 4002 sqlite3 "$db" 'SELECT count(*) FROM units')" 1 \
	"the analyst reads with sqlite3 under another login"
as 4002 issue-list --db "$db" >/dev/null 2>&1
is "$(stat -c %u "$db-wal" "$db-shm" | sort -u)" 4001 \
	"the -wal and -shm are still the owner's"
run as 4001 sh -c "printf 'code,name\nU02,民政局\n' | grid-import --db '$db' units"
is "$rc" 0 "the owner's next write succeeds"
unlike "$err" "readonly" "no 'attempt to write a readonly database'"
is "$(as 4002 sqlite3 "$db" 'SELECT count(*) FROM units')" 2 "and the analyst sees it"

# a group of clerks: a setgid folder of the group, the store shared with it
g=$TMP/clerks
mkdir -m 2770 "$g"
chgrp 4003 "$g"
clerk() {
	_u=$1
	shift
	setpriv --reuid="$_u" --regid="$_u" --groups=4003 env HOME=/ "$@"
}
clerk 4001 grid-init --no-summary --group --db "$g/grid.db"
is "$(stat -c %a.%g "$g/grid.db" "$g/grid.db-wal" "$g/grid.db-shm" | sort -u)" 660.4003 \
	"--group in a setgid folder: 660, the clerks' group"
clerk 4002 sh -c "printf 'code,name\nU01,城管局\n' | grid-import --no-summary --db '$g/grid.db' units"
is "$?" 0 "another clerk writes"
clerk 4002 sqlite3 "$g/grid.db" 'SELECT count(*) FROM units' >/dev/null
run clerk 4001 sh -c "printf 'code,name\nU02,民政局\n' | grid-import --db '$g/grid.db' units"
is "$rc.$err" "0.grid-import: stdin: 1 read, 1 added, 0 updated, 0 unchanged, 0 rejected" \
	"and the owner after them"

done_testing
