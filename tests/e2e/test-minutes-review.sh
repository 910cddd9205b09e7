# End-to-end: the minutes' action-plan review lists the actions that
# existed at the review, even when an action is added in the same second.
. "$(dirname "$0")/lib.sh"
export CERCLE_NOW=1790000000	# one frozen second for the whole meeting
setup_hub
expect 0 "a tension" tension add --as zinc --kind project --title "Budget"
expect 0 "open a meeting" \
    meeting open --as facil
c meeting present facil urban irts zinc adrets --as facil
expect 0 "review" meeting review --as facil
expect 0 "take up the tension" meeting next --as facil
expect 0 "proposal" proposal add 1 --as zinc --text "Spend it"
expect 0 "approve" position 1 approve --as urban
expect 0 "close" proposal close 1 --as facil
expect 0 "an action added after the review, in the same second" \
    action add 1 --as zinc --owner irts --title "Sign" --due 2027-01-31
expect 0 "close the meeting" meeting close --as facil
expect 0 "the hub speaks English (the minutes' language)" config lang en
expect 0 "minutes" minutes 1
sed -n '/Action plan review/,/^## 2/p' "$OUT" >"$TEST_TMP/review"
check "the review does not list the later action" \
    sh -c "! grep -q 'Sign' '$TEST_TMP/review'"
check "it says no action was open" grep -q "no open action" "$TEST_TMP/review"
check "the action is in the tension's section" out_has "Sign"
expect 0 "minutes --format json" minutes 1 --format json
check "JSON review lists no open action" /usr/bin/python3 -c "
import json,sys; d=json.load(open('$OUT')); sys.exit(0 if d['review']['open_actions']==[] else 1)"
expect 0 "verify" verify
done_testing
