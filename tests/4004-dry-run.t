#!/bin/sh
# --dry-run prints what escalate would do, the same rows and summary, and
# changes nothing: the store's content hash and every table's count stay;
# --warn never changes anything either
. "$(dirname "$0")/lib.sh"
small_store H001:C005 H002:C003
export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --household H001 --category 治安 --text 1 >/dev/null
issue-file --no-summary --household H002 --category 治安 --text 2 >/dev/null
issue-file --no-summary --grid 371399 --category 其他 --text 3 >/dev/null
issue-file --no-summary --grid 371399102201 --category 其他 --text 4 >/dev/null
unset GRID_NOW

counts() {
	if is_pg; then
		tables="SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
	else
		tables="SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
	fi
	for t in $(sql "$tables"); do
		printf '%s=%s ' "$t" "$(sql "SELECT count(*) FROM $t")"
	done
	sql "SELECT max(id) FROM events"
}

hash=$(store_hash)
before=$(counts)
export GRID_NOW='2013-08-01 02:00'
run escalate --dry-run
dry_out=$out
dry_err=$err
is "$rc" 0 "--dry-run exits 0"
is "$(printf '%s\n' "$out" | wc -l)" 4 "it prints the three escalations it would make"
is "$err" "escalate: 3 escalated, 1 flagged at the root (3), 0 overdue at the root from before (dry run: nothing written)" \
	"and the summary, saying nothing was written"
is "$(store_hash)" "$hash" "the store's content is the same, byte for byte"
is "$(counts)" "$before" "every table has the rows it had, the events too"
run escalate --dry-run -o jsonl --grid 371399101
is "$(store_hash)" "$hash" "also with --grid and another output mode"

run escalate
is "$out" "$dry_out" "the real run prints what the dry run did"
is "$err" "${dry_err% (dry run: nothing written)}" "and the same summary"
unlike "$(counts)" "^$before\$" "and changes the store"
is "$(sql 'SELECT count(*) FROM accountability')" 3 "three accountability records"

# --warn changes nothing
hash=$(store_hash)
run escalate --warn 1000
is "$rc" 0 "--warn exits 0"
is "$(store_hash)" "$hash" "--warn changes nothing"
run escalate --warn 1000 --dry-run
is "$(store_hash)" "$hash" "nor with --dry-run"

done_testing
