/*
 * schema.c - the store's tables, as forward migrations.
 *
 * migrations[i] takes a store from schema version i to i + 1; grid-init runs
 * those a store lacks, in one transaction, and sets PRAGMA user_version.
 * A released migration is never edited: a change is a new one at the end.
 * man/gridkit.7 documents every table and column; keep the two together.
 *
 * Times are INTEGER seconds since the epoch (read them with
 * datetime(col, 'unixepoch', 'localtime')); dates of the calendar are TEXT
 * YYYY-MM-DD.  The SQL is portable apart from partial indexes, which
 * PostgreSQL has too.
 */
#include "schema.h"

static const char *const migrations[] = {
	/* 0 → 1: the first schema */
	"CREATE TABLE levels ("
	"  depth INTEGER PRIMARY KEY CHECK (depth >= 0),"
	"  name TEXT NOT NULL,"
	"  hours REAL NOT NULL CHECK (hours > 0)"
	");"
	"CREATE TABLE units ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL"
	");"
	/* path is '/' + the codes from the root down, each followed by '/':
	 * the subtree of a grid is the range [path, path with its last '/'
	 * turned into '0'), one index seek at any depth */
	"CREATE TABLE grids ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  parent TEXT REFERENCES grids(code),"
	"  leader TEXT,"
	"  depth INTEGER NOT NULL,"
	"  path TEXT NOT NULL"
	");"
	"CREATE UNIQUE INDEX grids_path ON grids(path);"
	"CREATE INDEX grids_parent ON grids(parent);"
	"CREATE TABLE cadres ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  phone TEXT,"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active', 'left'))"
	");"
	"CREATE INDEX cadres_grid ON cadres(grid);"
	"CREATE INDEX cadres_unit ON cadres(unit);"
	/* code is a unique index, not the primary key, so that a big load
	 * into an empty table can build it after the rows (PERF.md) */
	"CREATE TABLE households ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL,"
	"  head TEXT NOT NULL,"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  id_number TEXT,"
	"  phone TEXT,"
	"  address TEXT,"
	"  members INTEGER,"
	"  tags TEXT"
	");"
	"CREATE UNIQUE INDEX households_code ON households(code);"
	"CREATE INDEX households_grid ON households(grid);"
	/* a pair is never overwritten: a move ends it (ended_at) and starts
	 * another; at most one current pair a household */
	"CREATE TABLE pairs ("
	"  id INTEGER PRIMARY KEY,"
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  started_at INTEGER NOT NULL,"
	"  ended_at INTEGER"
	");"
	"CREATE UNIQUE INDEX pairs_current ON pairs(household)"
	"  WHERE ended_at IS NULL;"
	"CREATE INDEX pairs_cadre ON pairs(cadre, household)"
	"  WHERE ended_at IS NULL;"
	"CREATE INDEX pairs_household ON pairs(household, started_at);"
	/* at is kept to the minute: a visit logged twice is one visit */
	"CREATE TABLE visits ("
	"  id INTEGER PRIMARY KEY,"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  at INTEGER NOT NULL,"
	"  note TEXT"
	");"
	"CREATE UNIQUE INDEX visits_key ON visits(cadre, household, at);"
	"CREATE INDEX visits_household ON visits(household, at);"
	"CREATE INDEX visits_at ON visits(at);"
	"CREATE TABLE calendar ("
	"  date TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))"
	");"
	"CREATE TABLE rules ("
	"  \"order\" INTEGER PRIMARY KEY,"
	"  category TEXT,"
	"  pattern TEXT,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  assist TEXT,"
	"  hours REAL NOT NULL CHECK (hours > 0),"
	"  CHECK (category IS NOT NULL OR pattern IS NOT NULL)"
	");"
	/* rung: the depth of the grid that holds the issue (rung_grid), or
	 * 0 while the contact cadre (cadre) holds it */
	"CREATE TABLE issues ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT UNIQUE,"
	"  household TEXT REFERENCES households(code),"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  category TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  source TEXT,"
	"  reporter TEXT REFERENCES cadres(code),"
	"  private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
	"    ('open', 'routed', 'accepted', 'resolved', 'closed', 'rejected')),"
	"  rung INTEGER NOT NULL,"
	"  rung_grid TEXT REFERENCES grids(code),"
	"  cadre TEXT REFERENCES cadres(code),"
	"  unit TEXT REFERENCES units(code),"
	"  assist TEXT,"
	"  hours REAL,"
	"  filed_at INTEGER NOT NULL,"
	"  routed_at INTEGER,"
	"  accepted_at INTEGER,"
	"  resolved_at INTEGER,"
	"  closed_at INTEGER,"
	"  rejected_at INTEGER,"
	"  due_at INTEGER,"
	"  escalations INTEGER NOT NULL DEFAULT 0,"
	"  at_root INTEGER NOT NULL DEFAULT 0,"
	"  answer TEXT,"
	"  reason TEXT,"
	"  duplicate_of INTEGER REFERENCES issues(id),"
	"  updated_at INTEGER NOT NULL"
	");"
	/* the nightly escalation reads only the open deadlines (PERF.md) */
	"CREATE INDEX issues_due ON issues(due_at)"
	"  WHERE status IN ('open', 'routed', 'accepted');"
	"CREATE INDEX issues_filed ON issues(filed_at);"
	"CREATE INDEX issues_status ON issues(status);"
	"CREATE INDEX issues_grid ON issues(grid);"
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)"
	"  WHERE rung_grid IS NOT NULL;"
	"CREATE INDEX issues_unit ON issues(unit) WHERE unit IS NOT NULL;"
	"CREATE INDEX issues_household ON issues(household)"
	"  WHERE household IS NOT NULL;"
	"CREATE INDEX issues_cadre ON issues(cadre) WHERE cadre IS NOT NULL;"
	"CREATE INDEX issues_resolved ON issues(resolved_at)"
	"  WHERE resolved_at IS NOT NULL;"
	/* the complete record: who did what, when; an issue's events also
	 * carry its state after them, so a month can be counted as it stood */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  prog TEXT NOT NULL,"
	"  login TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  issue INTEGER REFERENCES issues(id),"
	"  subject TEXT,"
	"  status TEXT,"
	"  rung INTEGER,"
	"  unit TEXT,"
	"  due_at INTEGER,"
	"  detail TEXT"
	");"
	"CREATE INDEX events_issue ON events(issue, id) WHERE issue IS NOT NULL;"
	"CREATE INDEX events_kind ON events(kind, at);"
	/* one row an escalation: who let the issue run over, and by how much */
	"CREATE TABLE accountability ("
	"  id INTEGER PRIMARY KEY,"
	"  issue INTEGER NOT NULL REFERENCES issues(id),"
	"  at INTEGER NOT NULL,"
	"  rung INTEGER NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  held_by TEXT,"
	"  unit TEXT REFERENCES units(code),"
	"  due_at INTEGER NOT NULL,"
	"  hours_over REAL NOT NULL"
	");"
	"CREATE INDEX accountability_issue ON accountability(issue);"
	"CREATE INDEX accountability_at ON accountability(at);"
	/* a resident's feedback on an issue (for the contact cadre) and a grid
	 * leader's rating of the lead unit */
	"CREATE TABLE evaluations ("
	"  id INTEGER PRIMARY KEY,"
	"  issue INTEGER NOT NULL REFERENCES issues(id),"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('feedback', 'rating')),"
	"  value TEXT NOT NULL,"
	"  cadre TEXT REFERENCES cadres(code),"
	"  unit TEXT REFERENCES units(code)"
	");"
	"CREATE INDEX evaluations_issue ON evaluations(issue);"
	"CREATE INDEX evaluations_at ON evaluations(at);"
	/* public audits: a draw, the cadres drawn in order, the calls made */
	"CREATE TABLE draws ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  seed TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  login TEXT NOT NULL"
	");"
	"CREATE TABLE draw_cadres ("
	"  draw INTEGER NOT NULL REFERENCES draws(id),"
	"  seq INTEGER NOT NULL,"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  PRIMARY KEY (draw, seq)"
	");"
	"CREATE TABLE audit_calls ("
	"  id INTEGER PRIMARY KEY,"
	"  draw INTEGER NOT NULL REFERENCES draws(id),"
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  cadre TEXT REFERENCES cadres(code),"
	"  result TEXT NOT NULL CHECK (result IN ('confirmed', 'denied')),"
	"  note TEXT,"
	"  at INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX audit_calls_key ON audit_calls(draw, household);",

	/* 1 → 2: issue-list finds issues by category and by rung among
	 * millions without reading them all.  Who holds an issue is asked of
	 * the issues still being handled (escalate moves them up, a grid's
	 * agenda lists them), so the index of the grid holding it keeps those
	 * only: small, and off the millions of closed issues, whose pages an
	 * escalation no longer rewrites (a night of 40,000 escalations in 4
	 * million issues writes a quarter of the pages it did).  And what the
	 * monthly report reads, straight from the indexes (stats.h): the issues
	 * filed before a time and resolved or rejected after it; the pairs
	 * started and ended by a time; the households visited in a period */
	"CREATE INDEX issues_category ON issues(category);"
	"CREATE INDEX issues_rung ON issues(rung);"
	"DROP INDEX issues_rung_grid;"
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)"
	"  WHERE rung_grid IS NOT NULL"
	"  AND status IN ('open', 'routed', 'accepted');"
	"DROP INDEX issues_resolved;"
	"CREATE INDEX issues_resolved ON issues(resolved_at, filed_at)"
	"  WHERE resolved_at IS NOT NULL;"
	"CREATE INDEX issues_rejected ON issues(rejected_at, filed_at)"
	"  WHERE rejected_at IS NOT NULL;"
	"CREATE INDEX pairs_started ON pairs(started_at);"
	"CREATE INDEX pairs_ended ON pairs(ended_at)"
	"  WHERE ended_at IS NOT NULL;"
	"DROP INDEX visits_at;"
	"CREATE INDEX visits_at ON visits(at, household);",

	/* 2 → 3: status and retirement.  Nothing is deleted: a grid, a
	 * unit or a rule retires, a household moves away (迁出); cadres had
	 * their status from the start.  When a grid or a unit was added
	 * (NULL: before this version), so that a month's report, which
	 * never changes once the month has ended, does not grow rows for
	 * those added after it.  The deadlines an issue's events carry are
	 * indexed, so that the issues due in a period (stats' indicators)
	 * are found without reading every event */
	"ALTER TABLE grids ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
	"  CHECK (status IN ('active', 'retired'));"
	"ALTER TABLE units ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
	"  CHECK (status IN ('active', 'retired'));"
	"ALTER TABLE rules ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
	"  CHECK (status IN ('active', 'retired'));"
	"ALTER TABLE households ADD COLUMN status TEXT NOT NULL"
	"  DEFAULT 'active' CHECK (status IN ('active', 'moved'));"
	"ALTER TABLE grids ADD COLUMN created_at INTEGER;"
	"ALTER TABLE units ADD COLUMN created_at INTEGER;"
	"CREATE INDEX events_due ON events(due_at)"
	"  WHERE due_at IS NOT NULL AND issue IS NOT NULL;"
};

int
schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *
schema_migration(int from)
{
	return from >= 0 && from < schema_count() ? migrations[from] : 0;
}
