#!/bin/sh
# --db and GRID_DB take a PostgreSQL URI: the server is reached, and what
# goes wrong there is a store error (exit 3) in libpq's words, the password
# never shown; grid-init creates the store there, with the tables of a
# file, and every program opens it
. "$(dirname "$0")/lib.sh"

for p in grid-init issue-list stats; do
	run $p --db 'postgresql://clerk:s3cret@/gridkit?host=/nonexistent'
	is "$rc" 3 "$p, no server: a store error"
	like "$err" "^$p: cannot connect to store 'postgresql://clerk:\*\*\*@/gridkit\?host=/nonexistent': .*/nonexistent/\.s\.PGSQL\.5432" \
		"$p: libpq's reason, the password hidden"
	unlike "$err" 's3cret' "$p: the password is never printed"
done
# the short scheme, a one-letter user, a password as a parameter
run issue-list --db 'postgres://a:pw1@/gridkit?host=/nonexistent&password=pw2&sslmode=disable'
like "$err" "'postgres://a:\*\*\*@/gridkit\?host=/nonexistent&password=\*\*\*&sslmode=disable'" \
	"every password hidden, wherever the URI gives it"
unlike "$err" 'pw1|pw2' "neither password printed"
run issue-list --db 'postgres://@/gridkit?host=/nonexistent'
is "$rc" 3 "an empty user part: a store error too"
run env GRID_DB='postgres:///gridkit?host=/nonexistent' issue-list
is "$rc" 3 "GRID_DB takes the postgres:// form too"
is "$(ls | grep -c postgres)" 0 "no file named after the URI"

if [ -n "${GK_PG_URI:-}" ]; then
	host=$(printf '%s' "$GK_PG_URI" | sed 's/.*host=\([^&]*\).*/\1/')
	run grid-init --db "postgresql:///nosuchdb?host=$host&user=gridkit"
	is "$rc" 3 "a missing database: a store error"
	like "$err" 'database "nosuchdb" does not exist' "in the server's words"
	pg_store
	run issue-list
	is "$rc" 3 "an empty database: exit 3"
	is "$err" "issue-list: store '$GRID_DB' is empty: run grid-init" \
		"saying what to do, as for an empty file"
	run grid-init
	is "$rc" 0 "grid-init creates the store there"
	is "$err" "grid-init: created store '$GRID_DB' (schema $(grid-init --db x.db 2>&1 | sed 's/.*schema \([0-9]*\).*/\1/'))" \
		"saying so, with the schema version of a file"
	is "$(psql_sql "SELECT key || '=' || value FROM gridkit_meta ORDER BY key" | tr '\n' ' ')" \
		"application_id=1196575044 user_version=$(sqlite3 x.db 'PRAGMA user_version') " \
		"the version and the mark kept in gridkit_meta"
	is "$(psql_sql "SELECT kind || ' ' || detail FROM events")" "init {\"from\":0,\"to\":$(sqlite3 x.db 'PRAGMA user_version')}" \
		"the event log records the init"
	run grid-init
	is "$rc:$err" "0:grid-init: store '$GRID_DB' is up to date (schema $(sqlite3 x.db 'PRAGMA user_version'))" \
		"a second grid-init finds it up to date"
	run issue-list
	is "$rc:$out" "0:id	status	level	held_by	grid	unit	category	filed_at	due_at	text" \
		"a program opens it"
	# the tables of PostgreSQL and of SQLite: the same names, columns, indexes
	is "$(psql_sql "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'gridkit_meta' ORDER BY 1")" \
		"$(sqlite3 x.db "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1")" \
		"every table and column of the SQLite schema, no more"
	is "$(psql_sql "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY 1")" \
		"$(sqlite3 x.db "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1")" \
		"every index of the SQLite schema"
	run grid-init --group
	is "$rc" 2 "--group on a server: a usage error"
	like "$err" "GRANT" "saying how a server's store is shared"

	# a database that sorts text by a language's rules: grid-init makes
	# the store, and says that lists will not come out in a file's order
	_db=$(pg_new_db)
	psql -qAtX -d "$GK_PG_URI" -c "CREATE DATABASE $_db TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C.UTF-8'" >/dev/null
	T_PGDBS="$T_PGDBS $_db"
	pg_use "$_db"
	run grid-init
	is "$rc" 0 "a database of another collation: grid-init makes the store"
	warning="grid-init: database '$_db' sorts text by a language's rules, not byte by byte as a file does: lists may come out in another order; create it with --locale=C.UTF-8 --template=template0"
	is "$(printf '%s\n' "$err" | sed -n 1p)" "$warning" \
		"and warns, saying how to make one that sorts as a file"
	like "$(printf '%s\n' "$err" | sed -n 2p)" "^grid-init: created store" \
		"before it says what it did"
	run grid-init
	is "$(printf '%s\n' "$err" | sed -n 1p)" "$warning" "again each time it runs"
	pg_store
	run grid-init
	unlike "$err" "sorts text" "a database of the C collation: no warning"

	# a database with tables of its own is not a store
	pg_store
	psql_sql "CREATE TABLE payroll (x integer)"
	run grid-init
	is "$rc:$err" "3:grid-init: '$GRID_DB' is not a gridkit store; not touching it" \
		"another database's tables are left alone"
	is "$(psql_sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 1 \
		"nothing created there"
	run issue-list
	is "$rc:$err" "3:issue-list: '$GRID_DB' is not a gridkit store" \
		"nor opened as one"
else
	ok 0 "# SKIP no PostgreSQL cluster (GK_PG_URI)"
fi

done_testing
