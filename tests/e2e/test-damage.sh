# End-to-end: damaged databases. A truncated or random data.mdb, a record
# with a newer schema version, a directory that holds no database: exit 3
# with one clear line on stderr, no crash, and nothing changed on disk.
. "$(dirname "$0")/lib.sh"

# A hub with enough members to fill several pages.
c init --hub "Hub du Sud"
for i in $(seq 1 60); do
	"$CERCLE_BIN" --db "$DB" member add "m$i" --role member \
	    --name "Membre $i, un nom assez long pour remplir des pages" \
	    >/dev/null || { echo "Bail out! member add failed"; exit 1; }
done
expect 0 "the fresh hub verifies" verify
good="$TEST_TMP/good"
cp -r "$DB" "$good"
pages=$(($(stat -c %s "$DB/data.mdb") / 4096))
check "the database spans many pages ($pages)" [ "$pages" -ge 8 ]

# What a command must not change: every file but lock.mdb (LMDB's reader
# table, rebuilt by whichever process opens the environment first).
sum() { ls "$1"; for f in "$1"/*; do
	case "$f" in */lock.mdb) ;; *) cksum <"$f" ;; esac; done; }

# damaged CASE COMMAND...: exit 3, one line, no signal, files unchanged.
damaged() {
	what=$1
	shift
	before=$(sum "$DB")
	c "$@"
	if [ "$RC" -eq 3 ]; then ok "$what: '$*' exits 3"; else
		not_ok "$what: '$*' exits 3 (got $RC)"; fi
	check "$what: '$*' says so in one line" err_one_line
	check "$what: '$*' names the problem" grep -qiE \
	    'damaged|not a cercle database|newer than|truncated' "$ERR"
	check "$what: '$*' changed nothing" [ "$(sum "$DB")" = "$before" ]
}

restore() { rm -rf "$DB"; cp -r "$good" "$DB"; }

# 1. Truncated to half its pages: LMDB would SIGBUS on the missing pages.
restore
truncate -s $((pages / 2 * 4096)) "$DB/data.mdb"
for cmd in "member list" "verify" "journal" "config show"; do
	# shellcheck disable=SC2086
	damaged "truncated to half" $cmd
done
check "the truncation message says truncated" err_has "truncated"
# ... to a single page, to 100 bytes, to nothing.
for size in 4096 100 0; do
	restore
	truncate -s "$size" "$DB/data.mdb"
	damaged "truncated to $size bytes" member list
	check "truncated to $size bytes: not re-initialised" \
	    [ "$(stat -c %s "$DB/data.mdb")" -eq "$size" ]
done

# 2. Random bytes in place of the whole file, and over the meta pages.
restore
head -c $((pages * 4096)) /dev/urandom >"$DB/data.mdb"
damaged "random bytes" member list
damaged "random bytes" verify
restore
dd if=/dev/urandom of="$DB/data.mdb" bs=4096 count=2 conv=notrunc \
    2>/dev/null
damaged "random meta pages" member list

# 3. A record written by a newer cercle (schema version 2), loaded with
# mdb_load as another tool would.
restore
mdb_dump -s member "$DB" >"$TEST_TMP/member.dump"
# Member #7's value: fixmap header, then key 0 => version 1 ("0001").
awk '
	/^HEADER=END/ { hdr = 1; print; next }
	hdr && /^ / {
		n++
		if (n == 14 && substr($0, 2, 1) == "8" &&
		    substr($0, 4, 4) == "0001")
			$0 = substr($0, 1, 3) "0002" substr($0, 8)
		print
		next
	}
	{ print }' "$TEST_TMP/member.dump" >"$TEST_TMP/member.new"
check "the dump was edited" sh -c "! cmp -s '$TEST_TMP/member.dump' \
    '$TEST_TMP/member.new'"
check "mdb_load writes the newer record" \
    mdb_load -s member -f "$TEST_TMP/member.new" "$DB"
damaged "newer record" member list
check "the message asks for a newer cercle" err_has "upgrade cercle"
check "and names the record type" err_has "member"
damaged "newer record" member show m7
c verify
check "verify exits 3 on the newer record" [ "$RC" -eq 3 ]
check "verify names member #7" err_has "member #7"
c member show m8
check "other records still read" [ "$RC" -eq 0 ]

# 4. A newer schema for the whole database.
restore
printf 'VERSION=3\nformat=bytevalue\ntype=btree\nHEADER=END\n 736368656d61\n 0000000000000009\nDATA=END\n' \
    >"$TEST_TMP/meta.new"
check "mdb_load writes a newer database schema" \
    mdb_load -s meta -f "$TEST_TMP/meta.new" "$DB"
damaged "newer database schema" member list
check "the message says newer than this cercle" err_has "newer than"

# 5. A directory that is not a database, and a file in its place.
DB="$TEST_TMP/notdb"
mkdir -p "$DB"
echo "mes notes" >"$DB/notes.txt"
damaged "not a database" member list
damaged "not a database" verify
check "no LMDB file was created" [ ! -e "$DB/data.mdb" ] && [ ! -e "$DB/lock.mdb" ]
DB="$TEST_TMP/notdb/notes.txt"
c member list
check "a file as --db exits 3" [ "$RC" -eq 3 ]
check "a file as --db: not a directory" err_has "not a directory"

# The good copy was never touched: it still verifies.
DB=$good
expect 0 "the untouched copy still verifies" verify

done_testing
