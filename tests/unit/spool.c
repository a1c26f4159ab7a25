/*
 * unit tests of lib/core/spool.c's spool_run: on PostgreSQL ($GK_PG_URI,
 * the cluster tests/run.sh starts), a transaction lost to a serialization
 * failure or a deadlock, found at once or only by the next statement
 * ("current transaction is aborted"), is run again, and only the try that
 * commits leaves its rows on stdout, its messages on stderr and its
 * changes in the store; on SQLite the body runs once
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "store.h"
#include "tap.h"
#include "util.h"

static struct spool *sp;
static struct store *st;
static int calls;

/* each try prints a row and a message and logs an event; the first is
 * lost at once (40001), the second lost by an error no one looked at,
 * found by the next statement (25P02), the third a deadlock (40P01) */
static enum spool_end
body(void *arg)
{
	static const char *const lose[] = {
		"DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE ="
		" 'serialization_failure'; END $$",
		"DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE ="
		" 'serialization_failure'; END $$",
		"DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE ="
		" 'deadlock_detected'; END $$",
	};
	int pg = *(int *)arg;
	char buf[32];
	const char *v[1] = { buf };

	calls++;
	snprintf(buf, sizeof buf, "try %d", calls);
	out_row(spool_out(sp), v, NULL);
	warnf("message of try %d", calls);
	store_event(st, &(struct event){ .kind = "note", .subject = buf });
	if (pg && calls == 2) {
		/* an error nobody checks: the next statement finds it */
		(void)sql_exec(st->db, lose[1]);
		store_event(st, &(struct event){ .kind = "note",
		    .subject = "after" });
	} else if (pg && calls <= 3) {
		store_exec(st, lose[calls - 1]);
	}
	return SPOOL_COMMIT;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	static char buf[4096];
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;

	buf[n] = '\0';
	if (fp)
		fclose(fp);
	return buf;
}

static void
run(const char *target, int pg, const char *k)
{
	static const struct out_col col[] = { { "what", OUT_STR } };
	char out[] = "/tmp/gk-spool-out.XXXXXX", err[] = "/tmp/gk-spool-err.XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err), so, se, from, to;
	char *got;

	st = store_create(target, &from, &to);
	calls = 0;
	fflush(stdout);
	so = dup(1);
	se = dup(2);
	dup2(fo, 1);
	dup2(fe, 2);
	sp = spool_open(st, OUT_TSV, 0, col, 1);
	spool_run(sp, body, &pg);
	spool_close(sp);
	fflush(stdout);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	is_int(calls, pg ? 4 : 1, "%s: the body ran %s", k,
	    pg ? "four times" : "once");
	got = slurp(out);
	is_str(got, pg ? "what\ntry 4\n" : "what\ntry 1\n",
	    "%s: the rows of the try that committed, once", k);
	got = slurp(err);
	is_str(got, pg ? "unit-spool: message of try 4\n" :
	    "unit-spool: message of try 1\n",
	    "%s: its messages, once", k);
	is_int(store_int(st, "SELECT count(*) FROM events WHERE kind = 'note'",
	    NULL), 1, "%s: its changes, once", k);
	got = store_str(st, "SELECT subject FROM events WHERE kind = ?",
	    "note");
	is_str(got, pg ? "try 4" : "try 1", "%s: the try that committed", k);
	free(got);
	store_close(st);
	close(fo);
	close(fe);
	unlink(out);
	unlink(err);
}

int
main(void)
{
	const char *uri = getenv("GK_PG_URI");
	char dir[] = "/tmp/gk-spool.XXXXXX", path[64];

	setprog("unit-spool");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/grid.db", dir);
	run(path, 0, "sqlite");
	unlink(path);
	snprintf(path, sizeof path, "%s/grid.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/grid.db-shm", dir);
	unlink(path);
	rmdir(dir);
	if (uri && *uri) {
		struct sbuf b = { 0 }, mk = { 0 };
		const char *q = strchr(uri, '?');
		char *e = NULL;
		struct sql_db *db = sql_open(uri, 0, &e);

		/* a database of its own, dropped at the end */
		sb_printf(&mk, "CREATE DATABASE gk_unit_spool_%ld",
		    (long)getpid());
		ok(db && sql_exec(db, sb_str(&mk)) == 0, "a database to try in");
		sb_printf(&b, "postgresql:///gk_unit_spool_%ld%s",
		    (long)getpid(), q ? q : "");
		run(sb_str(&b), 1, "postgresql");
		sb_reset(&mk);
		sb_printf(&mk, "DROP DATABASE gk_unit_spool_%ld WITH (FORCE)",
		    (long)getpid());
		if (db)
			sql_exec(db, sb_str(&mk));
		sql_close(db);
		free(e);
		sb_free(&b);
		sb_free(&mk);
	} else {
		printf("ok %d # SKIP no PostgreSQL cluster (GK_PG_URI)\n",
		    ++tap_n);
	}
	return done_testing();
}
