# End-to-end: `cercle serve` with the real OpenSSH client on 127.0.0.1:
# host key, public-key login, exec member commands and roles, refusals.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

setup_hub
for k in alice bob obs stranger; do newkey "$k"; done
"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/alice.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add camp "$(cat "$TEST_TMP/bob.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add obs "$(cat "$TEST_TMP/obs.pub")" >/dev/null
fp_alice=$(ssh-keygen -lf "$TEST_TMP/alice.pub" | awk '{print $2}')
fp_stranger=$(ssh-keygen -lf "$TEST_TMP/stranger.pub" | awk '{print $2}')

expect 1 "serve refuses a bad --listen" serve --listen nowhere
expect 3 "serve on a missing database is a storage error" --db "$TEST_TMP/none" serve --listen 127.0.0.1:0

start_server
check "the server says where it listens" [ -n "$PORT" ]
check "an Ed25519 host key is made on first start" \
    [ -f "$DB/ssh_host_ed25519_key" ]
check "the host key is private (mode 600)" \
    [ "$(stat -c %a "$DB/ssh_host_ed25519_key")" = 600 ]
check "and its fingerprint is logged" log_has "host key ssh-ed25519 SHA256:"
hostfp=$(ssh-keygen -lf "$DB/ssh_host_ed25519_key" | awk '{print $2}')
ssh-keyscan -T 5 -p "$PORT" 127.0.0.1 2>/dev/null >"$TEST_TMP/scan"
check "the server presents that key" \
    sh -c "ssh-keygen -lf '$TEST_TMP/scan' | grep -qF '$hostfp'"

# Authentication: the key decides, whatever the login name.
sshx 0 "a known key logs in and runs whoami" alice whoami
check "as the member who owns the key" out_has "login:        urban"
sshc alice "root@127.0.0.1" whoami
check "any login name is accepted; the key decides" out_has "login:        urban"
check "the log names the member, the key and the login name given" \
    log_has "accepted $fp_alice as urban (user 'root')"
sshx 255 "an unknown key is refused" stranger whoami
check "with the usual permission message" err_has "Permission denied (publickey)"
check "the refused key is logged by fingerprint" \
    log_has "key $fp_stranger refused (user 'somebody'): unknown key"
timeout 20 ssh $SSH_OPTS -o PubkeyAuthentication=no \
    -o PreferredAuthentications=password,keyboard-interactive \
    -p "$PORT" urban@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
RC=$?
check "password and keyboard-interactive are not offered" \
    [ "$RC" -eq 255 ]
check "only publickey is listed" err_has "Permission denied (publickey)"
"$CERCLE_BIN" --db "$DB" member disable camp
sshx 255 "a disabled member is refused" bob whoami
check "logged as disabled" log_has "member camp is disabled"
"$CERCLE_BIN" --db "$DB" member enable camp
sshx 0 "enabled again, the member is back" bob whoami
check "as camp" out_has "login:        camp"
check "the log holds no secret" sh -c "! grep -q 'PRIVATE' '$SRV_LOG'"

# Exec: only the member commands, as the authenticated member.
sshx 2 "an unknown command is refused (exit 2)" alice frobnicate --all
check "with one line" err_one_line
check "listing what is available" err_has "agenda, needs, show ID"
sshx 2 "a shell command is refused" alice "cat /etc/passwd"
sshx 2 "a CLI command outside the list is refused" alice member disable obs
sshx 2 "--as cannot be smuggled in" alice "show 1 --as facil"
sshx 2 "show needs a number" alice show abc
sshx 2 "unbalanced quotes are refused" alice "show '1"
sshx 2 "a control character in the command is refused" alice \
    "$(printf 'agenda\033[2J')"
check "in one line naming it" err_has "control character (U+001B"
check "and the refusal is one line" err_one_line
sshx 2 "a carriage return too" alice "$(printf 'needs\r')"
sshx 0 "help lists the one-shot commands" alice help
check "made from the table: position and its usage" \
    out_has "position ID approve|alert|withdraw|block [REASON...]"
check "with the exit statuses" out_has "2 refused"
# In French for a client that asks for it (the default of a French hub).
SSH_LANG=fr_FR.UTF-8
sshc alice somebody@127.0.0.1 help
check "help in French" out_has "commandes ponctuelles de cercle"
check "with its placeholders translated, the command words kept" \
    out_has "position NUMÉRO approve|alert|withdraw|block [RAISON...]"
sshc alice somebody@127.0.0.1 frobnicate
check "a refusal in French lists the commands in French" \
    err_has "$(printf 'commandes\302\240: agenda, needs, show NUMÉRO')"
SSH_LANG=
sshx 0 "agenda runs" alice agenda
sshx 0 "needs runs" alice needs
sshx 0 "agenda --json runs" alice agenda --json
check "and prints one JSON document" /usr/bin/python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$OUT"

# A proposal to take positions on (the CLI as console admin and members).
"$CERCLE_BIN" --db "$DB" tension add --as urban --kind project \
    --title "Un four partagé" >/dev/null 2>&1
"$CERCLE_BIN" --db "$DB" proposal add 1 --as urban \
    --text "Acheter un four" --closes 2099-01-01 >"$TEST_TMP/pid" 2>&1
prop=$(cat "$TEST_TMP/pid")
sshx 0 "show ID runs" alice show "$prop"
# Invisible characters in member text are shown, over SSH too.
"$CERCLE_BIN" --db "$DB" tension add --as urban --kind project \
    --title "$(printf 'Un four\342\200\213 partag\303\251')" >/dev/null 2>&1
sshx 0 "agenda with a look-alike title" alice agenda
check "shows its zero-width space as U+200B in angle brackets" \
    out_has "$(printf 'Un four\342\237\250U+200B\342\237\251 partag')"
check "and never sends the character itself" sh -c \
    "! grep -q \"\$(printf '\342\200\213')\" '$OUT'"
sshx 0 "position approve runs as the member" alice position "$prop" approve
check "and prints one confirmation line with the new tally" \
    out_has "recorded: approve on proposal $prop (version 1); tally 1 approve, 0 alert, 0 withdraw, 0 block"
check "exactly one line" [ "$(wc -l <"$OUT")" -eq 1 ]
c proposal show "$prop"
check "the position shows in cercle proposal show" out_has "urban: approve"
sshx 0 "position with a reason in several words" bob position "$prop" alert \
    "le four est trop cher"
c proposal show "$prop" --json
check "the reason is kept whole, and the position is camp's" \
    out_has '{"member":"camp","position":"alert","reason":"le four est trop cher"'
sshx 2 "an observer may not take a position (role)" obs position "$prop" approve
check "saying why, in one line" err_has "only members do"
sshx 2 "alert without a reason is refused by the rule" alice position "$prop" alert
"$CERCLE_BIN" --db "$DB" meeting open --title "AG" --as facil >"$TEST_TMP/mid" 2>&1
sshx 0 "minutes ID runs" alice minutes "$(cat "$TEST_TMP/mid")"
check "and prints the meeting's minutes" out_has "AG"
sshx 2 "minutes of a meeting that does not exist" alice minutes 999
sshx 2 "a position kind outside the four is refused" alice position "$prop" maybe
# A reason of 40 words, unquoted, with an apostrophe: the rest of the line.
long="c'est trop cher"
for i in $(seq 1 37); do long="$long mot$i"; done
sshx 0 "a 40-word reason needs no quotes" alice position "$prop" block $long
check "the confirmation shows the block" out_has "recorded: block on proposal $prop"
SSH_LANG=fr_FR.UTF-8
sshc bob somebody@127.0.0.1 position "$prop" alert trop cher pour nous
SSH_LANG=
check "in French, the confirmation line is French too" \
    out_has "$(printf 'enregistré\302\240: alert sur la proposition n\302\260\302\240%s (version 1)\302\240; décompte' "$prop")"
check "still one line, status 0" sh -c "[ $RC -eq 0 ] && [ \$(wc -l <'$OUT') -eq 1 ]"
c proposal show "$prop" --json
check "the reason is the rest of the line, whole" \
    out_has "\"reason\":\"$long\""

# Refusals from the client's side.
sshc alice -T somebody@127.0.0.1
check "a shell without a pty exits 1" [ "$RC" -eq 1 ]
check "and says a terminal is needed" err_has "needs a terminal"
sshc alice -o ExitOnForwardFailure=yes -R 127.0.0.1:0:127.0.0.1:22 -N \
    somebody@127.0.0.1
check "remote port forwarding (-R) is refused" \
    err_has "remote port forwarding failed"
# -L: the client listens; a connection through it must be refused by us.
lport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
timeout 8 ssh $SSH_OPTS -o LogLevel=INFO -p "$PORT" -i "$TEST_TMP/alice" \
    -L "127.0.0.1:$lport:127.0.0.1:$PORT" -N somebody@127.0.0.1 \
    </dev/null >/dev/null 2>"$TEST_TMP/lerr" &
lpid=$!
wait_until 5 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1',$lport)).close()"
got=$(/usr/bin/python3 -c "
import socket
s = socket.create_connection(('127.0.0.1', $lport)); s.settimeout(5)
try: print(len(s.recv(100)))
except Exception: print('timeout')")
kill "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null
check "local port forwarding (-L) carries nothing" [ "$got" = 0 ]
check "the client is told: administratively prohibited" \
    grep -q "open failed: administratively prohibited" "$TEST_TMP/lerr"
DISPLAY=:77 timeout 20 ssh $SSH_OPTS -o LogLevel=INFO -X -p "$PORT" \
    -i "$TEST_TMP/alice" somebody@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
check "X11 forwarding is refused" err_has "X11 forwarding request failed"
# (in the hub's language: this ssh passes no LANG)
check "and the command still runs" out_has "Membre urban"
eval "$(ssh-agent -s)" >/dev/null
ssh-add -q "$TEST_TMP/alice" 2>/dev/null
timeout 20 ssh $SSH_OPTS -o LogLevel=DEBUG3 -A -p "$PORT" \
    -i "$TEST_TMP/alice" somebody@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
check "with -A the client asks for agent forwarding" \
    err_has "Requesting authentication agent forwarding"
check "the server refuses it (logged)" log_has "agent forwarding refused"
check "and no agent channel is ever opened back" \
    sh -c "! grep -q 'ctype auth-agent' '$ERR'"
timeout 20 sftp -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes \
    -i "$TEST_TMP/alice" -P "$PORT" somebody@127.0.0.1 </dev/null \
    >"$OUT" 2>"$ERR"
check "the sftp subsystem is refused" err_has "subsystem request failed"
check "and logged" log_has "subsystem 'sftp' refused"
SSH_ENV="EVIL=1 LANG=C.UTF-8"
sshc alice somebody@127.0.0.1 whoami
SSH_ENV=
check "an environment variable other than LANG/LC_* is refused" \
    err_has "environment variable EVIL refused"
check "LANG passes, and the command runs" out_has "login:        urban"

# The interface gets a pty with the client's TERM when the host knows it.
TERM=xterm sshq alice -tt somebody@127.0.0.1
check "a shell with a pty starts the interface on an 80x24 pty" \
    grep -q "urban: session [0-9]*: interface on a 80x24 pty, TERM=xterm$" "$SRV_LOG"
check "the interface draws for the key's member" out_has "@urban"
check "and its exit status comes back" [ "$RC" -eq 0 ]
TERM=no-such-terminal sshq alice -tt somebody@127.0.0.1
check "an unknown TERM falls back to xterm-256color" \
    log_has "TERM=xterm-256color"
TERM=../../../etc/passwd sshq alice -tt somebody@127.0.0.1
check "a TERM that is a path is not used" sh -c "! grep -q 'TERM=\.\.' '$SRV_LOG'"

# Compression is offered.
timeout 20 ssh $SSH_OPTS -o LogLevel=DEBUG1 -C -p "$PORT" \
    -i "$TEST_TMP/alice" somebody@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
check "zlib compression is negotiated when asked" \
    err_has "compression: zlib@openssh.com"

# The OpenSSH mode's file.
c admin authorized-keys --command /usr/bin/cercle
check "authorized-keys: one line per key of each enabled member" \
    [ "$(grep -c '^command=' "$OUT")" -eq 3 ]
check "forcing ssh-command (the interface or a one-shot command) as that member, restricted, with a pty" \
    out_has "command=\"/usr/bin/cercle --db $DB ssh-command --member urban\",restrict,pty ssh-ed25519 "
"$CERCLE_BIN" --db "$DB" member disable obs
c admin authorized-keys --command /usr/bin/cercle
check "a disabled member's keys are left out" \
    sh -c "! grep -q 'member obs' '$OUT'"
expect 1 "authorized-keys wants an absolute program path" admin authorized-keys --command cercle

# A removed key is refused at the next login, with the server running.
sshx 0 "alice's key logs in" alice whoami
fp=$(ssh-keygen -lf "$TEST_TMP/alice.pub" | awk '{print $2}')
"$CERCLE_BIN" --db "$DB" member key remove urban "$fp" >/dev/null
sshx 255 "once removed, the key is refused at once" alice whoami
check "with the usual permission message" \
    err_has "Permission denied (publickey)"

stop_server
check "the server stops on SIGTERM" sh -c "! kill -0 $SRV_PID 2>/dev/null"
check "and leaves no session process behind" [ -z "$(db_procs)" ]
done_testing
