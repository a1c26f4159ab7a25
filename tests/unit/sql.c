/*
 * unit tests of lib/core/sql.c: the one statement API, on SQLite and, when
 * tests/run.sh has started a throwaway cluster ($GK_PG_URI), on
 * PostgreSQL; every check runs the same on both
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sql.h"
#include "tap.h"

static void
test_dollars(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "SELECT ?1, ?2", "SELECT $1, $2" },
		{ "SELECT ?, ?", "SELECT $1, $2" },
		{ "SELECT ?2, ?", "SELECT $2, $3" },
		{ "SELECT '?1', \"a?\" FROM t WHERE x = ?", "SELECT '?1', \"a?\" FROM t WHERE x = $1" },
		{ "SELECT 'it''s ?' || ?", "SELECT 'it''s ?' || $1" },
		{ "SELECT 1 -- what?\n, ?", "SELECT 1 -- what?\n, $1" },
		{ "SELECT /* ? */ ?10", "SELECT /* ? */ $10" },
		{ "SELECT 'open", "SELECT 'open" },
		{ "SELECT :a, ?1, :b, :a, ?", "SELECT $1, $1, $2, $1, $3" },
		{ "SELECT ?1, :lo, :hi, x::int, ':no'", "SELECT $1, $2, $3, x::int, ':no'" },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *got = sql_dollars(t[i].in);

		is_str(got, t[i].want, "placeholders, case %zu", i);
		free(got);
	}
	is_int(sql_named("SELECT ?1, :lo, :hi, :lo", ":hi"), 3, "a name's number");
	is_int(sql_named("SELECT ?1, :lo", "lo"), 2, "without its colon");
	is_int(sql_named("SELECT ':lo'", ":lo"), 0, "not in quotes");
	ok(sql_is_uri("postgresql:///gridkit?host=/tmp"), "a postgresql URI");
	ok(sql_is_uri("postgres://u@h/db"), "a postgres URI");
	ok(!sql_is_uri("grid.db") && !sql_is_uri("postgresql.db"),
	    "a file name is no URI");
}

static int
one_int(struct sql_db *db, const char *sql)
{
	struct sql_stmt *s = sql_prepare(db, sql, 0);
	int v = -1;

	if (s && sql_step(s) == SQL_ROW)
		v = (int)sql_col_int(s, 0);
	sql_finalize(s);
	return v;
}

/* a bulk load: text exactly, NULLs, integers and reals by their type,
 * chunks, and a row refused */
static void
test_load(struct sql_db *db, const char *k)
{
	static const char *const cols[] = { "id", "name", "n", "x" };
	const char *row[4];
	char id[16], name[32];
	struct sql_load *l;
	struct sql_stmt *s;
	int i, rc;

	sql_exec(db, "DROP TABLE IF EXISTS l; CREATE TABLE l (id INTEGER"
	    " PRIMARY KEY, name TEXT, n BIGINT, x REAL)");
	sql_begin(db, 1);
	l = sql_load_begin(db, "l", cols, "itir");
	ok(l != NULL, "%s: a load begins", k);
	rc = sql_load_row(l, (const char *[]){ "1", "a\tb\\c\nd\re 网格",
	    "007", "2.5" });
	rc |= sql_load_row(l, (const char *[]){ "2", NULL, NULL, NULL });
	rc |= sql_load_row(l, (const char *[]){ "3", "\\N", "-3", "1e3" });
	rc |= sql_load_row(l, (const char *[]){ "4", "\\.", "0", "0" });
	for (i = 5; i <= 5000; i++) {
		snprintf(id, sizeof id, "%d", i);
		snprintf(name, sizeof name, "row %d of many", i);
		row[0] = id;
		row[1] = name;
		row[2] = id;
		row[3] = NULL;
		rc |= sql_load_row(l, row);
	}
	ok(rc == 0, "%s: 5000 rows sent", k);
	ok(sql_load_end(l) == 0, "%s: the load ends: %s", k, sql_errmsg(db));
	sql_commit(db);
	is_int(one_int(db, "SELECT count(*) FROM l"), 5000, "%s: every row in", k);
	s = sql_prepare(db, "SELECT name, n, x FROM l WHERE id = ?", 0);
	sql_bind_int(s, 1, 1);
	sql_step(s);
	is_str(sql_col_text(s, 0), "a\tb\\c\nd\re 网格",
	    "%s: a tab, a backslash, a newline and a return as they were", k);
	is_int(sql_col_int(s, 1), 7, "%s: an integer by its value", k);
	ok(sql_col_real(s, 2) == 2.5, "%s: a real", k);
	sql_reset(s);
	sql_bind_int(s, 1, 2);
	sql_step(s);
	ok(sql_col_null(s, 0) && sql_col_null(s, 1) && sql_col_null(s, 2),
	    "%s: NULLs", k);
	sql_reset(s);
	sql_bind_int(s, 1, 3);
	sql_step(s);
	is_str(sql_col_text(s, 0), "\\N", "%s: \\N as text is text", k);
	ok(sql_col_int(s, 1) == -3 && sql_col_real(s, 2) == 1000,
	    "%s: and its numbers", k);
	sql_reset(s);
	sql_bind_int(s, 1, 4);
	sql_step(s);
	is_str(sql_col_text(s, 0), "\\.", "%s: so is \\.", k);
	sql_finalize(s);

	/* a duplicate key: refused at the row (SQLite) or at the end */
	sql_begin(db, 1);
	l = sql_load_begin(db, "l", cols, "itir");
	rc = sql_load_row(l, (const char *[]){ "6000", "new", "1", "1" });
	rc |= sql_load_row(l, (const char *[]){ "1", "again", "1", "1" });
	rc |= sql_load_end(l);
	ok(rc != 0 && *sql_errmsg(db), "%s: a row refused fails the load: %s",
	    k, sql_errmsg(db));
	sql_rollback(db);
	is_int(one_int(db, "SELECT count(*) FROM l"), 5000,
	    "%s: the connection works on, nothing of that load in", k);
	sql_exec(db, "DROP TABLE l");
}

/* the same checks on either database; k names it in the messages */
static void
test_db(struct sql_db *db, const char *k)
{
	struct sql_stmt *s, *t;
	int i, n, nested, rows;

	ok(sql_exec(db, "DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER"
	    " PRIMARY KEY, name TEXT, n BIGINT, x REAL)") == 0,
	    "%s: exec of two statements", k);
	s = sql_prepare(db, "INSERT INTO t (id, name, n, x) VALUES (?1, ?2, ?3, ?4)", 0);
	ok(s != NULL, "%s: prepare an insert", k);
	sql_begin(db, 1);
	for (i = 1; i <= 5000; i++) {
		char name[32];

		snprintf(name, sizeof name, "户%04d", i);
		sql_reset(s);
		sql_bind_int(s, 1, i);
		if (i % 7)
			sql_bind_text(s, 2, name);
		else
			sql_bind_text(s, 2, NULL);
		sql_bind_int(s, 3, (int64_t)i * 1000000000LL);
		sql_bind_real(s, 4, i / 4.0);
		if (sql_step(s) != SQL_DONE)
			break;
	}
	sql_commit(db);
	is_int(i, 5001, "%s: 5000 rows inserted, one statement reset", k);
	is_int(sql_changes(db), 1, "%s: an insert changes one row", k);
	sql_finalize(s);

	s = sql_prepare(db, "SELECT name, n, x, id FROM t WHERE id = ?2 OR"
	    " id = ?1 ORDER BY id", 0);
	sql_bind_int(s, 1, 7);
	sql_bind_int(s, 2, 4000);
	is_int(sql_ncols(s), 4, "%s: columns known before the first step", k);
	is_str(sql_colname(s, 1), "n", "%s: and their names", k);
	is_int(sql_step(s), SQL_ROW, "%s: a first row", k);
	ok(sql_col_null(s, 0) && sql_col_text(s, 0) == NULL,
	    "%s: NULL reads as NULL", k);
	is_int(sql_col_int(s, 1), 7000000000LL, "%s: 64-bit integers", k);
	ok(sql_col_real(s, 2) == 1.75, "%s: reals", k);
	is_int(sql_step(s), SQL_ROW, "%s: a second row", k);
	is_str(sql_col_text(s, 0), "户4000", "%s: UTF-8 text", k);
	is_int(sql_step(s), SQL_DONE, "%s: and no more", k);
	sql_reset(s);
	is_int(sql_step(s), SQL_ROW, "%s: reset runs it again, bindings kept", k);
	is_int(sql_col_int(s, 3), 7, "%s: from the first row", k);
	sql_finalize(s);

	is_int(one_int(db, "SELECT count(*) FROM t WHERE name IS NULL"), 714,
	    "%s: NULL bound as NULL", k);
	is_int(one_int(db, "SELECT 2 > 1"), 1, "%s: a truth reads as 1", k);

	s = sql_prepare(db, "SELECT count(*) FROM t WHERE n > ?1 AND id >= :lo"
	    " AND id < :hi", 0);
	is_int(sql_nparams(s), 3, "%s: three parameters", k);
	is_int(sql_param_index(s, ":hi"), 3, "%s: :hi is the third", k);
	sql_bind_int(s, 1, 0);
	sql_bind_int(s, sql_param_index(s, ":lo"), 10);
	sql_bind_static(s, sql_param_index(s, ":hi"), "20");
	is_int(sql_step(s) == SQL_ROW ? sql_col_int(s, 0) : -1, 10,
	    "%s: named parameters bound by their numbers", k);
	sql_finalize(s);

	/* a number left out (?2 here): SQLite counts it and binds it; the
	 * server cannot tell its type from where it stands, since it stands
	 * nowhere */
	s = sql_prepare(db, "SELECT count(*) FROM t WHERE n > ?1 AND id < ?3",
	    0);
	is_int(s != NULL, 1, "%s: a parameter numbered and not used", k);
	if (s) {
		is_int(sql_nparams(s), 3, "%s: counted all the same", k);
		sql_bind_int(s, 1, 0);
		sql_bind_text(s, 2, "unused");
		sql_bind_int(s, 3, 20);
		is_int(sql_step(s) == SQL_ROW ? sql_col_int(s, 0) : -1, 19,
		    "%s: and bound all the same", k);
		sql_finalize(s);
	}

	/* a key the database gives: the DDL is the one thing that differs */
	sql_exec(db, sql_kind(db) == SQL_PGSQL ?
	    "CREATE TABLE seq (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
	    " PRIMARY KEY, v TEXT)" :
	    "CREATE TABLE seq (id INTEGER PRIMARY KEY, v TEXT)");
	sql_exec(db, "INSERT INTO seq (v) VALUES ('a'); INSERT INTO seq (v) VALUES ('b')");
	is_int(sql_last_id(db), 2, "%s: the key the last insert got", k);
	n = (int)sql_total_changes(db);
	sql_exec(db, "UPDATE seq SET v = 'c'");
	is_int(sql_total_changes(db) - n, 2, "%s: total changes count on", k);
	sql_exec(db, "DROP TABLE seq");

	/* a statement run while another's rows are read, streamed or not */
	for (n = 0; n < 2; n++) {
		sql_begin(db, 0);
		s = sql_prepare(db, "SELECT id FROM t ORDER BY id", n ? SQL_STREAM : 0);
		t = sql_prepare(db, "SELECT n FROM t WHERE id = ?", 0);
		rows = nested = 0;
		while (sql_step(s) == SQL_ROW) {
			rows++;
			sql_reset(t);
			sql_bind_int(t, 1, sql_col_int(s, 0));
			if (sql_step(t) == SQL_ROW && sql_col_int(t, 0) ==
			    sql_col_int(s, 0) * 1000000000LL)
				nested++;
		}
		is_int(rows, 5000, "%s: every row read (%s)", k, n ? "streamed" : "whole");
		is_int(nested, 5000, "%s: with a lookup between rows", k);
		sql_finalize(t);
		sql_finalize(s);
		sql_commit(db);
	}

	sql_begin(db, 1);
	sql_exec(db, "UPDATE t SET n = 0 WHERE id <= 10");
	is_int(sql_changes(db), 10, "%s: rows changed by an update", k);
	sql_rollback(db);
	is_int(one_int(db, "SELECT count(*) FROM t WHERE n = 0"), 0,
	    "%s: and rolled back", k);

	s = sql_prepare(db, "SELECT nosuchcolumn FROM t", 0);
	ok(s == NULL, "%s: a bad statement is refused", k);
	ok(strstr(sql_errmsg(db), "nosuchcolumn") != NULL,
	    "%s: with the database's reason: %s", k, sql_errmsg(db));
	is_int(sql_fault(db), SQL_FAULT_OTHER, "%s: not one to retry", k);
	s = sql_prepare(db, "INSERT INTO t (id) VALUES (?)", 0);
	sql_bind_int(s, 1, 1);
	is_int(sql_step(s), SQL_ERROR, "%s: a duplicate key fails", k);
	ok(*sql_errmsg(db) != '\0', "%s: saying why: %s", k, sql_errmsg(db));
	sql_finalize(s);
	is_int(one_int(db, "SELECT count(*) FROM t"), 5000,
	    "%s: the connection works after an error", k);
	sql_exec(db, "DROP TABLE t");
}

int
main(void)
{
	const char *uri = getenv("GK_PG_URI");
	char path[] = "/tmp/gridkit-sql.XXXXXX", *err = NULL;
	struct sql_db *db;
	int fd;

	test_dollars();

	fd = mkstemp(path);
	close(fd);
	db = sql_open(path, SQL_CREATE, &err);
	ok(db && sql_kind(db) == SQL_SQLITE, "an SQLite file opens");
	test_db(db, "sqlite");
	test_load(db, "sqlite");
	sql_close(db);
	unlink(path);

	db = sql_open("postgresql:///nosuch?host=/nonexistent", 0, &err);
	ok(db == NULL && err && strstr(err, "/nonexistent"),
	    "an unreachable server: libpq's reason: %s", err ? err : "");
	free(err);

	if (!uri || !*uri) {
		printf("ok %d # SKIP no PostgreSQL cluster (GK_PG_URI)\n", ++tap_n);
		return done_testing();
	}
	db = sql_open(uri, 0, &err);
	ok(db && sql_kind(db) == SQL_PGSQL, "PostgreSQL opens: %s",
	    err ? err : uri);
	free(err);
	if (db) {
		test_db(db, "pgsql");
		test_load(db, "pgsql");
		sql_close(db);
	}
	return done_testing();
}
