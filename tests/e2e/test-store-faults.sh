# End-to-end: the store under faults (issue 13, defects 3 to 8). A damaged
# main tree is damage, and 'init' will not replace it; a damaged page
# header is one line naming the page, never a crash; a lock file replaced
# under a running session gets no write from it; a stopped writer is named
# to whoever waits; verify reports each distinct problem once with a count;
# a consistent rewrite of the journal is caught by the signed checkpoints
# and by an expected head; the minutes end with the head at the close.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store-lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
pages() { /usr/bin/python3 "$here/lmdb-pages.py" "$1/data.mdb" $2 $3; }
sum() { for f in "$1"/data.mdb; do cksum <"$f"; done; }

build_session || { echo "Bail out! $(cat "$TEST_TMP/build.err")"; exit 1; }
S="$TEST_TMP/store-session"

setup_hub
for i in $(seq 1 120); do
	"$CERCLE_BIN" --db "$DB" member add "x$i" --role member \
	    --name "Membre $i, un nom assez long pour remplir des pages" \
	    >/dev/null || { echo "Bail out! member add failed"; exit 1; }
done
good="$TEST_TMP/good"
cp -r "$DB" "$good"
restore() { rm -rf "$DB"; cp -r "$good" "$DB"; }

# ---- 3. A damaged main tree is damage; init refuses the directory.
restore
main=$(pages "$DB" main)
leaf=$(pages "$DB" leaf member)
dd if="$DB/data.mdb" of="$DB/data.mdb" bs=4096 skip="$leaf" seek="$main" \
    count=1 conv=notrunc 2>/dev/null
before=$(sum "$DB")
expect 3 "a damaged main tree: member list exits 3" member list
check "... saying damaged, naming page $main" err_has "page $main"
check "... not 'run cercle init'" sh -c "! grep -q 'init' '$ERR'"
expect 3 "init refuses a directory holding a damaged database" init
check "... in one line" err_one_line
check "... which says damaged" err_has "damaged"
check "... and leaves the file as it was" [ "$(sum "$DB")" = "$before" ]
# Both meta pages with an empty main tree (its root lost): LMDB opens an
# "empty" environment over the hub's pages. Still a database: init must
# not write a new hub over it.
restore
/usr/bin/python3 - "$DB/data.mdb" <<'PY'
import struct, sys
f = open(sys.argv[1], "r+b")
for pg in (0, 1):
    # MDB_meta after the 16-byte page header: magic, version, address,
    # mapsize (24 bytes), the free tree (48), then the main tree (48):
    # pad, flags, depth, branch, leaf, overflow pages, entries, root.
    f.seek(pg * 4096 + 16 + 24 + 48 + 4)
    f.write(struct.pack("<HHQQQQQ", 0, 0, 0, 0, 0, 0, 2**64 - 1))
PY
before=$(sum "$DB")
expect 3 "init refuses a directory whose main tree is lost" init
check "... in one line" err_one_line
check "... not 'run cercle init'" sh -c "! grep -q 'init' '$ERR'"
check "... and leaves the file as it was" [ "$(sum "$DB")" = "$before" ]
expect 3 "member list on it exits 3 too" member list
restore
expect 2 "init refuses a directory holding a sound database" init
check "... saying it exists" grep -qiE 'exist|already' "$ERR"

# ---- 4. A damaged page header: one line naming the page, no crash.
for n in 1 2 3 4 5 6; do
	restore
	jl=$(pages "$DB" leaf journal)
	/usr/bin/python3 - "$DB/data.mdb" "$jl" "$n" <<'PY'
import random, struct, sys
f = open(sys.argv[1], "r+b"); pg = int(sys.argv[2]); random.seed(int(sys.argv[3]))
f.seek(pg * 4096); p = bytearray(f.read(4096))
ptr = struct.unpack_from("<H", p, 16)[0]
p[ptr:ptr + 8] = bytes(random.randrange(256) for _ in range(8))
p[16:24] = bytes(random.randrange(256) for _ in range(8))
f.seek(pg * 4096); f.write(p)
PY
	c verify
	check "damaged header $n: verify exits 3 (got $RC)" [ "$RC" -eq 3 ]
	check "damaged header $n: verify says so in one line naming page $jl" \
	    sh -c "[ \$(wc -l <'$ERR') -eq 1 ] && grep -q 'page $jl' '$ERR'"
	c journal
	check "damaged header $n: journal exits 3, no signal (got $RC)" \
	    [ "$RC" -eq 3 ]
	check "damaged header $n: journal says damaged in one line" \
	    sh -c "[ \$(wc -l <'$ERR') -eq 1 ] && grep -q damaged '$ERR'"
done

# ---- 4. A file truncated under a session that is reading: one line.
restore
mkfifo "$TEST_TMP/in"
"$S" "$DB" readhold <"$TEST_TMP/in" >"$TEST_TMP/rh.out" \
    2>"$TEST_TMP/rh.err" &
rh=$!
exec 7>"$TEST_TMP/in"
for i in $(seq 1 100); do grep -q ready "$TEST_TMP/rh.out" && break; sleep 0.05; done
truncate -s $(($(stat -c %s "$DB/data.mdb") / 3)) "$DB/data.mdb"
echo go >&7
exec 7>&-
wait $rh
rc=$?
check "a session reading a truncated file ends with exit 3 (got $rc)" \
    [ "$rc" -eq 3 ]
check "... and one line that says truncated" sh -c \
    "[ \$(wc -l <'$TEST_TMP/rh.err') -eq 1 ] && grep -q truncated '$TEST_TMP/rh.err'"
rm -f "$TEST_TMP/in"

# ---- 5. lock.mdb replaced under a running session.
restore
mkfifo "$TEST_TMP/in"
"$S" "$DB" writer urban <"$TEST_TMP/in" >"$TEST_TMP/w.out" 2>&1 &
ws=$!
exec 7>"$TEST_TMP/in"
echo "need avant" >&7
for i in $(seq 1 100); do grep -q '^ok' "$TEST_TMP/w.out" && break; sleep 0.05; done
check "the session writes while the lock file is the shared one" \
    grep -q '^ok' "$TEST_TMP/w.out"
rm "$DB/lock.mdb"
expect 0 "a new process (with a new lock file) writes" need add --as irts \
    --title "nouveau" --territory Alpes
acked=$(cat "$OUT")
echo "need après" >&7
exec 7>&-
wait $ws
check "the old session's write is refused" \
    grep -q '^err 3 .*lock.mdb was removed or replaced' "$TEST_TMP/w.out"
c need show "$acked"
check "the write acknowledged on the new lock file is there" [ "$RC" -eq 0 ]
c need list --json
check "the refused write is not" sh -c "! grep -q 'après' '$OUT'"
expect 0 "verify is sound after" verify --quiet
rm -f "$TEST_TMP/in"
# Replaced by a copy of itself (same content, another file): the same.
restore
mkfifo "$TEST_TMP/in"
"$S" "$DB" writer urban <"$TEST_TMP/in" >"$TEST_TMP/w.out" 2>&1 &
ws=$!
exec 7>"$TEST_TMP/in"
echo "need avant" >&7
for i in $(seq 1 100); do grep -q '^ok' "$TEST_TMP/w.out" && break; sleep 0.05; done
check "a session writes on the shared lock file" grep -q '^ok' "$TEST_TMP/w.out"
cp "$DB/lock.mdb" "$DB/lock.new" && mv "$DB/lock.new" "$DB/lock.mdb"
echo "need copie" >&7
exec 7>&-
wait $ws
check "after lock.mdb is replaced by a copy, its write is refused" \
    grep -q '^err 3 .*lock.mdb was removed or replaced' "$TEST_TMP/w.out"
c need list --json
check "... and is not in the database" sh -c "! grep -q 'copie' '$OUT'"
rm -f "$TEST_TMP/in"

# ---- 6. A writer stopped inside its transaction is named to who waits.
restore
"$S" "$DB" stopwrite zinc 2>"$TEST_TMP/sw.err" &
sw=$!
for i in $(seq 1 200); do
	[ "$(ps -o stat= -p $sw 2>/dev/null | cut -c1)" = T ] && break
	sleep 0.05
done
check "the writer is stopped" [ "$(ps -o stat= -p $sw | cut -c1)" = T ]
"$CERCLE_BIN" --db "$DB" need add --as irts --title "attend" \
    --territory Alpes >"$TEST_TMP/wait.out" 2>"$TEST_TMP/wait.err" &
wp=$!
for i in $(seq 1 300); do
	grep -q "waiting for the write lock" "$TEST_TMP/wait.err" && break
	sleep 0.1
done
check "the waiting writer says it waits for the write lock" \
    grep -q "waiting for the write lock" "$TEST_TMP/wait.err"
check "... held by zinc, process $sw, stopped, in test.stop" sh -c \
    "grep -q 'zinc (process $sw, STOPPED, test.stop' '$TEST_TMP/wait.err'"
check "... with its command" grep -q "store-session" "$TEST_TMP/wait.err"
kill -CONT $sw
wait $sw
wait $wp
check "once the writer goes on, the waiting write is done ($?)" \
    grep -qE '^[0-9]+$' "$TEST_TMP/wait.out"

# ---- 7. verify: each distinct problem once, with a count.
restore
"$S" "$DB" tamper 5 alter
c verify
check "an altered journal entry: verify exits 3" [ "$RC" -eq 3 ]
check "... one line, naming entry 5" sh -c \
    "[ \$(wc -l <'$ERR') -eq 1 ] && grep -q 'journal entry 5' '$ERR'"
check "... and no broken link after it" sh -c "! grep -q 'does not chain' '$ERR'"
# A broken link (entry 5 deleted), then two altered entries after it:
# verify resynchronises after the gap, so the later problems are found,
# and each distinct problem is one line with a count of the others.
restore
"$S" "$DB" dropkeys journal 1 4
"$S" "$DB" tamper 20 alter
"$S" "$DB" tamper 30 alter
c verify
check "a gap and two altered entries: verify exits 3" [ "$RC" -eq 3 ]
check "... the gap once, naming where the chain breaks" sh -c \
    "[ \$(grep -c 'gap in the chain' '$ERR') -eq 1 ] && grep -q 'journal entry 6: expected entry 5 (a gap' '$ERR'"
check "... the entries after it still checked: altered, once, with a count" sh -c \
    "[ \$(grep -c 'altered' '$ERR') -eq 1 ] && grep -q 'journal entry 20: .*(altered) (and 1 more like it)' '$ERR'"
check "... no broken link reported for the entries after the gap" \
    sh -c "! grep -q 'does not chain' '$ERR'"
check "... no line twice" sh -c "[ -z \"\$(sort '$ERR' | uniq -d)\" ]"
nprob=$(($(wc -l <"$ERR") - 1))
check "... and the verdict counts the distinct problems ($nprob)" \
    sh -c "tail -1 '$ERR' | grep -qx 'cercle: verify failed: $nprob distinct problems'"
restore
# Every index is in "ix" (schema 3), keyed by index number first: its
# first keys are ix_member_login's (index 0).
"$S" "$DB" dropkeys ix 5
c verify
check "records missing from an index: verify exits 3" [ "$RC" -eq 3 ]
check "... one line for them, with how many more" sh -c \
    "grep -c 'missing from index ix_member_login' '$ERR' | grep -qx 1 && grep -q 'more like it' '$ERR'"

# ---- 8. A consistent rewrite: caught by checkpoints and expected heads.
restore
export CERCLE_CHECKPOINT_EVERY=4
expect 0 "a write with checkpoints every 4 entries" need add --as urban \
    --title "ancre" --territory Alpes
c journal head
head1=$(cat "$OUT")
check "journal head prints N:HASH" grep -qE '^[0-9]+:[0-9a-f]{64}$' "$OUT"
expect 0 "verify with the head as expected" verify --expect "$head1"
check "... reports the checkpoint that holds" out_has "the last that holds"
"$S" "$DB" tamper 3 rewrite
c verify --expect "$head1"
check "a rewritten journal: verify exits 3" [ "$RC" -eq 3 ]
check "... and says the journal was rewritten" err_has "journal was rewritten"
check "... and that the expected head differs" err_has "expected head"
c verify
check "without --expect the signed checkpoint still catches it" \
    sh -c "[ $RC -eq 3 ] && grep -q 'journal was rewritten' '$ERR'"
unset CERCLE_CHECKPOINT_EVERY

# ---- The minutes end with the head at the close, signed.
restore
T=$("$CERCLE_BIN" --db "$DB" tension add --as zinc --kind project --title "Budget")
M=$("$CERCLE_BIN" --db "$DB" meeting open --as facil)
"$CERCLE_BIN" --db "$DB" meeting present urban irts zinc adrets --as facil >/dev/null
expect 0 "the meeting closes" meeting close --as facil
c journal head
closehead=$(cat "$OUT")
c config lang en	# the minutes are in the hub's language
c minutes "$M"
check "the minutes end with the head at the close" sh -c \
    "tail -1 '$OUT' | grep -q 'Journal head at the close: entry ${closehead%%:*}, SHA-256 ${closehead#*:}'"
check "... signed by the host" sh -c "tail -1 '$OUT' | grep -q 'signed by the host'"
expect 0 "a later write" need add --as urban --title "après" --territory Alpes
expect 0 "verify --expect with the head from the minutes" verify --quiet \
    --expect "$closehead"
expect 1 "a malformed expected head is a usage error" verify --expect 3:xyz
done_testing
