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
# The install paths are not on the command line but in a generated header
# that changes (and so rebuilds what includes it) when they change: `make
# install PREFIX=/usr` after a build for /usr/local gets /usr paths.
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) \
	-Ibuild/gen \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lutil

# Quiet by default: one short line a step; V=1 shows the whole commands.
ifeq ($(V),1)
Q =
SAY = @true
else
Q = @
SAY = @printf '  %-6s %s\n'
endif

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

.PHONY: pot po man man-fr man-po all deps check unit e2e demo install uninstall clean fuzz bench

MANSRC = $(sort $(wildcard src/man/*.man))

# Messages: po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/cercle.mo (the
# binary finds them there when run from the tree).
POS = $(wildcard po/*.po)
MOS = $(POS:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/cercle.mo)

$(BUILD)/locale/%/LC_MESSAGES/cercle.mo: po/%.po
	@mkdir -p $(@D)
	$(SAY) MSGFMT $<
	$(Q)msgfmt --check -o $@ $<

# Messages marked for translation: _("..."), N_("..."), P_("ctx", "...")
# and ngettext, in any file of src/ (tests/e2e/test-po.sh checks that
# po/fr.po has exactly these). After changing interface strings:
# `make po` regenerates po/cercle.pot and merges it into po/fr.po; then
# translate what msgmerge left empty or fuzzy.
POT ?= po/cercle.pot
# The message functions translate their format at run time, so their
# literal formats are extracted as well: err_set (util.h), err_setn (a
# count: ngettext), cli_usage (cli.h), sshd_say (ssh.h), sess_bye, and
# the phrases naming what a role check refuses (hub_require...).
# The names given to emit_* ("created|since") are the labels of the
# text and Markdown output: emit.c translates the part after '|'.
# Formats without a word ("%s", "%s: %s") are left out of the catalogue,
# but not a quoted value ("'%s'": French quotes it « %s ») nor one
# with a colon ("%s: %s", spaced in French; "%Y-%m-%d %H:%M", a date).
POT_KEYWORDS = -k_ -kN_ -kP_:1c,2 -kngettext:1,2 -kerr_set:3 \
	-kerr_setn:4,5 -kcli_usage:2 -ksshd_say:2 -ksess_bye:2 \
	-khub_require:3 -khub_role_check:3 -kgov_require_voter:2 \
	-kgov_check_voter:2 -kgov_check_on_current:3 -kpresent_on_current:4 \
	--flag=err_set:3:c-format --flag=err_setn:4:c-format \
	--flag=err_setn:5:c-format --flag=cli_usage:2:c-format \
	--flag=sshd_say:2:c-format --flag=sess_bye:2:c-format \
	-kemit_str:2 -kemit_u64:2 -kemit_id:2 -kemit_i64:2 -kemit_bool:2 -kemit_time:2 \
	-kemit_strs:2 -kemit_words:2 -kemit_u64s:2 -kemit_list_begin:2 -kemit_rec_begin:2 \
	-kcli_arg_id:3 -kpage_bad:4 -kverify_problem:3 -ktext_check:1 \
	-kstore_lmdb_err:3 -kstore_txn_err:4
POT_RE = (^|[^A-Za-z0-9_])(_|N_|P_|ngettext|err_setn?|cli_usage|sshd_say|sess_bye|hub_require|hub_role_check|gov_require_voter|gov_check_voter|gov_check_on_current|present_on_current|emit_[a-z0-9_]+|cli_arg_id|page_bad|vprob|text_check|store_lmdb_err|store_txn_err)[(]
POT_SRCS = $(shell grep -lE '$(POT_RE)' src/*.c src/*.h)
pot:
	xgettext --from-code=UTF-8 --add-comments=TRANSLATORS: \
		$(POT_KEYWORDS) -o $(POT).all $(POT_SRCS)
	msggrep --msgid -E -e '(^|[^%A-Za-z])[A-Za-z]{2}' -e "'%" -e ':' -e '%Y-%m-%d' -o $(POT) \
		$(POT).all
	@msggrep -v --msgid -E -e '^[A-Za-z_]+[|]$$' -o $(POT) $(POT)
	@rm -f $(POT).all
	@# No creation date: msgmerge then leaves po/fr.po's header alone, so
	@# a `make po` that changes no message changes nothing (and branches
	@# do not conflict on the date).
	@sed -i '/^"POT-Creation-Date:/d' $(POT)

po: pot
	msgmerge --quiet --update --backup=none --no-location \
		po/fr.po $(POT)
	@msgattrib --no-obsolete -o po/fr.po po/fr.po
	@msgattrib --no-obsolete --untranslated --no-wrap po/fr.po | \
		sed -n 's/^msgid "\(..*\)"$$/to translate: \1/p'
	@msgattrib --no-obsolete --only-fuzzy --no-wrap po/fr.po | \
		sed -n 's/^msgid "\(..*\)"$$/to check (fuzzy): \1/p'

# The built-in keymap and theme are the shipped files, compiled in.
GEN_DEFAULTS = build/gen/ui-defaults.h
$(GEN_DEFAULTS): keymaps/default.keys themes/default.theme
	@mkdir -p $(@D)
	@{ echo '/* generated from keymaps/default.keys and themes/default.theme */'; \
	  echo 'const char ui_default_keys[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' keymaps/default.keys; \
	  echo ';'; echo 'const char ui_default_theme[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' themes/default.theme; \
	  echo ';'; } > $@

$(BUILD)/ui-keys.o: $(GEN_DEFAULTS)

# Rewritten only when a path differs, so a prefix change rebuilds exactly
# the objects that include it (ui-keys.c, i18n.c).
GEN_PATHS = build/gen/paths.h
.PHONY: FORCE
FORCE:
$(GEN_PATHS): FORCE
	@mkdir -p $(@D)
	@printf '/* generated by make: the install paths */\n#define CERCLE_DATADIR "%s"\n#define CERCLE_LOCALEDIR "%s"\n' \
		'$(DATADIR)' '$(LOCALEDIR)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/ui-keys.o $(BUILD)/i18n.o: $(GEN_PATHS)

all: cercle $(BUILD)/cercle.1 $(BUILD)/fr/cercle.1 $(MOS)

$(BUILD)/cercle.1: $(MANSRC)
	@mkdir -p $(@D)
	$(Q)cat $(MANSRC) > $@

# The French man page: the same src/man/*.man translated paragraph by
# paragraph through po/man/fr.po by po4a, so the two cannot drift: a
# paragraph changed or added in English and not yet translated stays in
# English in the French page, and tests/e2e/test-man-fr.sh fails naming
# it. French hyphenation (groff's hyphen.fr). After changing src/man/*.man: `make man-po`, translate what it
# lists in po/man/fr.po (empty or fuzzy entries), `make man-fr`.
MAN_PO = po/man/fr.po
MANFR_DIR = $(BUILD)/man-fr
PO4A_CFG = $(MANFR_DIR)/po4a.cfg
PO4A = po4a --no-backups --master-charset UTF-8 --localized-charset UTF-8 \
	--porefs file
$(PO4A_CFG): $(MANSRC) Makefile
	@mkdir -p $(@D)
	@{ echo '[po4a_langs] fr'; \
	  echo '[po4a_paths] $(MANFR_DIR)/cercle.pot fr:$(MAN_PO)'; \
	  for f in $(MANSRC); do \
	    echo "[type: man] $$f fr:$(MANFR_DIR)/$$(basename $$f)"; done; \
	} > $@
$(BUILD)/fr/cercle.1: $(MANSRC) $(MAN_PO) $(PO4A_CFG)
	@mkdir -p $(@D)
	$(SAY) PO4A $(MAN_PO)
	$(Q)$(PO4A) --no-update --keep 0 --quiet $(PO4A_CFG)
	$(Q)cat $(MANSRC:src/man/%=$(MANFR_DIR)/%) | \
		sed '/^\.TH /a .hla fr\n.hpf hyphen.fr' > $@

man: $(BUILD)/cercle.1
	man -l $(BUILD)/cercle.1
man-fr: $(BUILD)/fr/cercle.1
	man -l $(BUILD)/fr/cercle.1
# Bring po/man/fr.po up to date with src/man/*.man and list what needs
# translating (new paragraphs: empty; changed ones: fuzzy, with the
# previous English as #| lines).
man-po: $(PO4A_CFG)
	$(PO4A) --no-translations --msgmerge-opt '--previous' $(PO4A_CFG)
	@msgattrib --no-obsolete --untranslated --no-wrap $(MAN_PO) | \
		sed -n 's/^msgid "\(..*\)"$$/to translate: \1/p'
	@msgattrib --no-obsolete --only-fuzzy --no-wrap $(MAN_PO) | \
		sed -n 's/^msgid "\(..*\)"$$/to check (fuzzy): \1/p'

cercle: $(BIN)
	$(Q)ln -sf $(BIN) cercle

$(BIN): $(OBJS)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Layers (DESIGN.md), each object by its file's prefix; a layer's unit
# tests link against it and the layers below only, so a view test that
# reaches for ncurses or libssh fails to link. demo*.c builds through the
# hub; cli, ui and ssh call each other (tui, serve, exec): the top.
L_UTIL = $(BUILD)/util.o $(BUILD)/emit.o $(BUILD)/i18n.o $(BUILD)/csv.o
L_MODEL = $(L_UTIL) $(filter $(BUILD)/model%.o,$(OBJS))
L_CODEC = $(L_MODEL) $(BUILD)/codec.o
L_STORE = $(L_CODEC) $(filter $(BUILD)/store%.o,$(OBJS))
L_HUB = $(L_STORE) $(filter $(BUILD)/hub%.o $(BUILD)/demo%.o,$(OBJS))
L_UI = $(L_HUB) $(filter $(BUILD)/ui%.o,$(OBJS))
L_TOP = $(LIBOBJS)
# The libraries each layer may use.
pc_libs = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)
LIBS_UTIL =
LIBS_MODEL =
LIBS_CODEC = $(call pc_libs,msgpack)
LIBS_STORE = $(call pc_libs,lmdb msgpack libcrypto)
LIBS_HUB = $(LIBS_STORE)
LIBS_UI = $(call pc_libs,ncursesw lmdb msgpack libcrypto)
LIBS_TOP = $(LIBS)
# A unit test's layer: UNIT_LAYER_<name> (UTIL, MODEL, CODEC, STORE, HUB,
# UI or TOP, the default).
UNIT_LAYER_test-util = UTIL
UNIT_LAYER_test-emit = UTIL
UNIT_LAYER_test-csv = UTIL
UNIT_LAYER_test-consent = MODEL
UNIT_LAYER_test-moderation = MODEL
UNIT_LAYER_test-codec = CODEC
UNIT_LAYER_test-store = HUB
UNIT_LAYER_test-store-migrate = HUB
UNIT_LAYER_test-store-renew = HUB
UNIT_LAYER_test-need-list = HUB
UNIT_LAYER_test-gov-dot = HUB
UNIT_LAYER_test-gov-demo = HUB
UNIT_LAYER_test-view = HUB
UNIT_LAYER_test-gov-views = HUB
UNIT_LAYER_test-ui = UI
layer_of = $(or $(UNIT_LAYER_$(1)),TOP)

.SECONDEXPANSION:
$(BUILD)/tests/%: tests/unit/%.c $$(L_$$(call layer_of,$$*))
	@mkdir -p $(@D)
	$(SAY) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< \
		$(L_$(call layer_of,$*)) $(LIBS_$(call layer_of,$*)) \
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

# Every step fails loudly: a missing file stops the install.
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(COMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/cercle
	install -m 644 $(BUILD)/cercle.1 $(DESTDIR)$(MANDIR)/man1/cercle.1
	install -d $(DESTDIR)$(MANDIR)/fr/man1
	install -m 644 $(BUILD)/fr/cercle.1 $(DESTDIR)$(MANDIR)/fr/man1/cercle.1
	install -m 644 keymaps/*.keys $(DESTDIR)$(DATADIR)/keymaps/
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 644 contrib/cercle.bash $(DESTDIR)$(COMPDIR)/cercle
	set -e; for m in $(MOS); do l=$$(basename $$(dirname $$(dirname $$m))); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/cercle.mo; \
		done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cercle $(DESTDIR)$(MANDIR)/man1/cercle.1 \
		$(DESTDIR)$(MANDIR)/fr/man1/cercle.1 $(DESTDIR)$(COMPDIR)/cercle
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
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_NAMES = $(FUZZ_SRCS:tests/fuzz/fuzz-%.c=%)
FUZZ_BINS = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz-%)
FUZZ_OBJS = $(filter-out $(FUZZ_BUILD)/main.o,$(SRCS:src/%.c=$(FUZZ_BUILD)/%.o))

.PHONY: fuzz-build fuzz-seeds
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(SAY) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_OBJS)
	$(SAY) LINK $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
		$(FUZZ_OBJS) $(LIBS)

-include $(FUZZ_OBJS:.o=.d)
$(FUZZ_BUILD)/ui-keys.o: $(GEN_DEFAULTS)
$(FUZZ_BUILD)/ui-keys.o $(FUZZ_BUILD)/i18n.o: $(GEN_PATHS)

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
