/*
 * schema.h - the store's forward migrations (see schema.c); used by store.c
 * only.
 */
#ifndef GK_SCHEMA_H
#define GK_SCHEMA_H

/* how many migrations there are: the current schema version */
int schema_count(void);
/* the SQL that takes schema version `from` to from + 1 */
const char *schema_migration(int from);

#endif
