/*
 * schema.c - the store's tables, as forward migrations.
 *
 * migrations[i] takes a store from schema version i to i + 1; grid-init runs
 * those a store lacks, in one transaction, and sets PRAGMA user_version.
 * A released migration is never edited: a change is a new one at the end.
 * man/gridkit.7 documents every table and column; keep the two together.
 *
 * Times are INTEGER seconds since the epoch (in SQLite's shell, read them
 * with datetime(col, 'unixepoch', 'localtime')); dates of the calendar are
 * TEXT YYYY-MM-DD.
 *
 * The states of an issue, in the CHECK of issues and the conditions of its
 * partial indexes, come from istate.h, whose macros the queries use too
 * (a partial index serves only a query that says what it says).
 * Migrations 1 and 2 spell them out as they were then; migration 3
 * rebuilt the table and its indexes from istate.h.
 *
 * PostgreSQL (a libpq URI as the store) does not replay migrations 0 to 2,
 * which are SQLite's (INTEGER PRIMARY KEY row ids, a table rebuilt to
 * change a CHECK): grid-init creates there schema_pg_base(), which is
 * version SCHEMA_PG_BASE (3) in PostgreSQL's dialect, and then runs the
 * migrations from index SCHEMA_PG_BASE on.  So the rule for every
 * migration after version 3: portable SQL that both run as it is (CREATE
 * and DROP INDEX, ALTER TABLE ADD COLUMN with a constant default, UPDATE
 * ...; BIGINT for an integer column, DOUBLE PRECISION for a real one,
 * which SQLite takes too), never a table rebuilt the SQLite way nor a
 * PRAGMA.  A migration that cannot be written so is two strings chosen by
 * sql_kind(), and this comment says why.
 */
#include "istate.h"
#include "schema.h"

/* migration 6: the table of counts of ended issues and its first
 * counts, and the index of undecided cases (portable), and what a trigger adds or takes off for issue r
 * (NEW or OLD) */
#define TALLIES \
	"CREATE TABLE tallies (" \
	"  grid TEXT NOT NULL," \
	"  dim INTEGER NOT NULL CHECK (dim IN (0, 1, 2))," \
	"  key TEXT NOT NULL," \
	"  status TEXT NOT NULL," \
	"  n INTEGER NOT NULL," \
	"  PRIMARY KEY (grid, dim, key, status)" \
	");" \
	"INSERT INTO tallies (grid, dim, key, status, n)" \
	"  SELECT grid, 0, CAST(rung AS TEXT), status, count(*) FROM issues" \
	"  WHERE status IN " ISTATE_ENDED_SQL " GROUP BY grid, rung, status;" \
	"INSERT INTO tallies (grid, dim, key, status, n)" \
	"  SELECT grid, 1, coalesce(unit, ''), status, count(*) FROM issues" \
	"  WHERE status IN " ISTATE_ENDED_SQL \
	"  GROUP BY grid, coalesce(unit, ''), status;" \
	"INSERT INTO tallies (grid, dim, key, status, n)" \
	"  SELECT grid, 2, category, status, count(*) FROM issues" \
	"  WHERE status IN " ISTATE_ENDED_SQL " GROUP BY grid, category, status;" \
	"CREATE INDEX accountability_undecided ON accountability(opened_at)" \
	"  WHERE decided_at IS NULL;"
/* migration 8: the whole store's counts of ended issues beside the
 * grids' (portable), kept by a trigger on tallies (each database's own) */
#define TALLY_TOTALS \
	"CREATE TABLE tally_totals (" \
	"  dim INTEGER NOT NULL CHECK (dim = 0 OR dim = 1 OR dim = 2)," \
	"  key TEXT NOT NULL," \
	"  status TEXT NOT NULL," \
	"  n INTEGER NOT NULL," \
	"  PRIMARY KEY (dim, key, status)" \
	")"
#define TALLY_TOTALS_FILL \
	"INSERT INTO tally_totals (dim, key, status, n)" \
	"  SELECT dim, key, status, sum(n) FROM tallies" \
	"  GROUP BY dim, key, status;"
/* what a row r (NEW or OLD) of tallies adds to or takes off the totals */
#define TOTAL_ADD(r) \
	"INSERT INTO tally_totals (dim, key, status, n) VALUES" \
	" (" r ".dim, " r ".key, " r ".status, " r ".n)" \
	" ON CONFLICT (dim, key, status)" \
	" DO UPDATE SET n = tally_totals.n + excluded.n"
#define TOTAL_SUB(r) \
	"UPDATE tally_totals SET n = n - " r ".n WHERE dim = " r ".dim" \
	" AND key = " r ".key AND status = " r ".status"
#define TALLY_ADD(r) \
	"INSERT INTO tallies (grid, dim, key, status, n) VALUES" \
	" (" r ".grid, 0, CAST(" r ".rung AS TEXT), " r ".status, 1)," \
	" (" r ".grid, 1, coalesce(" r ".unit, ''), " r ".status, 1)," \
	" (" r ".grid, 2, " r ".category, " r ".status, 1)" \
	" ON CONFLICT (grid, dim, key, status) DO UPDATE SET n = tallies.n + 1"
#define TALLY_SUB(r) \
	"UPDATE tallies SET n = n - 1 WHERE grid = " r ".grid" \
	" AND status = " r ".status AND ((dim = 0 AND key = CAST(" r ".rung AS" \
	" TEXT)) OR (dim = 1 AND key = coalesce(" r ".unit, ''))" \
	" OR (dim = 2 AND key = " r ".category))"

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
	 * into an empty table can build it after the rows, about 6x faster
	 * (tests/bench/README) */
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
	/* the nightly escalation reads only the open deadlines: a partial
	 * index is 1.15 MB where (status, due_at) is 60 MB (tests/bench/README)
	 * */
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

	/* 2 → 3: the field's case rules */
	/* the issues, rebuilt the SQLite way (a CHECK cannot be altered) for
	 * the state parked; the states and the partial indexes' conditions
	 * come from istate.h, which the queries use too.  New: the
	 * responsible person (owner), the cooperating units, how many times
	 * it was referred up by hand (referrals; escalations counts the
	 * clock's), and while parked the state it had and the working hours
	 * that were left (its due_at is NULL: no deadline runs) */
	"CREATE TABLE issues_new ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT UNIQUE,"
	"  household TEXT REFERENCES households(code),"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  category TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  source TEXT,"
	"  reporter TEXT REFERENCES cadres(code),"
	"  private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN " ISTATE_ALL_SQL "),"
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
	"  updated_at INTEGER NOT NULL,"
	"  owner TEXT REFERENCES cadres(code),"
	"  cooperate TEXT,"
	"  referrals INTEGER NOT NULL DEFAULT 0,"
	"  parked_from TEXT,"
	"  parked_left REAL"
	");"
	"INSERT INTO issues_new (id, ref, household, grid, category, text,"
	"  source, reporter, private, status, rung, rung_grid, cadre, unit,"
	"  assist, hours, filed_at, routed_at, accepted_at, resolved_at,"
	"  closed_at, rejected_at, due_at, escalations, at_root, answer,"
	"  reason, duplicate_of, updated_at)"
	" SELECT id, ref, household, grid, category, text,"
	"  source, reporter, private, status, rung, rung_grid, cadre, unit,"
	"  assist, hours, filed_at, routed_at, accepted_at, resolved_at,"
	"  closed_at, rejected_at, due_at, escalations, at_root, answer,"
	"  reason, duplicate_of, updated_at FROM issues;"
	"DROP TABLE issues;"
	"ALTER TABLE issues_new RENAME TO issues;"
	"CREATE INDEX issues_due ON issues(due_at)"
	"  WHERE status IN " ISTATE_ON_CLOCK_SQL ";"
	"CREATE INDEX issues_filed ON issues(filed_at);"
	"CREATE INDEX issues_status ON issues(status);"
	"CREATE INDEX issues_grid ON issues(grid);"
	"CREATE INDEX issues_category ON issues(category);"
	"CREATE INDEX issues_rung ON issues(rung);"
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)"
	"  WHERE rung_grid IS NOT NULL"
	"  AND status IN " ISTATE_IN_HAND_SQL ";"
	"CREATE INDEX issues_unit ON issues(unit) WHERE unit IS NOT NULL;"
	"CREATE INDEX issues_household ON issues(household)"
	"  WHERE household IS NOT NULL;"
	"CREATE INDEX issues_cadre ON issues(cadre) WHERE cadre IS NOT NULL;"
	"CREATE INDEX issues_resolved ON issues(resolved_at, filed_at)"
	"  WHERE resolved_at IS NOT NULL;"
	"CREATE INDEX issues_rejected ON issues(rejected_at, filed_at)"
	"  WHERE rejected_at IS NOT NULL;"
	/* the cooperating units (配合) of a rule, ';'-separated */
	"ALTER TABLE rules ADD COLUMN cooperate TEXT;"
	/* evaluations: also a unit's rating of the grid that worked the case
	 * with it (kind grid, the grid in grid) */
	"CREATE TABLE evaluations_new ("
	"  id INTEGER PRIMARY KEY,"
	"  issue INTEGER NOT NULL REFERENCES issues(id),"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('feedback', 'rating', 'grid')),"
	"  value TEXT NOT NULL,"
	"  cadre TEXT REFERENCES cadres(code),"
	"  unit TEXT REFERENCES units(code),"
	"  grid TEXT REFERENCES grids(code)"
	");"
	"INSERT INTO evaluations_new (id, issue, at, kind, value, cadre, unit)"
	" SELECT id, issue, at, kind, value, cadre, unit FROM evaluations;"
	"DROP TABLE evaluations;"
	"ALTER TABLE evaluations_new RENAME TO evaluations;"
	"CREATE INDEX evaluations_issue ON evaluations(issue);"
	"CREATE INDEX evaluations_at ON evaluations(at);"
	/* accountability is a case: escalate opens it pending against who
	 * held the issue when its deadline passed (holder_cadre: the contact
	 * cadre or the grid's leader; holder_unit: the lead unit when the
	 * deadline was the unit's); the supervising office confirms it, with
	 * the people and units held to account and the outcome, or waives it
	 * with a reason.  The records of before are pending cases */
	"CREATE TABLE accountability_new ("
	"  id INTEGER PRIMARY KEY,"
	"  issue INTEGER NOT NULL REFERENCES issues(id),"
	"  status TEXT NOT NULL DEFAULT 'pending'"
	"    CHECK (status IN ('pending', 'confirmed', 'waived')),"
	"  holder_cadre TEXT,"
	"  holder_unit TEXT REFERENCES units(code),"
	"  rung INTEGER NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  opened_at INTEGER NOT NULL,"
	"  due_at INTEGER NOT NULL,"
	"  hours_over REAL NOT NULL,"
	"  decided_at INTEGER,"
	"  outcome TEXT,"
	"  reason TEXT"
	");"
	"INSERT INTO accountability_new (id, issue, holder_cadre, holder_unit,"
	"  rung, grid, opened_at, due_at, hours_over)"
	" SELECT id, issue, held_by, unit, rung, grid, at, due_at, hours_over"
	" FROM accountability;"
	"DROP TABLE accountability;"
	"ALTER TABLE accountability_new RENAME TO accountability;"
	"CREATE INDEX accountability_issue ON accountability(issue);"
	"CREATE INDEX accountability_opened ON accountability(opened_at);"
	"CREATE INDEX accountability_decided ON accountability(decided_at)"
	"  WHERE decided_at IS NOT NULL;"
	"CREATE TABLE accountability_people ("
	"  \"case\" INTEGER NOT NULL REFERENCES accountability(id),"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  PRIMARY KEY (\"case\", cadre)"
	");"
	"CREATE TABLE accountability_units ("
	"  \"case\" INTEGER NOT NULL REFERENCES accountability(id),"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  PRIMARY KEY (\"case\", unit)"
	");"
	/* and a resident ID number is one person's: grid-import refuses
	 * one that another household holds, found through this index */
	"CREATE INDEX households_id_number ON households(id_number)"
	"  WHERE id_number IS NOT NULL;"
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
	"  WHERE due_at IS NOT NULL AND issue IS NOT NULL;",

	/* 3 → 4: the indexes of issues for city scale (4 M issues, about
	 * 10 % of them in hand, as many resolved).  issues_status, _rung
	 * and _category had a handful of values each over the whole table:
	 * every filing wrote them, every routing and escalation moved an
	 * entry in them, and no query read them well (for the issues open
	 * at a month's end stats read every open row through issues_status,
	 * or sought filed_at over 98 % of the table: 12.4 s at 4 M issues).
	 * Without the three, the bare writes of issue-route took 15.4 s
	 * instead of 25.2 s (tests/bench/README).  In their place one
	 * partial index of the live issues alone (in hand or resolved, not
	 * yet ended: ISTATE_LIVE_SQL, which a query that means to read it
	 * says word for word), issues_live: on their state and id, so that
	 * issue-route --all reads the open ones in id order and issue-list
	 * --status a state's in the order it prints them, and carrying every
	 * column that stats' issues open at a month's end and grid-top's
	 * counts read, so that those read the index and not a row of the
	 * table.  One index, not two: routing rewrites the entry of every
	 * issue it routes.  And the heads of households by name: echo-wall
	 * masks every head of the store that a text it shows may name,
	 * found from the text's pairs of characters, instead of reading
	 * every distinct head of the store for one village (0.41 s of its
	 * 0.64 s a village of a county).
	 * Portable SQL: it runs as it is on SQLite and PostgreSQL */
	"DROP INDEX issues_status;"
	"DROP INDEX issues_rung;"
	"DROP INDEX issues_category;"
	"CREATE INDEX issues_live ON issues(status, id, filed_at, updated_at,"
	"  due_at, rung, grid, unit, category)"
	"  WHERE status IN " ISTATE_LIVE_SQL ";"
	"CREATE INDEX households_head ON households(head);",

	/* 4 → 5: many offices on one store.  An office is a login (on
	 * PostgreSQL the database role it connects as) tied to a grid and
	 * its subtree, or to a unit: it may change the issues filed in that
	 * subtree or led by that unit, and no others.  On PostgreSQL the
	 * database enforces it (row-level security, schema_pg_offices());
	 * on SQLite, where one file is one office, the table is only the
	 * record of it.  A login may have several rows.  The event log
	 * records the database role beside the OS login (NULL on SQLite).
	 * Portable SQL: it runs unchanged on both databases */
	"CREATE TABLE offices ("
	"  login TEXT NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  unit TEXT REFERENCES units(code),"
	"  CHECK (grid IS NOT NULL OR unit IS NOT NULL)"
	");"
	"CREATE UNIQUE INDEX offices_key ON offices(login,"
	"  coalesce(grid, ''), coalesce(unit, ''));"
	"ALTER TABLE events ADD COLUMN role TEXT;",

	/* 5 → 6: the counts of the ended issues (closed, rejected), kept as
	 * issues change, for grid-top.  A board shows how many issues of
	 * each rung, unit and category have been closed or rejected, under
	 * each grid; at city scale those are 3.2 M of 4 M issues, and
	 * counting them took 10-13 s of a 12 s frame (tests/bench/README),
	 * where an index over 4 M rows would cost every write.  tallies
	 * holds, for each grid, dimension (0 the rung, 1 the lead unit, ''
	 * for none, 2 the category), key and ended state, how many issues
	 * are so: a few rows a grid.  Triggers on issues keep it: an issue
	 * that enters an ended state adds one to its three rows, one that
	 * leaves it (reopened, moved while ended) takes one off; rows that
	 * fall to 0 stay, and readers skip them.  The triggers are each
	 * database's own words, so this migration is two strings: the table
	 * and its first counts are common (TALLIES), the triggers are
	 * SQLite's here and PostgreSQL's in pg_migrations[].
	 * And the accountability cases not yet decided: stats counts those
	 * pending at a period's end, and read every case opened before it
	 * (2.6 s of a month's report at city scale); a case is decided
	 * within weeks, so the undecided ones are few */
	TALLIES
	"CREATE TRIGGER tallies_file AFTER INSERT ON issues"
	"  WHEN NEW.status IN " ISTATE_ENDED_SQL
	" BEGIN " TALLY_ADD("NEW") "; END;"
	"CREATE TRIGGER tallies_leave AFTER UPDATE OF status, grid, rung,"
	"  unit, category ON issues WHEN OLD.status IN " ISTATE_ENDED_SQL
	" BEGIN " TALLY_SUB("OLD") "; END;"
	"CREATE TRIGGER tallies_enter AFTER UPDATE OF status, grid, rung,"
	"  unit, category ON issues WHEN NEW.status IN " ISTATE_ENDED_SQL
	" BEGIN " TALLY_ADD("NEW") "; END;"
	"CREATE TRIGGER tallies_drop AFTER DELETE ON issues"
	"  WHEN OLD.status IN " ISTATE_ENDED_SQL
	" BEGIN " TALLY_SUB("OLD") "; END;",

	/* 6 → 7: no list of three states or more in a condition that every
	 * write evaluates.  SQLite evaluates "status IN (x, y, z)" through a
	 * B-tree of the constants that it builds and frees each time the
	 * statement runs: an issue filed built four (the CHECK and the three
	 * partial indexes), more than a third of issue-file's instructions
	 * (istate.h).  The partial indexes are made again on equalities joined
	 * by OR (ISTATE_IS_*, which the queries that read them say too); the
	 * same rows, so portable SQL and the same on PostgreSQL.  The CHECKs
	 * are part of their tables' text, which SQLite changes only by a
	 * rebuild; as the new conditions are the old ones written otherwise,
	 * store.c rewrites that text in place before this runs (SQLite only:
	 * schema_lite_rewrites(), the way SQLite's documentation gives for a
	 * change that leaves every row as it is), and the DDL here tells
	 * other connections to read the schema again.  PostgreSQL keeps its
	 * CHECKs, which cost it nothing */
	"DROP INDEX issues_due;"
	"CREATE INDEX issues_due ON issues(due_at)"
	"  WHERE " ISTATE_IS_ON_CLOCK("status") ";"
	"DROP INDEX issues_rung_grid;"
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)"
	"  WHERE rung_grid IS NOT NULL"
	"  AND " ISTATE_IS_IN_HAND("status") ";"
	"DROP INDEX issues_live;"
	"CREATE INDEX issues_live ON issues(status, id, filed_at, updated_at,"
	"  due_at, rung, grid, unit, category)"
	"  WHERE " ISTATE_IS_LIVE("status") ";",

	/* 7 → 8: tallies keyed by its dimension first.  A board of the whole
	 * store reads one dimension's counts (by rung: 83,000 rows of 842,000
	 * at city scale); keyed by grid first, it read every row of the table
	 * for them, 40 % of a frame's instructions (tests/bench/README).  Keyed
	 * (dim, grid, key, status), a dimension is one range of the key and a
	 * subtree's rows a range within it, and the triggers still find each
	 * row by its whole key (their upsert names the same columns: an
	 * ON CONFLICT target is matched as a set).  On SQLite the table is
	 * rebuilt as its key (WITHOUT ROWID: the counts are in the key's
	 * B-tree, not a row apiece beside it), every count copied; the
	 * triggers on issues name the table, not its shape, and stay.
	 * PostgreSQL's primary key is put in the same order
	 * (pg_migrations[]) */
	"CREATE TABLE tallies_new AS SELECT grid, dim, key, status, n"
	"  FROM tallies;"
	"DROP TABLE tallies;"
	"CREATE TABLE tallies ("
	"  grid TEXT NOT NULL,"
	"  dim INTEGER NOT NULL CHECK (dim = 0 OR dim = 1 OR dim = 2),"
	"  key TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (dim, grid, key, status)"
	") WITHOUT ROWID;"
	"INSERT INTO tallies (grid, dim, key, status, n)"
	"  SELECT grid, dim, key, status, n FROM tallies_new;"
	"DROP TABLE tallies_new;"
	/* and the whole store's counts by dimension, key and state, the
	 * grids' summed, in a table of their own (a few hundred rows): a
	 * board of the whole store reads them instead of the grids' (83,000
	 * rows by rung at city scale), and a sum over tallies still counts
	 * each issue once.  Triggers on tallies keep them, so whatever
	 * changes tallies -- the triggers on issues, or a hand with SQL --
	 * changes them too */
	TALLY_TOTALS " WITHOUT ROWID;"
	TALLY_TOTALS_FILL
	"CREATE TRIGGER tally_totals_add AFTER INSERT ON tallies"
	" BEGIN " TOTAL_ADD("NEW") "; END;"
	"CREATE TRIGGER tally_totals_change AFTER UPDATE ON tallies"
	" BEGIN " TOTAL_SUB("OLD") "; " TOTAL_ADD("NEW") "; END;"
	"CREATE TRIGGER tally_totals_drop AFTER DELETE ON tallies"
	" BEGIN " TOTAL_SUB("OLD") "; END;",
};

/* migration 7, SQLite only, before its SQL: a CHECK of a table's text as
 * the migrations wrote it, and the same condition as equalities */
static const struct schema_rewrite rewrites7[] = {
	{ "issues", "CHECK (status IN " ISTATE_ALL_SQL ")",
	  "CHECK " ISTATE_IS_ALL("status") },
	{ "accountability",
	  "CHECK (status IN ('pending', 'confirmed', 'waived'))",
	  "CHECK (status = 'pending' OR status = 'confirmed'"
	  " OR status = 'waived')" },
	{ "evaluations", "CHECK (kind IN ('feedback', 'rating', 'grid'))",
	  "CHECK (kind = 'feedback' OR kind = 'rating' OR kind = 'grid')" },
	{ "tallies", "CHECK (dim IN (0, 1, 2))",
	  "CHECK (dim = 0 OR dim = 1 OR dim = 2)" },
	{ NULL, NULL, NULL },
};

const struct schema_rewrite *
schema_lite_rewrites(int from)
{
	return from == 6 ? rewrites7 : NULL;
}

/* PostgreSQL's words for a migration whose SQLite text will not run there
 * (NULL: the same text).  6: the triggers of tallies, in a function that
 * runs as the owner of the tables (SECURITY DEFINER), for an office may
 * change an issue but not write tallies itself */
static const char *const pg_migrations[] = {
	[5] = TALLIES
	"DO $gk$ DECLARE s text := quote_ident(current_schema()); BEGIN"
	" EXECUTE 'CREATE FUNCTION gridkit_tally() RETURNS trigger"
	"  LANGUAGE plpgsql SECURITY DEFINER"
	"  SET search_path = ' || s || $x$, pg_temp AS $f$"
	"  BEGIN"
	"  IF TG_OP IN ('UPDATE', 'DELETE')"
	"   AND OLD.status IN " ISTATE_ENDED_SQL " THEN"
	"   " TALLY_SUB("OLD") ";"
	"  END IF;"
	"  IF TG_OP IN ('INSERT', 'UPDATE')"
	"   AND NEW.status IN " ISTATE_ENDED_SQL " THEN"
	"   " TALLY_ADD("NEW") ";"
	"  END IF;"
	"  RETURN NULL;"
	"  END $f$$x$;"
	" END $gk$;"
	"CREATE TRIGGER tallies_file AFTER INSERT ON issues FOR EACH ROW"
	"  WHEN (NEW.status IN " ISTATE_ENDED_SQL ")"
	"  EXECUTE FUNCTION gridkit_tally();"
	"CREATE TRIGGER tallies_change AFTER UPDATE OF status, grid, rung,"
	"  unit, category ON issues FOR EACH ROW"
	"  WHEN (OLD.status IN " ISTATE_ENDED_SQL
	"   OR NEW.status IN " ISTATE_ENDED_SQL ")"
	"  EXECUTE FUNCTION gridkit_tally();"
	"CREATE TRIGGER tallies_drop AFTER DELETE ON issues FOR EACH ROW"
	"  WHEN (OLD.status IN " ISTATE_ENDED_SQL ")"
	"  EXECUTE FUNCTION gridkit_tally();",
	/* 8: the same table, its primary key in the new order; the totals
	 * kept by a function that runs as the owner, as gridkit_tally() */
	[7] = "ALTER TABLE tallies DROP CONSTRAINT tallies_pkey,"
	"  ADD PRIMARY KEY (dim, grid, key, status);"
	TALLY_TOTALS ";"
	TALLY_TOTALS_FILL
	"DO $gk$ DECLARE s text := quote_ident(current_schema()); BEGIN"
	" EXECUTE 'CREATE FUNCTION gridkit_tally_total() RETURNS trigger"
	"  LANGUAGE plpgsql SECURITY DEFINER"
	"  SET search_path = ' || s || $x$, pg_temp AS $f$"
	"  BEGIN"
	"  IF TG_OP IN ('UPDATE', 'DELETE') THEN"
	"   " TOTAL_SUB("OLD") ";"
	"  END IF;"
	"  IF TG_OP IN ('INSERT', 'UPDATE') THEN"
	"   " TOTAL_ADD("NEW") ";"
	"  END IF;"
	"  RETURN NULL;"
	"  END $f$$x$;"
	" END $gk$;"
	"CREATE TRIGGER tally_totals_keep AFTER INSERT OR UPDATE OR DELETE"
	"  ON tallies FOR EACH ROW EXECUTE FUNCTION gridkit_tally_total();",
};

/*
 * PostgreSQL only, run by grid-init after the migrations, every time (so an
 * older store gets it by grid-init too): gridkit_rowid() again, the same
 * ids, but each table's largest id read by a query of its own.  The first
 * version (pg_base) reads it by EXECUTE of a query made from the table's
 * name, which the server parses and plans again for every row: half of
 * the server's time when issue-file files an issue and its event.  A
 * query written in the function is planned once a session; the function's
 * search_path is the store's schema (then pg_temp, so a temporary table
 * cannot stand in), which it reads whoever calls it.  A table not named
 * here keeps the EXECUTE.  The largest id is read by the primary key's
 * index always (enable_seqscan off for the function): the plan is made
 * once a session, and one made while the table was empty, or was so when
 * last analysed, reads the whole table for every row until the driver
 * has it planned again (sql_pgsql.c, replan; tests/1019).
 * The triggers call it only for a row not given its id (WHEN): a writer
 * that gives ids itself (issue_file_many, under the same lock,
 * store_lock_ids) does not pay a call of the function a row, 7 % of
 * filing a county there; a store made before gets the WHEN here.
 */
#define ROWID_TEXT(name, t) "CREATE TRIGGER " name " BEFORE INSERT ON " t \
	" FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION gridkit_rowid()"
#define PG_MAX(t) " WHEN '" t "' THEN SELECT coalesce(max(id), 0) + 1" \
	"  INTO NEW.id FROM " t ";"
static const char pg_rowid[] =
	"DO $gk$ DECLARE s text := quote_ident(current_schema()); r record;"
	" BEGIN"
	" EXECUTE 'CREATE OR REPLACE FUNCTION gridkit_rowid()"
	"  RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
	"  SET search_path = ' || s || $x$, pg_temp"
	"  SET enable_seqscan = off AS $f$"
	"  BEGIN"
	"  IF NEW.id IS NULL THEN"
	"   PERFORM pg_advisory_xact_lock(" SCHEMA_PG_ROWID_LOCK ","
	"    hashtext(TG_TABLE_NAME));"
	"   CASE TG_TABLE_NAME"
	PG_MAX("issues") PG_MAX("events") PG_MAX("accountability")
	PG_MAX("households") PG_MAX("pairs") PG_MAX("visits")
	PG_MAX("evaluations") PG_MAX("draws") PG_MAX("audit_calls")
	"   ELSE EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I',"
	"     TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;"
	"   END CASE;"
	"  END IF;"
	"  PERFORM set_config('gridkit.last_id', NEW.id::text, false);"
	"  RETURN NEW;"
	"  END $f$$x$;"
	/* the triggers of a store made before they had their WHEN */
	" FOR r IN SELECT g.tgname, c.relname FROM pg_trigger g"
	"  JOIN pg_class c ON c.oid = g.tgrelid"
	"  WHERE g.tgfoid = 'gridkit_rowid'::regproc AND g.tgqual IS NULL"
	"  AND c.relnamespace = current_schema()::regnamespace LOOP"
	"  EXECUTE format('DROP TRIGGER %1$I ON %2$I; " ROWID_TEXT("%1$I",
	"%2$I") "', r.tgname, r.relname);"
	" END LOOP;"
	" END $gk$;";
#undef PG_MAX

const char *
schema_pg_rowid(void)
{
	return pg_rowid;
}

/*
 * Many offices on one PostgreSQL store (gridkit(7), "Many offices"): run by
 * grid-init after the migrations, every time, so that it is also how a
 * store is brought up to date.  The owner of the tables (the role that ran
 * grid-init) is the city's administrator, and is not bound: row-level
 * security does not apply to a table's owner (nor to a superuser or a role
 * with BYPASSRLS), and escalate runs from its crontab.  An office is a
 * login role in the group gridkit_clerk, created here when missing (a
 * NOLOGIN group: members get its rights, not its name), and tied to grids
 * and units by the offices table.  The group reads every table (reports are
 * city-wide) and writes what the clerks' programs write:
 *
 *   issues       filed only in a grid of the office's subtrees; changed
 *                only when the office's (a BEFORE UPDATE trigger, which
 *                sees the row before the change, so that an office cannot
 *                take an issue by changing its grid or unit either; it
 *                raises insufficient_privilege, for psql as for gridkit)
 *   events       written only under the office's own role (events.role)
 *   evaluations  only on the office's issues
 *   visits       only of a household in the office's subtrees, or by a
 *                cadre of its units (the department logs its cadres')
 *
 * An issue is the office's when a row of offices with its login names a
 * grid whose subtree holds the grid (the path prefix, schema.c's
 * first migration) or the lead unit.  A role of the group with no
 * row of offices changes nothing.  Nothing else is granted: no DELETE, no
 * change to grids, units, households or rules (grid-import is the
 * administrator's), nor to accountability (escalate's and the supervising
 * office's, as the owner).
 */
static const char pg_offices[] =
	/* the functions the policies call read offices, grids and issues of
	 * the store's schema, and only then pg_temp: a temporary table an
	 * office makes (named offices, say) must not stand in for them */
	"DO $gk$ DECLARE s text := quote_ident(current_schema()); BEGIN"
	" BEGIN"
	"  CREATE ROLE gridkit_clerk NOLOGIN;"
	" EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;"
	" END;"
	" EXECUTE 'GRANT USAGE ON SCHEMA ' || s || ' TO gridkit_clerk';"
	" EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA ' || s"
	"  || ' TO gridkit_clerk';"
	" EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA ' || s"
	"  || ' TO gridkit_clerk';"
	" EXECUTE 'CREATE OR REPLACE FUNCTION gridkit_office_may(g text,"
	"  u text) RETURNS boolean LANGUAGE sql STABLE"
	"  SET search_path = ' || s || $x$, pg_temp AS $f$"
	"  SELECT EXISTS (SELECT 1 FROM offices o"
	"   LEFT JOIN grids og ON og.code = o.grid"
	"   WHERE o.login = current_user"
	"   AND ((og.path IS NOT NULL AND left((SELECT path FROM grids"
	"     WHERE code = g), length(og.path)) = og.path)"
	"    OR (o.unit IS NOT NULL AND o.unit = u)))"
	"  $f$$x$;"
	" EXECUTE 'CREATE OR REPLACE FUNCTION gridkit_visit_may(h text,"
	"  c text) RETURNS boolean LANGUAGE sql STABLE"
	"  SET search_path = ' || s || $x$, pg_temp AS $f$"
	"  SELECT gridkit_office_may((SELECT grid FROM households"
	"   WHERE code = h), (SELECT unit FROM cadres WHERE code = c))"
	"  $f$$x$;"
	" EXECUTE 'CREATE OR REPLACE FUNCTION gridkit_issue_guard()"
	"  RETURNS trigger LANGUAGE plpgsql"
	"  SET search_path = ' || s || $x$, pg_temp AS $f$ BEGIN"
	"  IF row_security_active('issues')"
	"   AND NOT gridkit_office_may(OLD.grid, OLD.unit) THEN"
	"   RAISE EXCEPTION 'issue % is another office''s (grid %): role %"
	" may change only the issues of its own grids and units',"
	"    OLD.id, OLD.grid, current_user"
	"    USING ERRCODE = 'insufficient_privilege';"
	"  END IF;"
	"  RETURN NEW;"
	"  END $f$$x$;"
	" END $gk$;"
	"GRANT INSERT, UPDATE ON issues TO gridkit_clerk;"
	"GRANT INSERT ON events, evaluations, visits TO gridkit_clerk;"
	"DROP TRIGGER IF EXISTS gridkit_issue_guard ON issues;"
	"CREATE TRIGGER gridkit_issue_guard BEFORE UPDATE ON issues"
	" FOR EACH ROW EXECUTE FUNCTION gridkit_issue_guard();"
	"ALTER TABLE issues ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE events ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE evaluations ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE visits ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS gridkit_read ON issues;"
	"CREATE POLICY gridkit_read ON issues FOR SELECT USING (true);"
	"DROP POLICY IF EXISTS gridkit_file ON issues;"
	"CREATE POLICY gridkit_file ON issues FOR INSERT"
	" WITH CHECK (gridkit_office_may(grid, unit));"
	"DROP POLICY IF EXISTS gridkit_change ON issues;"
	"CREATE POLICY gridkit_change ON issues FOR UPDATE"
	" USING (true) WITH CHECK (true);"
	"DROP POLICY IF EXISTS gridkit_read ON events;"
	"CREATE POLICY gridkit_read ON events FOR SELECT USING (true);"
	"DROP POLICY IF EXISTS gridkit_own ON events;"
	"CREATE POLICY gridkit_own ON events FOR INSERT"
	" WITH CHECK (role = current_user);"
	"DROP POLICY IF EXISTS gridkit_read ON evaluations;"
	"CREATE POLICY gridkit_read ON evaluations FOR SELECT USING (true);"
	"DROP POLICY IF EXISTS gridkit_rate ON evaluations;"
	"CREATE POLICY gridkit_rate ON evaluations FOR INSERT"
	" WITH CHECK (EXISTS (SELECT 1 FROM issues i WHERE i.id = issue"
	"  AND gridkit_office_may(i.grid, i.unit)));"
	"DROP POLICY IF EXISTS gridkit_read ON visits;"
	"CREATE POLICY gridkit_read ON visits FOR SELECT USING (true);"
	"DROP POLICY IF EXISTS gridkit_log ON visits;"
	"CREATE POLICY gridkit_log ON visits FOR INSERT"
	" WITH CHECK (gridkit_visit_may(household, cadre));";

const char *
schema_pg_offices(void)
{
	return pg_offices;
}

/*
 * PostgreSQL: schema version 3 at once, in PostgreSQL's words.  Every
 * INTEGER is a BIGINT (seconds since the epoch pass 2^31 in 2038, and an
 * id is SQLite's 64-bit row id), REAL is DOUBLE PRECISION.  A row id
 * SQLite gives (INTEGER PRIMARY KEY) is the largest id plus one; a
 * sequence (an identity column) would not give the same numbers, since it
 * never takes back a value a rolled-back transaction used (a dry run, a
 * batch refused whole), and the ids of issues, cases and events are
 * printed.  So a trigger gives it the same way, under a lock on the table's
 * ids until the transaction ends (writers that add rows to one table take
 * turns, as on SQLite), and keeps it for sql_last_id() in the setting
 * gridkit.last_id.  It runs as the owner of the tables (SECURITY DEFINER),
 * so that a row a login may not see still counts.  The names of
 * tables, columns and indexes, the CHECKs and the partial indexes are
 * those of the SQLite schema as migrations 0 to 2 leave it; issues comes
 * before events, which refers to it.  The version and the application
 * mark are rows of gridkit_meta (SQLite keeps them in PRAGMA user_version
 * and application_id), written by store.c.
 */
#define ID "BIGINT PRIMARY KEY"
#define ROWID(t) ROWID_TEXT(t "_id", t) ";"
#define ACTIVE(more) "status TEXT NOT NULL DEFAULT 'active'" \
	"  CHECK (status IN ('active', " more "))"

static const char pg_base[] =
	"CREATE TABLE gridkit_meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	");"
	/* SQLite's group_concat(x, separator), which the queries use: the
	 * values that are not NULL, in the order they come */
	"CREATE FUNCTION gridkit_concat(acc TEXT, x TEXT, sep TEXT)"
	"  RETURNS TEXT LANGUAGE sql IMMUTABLE AS"
	"  'SELECT CASE WHEN x IS NULL THEN acc WHEN acc IS NULL THEN x"
	"  ELSE acc || sep || x END';"
	"CREATE AGGREGATE group_concat(TEXT, TEXT)"
	"  (SFUNC = gridkit_concat, STYPE = TEXT);"
	/* the row ids; 1196575044 is "GRID", the application's mark */
	"CREATE FUNCTION gridkit_rowid() RETURNS trigger"
	"  LANGUAGE plpgsql SECURITY DEFINER AS $f$"
	"  BEGIN"
	"  IF NEW.id IS NULL THEN"
	"    PERFORM pg_advisory_xact_lock(" SCHEMA_PG_ROWID_LOCK ","
	"     hashtext(TG_TABLE_NAME));"
	"    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I',"
	"      TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;"
	"  END IF;"
	"  PERFORM set_config('gridkit.last_id', NEW.id::text, false);"
	"  RETURN NEW;"
	"  END $f$;"
	"CREATE TABLE levels ("
	"  depth BIGINT PRIMARY KEY CHECK (depth >= 0),"
	"  name TEXT NOT NULL,"
	"  hours DOUBLE PRECISION NOT NULL CHECK (hours > 0)"
	");"
	"CREATE TABLE units ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  " ACTIVE("'retired'") ","
	"  created_at BIGINT"
	");"
	"CREATE TABLE grids ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  parent TEXT REFERENCES grids(code),"
	"  leader TEXT,"
	"  depth BIGINT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  " ACTIVE("'retired'") ","
	"  created_at BIGINT"
	");"
	"CREATE UNIQUE INDEX grids_path ON grids(path);"
	"CREATE INDEX grids_parent ON grids(parent);"
	"CREATE TABLE cadres ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  phone TEXT,"
	"  " ACTIVE("'left'")
	");"
	"CREATE INDEX cadres_grid ON cadres(grid);"
	"CREATE INDEX cadres_unit ON cadres(unit);"
	"CREATE TABLE households ("
	"  id " ID ","
	"  code TEXT NOT NULL,"
	"  head TEXT NOT NULL,"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  id_number TEXT,"
	"  phone TEXT,"
	"  address TEXT,"
	"  members BIGINT,"
	"  tags TEXT,"
	"  " ACTIVE("'moved'")
	");"
	ROWID("households")
	"CREATE UNIQUE INDEX households_code ON households(code);"
	"CREATE INDEX households_grid ON households(grid);"
	"CREATE INDEX households_id_number ON households(id_number)"
	"  WHERE id_number IS NOT NULL;"
	"CREATE TABLE pairs ("
	"  id " ID ","
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  started_at BIGINT NOT NULL,"
	"  ended_at BIGINT"
	");"
	ROWID("pairs")
	"CREATE UNIQUE INDEX pairs_current ON pairs(household)"
	"  WHERE ended_at IS NULL;"
	"CREATE INDEX pairs_cadre ON pairs(cadre, household)"
	"  WHERE ended_at IS NULL;"
	"CREATE INDEX pairs_household ON pairs(household, started_at);"
	"CREATE INDEX pairs_started ON pairs(started_at);"
	"CREATE INDEX pairs_ended ON pairs(ended_at)"
	"  WHERE ended_at IS NOT NULL;"
	"CREATE TABLE visits ("
	"  id " ID ","
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  at BIGINT NOT NULL,"
	"  note TEXT"
	");"
	ROWID("visits")
	"CREATE UNIQUE INDEX visits_key ON visits(cadre, household, at);"
	"CREATE INDEX visits_household ON visits(household, at);"
	"CREATE INDEX visits_at ON visits(at, household);"
	"CREATE TABLE calendar ("
	"  date TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))"
	");"
	"CREATE TABLE rules ("
	"  \"order\" BIGINT PRIMARY KEY,"
	"  category TEXT,"
	"  pattern TEXT,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  assist TEXT,"
	"  hours DOUBLE PRECISION NOT NULL CHECK (hours > 0),"
	"  cooperate TEXT,"
	"  " ACTIVE("'retired'") ","
	"  CHECK (category IS NOT NULL OR pattern IS NOT NULL)"
	");"
	"CREATE TABLE issues ("
	"  id " ID ","
	"  ref TEXT UNIQUE,"
	"  household TEXT REFERENCES households(code),"
	"  grid TEXT NOT NULL REFERENCES grids(code),"
	"  category TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  source TEXT,"
	"  reporter TEXT REFERENCES cadres(code),"
	"  private BIGINT NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN " ISTATE_ALL_SQL "),"
	"  rung BIGINT NOT NULL,"
	"  rung_grid TEXT REFERENCES grids(code),"
	"  cadre TEXT REFERENCES cadres(code),"
	"  unit TEXT REFERENCES units(code),"
	"  assist TEXT,"
	"  hours DOUBLE PRECISION,"
	"  filed_at BIGINT NOT NULL,"
	"  routed_at BIGINT,"
	"  accepted_at BIGINT,"
	"  resolved_at BIGINT,"
	"  closed_at BIGINT,"
	"  rejected_at BIGINT,"
	"  due_at BIGINT,"
	"  escalations BIGINT NOT NULL DEFAULT 0,"
	"  at_root BIGINT NOT NULL DEFAULT 0,"
	"  answer TEXT,"
	"  reason TEXT,"
	"  duplicate_of BIGINT REFERENCES issues(id),"
	"  updated_at BIGINT NOT NULL,"
	"  owner TEXT REFERENCES cadres(code),"
	"  cooperate TEXT,"
	"  referrals BIGINT NOT NULL DEFAULT 0,"
	"  parked_from TEXT,"
	"  parked_left DOUBLE PRECISION"
	");"
	ROWID("issues")
	"CREATE INDEX issues_due ON issues(due_at)"
	"  WHERE status IN " ISTATE_ON_CLOCK_SQL ";"
	"CREATE INDEX issues_filed ON issues(filed_at);"
	"CREATE INDEX issues_status ON issues(status);"
	"CREATE INDEX issues_grid ON issues(grid);"
	"CREATE INDEX issues_category ON issues(category);"
	"CREATE INDEX issues_rung ON issues(rung);"
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)"
	"  WHERE rung_grid IS NOT NULL"
	"  AND status IN " ISTATE_IN_HAND_SQL ";"
	"CREATE INDEX issues_unit ON issues(unit) WHERE unit IS NOT NULL;"
	"CREATE INDEX issues_household ON issues(household)"
	"  WHERE household IS NOT NULL;"
	"CREATE INDEX issues_cadre ON issues(cadre) WHERE cadre IS NOT NULL;"
	"CREATE INDEX issues_resolved ON issues(resolved_at, filed_at)"
	"  WHERE resolved_at IS NOT NULL;"
	"CREATE INDEX issues_rejected ON issues(rejected_at, filed_at)"
	"  WHERE rejected_at IS NOT NULL;"
	"CREATE TABLE events ("
	"  id " ID ","
	"  at BIGINT NOT NULL,"
	"  prog TEXT NOT NULL,"
	"  login TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  issue BIGINT REFERENCES issues(id),"
	"  subject TEXT,"
	"  status TEXT,"
	"  rung BIGINT,"
	"  unit TEXT,"
	"  due_at BIGINT,"
	"  detail TEXT"
	");"
	ROWID("events")
	"CREATE INDEX events_issue ON events(issue, id) WHERE issue IS NOT NULL;"
	"CREATE INDEX events_kind ON events(kind, at);"
	"CREATE INDEX events_due ON events(due_at)"
	"  WHERE due_at IS NOT NULL AND issue IS NOT NULL;"
	"CREATE TABLE accountability ("
	"  id " ID ","
	"  issue BIGINT NOT NULL REFERENCES issues(id),"
	"  status TEXT NOT NULL DEFAULT 'pending'"
	"    CHECK (status IN ('pending', 'confirmed', 'waived')),"
	"  holder_cadre TEXT,"
	"  holder_unit TEXT REFERENCES units(code),"
	"  rung BIGINT NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  opened_at BIGINT NOT NULL,"
	"  due_at BIGINT NOT NULL,"
	"  hours_over DOUBLE PRECISION NOT NULL,"
	"  decided_at BIGINT,"
	"  outcome TEXT,"
	"  reason TEXT"
	");"
	ROWID("accountability")
	"CREATE INDEX accountability_issue ON accountability(issue);"
	"CREATE INDEX accountability_opened ON accountability(opened_at);"
	"CREATE INDEX accountability_decided ON accountability(decided_at)"
	"  WHERE decided_at IS NOT NULL;"
	"CREATE TABLE accountability_people ("
	"  \"case\" BIGINT NOT NULL REFERENCES accountability(id),"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  PRIMARY KEY (\"case\", cadre)"
	");"
	"CREATE TABLE accountability_units ("
	"  \"case\" BIGINT NOT NULL REFERENCES accountability(id),"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  PRIMARY KEY (\"case\", unit)"
	");"
	"CREATE TABLE evaluations ("
	"  id " ID ","
	"  issue BIGINT NOT NULL REFERENCES issues(id),"
	"  at BIGINT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('feedback', 'rating', 'grid')),"
	"  value TEXT NOT NULL,"
	"  cadre TEXT REFERENCES cadres(code),"
	"  unit TEXT REFERENCES units(code),"
	"  grid TEXT REFERENCES grids(code)"
	");"
	ROWID("evaluations")
	"CREATE INDEX evaluations_issue ON evaluations(issue);"
	"CREATE INDEX evaluations_at ON evaluations(at);"
	"CREATE TABLE draws ("
	"  id " ID ","
	"  at BIGINT NOT NULL,"
	"  seed TEXT NOT NULL,"
	"  count BIGINT NOT NULL,"
	"  grid TEXT REFERENCES grids(code),"
	"  login TEXT NOT NULL"
	");"
	ROWID("draws")
	"CREATE TABLE draw_cadres ("
	"  draw BIGINT NOT NULL REFERENCES draws(id),"
	"  seq BIGINT NOT NULL,"
	"  cadre TEXT NOT NULL REFERENCES cadres(code),"
	"  PRIMARY KEY (draw, seq)"
	");"
	"CREATE TABLE audit_calls ("
	"  id " ID ","
	"  draw BIGINT NOT NULL REFERENCES draws(id),"
	"  household TEXT NOT NULL REFERENCES households(code),"
	"  cadre TEXT REFERENCES cadres(code),"
	"  result TEXT NOT NULL CHECK (result IN ('confirmed', 'denied')),"
	"  note TEXT,"
	"  at BIGINT NOT NULL"
	");"
	ROWID("audit_calls")
	"CREATE UNIQUE INDEX audit_calls_key ON audit_calls(draw, household);";

const char *
schema_pg_base(void)
{
	return pg_base;
}

int
schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *
schema_migration(int from, int pg)
{
	if (from < 0 || from >= schema_count())
		return 0;
	if (pg && from < (int)(sizeof pg_migrations / sizeof pg_migrations[0])
	    && pg_migrations[from])
		return pg_migrations[from];
	return migrations[from];
}
