# End-to-end: a full disk. Writes are refused with one clear line (exit
# 3), nothing committed is lost, the database verifies, and writing works
# again once there is room. The "disk" is a file-size limit (ulimit -f,
# with SIGXFSZ ignored so writes fail with an error instead of a signal).
. "$(dirname "$0")/lib.sh"

c init
size=$(stat -c %s "$DB/data.mdb")
# Room for about 150 KiB more (ulimit -f counts 512-byte blocks in sh).
blocks=$(((size + 150 * 1024) / 512))
DB="$DB" ERR="$ERR" sh -c '
	trap "" XFSZ
	ulimit -f '"$blocks"'
	i=0
	while [ $i -lt 3000 ]; do
		i=$((i + 1))
		"$CERCLE_BIN" --db "$DB" member add "m$i" --role member \
		    --name "$(printf "Membre %0110d" $i)" \
		    --org "$(printf "Organisation %0100d" $i)" \
		    >/dev/null 2>"$ERR" || { echo "$i $?"; exit 0; }
	done
	echo "$i 0"' >"$TEST_TMP/fill"
read -r stopped rc <"$TEST_TMP/fill"
check "writes are refused when the disk is full (at add $stopped)" \
    [ "$rc" -eq 3 ]
check "with one line on stderr" err_one_line
check "that says the disk is full" grep -qiE 'disk|space' "$ERR"
check "and that nothing was changed" err_has "nothing was changed"
expect 0 "verify passes on the full database" verify --quiet
c member list
check "every acknowledged member is there ($((stopped - 1)))" \
    [ "$(wc -l <"$OUT")" -eq "$((stopped - 1))" ]
expect 0 "reads work on the full database" member show m1
DB="$DB" sh -c 'trap "" XFSZ; ulimit -f '"$blocks"'; "$CERCLE_BIN" --db "$DB" \
    member add late --name Late --role member' >/dev/null 2>&1
check "a write still refused while full" [ $? -eq 3 ]
expect 0 "once there is room, writing works again" member add after \
    --name "Après" --role member
c member list
check "all members plus the new one ($stopped)" \
    [ "$(wc -l <"$OUT")" -eq "$stopped" ]
expect 0 "and the database verifies" verify --quiet
done_testing
