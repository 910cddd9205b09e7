# End-to-end: a hidden round over SSH exec (the real OpenSSH client): the
# member sees how many answered and their own position, no count and no
# other reason, in `show ID` (text and --json) and `minutes ID`, until the
# facilitator closes the round; then the tally shows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

setup_hub
newkey alice
"$CERCLE_BIN" --db "$DB" member key add zinc "$(cat "$TEST_TMP/alice.pub")" \
    >/dev/null
c meeting open --title "AG" --as facil
c meeting present facil urban irts zinc adrets arsenic --as facil
c meeting review --as facil
c tension add --as urban --kind position --title "Tribune commune"
c meeting next 1 --as facil
c proposal add 1 --as urban --text "Signer." --hidden
prop=$(cat "$OUT")
c position "$prop" block --reason "Secret de vote." --as irts
c position "$prop" approve --as zinc
# irts changes their reason: the first stays on record (history), hidden
# like the rest until the close.
c position "$prop" block --reason "Secret deux." --as irts

# No count: "N approve", "N block"... never while the round is open.
no_counts() { ! grep -qE '\b[0-9]+ (approve|alert|withdraw|block)\b' "$OUT"; }

start_server
sshx 0 "show ID runs" alice show "$prop"
check "it says how many answered" out_has "hidden until closed (2 answered)"
check "it shows no count" no_counts
check "nor another member's reason" sh -c "! grep -qF 'Secret' '$OUT'"
check "nor another member's history" sh -c "! grep -qE 'superseded|remplac' '$OUT'"
check "the member's own position is theirs to see" out_has "zinc: approve"
check "another's is hidden" out_has "irts: hidden until closed"
sshx 0 "show ID --json runs" alice show "$prop" --json
check "the tally is null" out_has '"tally":null,"answered":2'
check "and irts's position hidden" out_has '{"member":"irts","hidden":true}'
check "and no history of irts" out_has '"history":[]'
check "nor any reason of irts in JSON" sh -c "! grep -qF 'Secret' '$OUT'"
sshx 0 "minutes ID runs" alice minutes 1
check "the minutes keep the veil (in the hub's language)" out_has "- masquées jusqu'à la clôture"
check "with no count" no_counts

c proposal close "$prop" --as facil
sshx 0 "show ID runs once closed" alice show "$prop"
check "the tally shows once closed" \
    out_has "tally:     1 approve, 0 alert, 0 withdraw, 1 block"
check "and the reasons" out_has "irts: block (Secret deux.)"
check "and the history with the first reason" out_has "irts: block (Secret de vote.) [version 1,"
stop_server
done_testing
