# End-to-end: init, config, members and keys, journal, verify, exit codes.
. "$(dirname "$0")/lib.sh"

expect 3 "a missing database is a storage error" member list
check "which says to run init" err_has "cercle init"
expect 0 "init creates a hub" init --hub "Hub du Sud"
expect 2 "init twice is refused" init
check "saying why" err_has "already holds a hub"
expect 0 "config show" config show --json
check "has the 4A territories" out_has '"territories":["Aix-Marseille","Alpes","Avignon","Azur"]'
expect 0 "config add a territory" config add territories "Var"
expect 2 "config add twice refused" config add territories "Var"
expect 1 "config add to an unknown list" config add planets Mars

expect 0 "member add" member add alice --name "Alice Dupont" --role member,facilitator --territory Alpes --org Zinc
check "prints the id alone" out_is 1
expect 0 "member add observer" member add bob --name "Bob" --role observer
check "prints id 2" out_is 2
expect 2 "duplicate login refused" member add alice --name X --role member
check "one line on stderr" err_one_line
expect 1 "bad login is a usage error" member add Zed --name X --role member
expect 1 "unknown role" member add zed --name X --role king
expect 1 "missing --name" member add zed --role member
expect 2 "unknown territory" member add zed --name Z --role member --territory Mars
expect 1 "invalid UTF-8 refused" member add zed --name "$(printf 'a\377b')" --role member
expect 1 "control characters refused" member add zed --name "$(printf 'a\033[31mb')" --role member
expect 1 "over-long name refused" member add zed --name "$(head -c 400 /dev/zero | tr '\0' x)" --role member
expect 1 "unknown option" member add zed --name Z --role member --colour red

ssh-keygen -q -t ed25519 -N '' -C "alice@laptop" -f "$TEST_TMP/k1" </dev/null
fp=$(ssh-keygen -lf "$TEST_TMP/k1.pub" | awk '{print $2}')
expect 0 "key add" member key add alice "$(cat "$TEST_TMP/k1.pub")"
check "prints the OpenSSH fingerprint" out_is "$fp"
expect 2 "the same key on another member is refused" member key add bob "$(cat "$TEST_TMP/k1.pub")"
expect 1 "a damaged key is refused" member key add bob "ssh-ed25519 AAAAnotbase64!! x"
expect 1 "a key whose type lies is refused" member key add bob "ssh-rsa $(awk '{print $2}' "$TEST_TMP/k1.pub")"
expect 0 "member show --json" member show alice --json
check "shows the fingerprint" out_has "$fp"

expect 2 "an observer may not disable" member disable alice --as bob
check "says which role is needed" err_has "needs the role admin"
expect 0 "admin disables bob" member disable bob
expect 2 "disabled member cannot act" member disable alice --as bob
check "says disabled" err_has "disabled"
expect 0 "member enable" member enable bob
expect 0 "member list" member list
check "lists both" out_has "alice"
expect 0 "key remove by number" member key remove alice 1
expect 2 "key remove again refused" member key remove alice 1

expect 0 "journal" journal --json
check "journal records the actor" out_has '"op":"member.add"'
expect 0 "verify is sound" verify
check "says sound" out_has sound

# Tamper with a record outside cercle: verify must name it.
if command -v mdb_load >/dev/null; then
	mdb_dump -s member "$DB" >"$TEST_TMP/dump"
	/usr/bin/python3 - "$TEST_TMP/dump" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
# Flip one byte of the first value line (hex) after HEADER=END.
i = lines.index("HEADER=END") + 2
v = lines[i].strip()
j = v.find("416c696365")  # "Alice"
lines[i] = " " + v[:j] + "42" + v[j+2:]
open(p, "w").write("\n".join(lines))
PY
	mdb_load -s member -f "$TEST_TMP/dump" "$DB" 2>/dev/null
	expect 3 "verify finds a record changed outside cercle" verify
	check "naming the record" err_has "member #1"
else
	not_ok "mdb_load (lmdb-utils) is installed"
fi

printf 'not an lmdb file' >"$TEST_TMP/junk.mdb"
mkdir -p "$TEST_TMP/bad" && cp "$TEST_TMP/junk.mdb" "$TEST_TMP/bad/data.mdb"
"$CERCLE_BIN" --db "$TEST_TMP/bad" member list >"$OUT" 2>"$ERR"; RC=$?
check "a damaged database is a storage error (3)" [ "$RC" -eq 3 ]
check "with one clear line" err_one_line

expect 0 "--help lists commands" --help
check "help lists member add" out_has "member add"
expect 0 "--version" --version
expect 1 "unknown command" frobnicate
done_testing
