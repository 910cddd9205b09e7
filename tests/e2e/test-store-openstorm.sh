# End-to-end: an open storm (issue 13, defects 1 and 2). 8 writers and 8
# readers start cercle over and over on one database while it grows, its
# map configured smaller than the file (CERCLE_MAP_SIZE, as on a host where
# the database outgrew the default), and with stat(2) of data.mdb slowed
# down (tests/e2e/slow-stat.c) as on a loaded host. Not one process may
# call the growing database damaged ("truncated") or fail on a map another
# process grew (MDB_MAP_RESIZED): every attempt exits 0. Bounded: a fixed
# number of attempts per worker.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store-lib.sh"

build_slowstat || { echo "Bail out! $(cat "$TEST_TMP/build.err")"; exit 1; }
WRITERS=8
READERS=8
WRITES=25
READS=30
export CERCLE_MAP_SIZE=65536
c init
for k in $(seq 1 $WRITERS); do
	"$CERCLE_BIN" --db "$DB" member add "w$k" --name "Writer $k" \
	    --role member --territory Alpes >/dev/null
done
long=$(printf 'Un besoin décrit longuement %.0s' $(seq 1 60))
for i in $(seq 1 40); do
	"$CERCLE_BIN" --db "$DB" need add --as w1 --title "base $i" \
	    --territory Alpes --description "$long" >/dev/null
done
size=$(stat -c %s "$DB/data.mdb")
check "the database ($size bytes) is larger than the configured map" \
    [ "$size" -gt 65536 ]

export LD_PRELOAD="$TEST_TMP/slow-stat.so" SLOW_STAT_US=3000
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
writer() {
	for i in $(seq 1 $WRITES); do
		"$CERCLE_BIN" --db "$DB" need add --as "w$1" --title "n$1-$i" \
		    --territory Alpes --description "$long" \
		    >"$TEST_TMP/o.w$1" 2>>"$TEST_TMP/err.w$1"
		rc=$?
		id=
		read -r id <"$TEST_TMP/o.w$1"
		echo "w $1-$i $rc $id" >>"$TEST_TMP/log.w$1"
	done
}
reader() {
	for i in $(seq 1 $READS); do
		case $((i % 3)) in
		0) "$CERCLE_BIN" --db "$DB" need list --limit 3 ;;
		1) "$CERCLE_BIN" --db "$DB" journal head ;;
		2) "$CERCLE_BIN" --db "$DB" member show w1 ;;
		esac >/dev/null 2>>"$TEST_TMP/err.r$1"
		echo "r $1-$i $?" >>"$TEST_TMP/log.r$1"
	done
}
for k in $(seq 1 $WRITERS); do writer "$k" & done
for k in $(seq 1 $READERS); do reader "$k" & done
wait
unset LD_PRELOAD

cat "$TEST_TMP"/log.* >"$TEST_TMP/all"
n=$(wc -l <"$TEST_TMP/all")
check "every attempt ran ($n)" \
    [ "$n" -eq $((WRITERS * WRITES + READERS * READS)) ]
check "every attempt exited 0 ($(awk '$3 != 0' "$TEST_TMP/all" | wc -l) did not)" \
    sh -c "! awk '\$3 != 0' '$TEST_TMP/all' | grep -q ."
cat "$TEST_TMP"/err.* 2>/dev/null | grep -v 'more: --after' | sort | uniq -c | sed 's/^/# stderr: /' | head -5
check "no process called the database damaged or truncated" \
    sh -c "! cat '$TEST_TMP'/err.* | grep -qiE 'damaged|truncated'"
check "no process failed on a map another one grew" \
    sh -c "! cat '$TEST_TMP'/err.* | grep -qiE 'resized|MDB_MAP'"
awk '$1 == "w" && $3 == 0 { print $4 }' "$TEST_TMP/all" | sort \
    >"$TEST_TMP/acked"
c need list --json --limit 1000
/usr/bin/python3 -c '
import json, sys
for n in json.load(open(sys.argv[1]))["needs"]:
    print(n["id"])' "$OUT" | sort >"$TEST_TMP/present"
check "every acknowledged need is there" \
    sh -c "[ -z \"\$(comm -23 '$TEST_TMP/acked' '$TEST_TMP/present')\" ]"
expect 0 "the database verifies after the storm" verify --quiet
done_testing
