#!/bin/sh
# bench/gov-round.sh: figures for a large consent round on a real database:
# N voting members present, each takes a position through the CLI (one
# process and one synced write transaction each), then the facilitator
# closes. Reports times; asserts nothing. Usage: bench/gov-round.sh [N]
set -eu
N=${1:-250}
BIN=${CERCLE_BIN:-$(cd "$(dirname "$0")/.." && pwd)/cercle}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
c() { "$BIN" --db "$D/db" "$@"; }
ms() { date +%s%3N; }
c init >/dev/null 2>&1
c member add facil --name F --role facilitator >/dev/null
i=1
while [ $i -le "$N" ]; do
	c member add "m$i" --name "M $i" --role member >/dev/null
	i=$((i + 1))
done
c tension add --as m1 --kind project --title Bench >/dev/null
c meeting open --as facil >/dev/null
# shellcheck disable=SC2046
c meeting present $(i=1; while [ $i -le "$N" ]; do printf 'm%d ' $i; i=$((i + 1)); done) --as facil
c meeting review --as facil
c meeting next --as facil >/dev/null
P=$(c proposal add 1 --as m1 --text "Bench proposal")
t0=$(ms)
i=1
while [ $i -le "$N" ]; do
	case $((i % 4)) in
	0) c position "$P" approve --as "m$i" ;;
	1) c position "$P" alert --reason "r$i" --as "m$i" ;;
	2) c position "$P" withdraw --as "m$i" ;;
	3) c position "$P" approve --as "m$i" ;;
	esac
	i=$((i + 1))
done
t1=$(ms)
c proposal show "$P" --json >/dev/null
t2=$(ms)
c proposal close "$P" --as facil >/dev/null
t3=$(ms)
c minutes 1 >/dev/null
t4=$(ms)
echo "members:            $N"
echo "positions (CLI):    $((t1 - t0)) ms total, $(( (t1 - t0) / N )) ms each"
echo "proposal show:      $((t2 - t1)) ms"
echo "proposal close:     $((t3 - t2)) ms"
echo "minutes:            $((t4 - t3)) ms"
echo "database:           $(du -sk "$D/db" | cut -f1) KiB"
