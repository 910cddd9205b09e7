# End-to-end: keymap and theme files. Every shipped file loads cleanly;
# broken lines are reported as file:line and skipped, the defaults stay.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)

for f in "$root"/keymaps/*.keys "$root"/themes/*.theme; do
	c ui check "$f"
	check "$(basename "$f") loads cleanly" [ "$RC" -eq 0 ]
	check "$(basename "$f") reports nothing" [ ! -s "$ERR" ]
done
expect 0 "ui check with no file checks the six shipped files" ui check
check "all six are found" [ "$(grep -c ': ok$' "$OUT")" -eq 6 ]

# The panes rounds (tab 8) and switch (tab 9) and their actions (issue 10,
# item 5): bound in each shipped keymap, accepted in a user's file.
for a in pane-rounds pane-switch round-open dot-add dot-remove round-close \
    theme-add workstream-add workstream-join; do
	for k in default vi emacs; do
		case "$a" in pane-*) [ "$k" = default ] || continue ;; esac
		check "$k.keys binds $a" grep -q " $a\$" "$root/keymaps/$k.keys"
	done
done
cat >"$TEST_TMP/rounds.keys" <<'K'
bind global F8 pane-rounds
bind global F9 pane-switch
bind rounds x round-open
bind rounds Right dot-add
bind rounds Left dot-remove
bind rounds X round-close
bind switch t theme-add
bind switch a workstream-add
bind switch J workstream-join
K
expect 0 "a keymap binding the rounds and switch panes' actions loads" \
	ui check "$TEST_TMP/rounds.keys"
check "and reports nothing" [ ! -s "$ERR" ]

cat >"$TEST_TMP/bad.keys" <<'K'
# a comment, then good and bad lines
bind vote a approve
bind vote Z frobnicate
bind planet a approve
bind vote NoSuchKey approve
bind vote
bind edit a approve
frob global q quit
bind global C-x quit
K
expect 1 "a broken keymap is a usage error" ui check "$TEST_TMP/bad.keys"
check "unknown action reported at file:line" \
	err_has "$TEST_TMP/bad.keys:3: unknown action 'frobnicate'"
check "unknown pane reported" err_has "bad.keys:4: unknown pane 'planet'"
check "unknown key reported" err_has "bad.keys:5: unknown key 'NoSuchKey'"
check "short line reported" err_has "bad.keys:6: expected 'bind PANE KEY ACTION'"
check "editor scope mismatch reported" err_has "bad.keys:7: not an editor action"
check "unknown command reported" err_has "bad.keys:8: unknown command 'frob'"
check "exactly six errors" [ "$(wc -l <"$ERR")" -eq 6 ]

cat >"$TEST_TMP/bad.theme" <<'T'
style title fg=cyan,bold
style title fg=chartreuse
style nosuch fg=red
style block fg=red,sparkly
style block
colour block red
style alert fg=300
T
expect 1 "a broken theme is a usage error" ui check "$TEST_TMP/bad.theme"
check "unknown colour reported at file:line" \
	err_has "bad.theme:2: unknown colour 'chartreuse'"
check "unknown element reported" err_has "bad.theme:3: unknown element 'nosuch'"
check "unknown attribute reported" err_has "bad.theme:4: unknown attribute 'sparkly'"
check "missing spec reported" err_has "bad.theme:5: expected 'style ELEMENT"
check "unknown command reported" err_has "bad.theme:6: unknown command 'colour'"
check "colour out of range reported" err_has "bad.theme:7: unknown colour '300'"
expect 1 "a missing file is reported" ui check "$TEST_TMP/none.keys"
check "with its name" err_has "none.keys"

done_testing
