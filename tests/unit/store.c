/* unit tests of lib/store.c: statements, events, transactions */
#include <string.h>

#include "fixture.h"
#include "tap.h"

int
main(void)
{
	struct store *st = fixture_store();
	static const char q[] = "SELECT name FROM units WHERE code = ?";
	struct sql_stmt *s, *s2;

	is_int(store_schema_version(), store_int(st, "PRAGMA user_version", NULL),
	    "the store has this build's schema");
	is_int(store_int(st, "PRAGMA application_id", NULL), STORE_APP_ID,
	    "and gridkit's application id");
	is_int(store_int(st, "PRAGMA foreign_keys", NULL), 1, "foreign keys on");
	s = store_stmt(st, q);
	sql_bind_text(s, 1, "U01");
	ok(store_step(st, s) == SQL_ROW && strcmp(sql_col_text(s, 0), "城管局") == 0,
	    "a cached statement");
	s2 = store_stmt(st, q);
	ok(s2 == s, "the same statement again, by the SQL's address");
	sql_bind_text(s2, 1, "U02");
	store_step(st, s2);
	is_str(sql_col_text(s2, 0), "民政局", "with new bindings");

	store_begin(st);
	store_event(st, &(struct event){ .kind = "test", .subject = "grid C",
	    .detail = "{\"x\":1}" });
	store_event(st, &(struct event){ .kind = "filed", .issue = 0,
	    .at = 1000 });
	store_rollback(st);
	is_int(store_int(st, "SELECT count(*) FROM events WHERE kind = 'test'",
	    NULL), 0, "a rolled back event is gone");
	store_begin(st);
	store_event(st, &(struct event){ .kind = "test", .subject = "grid C",
	    .detail = "{\"x\":1}" });
	store_event(st, &(struct event){ .kind = "old", .at = 1000 });
	store_commit(st);
	is_int(store_int(st, "SELECT count(*) FROM events WHERE kind = 'test'"
	    " AND prog IS NOT NULL AND login <> '' AND at > 0 AND rung IS NULL",
	    NULL), 1, "an event: time, program, login; no rung without an issue");
	is_int(store_int(st, "SELECT at FROM events WHERE kind = 'old'", NULL),
	    1000, "an event may carry its own time");
	is_int(store_int(st, "SELECT count(*) FROM units WHERE code = ?", "U02"),
	    1, "store_int with an argument");
	is_int(store_int(st, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'", NULL), 1, "the store is in WAL mode");
	store_close(st);
	return done_testing();
}
