#!/bin/sh
# 0001-out-jsonl: every JSON Lines text the unit tests of lib/out.c produce
# is parsed by a real JSON parser, strictly: UTF-8 only, no NaN or Infinity.
. "$(dirname "$0")/lib.sh"

unit=$(dirname "$GK_BIN")/obj/unit/out
if ! command -v python3 >/dev/null 2>&1 || [ ! -x "$unit" ]; then
	echo "1..0 # SKIP needs python3 and $unit"
	exit 0
fi

"$unit" "$TMP/out.jsonl" >/dev/null
ok $? "unit test of lib/out.c writes its JSON Lines"

n=$(python3 -c '
import json, sys
def bad(c):
	raise ValueError("bare " + c)
n = 0
for line in sys.stdin.buffer.read().decode("utf-8").split("\n")[:-1]:
	if not isinstance(json.loads(line, parse_constant=bad), dict):
		raise ValueError("not an object: " + line)
	n += 1
print(n)
' <"$TMP/out.jsonl")
ok $? "every line is one JSON object"
like "$n" '^[1-9][0-9]*$' "and there are lines ($n)"

done_testing
