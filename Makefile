# gridkit - small C tools for grid-based community governance
#
#   make            build bin/* (release)
#   make check      install what is missing, build with ASan and UBSan into
#                   obj/chk, run every test; warnings are errors
#   make demo       install what is missing, build, load examples/, report
#   make bench      county- and city-scale benchmarks against sqlite3
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

PKGS = sqlite3 jansson libpcre2-8
# ncursesw.pc asks for -D_XOPEN_SOURCE=600, which would redefine our 700
DEP_CFLAGS := $(filter-out -D_XOPEN_SOURCE=%,$(shell $(PKG_CONFIG) --cflags \
	$(PKGS) ncursesw 2>/dev/null))
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null)
CSV_LIBS ?= -lcsv
LIBS = $(DEP_LIBS) $(CSV_LIBS) -lm

O ?= .
PROGS := $(sort $(patsubst cmd/%.c,%,$(wildcard cmd/*.c)))
LIBSRC := $(sort $(wildcard lib/*.c))
LIBOBJ := $(patsubst %.c,$(O)/obj/%.o,$(LIBSRC))
LIBA := $(O)/obj/libgridkit.a
BINS := $(addprefix $(O)/bin/,$(PROGS))
UNITSRC := $(sort $(wildcard tests/unit/*.c))
UNITS := $(patsubst tests/unit/%.c,$(O)/obj/unit/%,$(UNITSRC))
COMPILE = $(CC) $(DEFS) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(DEP_CFLAGS) -Ilib -MMD -MP

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

deps:
	@tools/deps.sh

check: deps
	@$(MAKE) --no-print-directory O=obj/chk CFLAGS='$(CHK_CFLAGS)' \
		LDFLAGS='-fsanitize=address,undefined' all units
	@$(MAKE) --no-print-directory CFLAGS='-O2 -g -Werror' all
	@tests/run.sh obj/chk

demo: deps all
	@examples/demo.sh

bench: deps all
	@tests/bench/run.sh

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

.PHONY: all units deps check demo bench completions lint install uninstall clean
.DELETE_ON_ERROR:
