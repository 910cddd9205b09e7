# bench/sshpeer.py: `cercle serve` against OpenSSH's sshd (throwaway, on
# a loopback port) running the same binary through the
# command="cercle tui --member LOGIN",restrict lines of `cercle admin
# authorized-keys` (the ForceCommand mode). For each: the OpenSSH client
# started -> authenticated (its own debug log says so) -> first screen
# drawn at 80x24, median of BENCH_SSH_REPS (default 20) one after
# another; then sessions per second (connect, first screen, quit) with 4
# clients at once for BENCH_SSH_SECONDS (default 5). Figures only.
# Root only (sshd); stops by itself.
import os

import sshlib as s

REPS = int(os.environ.get("BENCH_SSH_REPS", "20"))
SECS = float(os.environ.get("BENCH_SSH_SECONDS", "5"))
PAR = 4
SCREEN = "q quitter"


def one_login(port, key, n):
    """One session: times from starting ssh to authenticated and to the
    first screen; then quit."""
    log = os.path.join(s.TMP, "ssh-%d.log" % n)
    t = s.Term(s.ssh_argv(port, key, extra=("-v", "-E", log)))
    auth = None
    end = s.now() + 20
    while s.now() < end:
        s.pump([t], 0.001)
        if auth is None:
            try:
                with open(log) as f:
                    if "Authenticated to" in f.read():
                        auth = s.now()
            except FileNotFoundError:
                pass
        if t.last is not None and SCREEN in t.text():
            break
    first = t.last if SCREEN in t.text() else None
    t.send("q")
    s.settle([t], 0.05, 5)
    t.close()
    os.unlink(log)
    if auth is None or first is None:
        return None
    return ((auth - t.t0) * 1e3, (first - t.t0) * 1e3)


def rate(port, key):
    """Sessions per second: PAR clients at once, each opening a session,
    waiting for the first screen, quitting, and starting again."""
    done = 0
    live = [s.Term(s.ssh_argv(port, key)) for _ in range(PAR)]
    end = s.now() + SECS
    while s.now() < end:
        s.pump(live, 0.01)
        for i, t in enumerate(live):
            if t.closed:
                t.close()
                done += 1
                live[i] = s.Term(s.ssh_argv(port, key))
            elif getattr(t, "quit", False) is False and \
                    t.last is not None and SCREEN in t.text():
                t.send("q")
                t.quit = True
    for t in live:
        t.close()
    return done / SECS


p, key = s.setup_hub()
# OpenSSH 9.2 picks the post-quantum hybrid key exchange
# (sntrup761x25519) where libssh 0.10 offers curve25519: sshd is measured
# both ways.
servers = [("serve", s.start_serve(max_sessions=PAR * 4))]
if os.geteuid() == 0:
    servers += [("sshd", s.start_sshd()),
                ("sshd_c25519", s.start_sshd("curve25519-sha256"))]
else:
    print("sshpeer: not root: no throwaway sshd, cercle serve alone")
res = {}
for name, port in servers:
    one_login(port, key, 0)		# warm up: caches, host key
for k in range(REPS):
    # Alternate the two servers so both see the same neighbours.
    for name, port in servers:
        r = one_login(port, key, k)
        if r is not None:
            res.setdefault(name, []).append(r)
rates = {}
for name, port in servers:
    rates[name] = rate(port, key)
table = []
for name, _ in servers:
    v = res.get(name, [])
    a = s.pctl([x[0] for x in v], 0.5)
    f = s.pctl([x[1] for x in v], 0.5)
    s.figure("sshpeer.%s.authenticated" % name, a, "ms")
    s.figure("sshpeer.%s.first_screen" % name, f, "ms")
    s.figure("sshpeer.%s.first_screen_p90" % name,
             s.pctl([x[1] for x in v], 0.9), "ms")
    s.figure("sshpeer.%s.sessions_per_s" % name, rates[name], "sessions/s",
             "%.1f")
    s.figure("sshpeer.%s.ok" % name, len(v), "of %d" % REPS, "%d")
    table.append((name, a, f, rates[name], len(v)))
ratios = []
for other in table[1:]:
    ra = table[0][1] / other[1]
    rf = table[0][2] / other[2]
    rr = table[0][3] / other[3] if other[3] else float("nan")
    s.figure("sshpeer.ratio_%s.authenticated" % other[0], ra, "serve/" +
             other[0])
    s.figure("sshpeer.ratio_%s.first_screen" % other[0], rf, "serve/" +
             other[0])
    s.figure("sshpeer.ratio_%s.sessions_per_s" % other[0], rr, "serve/" +
             other[0])
    ratios.append((other[0], ra, rf, rr))
print()
print("SSH peer: ssh started -> authenticated -> first screen at 80x24 "
      "(medians of %d, alternating), sessions/s with %d clients" %
      (REPS, PAR))
print("%-18s %16s %16s %14s %6s" % ("server", "authenticated",
                                     "first screen", "sessions/s", "ok"))
for name, a, f, r, n in table:
    print("%-18s %13.1f ms %13.1f ms %14.1f %6d" % (name, a, f, r, n))
for name, ra, rf, rr in ratios:
    print("%-18s %15.2fx %15.2fx %13.2fx" % ("serve/" + name, ra, rf, rr))
print("(below 1 serve is faster; above 1 for sessions/s serve does more; "
      "sshd_c25519: KexAlgorithms curve25519-sha256, libssh's choice)")
