# End-to-end: the OpenSSH mode. `cercle admin authorized-keys` feeds a
# throwaway sshd (Debian's openssh-server) on a loopback port, run with
# its own host key and config; the real client then lands in cercle only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ] || [ "$(id -u)" -ne 0 ]; then
	not_ok "this test needs openssh-server and root (to run sshd)"
	
# The shipped snippet and unit are valid as written.
root=$(cd "$(dirname "$0")/../.." && pwd)
{ echo "HostKey $TEST_TMP/sshd_host"; echo "UsePAM no"
  cat "$root/contrib/sshd_config.cercle"
  sed -n '/^#Match/,$p' "$root/contrib/sshd_config.cercle" | sed 's/^#//'
} >"$TEST_TMP/snippet_config"
"$SSHD" -t -f "$TEST_TMP/snippet_config" >"$OUT" 2>"$ERR"
RC=$?
check "contrib/sshd_config.cercle (both modes) passes sshd -t" [ "$RC" -eq 0 ]
if command -v systemd-analyze >/dev/null; then
	sed "s|/usr/local/bin/cercle|$CERCLE_BIN|g" "$root/contrib/cercle.service" \
	    >"$TEST_TMP/cercle.service"
	systemd-analyze verify "$TEST_TMP/cercle.service" >"$OUT" 2>"$ERR"
	check "contrib/cercle.service passes systemd-analyze verify" \
	    sh -c "! grep -v 'man cercle' '$ERR' | grep -q ."
fi
done_testing
	exit 1
fi

setup_hub
for k in alice bob stranger; do newkey "$k"; done
"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/alice.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add camp "$(cat "$TEST_TMP/bob.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member disable camp

c admin authorized-keys --command "$CERCLE_BIN"
check "authorized-keys runs" [ "$RC" -eq 0 ]
cp "$OUT" "$TEST_TMP/authorized_keys"
check "the file holds urban's key" grep -q "member urban\",restrict,pty ssh-ed25519" "$TEST_TMP/authorized_keys"
check "and not the disabled member's" sh -c "! grep -q camp '$TEST_TMP/authorized_keys'"
check "no key comment is copied from the store" \
    sh -c "! grep -q 'alice@test' '$TEST_TMP/authorized_keys'"

sport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$TEST_TMP/sshd_host" </dev/null
mkdir -p /run/sshd
cat >"$TEST_TMP/sshd_config" <<EOF
Port $sport
ListenAddress 127.0.0.1
HostKey $TEST_TMP/sshd_host
PidFile $TEST_TMP/sshd.pid
AuthorizedKeysFile $TEST_TMP/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers root
PermitUserEnvironment no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
"$SSHD" -t -f "$TEST_TMP/sshd_config" >"$OUT" 2>"$ERR"
check "the generated sshd_config is valid" [ $? -eq 0 ]
"$SSHD" -D -e -f "$TEST_TMP/sshd_config" 2>"$TEST_TMP/sshd.log" &
SRV_PIDS="$SRV_PIDS $!"
sshd_pid=$!
PORT=$sport
wait_until 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1',$sport)).close()"

# A member's key runs exactly the forced command, whatever is asked.
sshc alice root@127.0.0.1 'echo pwned; id'
check "a command asked by the client is not run" \
    sh -c "! grep -q 'pwned\\|uid=' '$OUT'"
check "cercle runs instead (and speaks for itself)" err_has "cercle"
sshq alice -tt root@127.0.0.1
check "with a pty, the interface of cercle starts as urban" out_has "@urban"
check "and quits with q, status 0" [ "$RC" -eq 0 ]
sshc stranger root@127.0.0.1 true
check "an unknown key is refused by sshd" [ "$RC" -eq 255 ]
sshc bob root@127.0.0.1 true
check "a disabled member's key is refused" [ "$RC" -eq 255 ]
sshc alice -o ExitOnForwardFailure=yes -R 127.0.0.1:0:127.0.0.1:22 -N \
    root@127.0.0.1
check "restrict: remote forwarding refused" err_has "remote port forwarding failed"
timeout 20 sftp -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes \
    -i "$TEST_TMP/alice" -P "$sport" root@127.0.0.1 </dev/null \
    >"$OUT" 2>"$ERR"
RC=$?
check "sftp gets cercle, not a file system" [ "$RC" -ne 0 ]

# The shipped snippet and unit are valid as written.
root=$(cd "$(dirname "$0")/../.." && pwd)
{ echo "HostKey $TEST_TMP/sshd_host"; echo "UsePAM no"
  cat "$root/contrib/sshd_config.cercle"
  sed -n '/^#Match/,$p' "$root/contrib/sshd_config.cercle" | sed 's/^#//'
} >"$TEST_TMP/snippet_config"
"$SSHD" -t -f "$TEST_TMP/snippet_config" >"$OUT" 2>"$ERR"
RC=$?
check "contrib/sshd_config.cercle (both modes) passes sshd -t" [ "$RC" -eq 0 ]
if command -v systemd-analyze >/dev/null; then
	sed "s|/usr/local/bin/cercle|$CERCLE_BIN|g" "$root/contrib/cercle.service" \
	    >"$TEST_TMP/cercle.service"
	systemd-analyze verify "$TEST_TMP/cercle.service" >"$OUT" 2>"$ERR"
	check "contrib/cercle.service passes systemd-analyze verify" \
	    sh -c "! grep -v 'man cercle' '$ERR' | grep -q ."
fi
done_testing
