# cercle: build, test, install. `make` builds ./cercle; `make check` runs
# every test; `make demo` opens cercle on a demo database. Both install the
# Debian packages they need first (see contrib/deps.sh).

.DEFAULT_GOAL := all
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/cercle
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=
PKG_CONFIG ?= pkg-config
CC ?= cc

PKGS = ncursesw lmdb msgpack libssh libcrypto
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral \
	-Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) \
	-DCERCLE_DATADIR='"$(DATADIR)"' -DCERCLE_LOCALEDIR='"$(LOCALEDIR)"' \
	-Ibuild/gen \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lutil

ifeq ($(SANITIZE),1)
BUILD ?= build/asan
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
BUILD ?= build/release
endif

SRCS = $(wildcard src/*.c)
OBJS = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS = $(filter-out $(BUILD)/main.o,$(OBJS))
BIN = $(BUILD)/cercle

UNIT_SRCS = $(wildcard tests/unit/test-*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: pot man all deps check unit e2e demo install uninstall clean fuzz bench

MANSRC = $(sort $(wildcard src/man/*.man))

# Messages: po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/cercle.mo (the
# binary finds them there when run from the tree).
POS = $(wildcard po/*.po)
MOS = $(POS:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/cercle.mo)

$(BUILD)/locale/%/LC_MESSAGES/cercle.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Regenerate the message template after changing interface strings.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1c,2 -kngettext:1,2 \
		-o po/cercle.pot src/ui*.c src/cli-run.c src/hub-digest.c

# The built-in keymap and theme are the shipped files, compiled in.
GEN_DEFAULTS = build/gen/ui-defaults.h
$(GEN_DEFAULTS): keymaps/default.keys themes/default.theme
	@mkdir -p $(@D)
	{ echo '/* generated from keymaps/default.keys and themes/default.theme */'; \
	  echo 'const char ui_default_keys[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' keymaps/default.keys; \
	  echo ';'; echo 'const char ui_default_theme[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' themes/default.theme; \
	  echo ';'; } > $@

$(BUILD)/ui-keys.o: $(GEN_DEFAULTS)

all: cercle $(BUILD)/cercle.1 $(MOS)

$(BUILD)/cercle.1: $(MANSRC)
	@mkdir -p $(@D)
	cat $(MANSRC) > $@

man: $(BUILD)/cercle.1
	man -l $(BUILD)/cercle.1

cercle: $(BIN)
	ln -sf $(BIN) cercle

$(BIN): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LIBS) \
		$(shell $(PKG_CONFIG) --cflags --libs cmocka)

-include $(OBJS:.o=.d)

deps:
	@sh contrib/deps.sh

# Every test: unit tests (cmocka) and end-to-end tests on the real binary.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(FUZZ_BINS)
	@CERCLE_BIN=$(CURDIR)/$(BIN) BUILD=$(BUILD) sh tests/run.sh $(abspath $(UNIT_BINS))

unit: all $(UNIT_BINS)
	@CERCLE_BIN=$(CURDIR)/$(BIN) sh tests/run.sh --unit-only $(abspath $(UNIT_BINS))

e2e: all
	@CERCLE_BIN=$(CURDIR)/$(BIN) sh tests/run.sh --e2e-only

# Build, make a demo hub in ./demo-db (once), and open it as a member.
# Another view: make demo DEMOARGS="tui --member claire" (the facilitator).
DEMOARGS ?= tui --member lea
demo: deps
	@$(MAKE) --no-print-directory all
	@test -d demo-db || ./cercle --db demo-db demo
	./cercle --db demo-db $(DEMOARGS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(DATADIR)/themes
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/cercle
	install -m 644 $(BUILD)/cercle.1 $(DESTDIR)$(MANDIR)/man1/cercle.1
	for f in keymaps/*.keys; do [ -e "$$f" ] && install -m 644 "$$f" \
		$(DESTDIR)$(DATADIR)/keymaps/ || true; done
	for f in themes/*.theme; do [ -e "$$f" ] && install -m 644 "$$f" \
		$(DESTDIR)$(DATADIR)/themes/ || true; done
	for m in $(MOS); do l=$$(basename $$(dirname $$(dirname $$m))); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/cercle.mo; \
		done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cercle $(DESTDIR)$(MANDIR)/man1/cercle.1
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/cercle.mo

clean:
	rm -rf build cercle tests/out

# ---- Benchmarks: figures, not pass/fail (never part of `make check`).
# Each bench/*.c is linked like the unit tests (every src/*.c but main.c)
# and with SQLite, the store peer; bench/run.sh runs them and prints the
# table. bench/README.md holds the latest figures.
BENCH_SRCS = $(wildcard bench/*.c)
BENCH_BINS = $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: bench/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LIBS) \
		$(shell $(PKG_CONFIG) --cflags --libs sqlite3 2>/dev/null || \
		echo -lsqlite3)

bench: deps
	@dpkg-query -W -f='$${Status}' libsqlite3-dev 2>/dev/null | \
		grep -q 'ok installed' || { echo 'cercle: installing' \
		'libsqlite3-dev'; DEBIAN_FRONTEND=noninteractive apt-get \
		install -y -qq --no-install-recommends libsqlite3-dev; }
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@CERCLE_BIN=$(CURDIR)/$(BIN) BENCH_BIN=$(CURDIR)/$(BUILD)/bench \
		sh bench/run.sh

# ---- Fuzzing: libFuzzer targets tests/fuzz/fuzz-*.c, built with clang
# and ASan+UBSan in build/fuzz. `make fuzz` runs each for FUZZ_SECONDS on
# a working corpus seeded from tests/fuzz/corpus/NAME (new inputs go to
# build/fuzz/corpus-NAME, crashes to build/fuzz/crashes/); `make check`
# runs a short smoke of each (tests/e2e/test-fuzz-smoke.sh).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD = build/fuzz
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -g -O1 -Ibuild/gen \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-DCERCLE_DATADIR='"$(DATADIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_NAMES = $(FUZZ_SRCS:tests/fuzz/fuzz-%.c=%)
FUZZ_BINS = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz-%)
FUZZ_OBJS = $(filter-out $(FUZZ_BUILD)/main.o,$(SRCS:src/%.c=$(FUZZ_BUILD)/%.o))

.PHONY: fuzz-build fuzz-seeds
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
		$(FUZZ_OBJS) $(LIBS)

-include $(FUZZ_OBJS:.o=.d)
$(FUZZ_BUILD)/ui-keys.o: $(GEN_DEFAULTS)

fuzz-build: $(FUZZ_BINS)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes
	@for n in $(FUZZ_NAMES); do \
		mkdir -p $(FUZZ_BUILD)/corpus-$$n; \
		echo "fuzz-$$n: $(FUZZ_SECONDS) s"; \
		$(FUZZ_BUILD)/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) \
		    -close_fd_mask=3 -print_final_stats=1 \
		    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$n- \
		    $(FUZZ_BUILD)/corpus-$$n tests/fuzz/corpus/$$n \
		    2>&1 | grep -E '^(stat::number_of_executed_units|Done|==[0-9]+==|SUMMARY|artifact)' \
		    || true; \
		ls $(FUZZ_BUILD)/crashes/$$n-* >/dev/null 2>&1 && \
		    { echo "fuzz-$$n: CRASH, see $(FUZZ_BUILD)/crashes"; exit 1; }; \
	done; echo "fuzz: no crash"

# Regenerate the decoder's seed corpus (committed) from the codec.
fuzz-seeds: $(LIBOBJS)
	@mkdir -p $(BUILD)/tests tests/fuzz/corpus/decode
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $(BUILD)/tests/mkseeds \
		tests/fuzz/mkseeds.c $(LIBOBJS) $(LIBS)
	$(BUILD)/tests/mkseeds tests/fuzz/corpus/decode
