/* unit tests of lib/import.c: the batch engine, with a kind of its own */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "import.h"
#include "tap.h"

static const char *const fields[] = { "code", "name" };
static const int required[] = { 1, 0 };

/* a kind that adds units, refuses names "bad", holds names "later" */
static int held_n;
static struct held held[4];

static enum imp_result
row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	static const char ins[] = "INSERT INTO units (code, name) VALUES (?, ?)";
	const char *code = rec_get(r, 0), *name = rec_get(r, 1);
	struct sql_stmt *s;

	(void)state;
	if (name && strcmp(name, "bad") == 0) {
		sb_puts(why, "a bad name");
		return IMP_REJECTED;
	}
	if (name && strcmp(name, "later") == 0) {
		held_keep(&held[held_n++], r);
		return IMP_HELD;
	}
	if (imp_exists(im, "units", code))
		return IMP_UNCHANGED;
	s = store_stmt(imp_store(im), ins);
	sql_bind_text(s, 1, code);
	sql_bind_text(s, 2, name ? name : "?");
	store_step(imp_store(im), s);
	return IMP_ADDED;
}

static void
end(struct imp *im, void *state)
{
	int i;

	(void)state;
	for (i = 0; i < held_n; i++) {
		imp_done(im, &held[i], i ? IMP_REJECTED : IMP_ADDED,
		    "held and refused");
		held_free(&held[i]);
	}
	held_n = 0;
}

static const struct kind kind = { "units", fields, required, 2, NULL, NULL,
	NULL, row, end, NULL, NULL };

/* a kind that holds every record and does them when the engine says
 * (flush), as issue-file does on PostgreSQL: refuses names "bad" */
static int bad[8];

static enum imp_result
hold_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	const char *name = rec_get(r, 1);

	(void)im;
	(void)state;
	(void)why;
	bad[held_n] = name && strcmp(name, "bad") == 0;
	held_keep(&held[held_n++], r);
	return IMP_HELD;
}

static void
hold_flush(struct imp *im, void *state)
{
	int i;

	(void)state;
	for (i = 0; i < held_n; i++) {
		imp_done(im, &held[i], bad[i] ? IMP_REJECTED : IMP_ADDED,
		    "a bad name");
		held_free(&held[i]);
	}
	held_n = 0;
}

static const struct kind holding = { "units", fields, required, 2, NULL,
	NULL, NULL, hold_row, NULL, NULL, hold_flush };

static const char *
put(const char *name, const char *text)
{
	FILE *fp = fopen(name, "w");

	fputs(text, fp);
	fclose(fp);
	return name;
}

static char *
slurp(const char *name)
{
	static char buf[1024];
	FILE *fp = fopen(name, "r");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;

	buf[n] = '\0';
	if (fp)
		fclose(fp);
	return buf;
}

int
main(void)
{
	struct store *st = fixture_store();
	char dir[] = "/tmp/gk-import-XXXXXX";
	char *files[2];
	struct imp_opts o = { 0 };
	char a[64], b[64], rej[64];

	mkdtemp(dir);
	snprintf(a, sizeof a, "%s/a.csv", dir);
	snprintf(b, sizeof b, "%s/b.jsonl", dir);
	snprintf(rej, sizeof rej, "%s/rej.csv", dir);
	files[0] = (char *)put(a, "code,name\nU10,甲\nU11,bad\nU12,later\n"
	    "U13,later\nU01,城管局\n");
	files[1] = (char *)put(b, "{\"code\":\"U20\",\"name\":\"乙\"}\n"
	    "{\"code\":\"U21\",\"name\":\"bad\"}\n");
	o.rejects = rej;
	o.quiet = 1;
	is_int(import_run(st, &kind, files, 2, &o), EXIT_PARTIAL,
	    "rejected records: exit 1");
	is_int(store_int(st, "SELECT count(*) FROM units WHERE code IN"
	    " ('U10', 'U11', 'U20', 'U21')", NULL), 2, "the good records are in");
	is_str(slurp(rej), "code,name\nU11,bad\n"
	    "{\"code\":\"U21\",\"name\":\"bad\"}\ncode,name\nU13,later\n",
	    "--rejects: the bad rows as they were, a header before CSV rows, "
	    "held ones last");
	is_int(store_int(st, "SELECT count(*) FROM events WHERE kind = 'import'",
	    NULL), 2, "an import event a file");
	is_int(store_int(st, "SELECT json_extract(detail, '$.added') FROM events"
	    " WHERE kind = 'import' ORDER BY id LIMIT 1", NULL), 2,
	    "counting what was added");

	files[0] = (char *)put(a, "code,name\nU60,bad\nU61,x,extra\nU62,bad\n"
	    "U63,y\n");
	files[1] = (char *)put(b, "{\"code\":\"U64\",\"name\":\"bad\"}\n");
	is_int(import_run(st, &holding, files, 2, &o), EXIT_PARTIAL,
	    "a kind that holds records: exit 1");
	is_str(slurp(rej), "code,name\nU60,bad\nU61,x,extra\nU62,bad\n"
	    "{\"code\":\"U64\",\"name\":\"bad\"}\n",
	    "its refused rows in --rejects in the order of the lines, the one "
	    "the reader refused among them, each file's before the next");
	is_int(held_n, 0, "none left held");

	o.strict = 1;
	files[0] = (char *)put(a, "code,name\nU30,丙\nU31,bad\n");
	is_int(import_run(st, &kind, files, 1, &o), EXIT_PARTIAL,
	    "--strict with a bad record: exit 1");
	is_int(store_int(st, "SELECT count(*) FROM units WHERE code = 'U30'",
	    NULL), 0, "and nothing written");
	o.strict = 0;
	o.dry_run = 1;
	files[0] = (char *)put(a, "code,name\nU40,丁\n");
	is_int(import_run(st, &kind, files, 1, &o), EXIT_OK, "a dry run");
	is_int(store_int(st, "SELECT count(*) FROM units WHERE code = 'U40'",
	    NULL), 0, "writes nothing");
	o.dry_run = 0;
	o.rejects = NULL;
	files[0] = (char *)put(a, "code,nmae\nU50,x\n");
	is_int(import_run(st, &kind, files, 1, &o), EXIT_PARTIAL,
	    "a file that cannot be read is a failure");
	files[0] = (char *)put(a, "");
	is_int(import_run(st, &kind, files, 1, &o), EXIT_OK,
	    "an empty file is not");
	unlink(a);
	unlink(b);
	unlink(rej);
	rmdir(dir);
	store_close(st);
	return done_testing();
}
