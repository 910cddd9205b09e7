# End-to-end: backups a small association can run. 'cercle backup DIR'
# takes a consistent, compacted, verified copy while writers keep
# writing, and prints its head; 'cercle restore' puts a copy back, but not
# while a process has the database open, not a copy older than the hub's
# head (unless --force), not a copy that lacks an expected head; and never
# into a damaged copy's favour without saying so.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store-lib.sh"
build_session || { echo "Bail out! $(cat "$TEST_TMP/build.err")"; exit 1; }
S="$TEST_TMP/store-session"

setup_hub
for i in $(seq 1 30); do
	"$CERCLE_BIN" --db "$DB" need add --as urban --title "besoin $i" \
	    --territory Alpes >/dev/null
done

# Writers go on during the backups.
stop="$TEST_TMP/stop"
writer() {
	i=0
	while [ ! -e "$stop" ] && [ $i -lt 200 ]; do
		i=$((i + 1))
		"$CERCLE_BIN" --db "$DB" need add --as "$1" --title "$1-$i" \
		    --territory Alpes >/dev/null 2>>"$TEST_TMP/werr" ||
			echo "$1-$i $?" >>"$TEST_TMP/wfail"
	done
}
writer irts &
w1=$!
writer zinc &
w2=$!
for n in 1 2 3; do
	c backup "$TEST_TMP/bk$n"
	check "backup $n during writes exits 0" [ "$RC" -eq 0 ]
	check "backup $n prints its head" grep -qE '^[0-9]+:[0-9a-f]{64}$' "$OUT"
	check "backup $n: HEAD beside the copy says the same" \
	    [ "$(tr ' ' ':' <"$TEST_TMP/bk$n/HEAD")" = "$(cat "$OUT")" ]
	cp "$OUT" "$TEST_TMP/head$n"
done
touch "$stop"
wait $w1 $w2
check "no write failed during the backups" [ ! -s "$TEST_TMP/wfail" ]
DB0=$DB
DB="$TEST_TMP/bk3"
expect 0 "the copy verifies on its own" verify --quiet
expect 0 "the copy holds its head" verify --quiet --expect "$(cat "$TEST_TMP/head3")"
DB=$DB0
c journal head
live=$(cat "$OUT")
check "the hub went on past the copy" \
    [ "${live%%:*}" -gt "$(cut -d: -f1 "$TEST_TMP/head3")" ]
expect 0 "the live hub holds the copy's head (same history)" verify --quiet \
    --expect "$(cat "$TEST_TMP/head3")"
expect 2 "backup into a directory that is not empty is refused" \
    backup "$TEST_TMP/bk1"

# Each backup is recorded in the live hub: a journal entry naming the head
# copied, what verify reports, and cercle.backup beside data.mdb (which
# outlives a database that no longer opens).
h3=$(cat "$TEST_TMP/head3")
c journal --limit 1000
check "the live journal records each backup (3 entries 'backup made')" \
    [ "$(grep -c 'backup made.*backup of entry' "$OUT")" -eq 3 ]
check "... the last naming the head it copied (entry ${h3%%:*})" \
    grep -q "backup made.*backup of entry ${h3%%:*} ($(echo "${h3#*:}" | cut -c1-16)\.\.\.) in $TEST_TMP/bk3" "$OUT"
c verify
check "verify reports the last backup: its head and where" \
    grep -q "^last backup: entry $h3 (.*, in $TEST_TMP/bk3)$" "$OUT"
check "cercle.backup beside data.mdb holds the same head" \
    [ "$(cut -d' ' -f1,2 "$DB/cercle.backup" | tr ' ' ':')" = "$h3" ]

# Restore: not over a database in use.
mkfifo "$TEST_TMP/in"
"$S" "$DB" writer urban <"$TEST_TMP/in" >"$TEST_TMP/w.out" 2>&1 &
ws=$!
exec 7>"$TEST_TMP/in"
for i in $(seq 1 100); do grep -q ready "$TEST_TMP/w.out" && break; sleep 0.05; done
before=$(cksum <"$DB/data.mdb")
expect 2 "restore while a session has the hub open is refused" \
    restore "$TEST_TMP/bk3" --force
check "... saying it is in use" err_has "in use"
check "... and changes nothing" [ "$(cksum <"$DB/data.mdb")" = "$before" ]
exec 7>&-
wait $ws
rm -f "$TEST_TMP/in"

# An older copy is refused unless told.
expect 2 "restoring a copy older than the hub's head is refused" \
    restore "$TEST_TMP/bk1"
check "... saying how many entries it would lose" err_has "would lose"
check "... and changes nothing" [ "$(cksum <"$DB/data.mdb")" = "$before" ]
expect 0 "with --force it is restored" restore "$TEST_TMP/bk1" --force
c journal head
check "the hub is now at the copy's head" [ "$(cat "$OUT")" = "$(cat "$TEST_TMP/head1")" ]
check "the replaced file is kept aside" [ -f "$DB/data.mdb.before-restore" ]
expect 0 "the restored hub verifies" verify --quiet
expect 0 "and takes writes" need add --as urban --title "après" --territory Azur

# A copy that lacks an expected head is refused; a damaged copy too.
expect 2 "a copy without the expected head is refused" \
    restore "$TEST_TMP/bk2" --expect "$live"
cp -r "$TEST_TMP/bk2" "$TEST_TMP/bad"
truncate -s 8192 "$TEST_TMP/bad/data.mdb"
expect 3 "a damaged copy is refused, even with --force" \
    restore "$TEST_TMP/bad" --force
check "... saying damaged" err_has "damaged"
expect 0 "the hub still verifies" verify --quiet

# A hub of its own for what follows: three backups, writes between them.
DB="$TEST_TMP/db2"
c init
for k in 1 2 3; do
	for i in 1 2 3; do
		"$CERCLE_BIN" --db "$DB" member add "m$k$i" --role member \
		    --name "Membre $k$i" >/dev/null
	done
	c backup "$TEST_TMP/k$k"
	cp "$OUT" "$TEST_TMP/khead$k"
done
h1=$(cat "$TEST_TMP/khead1")
h2=$(cat "$TEST_TMP/khead2")
h3=$(cat "$TEST_TMP/khead3")
expect 0 "a write after the last backup" member add after --role member \
    --name "Après"
cp "$DB/data.mdb" "$TEST_TMP/live.mdb"

# data.mdb put back by hand from an older backup: the record beside it
# knows better. Reads go on; every write is refused in one line naming
# both heads, until told (cercle.backup renamed).
cp "$TEST_TMP/k1/data.mdb" "$DB/data.mdb"
expect 0 "a data.mdb copied back by hand still opens for reading" member list
expect 2 "... but a write is refused" member add late --role member \
    --name "Tard"
check "... in one line naming its head (entry ${h1%%:*}) and the last backup's (entry ${h3%%:*}, in k3)" \
    sh -c "[ \$(wc -l <'$ERR') -eq 1 ] && grep -q 'data.mdb ends at entry ${h1%%:*}, older than the last backup of this hub (entry ${h3%%:*}, .*, in $TEST_TMP/k3): it was put back by hand' '$ERR'"
c member show late
check "... and the write is not there" [ "$RC" -ne 0 ]
cp "$TEST_TMP/k3" "$TEST_TMP/k3x" -r
rm -f "$TEST_TMP/k3x/lock.mdb"
"$S" "$TEST_TMP/k3x" tamper "${h3%%:*}" rewrite
cp "$TEST_TMP/k3x/data.mdb" "$DB/data.mdb"
expect 2 "a data.mdb of another history at the last backup's entry: a write is refused" \
    member add late --role member --name "Tard"
check "... saying it differs at entry ${h3%%:*}" \
    grep -q "data.mdb differs at entry ${h3%%:*} from the last backup of this hub" "$ERR"
cp "$TEST_TMP/k1/data.mdb" "$DB/data.mdb"
mv "$DB/cercle.backup" "$DB/cercle.backup.kept"
expect 0 "told (cercle.backup renamed), the older history takes writes" \
    member add late --role member --name "Tard"
mv "$DB/cercle.backup.kept" "$DB/cercle.backup"
cp "$TEST_TMP/live.mdb" "$DB/data.mdb"
expect 0 "the live file back: writes go on" member add late2 --role member \
    --name "Tard"

# The hub no longer opens: its own head is unknown, the last backup
# recorded beside it is the newest head known. An older copy is refused
# in one line naming both heads; so is a copy whose history differs at
# that head; the last backup itself is restored; --force restores any.
truncate -s 8192 "$DB/data.mdb"
expect 3 "the damaged hub does not open" journal head
before=$(cksum <"$DB/data.mdb")
for k in 1 2; do
	eval "hk=\$h$k"
	expect 2 "restoring backup $k over a damaged hub is refused: older than the last backup" \
	    restore "$TEST_TMP/k$k"
	check "... in one line naming the copy's head (entry ${hk%%:*}) and the last backup's (entry ${h3%%:*}, in k3)" \
	    [ "$(grep -c "^cercle: the copy ends at entry ${hk%%:*}, older than the last backup of this hub (entry ${h3%%:*}, .*, in $TEST_TMP/k3): restore that one (--force" "$ERR")" -eq 1 ]
	check "... and no other refusal" [ "$(grep -c '^cercle:' "$ERR")" -eq 1 ]
	check "... and changes nothing" [ "$(cksum <"$DB/data.mdb")" = "$before" ]
done
c restore "$TEST_TMP/k3x"
check "a copy at the last backup's entry with another history is refused (exit $RC)" \
    [ "$RC" -eq 2 ] || [ "$RC" -eq 3 ]
check "... saying its head is not the expected one" \
    grep -qE 'expected head|rewritten' "$ERR"
check "... and changes nothing" [ "$(cksum <"$DB/data.mdb")" = "$before" ]
expect 0 "the last backup itself is restored" restore "$TEST_TMP/k3"
c journal head
check "the hub is at the last backup's head" [ "$(cat "$OUT")" = "$h3" ]
expect 0 "and takes writes" member add late3 --role member --name "Tard"
truncate -s 8192 "$DB/data.mdb"
expect 0 "told (--force), an older copy is restored" restore "$TEST_TMP/k1" \
    --force
check "... saying the later backup's record is set aside" \
    grep -q "is now $DB/cercle.backup.before-restore" "$OUT"
c journal head
check "the hub is at that copy's head" [ "$(cat "$OUT")" = "$h1" ]
expect 0 "it takes writes" member add late4 --role member --name "Tard"
expect 0 "and verifies" verify --quiet
done_testing
