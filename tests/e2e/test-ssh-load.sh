# End-to-end, bounded load: 50 interface sessions at once over SSH (each
# on its own pty), then every client killed abruptly: no orphan process
# and no stale LMDB reader slot may remain. Stops by itself (timeouts).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

N=50
setup_hub
# Ten members with a key each, five sessions per member.
i=0
for m in urban irts zinc adrets arsenic camp facil corr obs; do
	newkey "k$m"
	"$CERCLE_BIN" --db "$DB" member key add "$m" "$(cat "$TEST_TMP/k$m.pub")" >/dev/null
done
"$CERCLE_BIN" --db "$DB" member add extra --name Extra --role member >/dev/null
newkey kextra
"$CERCLE_BIN" --db "$DB" member key add extra "$(cat "$TEST_TMP/kextra.pub")" >/dev/null
set -- urban irts zinc adrets arsenic camp facil corr obs extra

start_server --max-sessions 60 --max-per-member 5 --max-startups 60 \
    --per-source-startups 60 \
    --login-grace 60 --keepalive 0

# Each client keeps its session open: stdin is a pipe nobody writes to.
mkfifo "$TEST_TMP/hold"
sleep 300 >"$TEST_TMP/hold" &
holder=$!
echo "$holder" >>"$TEST_TMP/clients"
started=$(date +%s)
for j in $(seq 1 $N); do
	m=$(eval "echo \${$(( (j - 1) % 10 + 1 ))}")
	ssh $SSH_OPTS -o LogLevel=ERROR -tt -p "$PORT" -i "$TEST_TMP/k$m" \
	    x@127.0.0.1 <"$TEST_TMP/hold" >"$TEST_TMP/screen.$j" 2>&1 &
	echo $! >>"$TEST_TMP/clients"
done
open_sessions() { [ "$(grep -c 'interface on a' "$SRV_LOG")" -ge "$N" ]; }
wait_until 90 open_sessions
check "$N sessions open at once, each with its interface on a pty" open_sessions
echo "# $N sessions opened in $(($(date +%s) - started)) s"
tuis() { pgrep -f -- "--db $DB tui --member" | wc -l; }
sleep 1
check "$N interface processes run" [ "$(tuis)" -eq "$N" ]
check "no client was refused" sh -c "! grep -q 'refused' '$SRV_LOG'"
# Memory: proportional set size of the session processes and interfaces.
pss=0
for p in $(db_procs); do
	k=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null)
	pss=$((pss + ${k:-0}))
done
echo "# PSS of the $N sessions (server side + interface): $((pss / N)) kB each"

# Kill every client at once, without a goodbye.
for p in $(cat "$TEST_TMP/clients"); do kill -KILL "$p" 2>/dev/null; done
gone() { [ -z "$(db_procs)" ]; }
wait_until 30 gone
check "killing the clients leaves no session or interface process" gone
[ -z "$(db_procs)" ] || ps -o pid,ppid,stat,etime,args -p "$(db_procs | tr '\n' ',')0" | sed 's/^/# /'
check "every session end is logged" \
    [ "$(grep -c 'session closed' "$SRV_LOG")" -ge "$N" ]
check "the server still accepts" sh -c "kill -0 $SRV_PID"
sshc kurban x@127.0.0.1 whoami
check "and serves a new login" out_has "login:        urban"
mdb_stat -rr "$DB" >"$OUT" 2>&1
check "no stale LMDB reader slot is left" out_has "0 stale readers cleared"
stop_server
done_testing
