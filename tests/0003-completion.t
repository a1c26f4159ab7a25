#!/bin/sh
# the committed completions are what tools/gencomp.sh makes from the
# programs' own option tables, and both shells can read them
. "$(dirname "$0")/lib.sh"

"$GK_ROOT/tools/gencomp.sh" "$GK_BIN" "$TMP/comp"
ok $? "gencomp.sh runs"
cmp -s "$TMP/comp/gridkit.bash" "$GK_ROOT/completions/gridkit.bash"
ok $? "completions/gridkit.bash is up to date (run make completions)"
cmp -s "$TMP/comp/_gridkit" "$GK_ROOT/completions/_gridkit"
ok $? "completions/_gridkit is up to date (run make completions)"
bash -n "$GK_ROOT/completions/gridkit.bash"
ok $? "bash reads gridkit.bash"
if command -v zsh >/dev/null; then
	zsh -n "$GK_ROOT/completions/_gridkit"
	ok $? "zsh reads _gridkit"
fi
for src in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$src" .c)
	grep -q "complete -F [a-z_]* $p\$" "$GK_ROOT/completions/gridkit.bash"
	ok $? "bash completes $p"
done

# completing for real: options, kinds, and codes from the store
example_store
cat >"$TMP/try.bash" <<'EOS'
. "$1"
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$(complete -p "$1" | awk '{print $3}')"
	printf '%s\n' "${COMPREPLY[@]}"
}
complete_words "${@:2}"
EOS
run bash "$TMP/try.bash" "$GK_ROOT/completions/gridkit.bash" grid-import hou
is "$out" "households" "grid-import completes a kind"
run bash "$TMP/try.bash" "$GK_ROOT/completions/gridkit.bash" grid-import --enc
is "$out" "--encoding" "grid-import completes an option"
run bash "$TMP/try.bash" "$GK_ROOT/completions/gridkit.bash" grid-export --grid 3713991
like "$out" "^371399100$" "grid-export --grid completes grid codes from the store"

done_testing
