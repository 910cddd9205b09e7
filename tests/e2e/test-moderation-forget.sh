# End-to-end: `cercle member forget` (issue 16 items 4, 6): a member who
# has left asks for their personal data to go. Their name, organisation,
# e-mail, key and login are then found nowhere (views, minutes, exports,
# journal, backup bytes), while their need, question, positions and action
# stay counted under "former-ID". verify stays sound.
. "$(dirname "$0")/lib.sh"
x() { "$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR" || {
	not_ok "scripted step: $*"; }; }

setup_hub
x member add kowalski --name "Jeanne Kowalska" --role member \
    --org "Asso Kowalbourg" --territory Alpes
ssh-keygen -q -t ed25519 -N '' -C "jk@kowalbourg" -f "$TEST_TMP/k1" </dev/null
fp=$(ssh-keygen -lf "$TEST_TMP/k1.pub" | awk '{print $2}')
x member key add kowalski "$(cat "$TEST_TMP/k1.pub")"
x mail prefs --as kowalski --email jeanne@kowalbourg.example
x need add --as kowalski --title "Local partagé" --territory Alpes
x tension add --as zinc --kind project --title "Budget 2027"
x meeting open --as facil
x meeting present urban irts zinc adrets arsenic camp kowalski --as facil
x meeting review --as facil
x meeting next 1 --as facil
x meeting question --text "Quel montant ?" --as kowalski
x proposal add 1 --as zinc --text "Dépenser 20k."
x position 1 alert --reason "Relire le budget." --as kowalski
for m in urban irts zinc adrets arsenic camp; do x position 1 approve --as $m; done
x proposal close 1 --as facil
x action add 1 --as zinc --owner kowalski --title "Ouvrir la ligne"
x meeting close --as facil
ok "the hub is scripted"

SECRETS="kowalski Kowalska Kowalbourg kowalbourg $fp"
everything() {
	out=$TEST_TMP/all.$1
	: >"$out"
	for cmd in "member list" "member list --json" "need show 1" \
	    "need list --json" "tension show 1 --json" "proposal show 1" \
	    "proposal show 1 --json" "decision list --json" "action list" \
	    "action list --csv" "minutes 1" "minutes 1 --format json" \
	    "journal" "journal --json" "meeting show 1 --json" \
	    "export --format json --what members" \
	    "export --format csv --what members" \
	    "export --format json --what needs" \
	    "export --format json --what decisions" \
	    "export --format csv --what actions" \
	    "admin authorized-keys"; do
		# shellcheck disable=SC2086
		"$CERCLE_BIN" --db "$DB" $cmd >>"$out" 2>&1
	done
	rm -rf "$TEST_TMP/bk.$1"
	"$CERCLE_BIN" --db "$DB" backup "$TEST_TMP/bk.$1" >/dev/null 2>&1
	cat "$TEST_TMP/bk.$1/data.mdb" >>"$out"
}
found() { for s in $SECRETS; do grep -qaF -- "$s" "$1" || {
	echo "# missing before: $s" >&2; return 1; }; done; }
none() { for s in $SECRETS; do ! grep -qaF -- "$s" "$1" || {
	echo "# still there: $s" >&2; return 1; }; done; }
everything before
check "before: the member's data is in views, exports and the backup" \
    found "$TEST_TMP/all.before"
c proposal show 1 --json
tally_before=$(grep -o '"alert":[0-9]*' "$OUT" | head -1)

expect 2 "an active member is not forgotten" member forget kowalski
check "the refusal says to disable first" err_has "disable them first"
x member disable kowalski
expect 2 "a member may not forget another" member forget kowalski --as urban
expect 2 "nor forget someone unknown" member forget nobody
expect 0 "the admin forgets the member" member forget kowalski
id=$(sed -n 's/.* is now former-\([0-9]*\) .*/\1/p' "$OUT")
check "they become former-ID" [ -n "$id" ]
expect 2 "once" member forget "former-$id"
expect 1 "nobody else may take a pseudonym's login" member add former-99 \
    --name X --role member

everything after
check "after: no trace in views, minutes, journal, exports, backup bytes" \
    none "$TEST_TMP/all.after"
c member show "former-$id"
check "shown under the pseudonym, in the hub's French (root reads English)" \
    out_has "ancien membre n°$id"
check "with their territory and role kept" out_has "Alpes"
c proposal show 1 --json
check "their alert is still counted" \
    [ "$(grep -o '"alert":[0-9]*' "$OUT" | head -1)" = "$tally_before" ]
c action list
check "their action is still theirs, under the pseudonym" \
    out_has "former-$id"
c tension show 1
check "their question stays, under the pseudonym" \
    out_has "former-$id: Quel montant ?"
c journal
check "their journal entries carry the pseudonym" out_has "former-$id"
check "the forget is a journal entry, in words" out_has "member forgotten"
c journal --json
check "as member.forget in the JSON" out_has '"op":"member.forget"'
LC_MESSAGES=fr_FR.UTF-8 "$CERCLE_BIN" --db "$DB" member show "former-$id" \
    >"$OUT" 2>"$ERR"
check "read in French, the same stored name" out_has "ancien membre n°$id"
expect 0 "verify is sound after the forget" verify
expect 0 "the backup verifies" --db "$TEST_TMP/bk.after" verify

# A second forget supersedes the redactions of entries it re-signs: a
# redaction of a text of hers before she is forgotten.
x member add lenoir --name "Paul Lenoir" --role member --territory Alpes
x need add --as lenoir --title "Besoin de Paul Lenoir" --territory Alpes
x redact need 2 title --reason "nom"
x member disable lenoir
expect 0 "a member whose entries were redacted is forgotten" \
    member forget lenoir
c journal
check "the redacted entry takes the pseudonym too" sh -c \
    "! grep -q 'lenoir' '$OUT'"
expect 0 "verify is sound after redact then forget" verify
done_testing
