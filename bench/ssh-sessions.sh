#!/bin/sh
# bench/ssh-sessions.sh: figures for `cercle serve` on 127.0.0.1 (reported,
# never asserted): login + one exec command, N logins at once, the memory
# (PSS) of each open session on the server side, with and without the
# interface, and the bytes an idle session costs a minute.
# Usage: bench/ssh-sessions.sh [N] [IDLE_SECONDS]   (defaults 50, 60)
# Stops by itself; everything it starts is killed at exit.
set -u
N=${1:-50}
IDLE=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CERCLE_BIN:-$root/build/release/cercle}
T=$(mktemp -d)
DB=$T/db
pids=""
cleanup() {
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	[ -n "${srv:-}" ] && kill -TERM "$srv" 2>/dev/null && sleep 1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

"$BIN" --db "$DB" init >/dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f "$T/k" </dev/null
for i in $(seq 1 10); do
	"$BIN" --db "$DB" member add "m$i" --name "M $i" --role member >/dev/null
done
"$BIN" --db "$DB" member key add m1 "$(cat "$T/k.pub")" >/dev/null
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 --max-per-member $((N + 5)) \
    --max-sessions $((N + 5)) --max-startups $((N + 5)) --keepalive 60 \
    >"$T/log" 2>&1 &
srv=$!
for _ in $(seq 1 50); do
	port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/log" 2>/dev/null)
	[ -n "$port" ] && break
	sleep 0.1
done
O="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
 -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -i $T/k -p $port"
ms() { date +%s%N | cut -c1-13; }

t0=$(ms)
for i in $(seq 1 20); do ssh $O x@127.0.0.1 whoami >/dev/null; done
echo "login + whoami, one after another: $(( ($(ms) - t0) / 20 )) ms each"

t0=$(ms)
w=""
for i in $(seq 1 "$N"); do ssh $O x@127.0.0.1 whoami >/dev/null & w="$w $!"; done
for p in $w; do wait "$p"; done
echo "$N logins + whoami at once: $(( $(ms) - t0 )) ms in all"

pss() { # sum of Pss (kB) of the processes given
	s=0
	for p in "$@"; do
		k=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null)
		s=$((s + ${k:-0}))
	done
	echo "$s"
}
sess_pids() { pgrep -P "$srv"; }

for i in $(seq 1 "$N"); do
	ssh $O -N x@127.0.0.1 </dev/null >/dev/null 2>&1 &
	pids="$pids $!"
done
sleep 3
n=$(sess_pids | wc -l)
echo "$n sessions without the interface (ssh -N): PSS $(( $(pss $(sess_pids)) / (n ? n : 1) )) kB each (server side)"
for p in $pids; do kill -KILL "$p" 2>/dev/null; done
pids=""
sleep 2

mkfifo "$T/hold"
sleep 600 >"$T/hold" &
pids="$! "
for i in $(seq 1 "$N"); do
	ssh $O -tt x@127.0.0.1 <"$T/hold" >/dev/null 2>&1 &
	pids="$pids $!"
done
sleep 5
tuis=$(pgrep -f -- "--db $DB tui" | tr '\n' ' ')
n=$(sess_pids | wc -l)
echo "$n sessions with the interface: PSS $(( ($(pss $(sess_pids)) + $(pss $tuis)) / (n ? n : 1) )) kB each (session process + interface)"
for p in $pids; do kill -KILL "$p" 2>/dev/null; done
pids=""
sleep 2

# An idle minute: bytes on the wire both ways, from the kernel's count
# for the client's socket (ss -ti), after the first screen has settled.
sleep 600 >"$T/hold" &
pids="$!"
ssh $O -tt x@127.0.0.1 <"$T/hold" >/dev/null 2>&1 &
pids="$pids $!"
sleep 3
wire() {
	ss -tinH dst "127.0.0.1:$port" 2>/dev/null | tr ' ' '\n' |
	    sed -n 's/^bytes_\(sent\|received\):\([0-9]*\)/\2/p' | tr '\n' ' '
}
w0=$(wire)
sleep "$IDLE"
w1=$(wire)
set -- $w0 $w1
echo "idle interface session, $IDLE s: client sent $(($3 - $1)) bytes, received $(($4 - $2)) bytes (keepalive 60 s)"
