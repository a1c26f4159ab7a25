#!/bin/sh
# fuzz the record reader (CSV and JSON Lines, UTF-8 and GB18030) for a few
# seconds with libFuzzer, from the corpus in tests/fuzz/corpus: no crash,
# no leak, no undefined behaviour.  The longest record is cut to 512 bytes
# (REC_MAX), so that inputs of fuzzing size reach the limit too
. "$(dirname "$0")/lib.sh"
: "${GK_FUZZ_SECONDS:=20}"

if ! command -v clang >/dev/null; then
	echo "# clang not found: skipping the fuzzer"
	ok 0 "# SKIP no clang"
	done_testing
	exit
fi
cd "$GK_ROOT" || exit 1
# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
	-D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DREC_MAX=512u -Ilib/core \
	-o "$TMP/fuzz-rec" tests/fuzz/rec.c lib/core/rec.c lib/core/text.c lib/core/util.c \
	$(pkg-config --cflags --libs jansson) -lcsv 2>"$TMP/cc.err"
ok $? "the fuzz target builds" || sed 's/^/# /' "$TMP/cc.err"
mkdir "$TMP/corpus"
cp tests/fuzz/corpus/* "$TMP/corpus/"
"$TMP/fuzz-rec" -max_total_time="$GK_FUZZ_SECONDS" -max_len=4096 \
	-timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix="$TMP/" "$TMP/corpus" >"$TMP/fuzz.log" 2>&1
rc=$?
ok $rc "no crash in ${GK_FUZZ_SECONDS}s of fuzzing ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TMP/fuzz.log" | grep -o '[0-9]*$') runs)"
[ $rc -ne 0 ] && tail -40 "$TMP/fuzz.log" | sed 's/^/# /'
[ $rc -ne 0 ] && for a in "$TMP"/crash-* "$TMP"/leak-*; do
	[ -f "$a" ] && cp "$a" "$GK_ROOT/tests/fuzz/" && echo "# kept $(basename "$a") in tests/fuzz/"
done

done_testing
