#!/bin/sh
# deps.sh - install the Debian packages gridkit needs to build and test,
# when they are missing.  As root it runs apt-get itself; otherwise it uses
# sudo when sudo works without a password, and else says what to install.
set -eu

# build: compiler, pkg-config and the six libraries gridkit links with
#        (SQLite 3, libcsv, jansson, PCRE2, ncursesw, libpq; README.md,
#        "Setting up")
# test:  the sqlite3 shell (yardstick, direct queries), tmux (grid-top),
#        python3-jsonschema (Open311 export), clang (libFuzzer), mandoc (lint),
#        zsh (to check the zsh completion), postgresql (a throwaway
#        cluster for the tests on the PostgreSQL store)
pkgs="gcc make pkg-config libc6-dev libsqlite3-dev libcsv-dev libjansson-dev
libpcre2-dev libncurses-dev sqlite3 tmux python3 python3-jsonschema clang
libclang-rt-14-dev mandoc zsh time libpq-dev postgresql"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo=sudo
else
	echo "deps.sh: missing packages:$missing" >&2
	echo "deps.sh: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
