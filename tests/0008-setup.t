#!/bin/sh
# A fresh machine: `make demo` and `make check` install the packages and then
# build in the same run.  The link flags come from pkg-config, so they must be
# read after tools/deps.sh has run, never while make parses the Makefile
# (the first `make demo` of a new user once failed with undefined references).
. "$(dirname "$0")/lib.sh"

# a pkg-config that knows nothing until "deps" has run, and logs every call
mkdir "$TMP/pc"
cat >"$TMP/pc/pkg-config" <<EOS
#!/bin/sh
echo "\$*" >>"$TMP/pc/calls"
[ -e "$TMP/pc/installed" ] || exit 1
exec /usr/bin/pkg-config "\$@"
EOS
chmod +x "$TMP/pc/pkg-config"

make -s -C "$GK_ROOT" -n clean PKG_CONFIG="$TMP/pc/pkg-config" >/dev/null 2>&1
ok $? "make -n clean"
test ! -s "$TMP/pc/calls"
ok $? "parsing the Makefile runs no pkg-config"

make -s -C "$GK_ROOT" O="$TMP/o" CFLAGS=-O0 PKG_CONFIG="$TMP/pc/pkg-config" \
	DEPS_SH="touch $TMP/pc/installed" build >"$TMP/make.out" 2>&1
ok $? "make build: deps, then the programs link in the same run" ||
	sed 's/^/# /' "$TMP/make.out" | tail -20
for p in grid-init issue-file grid-top; do
	test -x "$TMP/o/bin/$p"
	ok $? "$p built"
done
run "$TMP/o/bin/grid-init" --db "$TMP/t.db"
is "$rc" 0 "and the freshly built grid-init makes a store"

done_testing
