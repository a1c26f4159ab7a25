#!/bin/sh
# On PostgreSQL a new row's id is SQLite's: the largest id plus one, none
# lost to a dry run or a batch refused, given by the trigger function
# gridkit_rowid().  Every grid-init sets that function again, so a store
# made by an older gridkit, whose function built its query from the
# table's name and had the server plan it again for every row, gets the
# one with a query of its own for each table, and triggers that call it
# only for a row not given its id; the ids go on the same.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
S=$FIX/small
export GRID_NOW='2013-07-01 09:00'

grid-init --no-summary
for k in levels units grids cadres households; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
fn() {
	psql_sql "SELECT pg_get_functiondef('gridkit_rowid'::regproc)"
}
like "$(fn)" "FROM issues;" "a new store's gridkit_rowid() has a query of its own for issues"
# the triggers that call it: with a WHEN, so that a row given its id
# (issue-file's batch gives them by the set) does not call it
unwhen() {
	psql_sql "SELECT count(*) FILTER (WHERE tgqual IS NULL) || ' of ' || count(*)
	    FROM pg_trigger WHERE tgfoid = 'gridkit_rowid'::regproc"
}
like "$(unwhen)" "^0 of [1-9]" "every trigger of the ids calls it only for a row without one"

# the first version, as a store made before has it
psql_sql "CREATE OR REPLACE FUNCTION gridkit_rowid() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER AS \$f\$
  BEGIN
  IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(1196575044, hashtext(TG_TABLE_NAME));
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I',
      TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
  END IF;
  PERFORM set_config('gridkit.last_id', NEW.id::text, false);
  RETURN NEW;
  END \$f\$;
  DROP TRIGGER issues_id ON issues;
  CREATE TRIGGER issues_id BEFORE INSERT ON issues
    FOR EACH ROW EXECUTE FUNCTION gridkit_rowid();
  DROP TRIGGER events_id ON events;
  CREATE TRIGGER events_id BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION gridkit_rowid();" >/dev/null
unlike "$(fn)" "FROM issues;" "the older function stands in"
like "$(unwhen)" "^2 of " "and the older triggers of issues and events, without a WHEN"

file() {
	printf 'household,category,text\n'
	for h in "$@"; do
		printf '%s,供水,停水三天了\n' "$h"
	done
}
file H001 H002 | issue-file --no-summary >"$TMP/ids1"
is "$(tr '\n' ' ' <"$TMP/ids1")" "1 2 " "the older function numbers issues 1, 2"

run grid-init
is "$rc" 0 "grid-init on a store of the current schema: exit 0"
like "$(fn)" "FROM issues;" "and gridkit_rowid() has its query for issues again"
like "$(fn)" "FROM events;" "and for events"
like "$(fn)" "EXECUTE format" "a table it does not name keeps the query made from its name"
like "$(unwhen)" "^0 of [1-9]" "the triggers have their WHEN again"

file H003 | issue-file --no-summary --dry-run >/dev/null
file H004 H005 | issue-file --no-summary >"$TMP/ids2"
is "$(tr '\n' ' ' <"$TMP/ids2")" "3 4 " "after a dry run the ids go on from the largest: 3, 4"
is "$(psql_sql "SELECT string_agg(id::text, ' ' ORDER BY id) FROM issues")" \
	"1 2 3 4" "no id is lost"
is "$(psql_sql "SELECT count(*), min(id), max(id) FROM events")" \
	"$(psql_sql "SELECT count(*), 1, count(*) FROM events")" \
	"the events are numbered 1 to their count, none lost"
is "$(psql_sql "SELECT string_agg(issue::text, ' ' ORDER BY id) FROM events WHERE kind = 'filed'")" \
	"1 2 3 4" "each issue filed once, with its event"

# a table it names, another than issues and events: the cases escalate
# opens get ids after the largest too
is "$(GRID_NOW='2013-08-01 09:00' escalate -q | wc -l | tr -d ' ')" 4 \
	"escalate takes the four overdue issues up"
is "$(psql_sql "SELECT string_agg(id::text, ' ' ORDER BY id) FROM accountability")" \
	"1 2 3 4" "their cases are numbered 1 to 4"

done_testing
