# bench/tuiscale.py: the interface on the scale databases (10k, 100k, 1M
# needs, built and cached by bench/scale): time from starting `cercle tui`
# on an 80x24 pty to its first screen, the needs list (to the last byte of
# it), then from the key 'o' (another sort) to the list redrawn, and
# the interface's memory (RSS, PSS) once there. Figures only; run after
# scale (bench/run.sh does). DESIGN.md: first paint <= 50 ms at 1M needs,
# memory independent of the database size.
# Usage: CERCLE_BIN=... /usr/bin/python3 bench/tuiscale.py CACHE [N ...]
import glob
import os
import sys

import sshlib as s

cache = sys.argv[1]
ns = [int(a) for a in sys.argv[2:]] or [10000, 100000, 1000000]
REPS = 5
rows = []


def mem(pid):
    """Rss, Pss and Anonymous (KB): the LMDB map's pages count in Rss
    once touched (file-backed, shared); Anonymous is the process's own."""
    out = {"Rss:": 0, "Pss:": 0, "Anonymous:": 0}
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                w = line.split()
                if w and w[0] in out:
                    out[w[0]] = int(w[1])
    except OSError:
        pass
    return out["Rss:"], out["Pss:"], out["Anonymous:"]


for n in ns:
    dirs = sorted(glob.glob(os.path.join(cache, "needs-%d-*" % n)))
    if not dirs:
        print("tuiscale: no database of %d needs in %s (run scale)" %
              (n, cache))
        continue
    firsts, sorts = [], []
    rss = pss = anon = 0
    # Once, untimed: open the needs pane, which the interface remembers
    # for the member, so every timed start opens on the needs list.
    t = s.Term([s.BIN, "--db", dirs[-1], "tui", "--member", "rep"])
    s.wait_for([t], "q quitter", 20)
    t.send("1")
    s.wait_for([t], "numéro", 20)
    t.send("q")
    s.settle([t], 0.3, 5)
    t.close()
    for k in range(REPS):
        t = s.Term([s.BIN, "--db", dirs[-1], "tui", "--member", "rep"])
        seen = s.wait_for([t], "numéro", 20)
        if seen[0] is None:
            t.close()
            continue
        s.settle([t], 0.2, 5)
        firsts.append((t.last - t.t0) * 1e3)
        # A sort change ('o'): from the key to the last byte drawn.
        before = t.raw
        sent = s.now()
        t.send("o")
        s.settle([t], 0.2, 5)
        if t.raw > before:
            sorts.append((t.last - sent) * 1e3)
        t.send("o")
        s.settle([t], 0.2, 5)
        r, p, a = mem(t.pid)
        rss, pss, anon = max(rss, r), max(pss, p), max(anon, a)
        t.send("q")
        s.settle([t], 0.2, 5)
        t.close()
    f50 = s.pctl(firsts, 0.5)
    s.figure("tuiscale.first_screen.%d" % n, f50, "ms")
    n50 = s.pctl(sorts, 0.5)
    s.figure("tuiscale.sort_change.%d" % n, n50, "ms")
    s.figure("tuiscale.rss.%d" % n, rss, "KB", "%d")
    s.figure("tuiscale.pss.%d" % n, pss, "KB", "%d")
    s.figure("tuiscale.anon.%d" % n, anon, "KB", "%d")
    rows.append((n, f50, n50, rss, pss, anon))
print()
print("The interface on N needs (80x24 pty, median of %d): start -> first "
      "screen (the needs list), a sort change; memory" % REPS)
print("%10s %16s %16s %10s %10s %10s" % ("needs", "first screen",
                                         "sort change", "RSS KB", "PSS KB",
                                         "anon KB"))
for r in rows:
    print("%10d %13.1f ms %13.1f ms %10d %10d %10d" % r)
