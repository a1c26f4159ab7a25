#!/bin/sh
# make install puts every program, man page and completion under
# DESTDIR/PREFIX, and make uninstall takes them away again
. "$(dirname "$0")/lib.sh"

make -s -C "$GK_ROOT" install DESTDIR="$TMP/root" PREFIX=/usr >"$TMP/make.out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"
for src in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$src" .c)
	test -x "$TMP/root/usr/bin/$p"
	ok $? "bin/$p installed"
	test -f "$TMP/root/usr/share/man/man1/$p.1"
	ok $? "man page of $p installed"
	test -e "$TMP/root/usr/share/bash-completion/completions/$p"
	ok $? "bash completion of $p installed"
done
test -f "$TMP/root/usr/share/man/man7/gridkit.7"
ok $? "gridkit.7 installed"
test -f "$TMP/root/usr/share/zsh/site-functions/_gridkit"
ok $? "zsh completion installed"
run env PATH="$TMP/root/usr/bin:$PATH" grid-init --version
like "$out" "^grid-init \\(gridkit\\)" "the installed program runs"
make -s -C "$GK_ROOT" uninstall DESTDIR="$TMP/root" PREFIX=/usr >/dev/null 2>&1
ok $? "make uninstall"
is "$(find "$TMP/root" -type f | wc -l)" 0 "and nothing is left"

done_testing
