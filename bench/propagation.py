# bench/propagation.py: live propagation over SSH. N sessions (10, 50,
# 250) of `cercle serve` on 127.0.0.1, each on the voting pane of one
# proposal at 80x24; one of them takes a position (the key 'a'); the time
# until every other session's screen shows the new tally (p50, p99, max),
# and the memory (PSS) of each session on the server side (the session
# process and its interface). Figures only. DESIGN.md's budget: <= 200 ms
# p99 with 250 sessions, <= 3 MB PSS per session.
# Usage: CERCLE_BIN=... /usr/bin/python3 bench/propagation.py [N ...]
# (BENCH_PROP_N="10 50 250" by default). Stops by itself.
import os
import sys

import sshlib as s

readers = int(os.environ.get("BENCH_PROP_READERS", "4"))
ns = [int(a) for a in sys.argv[1:]] or \
    [int(a) for a in os.environ.get("BENCH_PROP_N", "10 50 250").split()]
rows = []


def one(n):
    p, key = hub()
    port = s.start_serve(max_sessions=n)
    serve = s._procs[-1]
    terms = []
    t0 = s.now()
    # Open in waves so the handshakes do not all queue at once.
    for i in range(n):
        terms.append(s.Term(s.ssh_argv(port, key)))
        if i % 25 == 24:
            s.pump(terms, 0.2)
    seen = s.wait_for(terms, "q quitter", 60 + n * 0.2)
    opened = sum(1 for x in seen if x is not None)
    s.figure("prop.open_all.n%d" % n, s.now() - t0, "s")
    # Each interface polls the store on its own tick, restarted by a key:
    # the keys are spread over 250 ms so the ticks are not in step (as
    # they would not be among members), else every session would see the
    # change at the same instant.
    for i, t in enumerate(terms):
        t.send("3")
        s.pump(terms, 0.25 / n)
    seen = s.wait_for(terms, "1 pour", 30)
    ready = [t for t, x in zip(terms, seen) if x is not None]
    s.settle(terms, 0.5, 20)
    pids = s.descendants(serve.pid)
    pss = sum(s.pss_kb(x) for x in pids)
    s.figure("prop.sessions.n%d" % n, len(ready), "sessions", "%d")
    s.figure("prop.pss_per_session.n%d" % n, pss / max(len(ready), 1) /
             1024.0, "MB")
    voter, others = ready[0], ready[1:]
    sent = []

    def vote():
        sent.append(s.now())
        voter.send("a")

    # Several reader processes, each reading a share of the screens and
    # parsing only after the clock stopped (BENCH_PROP_READERS, default
    # 4; 1 shows what a single reader measures).
    seen = s.wait_for_split(others, "2 pour", 30, vote, readers=readers)
    lat = [(x - sent[0]) * 1e3 for x in seen if x is not None]
    missed = sum(1 for x in seen if x is None)
    s.figure("prop.p50.n%d" % n, s.pctl(lat, 0.5), "ms")
    s.figure("prop.p99.n%d" % n, s.pctl(lat, 0.99), "ms")
    s.figure("prop.max.n%d" % n, max(lat) if lat else float("nan"), "ms")
    s.figure("prop.missed.n%d" % n, missed, "sessions", "%d")
    s.figure("prop.readers.n%d" % n, readers, "processes", "%d")
    rows.append((n, len(ready), s.pctl(lat, 0.5), s.pctl(lat, 0.99),
                 max(lat) if lat else float("nan"), missed,
                 pss / max(len(ready), 1) / 1024.0))
    for t in terms:
        t.close()
    s.stop(serve)


def hub():
    s.reset_db()
    return s.setup_hub()


for n in ns:
    one(n)
print()
print("Live propagation over SSH (one session approves; every other "
      "session's screen shows the new tally)")
print("%8s %9s %9s %9s %9s %7s %12s" % ("sessions", "ready", "p50 ms",
                                         "p99 ms", "max ms", "missed",
                                         "PSS/session"))
for r in rows:
    print("%8d %9d %9.1f %9.1f %9.1f %7d %10.2f MB" % r)
print("(budget: p99 <= 200 ms with 250 sessions, PSS <= 3 MB per session; "
      "the clients run on the same cores; measured by %d reader processes "
      "that parse the screens after the clock stopped)" % readers)
