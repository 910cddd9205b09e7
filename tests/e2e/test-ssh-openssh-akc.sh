# End-to-end: the OpenSSH mode as INSTALL sets it up. A throwaway Unix
# account with the shell INSTALL gives it (/bin/sh), a throwaway sshd on a
# loopback port whose AuthorizedKeysCommand is `cercle admin
# authorized-keys-command`: keys are read live from the store, so a
# removed key or a disabled member is refused at once; one-shot commands
# come through SSH_ORIGINAL_COMMAND; an unknown TERM falls back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ] || [ "$(id -u)" -ne 0 ] || ! command -v useradd \
    >/dev/null; then
	not_ok "this test needs openssh-server, useradd and root"
	done_testing
	exit 1
fi

ACC="crcl$$"
acc_cleanup() {
	ssh_cleanup
	userdel "$ACC" 2>/dev/null
	return 0
}
trap acc_cleanup EXIT
# As INSTALL: a system account whose shell runs the forced command.
useradd --system --no-create-home --home-dir "$TEST_TMP" --shell /bin/sh \
    "$ACC"
check "a throwaway account with INSTALL's shell" id "$ACC"
# This sshd runs without PAM: an unset password, not a locked one.
usermod -p '*' "$ACC"

setup_hub
for k in alice bob stranger; do newkey "$k"; done
"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/alice.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add camp "$(cat "$TEST_TMP/bob.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" tension add --as urban --kind project \
    --title "Un four partagé" >/dev/null 2>&1
"$CERCLE_BIN" --db "$DB" proposal add 1 --as urban \
    --text "Acheter un four" --closes 2099-01-01 >"$TEST_TMP/pid" 2>&1
prop=$(cat "$TEST_TMP/pid")
chown -R "$ACC" "$DB"
chmod 711 "$TEST_TMP"

c admin authorized-keys-command --account "$ACC" "$ACC"
check "authorized-keys-command prints the members' keys" \
    out_has "ssh-command --member urban\",restrict,pty ssh-ed25519 "
c admin authorized-keys-command --account "$ACC" root
check "and nothing for another account" [ ! -s "$OUT" ]

sport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$TEST_TMP/sshd_host" </dev/null
mkdir -p /run/sshd
root=$(cd "$(dirname "$0")/../.." && pwd)
{
	cat <<EOF
Port $sport
ListenAddress 127.0.0.1
HostKey $TEST_TMP/sshd_host
PidFile $TEST_TMP/sshd.pid
UsePAM no
StrictModes no
AllowUsers $ACC
EOF
	# The shipped block, for this account, database and binary.
	sed -n '/^Match User cercle/,/^$/p' "$root/contrib/sshd_config.cercle" |
	    sed "s|^Match User cercle|Match User $ACC|;
		s|/usr/local/bin/cercle|$CERCLE_BIN|g;
		s|/var/lib/cercle|$DB|g;
		s|AuthorizedKeysCommandUser cercle|AuthorizedKeysCommandUser $ACC|;
		s|--account cercle|--account $ACC|"
} >"$TEST_TMP/sshd_config"
"$SSHD" -t -f "$TEST_TMP/sshd_config" >"$OUT" 2>"$ERR"
check "the shipped Match block, as configured, is valid" [ $? -eq 0 ]
grep -q "AuthorizedKeysCommand $CERCLE_BIN" "$TEST_TMP/sshd_config"
check "and uses authorized-keys-command" [ $? -eq 0 ]
"$SSHD" -D -e -f "$TEST_TMP/sshd_config" 2>"$TEST_TMP/sshd.log" &
SRV_PIDS="$SRV_PIDS $!"
PORT=$sport
wait_until 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1',$sport)).close()"

sshc alice "$ACC@127.0.0.1" whoami
check "a one-shot command runs through SSH_ORIGINAL_COMMAND" \
    out_has "login:        urban"
check "with status 0" [ "$RC" -eq 0 ]
check "the account's shell works (no 'not available')" \
    sh -c "! grep -q 'not available' '$ERR'"
sshc alice "$ACC@127.0.0.1" position "$prop" approve
check "position prints its confirmation line" \
    out_has "recorded: approve on proposal $prop"
sshc alice "$ACC@127.0.0.1" position "$prop" alert
check "a refusal exits 2" [ "$RC" -eq 2 ]
sshc alice "$ACC@127.0.0.1" 'echo pwned; id'
check "a shell command is not run" sh -c "! grep -q 'pwned\\|uid=' '$OUT'"
check "and is refused with status 2" [ "$RC" -eq 2 ]

# The interface, with a TERM this host does not know.
printf q | TERM=no-such-term-42 timeout 30 ssh $SSH_OPTS -o LogLevel=ERROR \
    -tt -p "$PORT" -i "$TEST_TMP/alice" "$ACC@127.0.0.1" >"$OUT" 2>"$ERR"
RC=$?
check "an unknown TERM falls back: the interface starts as urban" \
    out_has "@urban"
check "and exits 0" [ "$RC" -eq 0 ]
check "the unknown TERM is not fatal" \
    sh -c "! grep -q 'no-such-term-42' '$OUT' '$ERR'"

sshc stranger "$ACC@127.0.0.1" whoami
check "an unknown key is refused by sshd" [ "$RC" -eq 255 ]
sshc bob "$ACC@127.0.0.1" whoami
check "bob's key works" out_has "login:        camp"
"$CERCLE_BIN" --db "$DB" member disable camp
sshc bob "$ACC@127.0.0.1" whoami
check "a disabled member is refused at once (no file to regenerate)" \
    [ "$RC" -eq 255 ]
fp=$(ssh-keygen -lf "$TEST_TMP/alice.pub" | awk '{print $2}')
"$CERCLE_BIN" --db "$DB" member key remove urban "$fp" >/dev/null
sshc alice "$ACC@127.0.0.1" whoami
check "a removed key is refused at once" [ "$RC" -eq 255 ]
done_testing
