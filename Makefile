# gridkit - small C tools for grid-based community governance
#
#   make            build bin/* (release)
#   make check      install what is missing, build with ASan and UBSan into
#                   obj/chk, run every test; then the end-to-end tests again
#                   on PostgreSQL with the release build; warnings are errors
#   make demo       install what is missing, build, load examples/, report
#   make bench      county- and city-scale benchmarks against sqlite3
#   make index-readers  each index of the store and the statements that
#                   read it (tools/index-readers.sh)
#   make install    PREFIX=/usr/local DESTDIR=
#   make lint       mandoc -Tlint on every man page
#
# O is the build directory: "." for the release build, obj/chk for check.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
PKG_CONFIG ?= pkg-config

CFLAGS ?= -O2 -g
WFLAGS = -std=c11 -Wall -Wextra
DEFS = -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DGRIDKIT_VERSION='"$(VERSION)"'

PKGS = sqlite3 jansson libpcre2-8 libpq
# Flags from pkg-config are computed when a recipe first needs them, never
# while the Makefile is parsed: on a fresh machine `make demo` parses before
# `deps` has installed the packages, and flags read then would be empty.
# lazy(VAR,command) sets VAR from the command once, on first expansion.
lazy = $(eval $1 := $$(shell $2))$($1)
# ncursesw's .pc adds -D_XOPEN_SOURCE=600, which clashes with DEFS (700, a
# superset it is happy with): keep its include paths, not its feature macros
DEP_CFLAGS = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE, \
	$(call lazy,DEP_CFLAGS_,$(PKG_CONFIG) --cflags $(PKGS) ncursesw 2>/dev/null))
DEP_LIBS = $(call lazy,DEP_LIBS_,$(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CURSES_LIBS = $(call lazy,CURSES_LIBS_,$(PKG_CONFIG) --libs ncursesw 2>/dev/null)
CSV_LIBS ?= -lcsv
LIBS = $(DEP_LIBS) $(CSV_LIBS) -lm

O ?= .
PROGS := $(sort $(patsubst cmd/%.c,%,$(wildcard cmd/*.c)))
# lib/ in three layers, each including only from itself and the layers
# below it (tests/0008-layers.t): core (every program's plumbing), model (the
# domain), prog (the body of one program, named after it).
LAYERS = core model prog
LIBSRC := $(sort $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.c)))
LIBOBJ := $(patsubst %.c,$(O)/obj/%.o,$(LIBSRC))
LIBA := $(O)/obj/libgridkit.a
BINS := $(addprefix $(O)/bin/,$(PROGS))
UNITSRC := $(sort $(wildcard tests/unit/*.c))
UNITS := $(patsubst tests/unit/%.c,$(O)/obj/unit/%,$(UNITSRC))
COMPILE = $(CC) $(DEFS) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(DEP_CFLAGS) $(addprefix -Ilib/,$(LAYERS)) -MMD -MP

# the end-to-end tests that make check runs a second time on PostgreSQL
# (GK_TEST_STORE=pg), two at a time: the man pages' examples (0013), the
# county's cases (9001) and every one of 1xxx-5xxx but grid-top's tmux
# test, which is about the terminal, and those below, which make their
# PostgreSQL stores themselves and so ran on both stores in the first pass
PG_SELF = tests/1014-postgresql-uri.t tests/1015-both-stores.t \
	tests/1016-pg-copy.t tests/1017-pg-rowid.t tests/1019-pg-plans.t \
	tests/1018-import-past-limits.t tests/1022-pg-file-chunks.t \
	tests/1023-pg-escalate-chunks.t tests/1024-pg-route-sets.t \
	tests/1025-pg-analyze.t tests/1026-pg-big-load.t
PG_TESTS = tests/0013-man-examples.t tests/9001-county-cases.t \
	$(filter-out tests/5802-top-tmux.t $(PG_SELF),$(sort $(wildcard tests/[1-5]*.t)))

CHK_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Werror

all: $(BINS)

$(O)/obj/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(O)/bin/%: cmd/%.c $(LIBA)
	@mkdir -p $(@D) $(O)/obj/cmd
	$(COMPILE) -MF $(O)/obj/cmd/$*.d -MT $@ $(LDFLAGS) -o $@ $< $(LIBA) \
		$(LIBS) $(if $(filter grid-top,$*),$(CURSES_LIBS))

$(O)/obj/unit/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(@D)
	$(COMPILE) $(LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

units: $(UNITS)

-include $(LIBOBJ:.o=.d) $(patsubst %,$(O)/obj/cmd/%.d,$(PROGS)) $(UNITS:=.d)

DEPS_SH = tools/deps.sh
deps:
	@$(DEPS_SH)

# build after deps in a make of its own, so that nothing it needs is looked
# up before the packages are there (also under make -j)
build: deps
	@$(MAKE) --no-print-directory all

check: deps
	@$(MAKE) --no-print-directory O=obj/chk CFLAGS='$(CHK_CFLAGS)' \
		LDFLAGS='-fsanitize=address,undefined' all units
	@$(MAKE) --no-print-directory CFLAGS='-O2 -g -Werror' all
	@tests/run.sh obj/chk
	@if tests/pg.sh installed 2>/dev/null; then \
		echo "the end-to-end tests on PostgreSQL:"; \
		GK_TEST_STORE=pg GK_TEST_JOBS=2 tests/run.sh . $(PG_TESTS); \
	else \
		echo "no PostgreSQL installed: the end-to-end tests ran on SQLite only"; \
	fi

demo: build
	@examples/demo.sh

bench: build
	@tests/bench/run.sh

index-readers: deps
	@tools/index-readers.sh

completions: all
	tools/gencomp.sh bin completions

lint:
	mandoc -Tlint -Wwarning man/*.1 man/*.7

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	cp -f man/*.1 $(DESTDIR)$(MANDIR)/man1/
	cp -f man/*.7 $(DESTDIR)$(MANDIR)/man7/
	cp -f completions/gridkit.bash $(DESTDIR)$(BASHCOMPDIR)/gridkit
	for p in $(PROGS); do \
		ln -sf gridkit $(DESTDIR)$(BASHCOMPDIR)/$$p; done
	cp -f completions/_gridkit $(DESTDIR)$(ZSHCOMPDIR)/_gridkit

uninstall:
	for p in $(PROGS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$p $(DESTDIR)$(MANDIR)/man1/$$p.1 \
			$(DESTDIR)$(BASHCOMPDIR)/$$p; done
	rm -f $(DESTDIR)$(MANDIR)/man7/gridkit.7 \
		$(DESTDIR)$(BASHCOMPDIR)/gridkit $(DESTDIR)$(ZSHCOMPDIR)/_gridkit

clean:
	rm -rf bin obj

.PHONY: all build units deps check demo bench index-readers completions lint install uninstall clean
.DELETE_ON_ERROR:
