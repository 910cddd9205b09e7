# End-to-end: the moderation queue (issue 16 item 5) from the command
# line: a member flags a text with a reason; only admins read the queue,
# open flags first; they redact (the text goes, as with redact) or dismiss
# (the text stays); both are journal entries, closing a flag twice is
# refused, and verify stays sound.
. "$(dirname "$0")/lib.sh"
x() { "$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR" || {
	not_ok "scripted step: $*"; }; }

setup_hub
x member add root2 --name "Ad Min" --role admin
x need add --as urban --title "Cantine" --territory Alpes \
    --description "Contacter Mme Zyskowicz au 0699887766"
x need add --as zinc --title "Vélos" --territory Alpes
expect 0 "a member flags a text" flag need 1 description \
    --reason "un numéro de téléphone" --as irts
check "and is told the admins will see it" out_has "flag 1"
expect 0 "another text is flagged" flag need 2 title --reason "doublon" \
    --as camp
expect 1 "a flag needs a reason" flag need 2 title --as camp
expect 1 "an unknown field" flag need 2 status --reason x --as camp
expect 2 "no such need" flag need 9 title --reason x --as camp
expect 2 "an empty text" flag need 2 description --reason x --as camp
expect 2 "a member does not read the queue" flags --as irts
expect 0 "an admin reads the queue" flags --json --as root2
check "with the flagged text as it is now" out_has "0699887766"
check "who flagged it and why" out_has '"by":"irts"'
check "two open flags" [ "$(grep -o '"status":"open"' "$OUT" | wc -l)" -eq 2 ]
c journal --json
check "the flag is journaled without its reason" sh -c \
    "grep -q 'need 1 description flagged' '$OUT' && \
     ! grep -q 'un numéro de téléphone' '$OUT'"

expect 2 "a member may not dismiss" flag dismiss 2 --as camp
expect 0 "the admin dismisses flag 2" flag dismiss 2 --as root2
expect 2 "not twice" flag dismiss 2 --as root2
c need show 2
check "a dismissed flag keeps the text" out_has "Vélos"
expect 1 "a redaction needs a reason" flag redact 1 --as root2
expect 0 "the admin redacts flag 1's text" flag redact 1 \
    --reason "téléphone" --as root2
c need show 1
check "the text is replaced by the marker" out_has "[retiré par root2"
check "and gone" sh -c "! grep -q 0699887766 '$OUT'"
expect 0 "the queue is empty of open flags" flags --json --as root2
check "nothing open" out_is "[]"
expect 0 "--all shows them closed" flags --all --as root2
check "one redacted, one dismissed" sh -c \
    "grep -q redacted '$OUT' && grep -q dismissed '$OUT'"
c journal
check "the dismissal is journaled, in words" out_has "report dismissed"
c journal --json
check "as flag.dismiss in the JSON" out_has '"op":"flag.dismiss"'
c journal
check "so is the redaction" out_has "flag 1: text redacted: téléphone"
rm -rf "$TEST_TMP/bk"
x backup "$TEST_TMP/bk"
check "no trace in a backup" sh -c \
    "! grep -qa -e 0699887766 -e Zyskowicz '$TEST_TMP/bk/data.mdb'"
expect 0 "verify is sound" verify
done_testing
