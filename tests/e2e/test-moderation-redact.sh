# End-to-end: `cercle redact` (issue 16 items 2, 3, 6). Texts typed in the
# field (a need's description, a practice, a question, a proposal version
# copied into the decision, an alert reason, an action title) are redacted
# by an admin; the original is then found nowhere: not in any view, the
# minutes, the exports, the journal, a backup, nor the bytes of a compact
# copy of the database. verify stays sound, and still names a change made
# outside cercle after the redaction.
. "$(dirname "$0")/lib.sh"
x() { "$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR" || {
	not_ok "scripted step: $*"; }; }

setup_hub
x member add root2 --name "Ad Min" --role admin
x need add --as urban --title "Logement de Mme Kowalczyk" --territory Alpes \
    --description "Appeler Mme Kowalczyk au 0612345678, diabétique."
x need practice 1 --as zinc --text "Voir avec Dr Perrin-Vasseur à Gap"
x tension add --as zinc --kind project --title "Budget 2027"
x meeting open --as facil
x meeting present urban irts zinc adrets arsenic camp --as facil
x meeting review --as facil
x meeting next 1 --as facil
x meeting question --text "Est-ce que Lucien Bramafan paie ?" --as irts
x proposal add 1 --as zinc --text "Payer la facture de Lucien Bramafan."
x position 1 alert --reason "Bramafan est en arrêt maladie." --as irts
for m in urban zinc adrets arsenic camp; do x position 1 approve --as $m; done
x proposal close 1 --as facil
x action add 1 --as zinc --owner irts --title "Rembourser Lucien Bramafan"
x meeting close --as facil
ok "the hub is scripted"

# Every trace of the texts to redact, before: they must be there at first
# (the search below cannot pass by looking in the wrong place).
SECRETS="0612345678 Kowalczyk Perrin-Vasseur Bramafan"
everything() {
	out=$TEST_TMP/all.$1
	: >"$out"
	for cmd in "need show 1" "need show 1 --json" "need list" \
	    "need list --json" "tension show 1" "tension show 1 --json" \
	    "proposal show 1" "proposal show 1 --json" "decision list" \
	    "decision list --json" "action list" "action list --csv" \
	    "minutes 1" "minutes 1 --format json" "journal" "journal --json" \
	    "export --format json --what needs" \
	    "export --format csv --what needs" \
	    "export --format json --what decisions" \
	    "export --format csv --what actions" "meeting show 1"; do
		# shellcheck disable=SC2086
		"$CERCLE_BIN" --db "$DB" $cmd >>"$out" 2>&1
	done
	rm -rf "$TEST_TMP/bk.$1"
	"$CERCLE_BIN" --db "$DB" backup "$TEST_TMP/bk.$1" >/dev/null 2>&1
	cat "$TEST_TMP/bk.$1/data.mdb" >>"$out"
}
found() { for s in $SECRETS; do grep -qaF -- "$s" "$1" || return 1; done; }
none() { for s in $SECRETS; do ! grep -qaF -- "$s" "$1" || {
	echo "# still there: $s" >&2; return 1; }; done; }
everything before
check "before: every text is in the views, minutes, exports and backup" \
    found "$TEST_TMP/all.before"

# The rule: admins only; bad input changes nothing.
expect 2 "a member may not redact" redact need 1 description \
    --reason "données personnelles" --as urban
check "the refusal names the admin role" err_has "admin"
expect 1 "an unknown field is a usage error" redact need 1 territory \
    --reason x --as root2
expect 1 "a redaction needs a reason" redact need 1 description --as root2
expect 2 "no such need" redact need 99 description --reason x --as root2
expect 2 "no such practice" redact need 1 practice.5 --reason x --as root2
c journal --json
n0=$(grep -o '"seq":' "$OUT" | wc -l)

expect 0 "the admin redacts the description" redact need 1 description \
    --reason "données personnelles" --as root2
expect 0 "and the title" redact need 1 title --reason "nom" --as root2
check "the journal entries quoting the title are redacted with it" \
    out_has "2 journal entries"
expect 0 "and the practice" redact need 1 practice.1 --reason "nom" \
    --as root2
expect 0 "a question" redact tension 1 question.1 --reason "nom" --as root2
expect 0 "a proposal version" redact proposal 1 version.1 --reason "nom" \
    --as root2
expect 0 "a position reason" redact position 1 reason --reason "santé" \
    --as root2
expect 0 "an action title" redact action 1 title --reason "nom" --as root2

c need show 1
# The marker is stored text: in the hub's language (French here), whoever
# redacts (root2 reads English), with the day as French people write it
# and a non-breaking space before the colon.
check "the marker names who, when and why, in the hub's French" grep -qE \
    "\\[retiré par root2 le [0-3][0-9]/[01][0-9]/20[0-9]{2} : " "$OUT"
check "with the reason" out_has ": données personnelles]"
c tension show 1
check "the question keeps who asked it" out_has "irts: [retiré par root2"
c journal --json
check "each redaction is a journal entry anyone reads" \
    [ "$(grep -o '"op":"redact"' "$OUT" | wc -l)" -ge 7 ]
check "naming the record, the field and the reason" \
    out_has '"summary":"need 1 description redacted: données personnelles"'
c journal
check "an entry that quoted a text says which entry redacted it" \
    out_has "(redacted by entry"

everything after
check "after: no trace in views, minutes, journal, exports, backup bytes" \
    none "$TEST_TMP/all.after"
c minutes 1
check "the minutes still list the decision" out_has "retiré par root2"
expect 0 "verify is sound after the redactions" verify
check "verify counts the redacted entries" out_has "entries redacted"
expect 0 "the backup verifies too" --db "$TEST_TMP/bk.after" verify

# Tampering after a redaction is still caught: put the text back in the
# need outside cercle.
if command -v mdb_load >/dev/null; then
	cp -r "$DB" "$TEST_TMP/t1"
	mdb_dump -s need "$TEST_TMP/t1" >"$TEST_TMP/dump"
	/usr/bin/python3 - "$TEST_TMP/dump" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
old = "[retiré par root2".encode().hex()
new = "[RETIRÉ par root2".encode().hex()
assert old in s
open(p, "w").write(s.replace(old, new, 1))
PY
	mdb_load -s need -f "$TEST_TMP/dump" "$TEST_TMP/t1" 2>/dev/null
	"$CERCLE_BIN" --db "$TEST_TMP/t1" verify >"$OUT" 2>"$ERR"; RC=$?
	check "verify names a redacted record changed outside cercle" \
	    [ "$RC" -eq 3 ] && grep -qF "need #1" "$ERR"
	# A redacted journal entry given another actor outside cercle.
	cp -r "$DB" "$TEST_TMP/t2"
	rm -f "$TEST_TMP/t2/lock.mdb"
	mdb_dump -s journal "$TEST_TMP/t2" >"$TEST_TMP/dump"
	/usr/bin/python3 - "$TEST_TMP/dump" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
i = lines.index("HEADER=END") + 1
done = False
# Values follow keys; the need.add entry by urban was redacted.
for j in range(i + 1, len(lines), 2):
    v = lines[j]
    if "need.add".encode().hex() in v and "urban".encode().hex() in v:
        lines[j] = v.replace("urban".encode().hex(), "zinc!".encode().hex())
        done = True
        break
assert done
open(p, "w").write("\n".join(lines))
PY
	mdb_load -s journal -f "$TEST_TMP/dump" "$TEST_TMP/t2" 2>/dev/null
	"$CERCLE_BIN" --db "$TEST_TMP/t2" verify >"$OUT" 2>"$ERR"; RC=$?
	check "verify names a redacted journal entry changed outside cercle" \
	    [ "$RC" -eq 3 ] && grep -qF "sealed" "$ERR"
else
	not_ok "mdb_load (lmdb-utils) is installed"
fi

# A database made before moderation: its entries commit to nothing (their
# hash covers the text). A redaction of one is sealed by the redaction
# entry alone; verify stays sound and still catches a change to it.
OLD=$TEST_TMP/old
mkdir -p "$OLD"
gzip -dc "$(dirname "$0")/data/store-v1/data.mdb.gz" >"$OLD/data.mdb"
expect 0 "an older database: a text is redacted" --db "$OLD" redact need 12 \
    title --reason "nom"
check "with the entry quoting it, and no other" out_has "1 journal entry"
expect 0 "verify is sound on it" --db "$OLD" verify
x --db "$OLD" member disable thomas
expect 0 "and its reporter forgotten" --db "$OLD" member forget thomas
expect 0 "verify is sound after both" --db "$OLD" verify
c --db "$OLD" journal
check "the old redacted entry is signed by the pseudonym" sh -c \
    "! grep -qw thomas '$OUT'"
if command -v mdb_load >/dev/null; then
	rm -f "$OLD/lock.mdb"
	mdb_dump -s journal "$OLD" >"$TEST_TMP/dump"
	/usr/bin/python3 - "$TEST_TMP/dump" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
i = lines.index("HEADER=END") + 1
key = "%016x" % 28
for j in range(i, len(lines) - 1, 2):
    if lines[j].strip() == key:
        v = lines[j + 1]
        h = "former-".encode().hex()
        assert h in v
        lines[j + 1] = v.replace(h, "FORMER-".encode().hex(), 1)
        break
else:
    raise SystemExit("entry 28 not found")
open(p, "w").write("\n".join(lines))
PY
	mdb_load -s journal -f "$TEST_TMP/dump" "$OLD" 2>/dev/null
	"$CERCLE_BIN" --db "$OLD" verify >"$OUT" 2>"$ERR"; RC=$?
	check "verify names an old redacted entry changed outside cercle" \
	    [ "$RC" -eq 3 ] && grep -qF "journal entry 28" "$ERR"
fi

# Only that text: another need whose title merely contains it, or holds
# the same words inside longer ones, keeps its own.
x need add --as urban --title "Atelier numéro 5" --territory Alpes
n5=$(cat "$OUT")
x need add --as urban --title "Atelier numéro 50" --territory Alpes
n50=$(cat "$OUT")
x need add --as urban --title "Voir Atelier numéro 5 demain" --territory Alpes
nin=$(cat "$OUT")
expect 0 "a short title is redacted" redact need "$n5" title --reason x \
    --as root2
c need show "$n50"
check "a longer title holding it as a prefix is untouched" \
    out_has "Atelier numéro 50"
c need show "$nin"
check "another need quoting it whole is untouched too (needs hold no copies)" \
    out_has "Voir Atelier numéro 5 demain"

# The live file: LMDB keeps freed pages until it reuses them; a backup
# (a compact copy) and a restore give a file with no trace.
c journal --json
n1=$(grep -o '"seq":' "$OUT" | wc -l)
check "the redactions added entries, never removed one" [ "$n1" -gt "$n0" ]
done_testing
