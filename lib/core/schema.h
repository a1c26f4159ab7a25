/*
 * schema.h - the store's forward migrations (see schema.c); used by store.c
 * only.
 */
#ifndef GK_SCHEMA_H
#define GK_SCHEMA_H

/* how many migrations there are: the current schema version */
int schema_count(void);
/* the SQL that takes schema version `from` to from + 1, in PostgreSQL's
 * words when pg is not 0 (the same text but for a few migrations) */
const char *schema_migration(int from, int pg);
/* SQLite only, before migration `from` runs: text of the tables' CREATE
 * statements to replace in place (sqlite_master), where a migration
 * changes a CHECK to the same condition written otherwise; NULL, or a list
 * ending with a NULL table */
struct schema_rewrite {
	const char *table, *from, *to;
};
const struct schema_rewrite *schema_lite_rewrites(int from);
/* PostgreSQL only, after the migrations: the group role of the offices,
 * its rights, and the row-level security that keeps each office to its
 * own issues (schema.c) */
const char *schema_pg_offices(void);
/* PostgreSQL only, after the migrations: gridkit_rowid(), the ids of new
 * rows, with a planned query for each table (schema.c) */
const char *schema_pg_rowid(void);
/* the first key of the advisory lock gridkit_rowid() takes on a table
 * before it reads the largest id ("GRID"); the second is the hashtext()
 * of the table's name */
#define SCHEMA_PG_ROWID_LOCK "1196575044"
/* PostgreSQL: the DDL of schema version SCHEMA_PG_BASE at once, with the
 * table gridkit_meta (key, value) that keeps the version; the migrations
 * from SCHEMA_PG_BASE on follow it */
#define SCHEMA_PG_BASE 3
const char *schema_pg_base(void);

#endif
