# Both catalogues complete: English is the source text; po/fr.po must hold
# a French entry for every message marked for translation in src/ (the
# keywords of the Makefile's `pot` target: _ N_ P_ ngettext, and the
# message functions that translate their format at run time: err_set,
# err_setn, cli_usage, sshd_say, sess_bye; the field names of emit_*,
# the labels of text output), and no entry
# the sources no longer mark (stale). Each problem is one failing check
# naming the message. The comparison is first shown to fail on a planted
# untranslated message and a planted stale entry.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
KW="-k_ -kN_ -kP_:1c,2 -kngettext:1,2 -kerr_set:3 -kerr_setn:4,5
 -kcli_usage:2 -ksshd_say:2 -ksess_bye:2 -khub_require:3 -khub_role_check:3 -kgov_require_voter:2 -kgov_check_voter:2 -kgov_check_on_current:3 -kpresent_on_current:4 --flag=err_set:3:c-format
 --flag=err_setn:4:c-format --flag=err_setn:5:c-format
 --flag=cli_usage:2:c-format --flag=sshd_say:2:c-format
 --flag=sess_bye:2:c-format
 -kemit_str:2 -kemit_u64:2 -kemit_id:2 -kemit_i64:2 -kemit_bool:2 -kemit_time:2 -kemit_strs:2 -kemit_words:2 -kemit_u64s:2 -kemit_list_begin:2 -kemit_rec_begin:2 -kcli_arg_id:3 -kpage_bad:4 -kverify_problem:3 -ktext_check:1 -kstore_lmdb_err:3 -kstore_txn_err:4"
# words POT OUT: the entries of POT that hold a word or a quoted value
# ("'%s'") or a colon ("%s: %s") or is a strftime date; formats such as "%s"
# or "%llu: %s" are not messages to translate).
words() {
	msggrep --msgid -E -e '(^|[^%A-Za-z])[A-Za-z]{2}' -e "'%" -e ':' -e '%Y-%m-%d' "$1" |
	    msggrep -v --msgid -E -e '^[A-Za-z_]+[|]$' -o "$2"
}

# po_ids FILE: one line per entry, "CONTEXT | MSGID" or "MSGID",
# obsolete (#~) entries too, the header left out.
po_ids() {
	awk '
	function flush() {
		if (have && id != "")
			print (ctx != "" ? ctx " | " : "") id
		have = 0; ctx = ""; id = ""
	}
	/^(#~ )?msgctxt / { flush(); st = "ctx"; s = $0
		sub(/^(#~ )?msgctxt "/, "", s); sub(/"$/, "", s); ctx = s; next }
	/^(#~ )?msgid / { if (st != "ctx") flush(); st = "id"; have = 1
		s = $0; sub(/^(#~ )?msgid "/, "", s); sub(/"$/, "", s)
		id = s; next }
	/^(#~ )?msgid_plural / { st = "x"; next }
	/^(#~ )?msgstr/ { st = "x"; next }
	/^(#~ )?"/ { s = $0; sub(/^(#~ )?"/, "", s); sub(/"$/, "", s)
		if (st == "id") id = id s; else if (st == "ctx") ctx = ctx s
		next }
	END { flush() }' "$1" | LC_ALL=C sort -u
}

# compare POT PO: prints "missing: ID" and "stale: ID" lines.
compare() {
	po_ids "$1" >"$TEST_TMP/src.ids"
	msgattrib --translated --no-fuzzy --no-obsolete "$2" \
	    >"$TEST_TMP/ok.po" 2>/dev/null
	po_ids "$TEST_TMP/ok.po" >"$TEST_TMP/fr-ok.ids"
	po_ids "$2" >"$TEST_TMP/fr-all.ids"
	LC_ALL=C comm -23 "$TEST_TMP/src.ids" "$TEST_TMP/fr-ok.ids" |
	    sed 's/^/missing: /'
	LC_ALL=C comm -13 "$TEST_TMP/src.ids" "$TEST_TMP/fr-all.ids" |
	    sed 's/^/stale: /'
	msgattrib --only-obsolete "$2" 2>/dev/null | po_ids /dev/stdin |
	    sed 's/^/stale (obsolete): /'
}

# Every file of src/ that uses a keyword, found independently of the
# Makefile; xgettext ignores the macro definitions themselves.
srcs=$(cd "$root" && grep -lE \
    '(^|[^A-Za-z0-9_])(_|N_|P_|ngettext|err_setn?|cli_usage|sshd_say|sess_bye|hub_require|hub_role_check|gov_require_voter|gov_check_voter|gov_check_on_current|present_on_current|emit_[a-z0-9_]+|cli_arg_id|page_bad|vprob|text_check|store_lmdb_err|store_txn_err)[(]' \
    src/*.c src/*.h)
check "files mark messages ($(echo $srcs | wc -w))" [ -n "$srcs" ]
# shellcheck disable=SC2086
(cd "$root" && xgettext --from-code=UTF-8 $KW -o "$TEST_TMP/raw.pot" $srcs)
words "$TEST_TMP/raw.pot" "$TEST_TMP/all.pot"
check "xgettext extracts the marked messages" [ -s "$TEST_TMP/all.pot" ]
check "the refusals of the hub are among them" \
    grep -q '^msgid "%s may not %s (needs the role %s)"' "$TEST_TMP/all.pot"
check "more than 200 of them ($(po_ids "$TEST_TMP/all.pot" | wc -l))" \
    [ "$(po_ids "$TEST_TMP/all.pot" | wc -l)" -gt 200 ]

# The test can fail: a planted message and a planted stale entry show.
mkdir -p "$TEST_TMP/plant"
printf '%s\n' '#define _(s) (s)' \
    'const char *probe(void) { return _("probe: never translated"); }' \
    >"$TEST_TMP/plant/probe.c"
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 $KW -o "$TEST_TMP/plant.pot" \
    "$TEST_TMP/plant/probe.c"
msgcat --use-first "$TEST_TMP/all.pot" "$TEST_TMP/plant.pot" \
    -o "$TEST_TMP/planted.pot"
{ cat "$root/po/fr.po"; printf '\nmsgid "probe: gone"\nmsgstr "disparu"\n'; } \
    >"$TEST_TMP/planted.po"
compare "$TEST_TMP/planted.pot" "$TEST_TMP/planted.po" >"$TEST_TMP/planted"
check "a marked message without French entry is caught" \
    grep -qx 'missing: probe: never translated' "$TEST_TMP/planted"
check "a French entry no source marks is caught" \
    grep -qx 'stale: probe: gone' "$TEST_TMP/planted"

# The real catalogue.
compare "$TEST_TMP/all.pot" "$root/po/fr.po" >"$TEST_TMP/problems"
while IFS= read -r p; do
	not_ok "po/fr.po: $p"
done <"$TEST_TMP/problems"
check "po/fr.po has every marked message and nothing stale" \
    [ ! -s "$TEST_TMP/problems" ]
check "po/fr.po has no fuzzy entry" sh -c \
    "[ -z \"\$(msgattrib --only-fuzzy --no-obsolete '$root/po/fr.po')\" ]"
check "msgfmt --check accepts po/fr.po (formats match)" \
    msgfmt --check -o /dev/null "$root/po/fr.po"
# The program's name leads French errors as coreutils' do ("ls: ..."):
# "cercle: ", never "cercle : " (with a space or a non-breaking one).
grep -nE '^(msgstr(\[[0-9]\])? )?"cercle( | | ):' "$root/po/fr.po" \
    >"$TEST_TMP/prefix.bad"
check "no French message begins 'cercle : ' ($(head -1 "$TEST_TMP/prefix.bad" | cut -c1-50))" \
    [ ! -s "$TEST_TMP/prefix.bad" ]

# The Makefile's pot target covers the same messages.
make -s --no-print-directory -C "$root" pot POT="$TEST_TMP/make.pot" \
    >/dev/null 2>&1
po_ids "$TEST_TMP/all.pot" >"$TEST_TMP/a.ids"
po_ids "$TEST_TMP/make.pot" >"$TEST_TMP/m.ids" 2>/dev/null
check "make pot gives the same messages as every src file" \
    cmp -s "$TEST_TMP/a.ids" "$TEST_TMP/m.ids"
done_testing
