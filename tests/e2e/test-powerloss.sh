# End-to-end: an acknowledged write survives a power cut. The database
# lives on an ext4 file system on a loop device; 8 worker loops add needs
# (an id printed and exit 0 is an acknowledgement); then every worker is
# killed at once and the loop device's backing file is copied: the copy
# holds what reached the "disk" and none of the file system's page cache
# (the dirty pages a power cut would lose: writeback waits 30 s, so they
# are still in memory). Mounted again, the copy must open, pass verify,
# and hold every acknowledged need. With group commit (the default) the
# writers' needs are committed several to a transaction, by whichever
# of them holds the lock: the cut copy must show that they were (fewer
# transactions than needs), and a need acknowledged to a writer by
# another process's commit survives like its own. A commit acknowledged before its
# meta page was synced would be missing here. Needs root and loop
# devices (device-mapper, for dm-flakey, is not in this kernel); skipped
# without them.
. "$(dirname "$0")/lib.sh"

skip() {
	echo "ok 1 # SKIP $*"
	echo "1..1"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root (loop devices, mount)"
command -v losetup >/dev/null && command -v mkfs.ext4 >/dev/null ||
    skip "needs losetup and mkfs.ext4"

IMG="$TEST_TMP/disk.img"
CUT="$TEST_TMP/cut.img"
MNT="$TEST_TMP/mnt"
MNT2="$TEST_TMP/mnt2"
mkdir -p "$MNT" "$MNT2"
truncate -s 96M "$IMG"
mkfs.ext4 -q -F "$IMG" 2>/dev/null || skip "mkfs.ext4 failed"
LOOP=$(losetup -f --show "$IMG" 2>/dev/null) || skip "no loop device"
LOOP2=""
cleanup() {
	umount "$MNT" 2>/dev/null
	umount "$MNT2" 2>/dev/null
	losetup -d "$LOOP" 2>/dev/null
	[ -n "$LOOP2" ] && losetup -d "$LOOP2" 2>/dev/null
}
trap cleanup EXIT
mount "$LOOP" "$MNT" 2>/dev/null || skip "cannot mount a loop device"

DB="$MNT/db"
c init
check "a hub on the loop device" [ "$RC" -eq 0 ]
"$CERCLE_BIN" --db "$DB" member add rep --name Rep --role member >/dev/null
txn0=$(mdb_stat -e "$DB" | sed -n 's/.*Last transaction ID: //p')

WORKERS=12
stop="$TEST_TMP/stop"
worker() { # k: add needs until told to stop; log each acknowledged id
	k=$1
	i=0
	while [ ! -e "$stop" ] && [ $i -lt 5000 ]; do
		i=$((i + 1))
		id=$("$CERCLE_BIN" --db "$DB" need add --as rep \
		    --title "Besoin $k-$i" --territory Alpes 2>/dev/null) &&
		    echo "$id" >>"$TEST_TMP/ack.$k"
	done
}
pids=""
for k in $(seq 1 $WORKERS); do
	worker "$k" &
	pids="$pids $!"
done
sleep 5
# The power cut: stop every writer at once (workers and their cercle),
# then take the disk as it is, without the page cache.
touch "$stop"
for w in $pids; do
	kill -STOP "$w" 2>/dev/null
	for p in $(ps -o pid= --ppid "$w" 2>/dev/null); do
		kill -9 "$p" 2>/dev/null
	done
	kill -9 "$w" 2>/dev/null
done
wait 2>/dev/null
cp --sparse=always "$IMG" "$CUT"
cat "$TEST_TMP"/ack.* 2>/dev/null | sort >"$TEST_TMP/acked"
acked=$(wc -l <"$TEST_TMP/acked")
check "writes were acknowledged before the cut ($acked)" [ "$acked" -gt 20 ]

# What the disk held: mounted on its own (the journal replayed).
LOOP2=$(losetup -f --show "$CUT") || skip "no second loop device"
mount "$LOOP2" "$MNT2" || skip "cannot mount the copy"
DB="$MNT2/db"
expect 0 "the database on the cut disk opens and verify is sound" verify
check "says sound" out_has sound
"$CERCLE_BIN" --db "$DB" need list --limit 40000 2>/dev/null |
    awk '{ print $1 }' | sort >"$TEST_TMP/present"
missing=$(comm -23 "$TEST_TMP/acked" "$TEST_TMP/present" | wc -l)
txn1=$(mdb_stat -e "$DB" | sed -n 's/.*Last transaction ID: //p')
present=$(wc -l <"$TEST_TMP/present")
check "the writers were batched ($present needs in $((txn1 - txn0)) transactions)" \
    [ $((txn1 - txn0)) -lt "$present" ]
check "every acknowledged need is on the cut disk ($missing of $acked missing)" \
    [ "$missing" -eq 0 ]
expect 0 "and it takes new writes" need add --as rep --title "Après" \
    --territory Alpes
done_testing
