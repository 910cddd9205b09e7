# End-to-end: deleted checkpoints are damage (issue 13). Checkpoints are
# numbered (the number is signed) and the database keeps how many it
# wrote: verify reports a checkpoint deleted at the start, in the middle
# or at the end (exit 3, one line saying which), and a database whose
# checkpoints are all there is sound.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store-lib.sh"

build_session || { echo "Bail out! $(cat "$TEST_TMP/build.err")"; exit 1; }
S="$TEST_TMP/store-session"
export CERCLE_CHECKPOINT_EVERY=3
setup_hub
for i in $(seq 1 12); do
	"$CERCLE_BIN" --db "$DB" need add --as urban --title "besoin $i" \
	    --territory Alpes >/dev/null || { echo "Bail out! need add"; exit 1; }
done
good="$TEST_TMP/good"
cp -r "$DB" "$good"
restore() { rm -rf "$DB"; cp -r "$good" "$DB"; }

expect 0 "all checkpoints there: verify is sound" verify
n=$(sed -n 's/^checkpoints: \([0-9]*\), .*/\1/p' "$OUT")
check "... and counts several checkpoints ($n)" [ "${n:-0}" -ge 5 ]

restore
"$S" "$DB" dropkeys checkpoint 1 last
c verify
check "the last checkpoint deleted: verify exits 3" [ "$RC" -eq 3 ]
check "... saying the last checkpoint is missing" \
    err_has "the last 1 of $n checkpoints is missing"

restore
"$S" "$DB" dropkeys checkpoint 2 2
c verify
check "two checkpoints deleted in the middle: verify exits 3" [ "$RC" -eq 3 ]
check "... naming them" err_has "checkpoints number 3 to 4 of $n are missing"

restore
"$S" "$DB" dropkeys checkpoint 1
c verify
check "the first checkpoint deleted: verify exits 3" [ "$RC" -eq 3 ]
check "... naming it" err_has "checkpoint number 1 of $n is missing"

restore
"$S" "$DB" dropkeys checkpoint 1 1
"$S" "$DB" dropkeys checkpoint 1 last
c verify
check "two holes: one line with a count" sh -c \
    "[ $RC -eq 3 ] && grep -c 'missing' '$ERR' | grep -qx 1 &&
    grep -q 'more like it' '$ERR'"

restore
"$S" "$DB" dropkeys meta 1 "$("$S" "$DB" rank meta ckpt.count)"
c verify
check "the count deleted with checkpoints left: verify exits 3" \
    sh -c "[ $RC -eq 3 ] && grep -q 'count of checkpoints is missing' '$ERR'"

restore
expect 0 "more writes after the check" need add --as urban --title "encore" \
    --territory Alpes
expect 0 "... and verify is still sound" verify
done_testing
