# bench/sshlib.py: what the SSH benchmarks share: a throwaway hub with
# members and keys, `cercle serve` and a throwaway OpenSSH sshd on loopback
# ports, and ssh clients in 80x24 ptys read through pyte. Everything it
# starts is stopped by cleanup() (registered with atexit); only 127.0.0.1.
import atexit
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BIN = os.path.abspath(os.environ.get(
    "CERCLE_BIN", os.path.join(TOP, "build", "release", "cercle")))
TMP = tempfile.mkdtemp(prefix="cercle-bench-")
DB = os.path.join(TMP, "db")
_procs = []


def now():
    return time.monotonic()


def env():
    e = dict(os.environ)
    e.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "TERM": "xterm-256color",
              "XDG_CONFIG_HOME": os.path.join(TMP, "config")})
    for k in ("LANG", "LANGUAGE", "LC_MESSAGES", "NO_COLOR", "CERCLE_DB"):
        e.pop(k, None)
    return e


def figure(name, value, unit, fmt="%.2f"):
    """One `name  value  unit` line."""
    print(("%s  " + fmt + "  %s") % (name, value, unit))
    sys.stdout.flush()


def cli(*args):
    p = subprocess.run([BIN, "--db", DB] + list(args), env=env(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("cercle %s: %s" % (" ".join(args),
                                              p.stderr.decode()))
    return p.stdout.decode().strip()


def setup_hub(members=8):
    """A hub, members m1..mN (m1 holds the key), one open electronic
    proposal with two positions. Returns (proposal id, key path)."""
    cli("init")
    for i in range(1, members + 1):
        cli("member", "add", "m%d" % i, "--name", "Membre %d" % i,
            "--role", "member", "--territory", "Alpes")
    key = os.path.join(TMP, "key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    key], check=True, stdin=subprocess.DEVNULL)
    with open(key + ".pub") as f:
        cli("member", "key", "add", "m1", f.read().strip())
    t = cli("tension", "add", "--as", "m2", "--kind", "project", "--title",
            "Budget des ateliers 2027")
    p = cli("proposal", "add", t, "--as", "m2", "--text",
            "Parts égales entre les 4A.", "--closes", "2099-01-01")
    cli("position", p, "approve", "--as", "m3")
    cli("position", p, "block", "--reason", "Réserve trop faible.",
        "--as", "m4")
    return p, key


def _spawn(argv, log):
    f = open(log, "w")
    p = subprocess.Popen(argv, env=env(), stdout=f, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    _procs.append(p)
    return p


def start_serve(max_sessions=300):
    """`cercle serve` on 127.0.0.1, a free port; returns its port."""
    log = os.path.join(TMP, "serve.log")
    _spawn([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:0",
            "--host-key", os.path.join(TMP, "host_ed25519"),
            "--max-sessions", str(max_sessions + 5),
            "--max-per-member", str(max_sessions + 5),
            "--max-startups", str(max_sessions + 5),
            # All the clients come from 127.0.0.1: the per-address cap
            # (10 by default) would refuse the waves of handshakes.
            "--per-source-startups", str(max_sessions + 5)], log)
    end = now() + 10
    while now() < end:
        with open(log) as f:
            m = re.search(r"listening on 127\.0\.0\.1:(\d+)", f.read())
        if m:
            return int(m.group(1))
        time.sleep(0.05)
    raise RuntimeError("cercle serve did not start: see " + log)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_sshd(kex=None):
    """A throwaway OpenSSH sshd on a loopback port, keys only, running the
    same binary through the authorized_keys lines of
    `cercle admin authorized-keys` (the ForceCommand mode). Root only."""
    d = os.path.join(TMP, "sshd-%s" % (kex or "default"))
    os.makedirs(d)
    hk = os.path.join(d, "host_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hk],
                   check=True, stdin=subprocess.DEVNULL)
    ak = os.path.join(d, "authorized_keys")
    with open(ak, "w") as f:
        f.write(cli("admin", "authorized-keys", "--command", BIN) + "\n")
    os.chmod(ak, 0o600)
    port = free_port()
    cfg = os.path.join(d, "sshd_config")
    with open(cfg, "w") as f:
        f.write("""Port %d
ListenAddress 127.0.0.1
HostKey %s
PidFile %s/sshd.pid
AuthorizedKeysFile %s
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
PermitRootLogin yes
DisableForwarding yes
PermitUserRC no
PrintMotd no
PrintLastLog no
UseDNS no
# The account's shell runs the command line: bash run by sshd reads the
# account's ~/.bashrc (here root's, which starts pyenv: ~100 ms), which a
# dedicated cercle account would not have. With SHLVL set, bash does not.
SetEnv SHLVL=1
MaxStartups 300
MaxSessions 300
LogLevel ERROR
""" % (port, hk, d, ak))
        if kex:
            f.write("KexAlgorithms %s\n" % kex)
    sshd = shutil.which("sshd") or "/usr/sbin/sshd"
    os.makedirs("/run/sshd", exist_ok=True)
    _spawn([sshd, "-D", "-e", "-f", cfg], os.path.join(d, "log"))
    end = now() + 10
    while now() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("sshd did not start: see " + d)


def ssh_argv(port, key, compression=False, extra=()):
    user = os.environ.get("USER") or "root"
    return ["ssh", "-F", "/dev/null", "-tt", "-p", str(port), "-i", key,
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
            "-o", "Compression=%s" % ("yes" if compression else "no")] + \
        list(extra) + ["%s@127.0.0.1" % user]


class RepScreen(pyte.Screen):
    """pyte 0.8 lacks REP (CSI b) and SU/SD, which ncurses sends."""
    _last = " "

    def draw(self, data):
        if data:
            self._last = data[-1]
        super().draw(data)

    def repeat_last(self, count=1, *a, **k):
        self.draw(self._last * max(count or 1, 1))

    def _scroll(self, count, up):
        top, bottom = (self.margins.top, self.margins.bottom) \
            if self.margins else (0, self.lines - 1)
        x, y = self.cursor.x, self.cursor.y
        for _ in range(max(count or 1, 1)):
            self.cursor.y = bottom if up else top
            self.index() if up else self.reverse_index()
        self.cursor.x, self.cursor.y = x, y

    def scroll_up(self, count=1, *a, **k):
        self._scroll(count, True)

    def scroll_down(self, count=1, *a, **k):
        self._scroll(count, False)


class RepStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up",
               T="scroll_down")


class Term:
    """A program in an 80x24 pty, its output read into a pyte screen; the
    time of the last byte is kept."""

    def __init__(self, argv, cols=80, rows=24, screen=True):
        self.t0 = now()
        self.raw = 0
        self.last = None
        self.screen = RepScreen(cols, rows) if screen else None
        self.stream = RepStream(self.screen) if screen else None
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe(argv[0], argv, env())
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        os.set_blocking(fd, False)
        self.closed = False

    def feed(self):
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return 0
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return 0
        self.raw += len(data)
        self.last = now()
        if self.stream is not None:
            self.stream.feed(data)
        return len(data)

    def text(self):
        return "\n".join(self.screen.display)

    def send(self, data):
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def pump(terms, timeout):
    """Read whatever the terminals send for up to timeout seconds."""
    fds = {t.fd: t for t in terms if not t.closed}
    end = now() + timeout
    while fds:
        left = end - now()
        if left <= 0:
            break
        r, _, _ = select.select(list(fds), [], [], left)
        for fd in r:
            t = fds[fd]
            t.feed()
            if t.closed:
                del fds[fd]


def settle(terms, quiet=0.3, limit=10.0):
    """Pump until nothing arrived for `quiet` seconds (or limit)."""
    end = now() + limit
    while now() < end:
        before = sum(t.raw for t in terms)
        pump(terms, quiet)
        if sum(t.raw for t in terms) == before:
            return True
    return False


def wait_for(terms, needle, timeout, start=None):
    """Pump until every terminal's screen shows needle; returns, per
    terminal, the time it did (None if it never did). start, if given, is
    called once the screens were checked, just before the wait: the
    action whose effect is awaited."""
    seen = {}
    for t in terms:
        if needle in t.text():
            seen[t] = now()
    fds = {t.fd: t for t in terms if t not in seen and not t.closed}
    if start is not None:
        start()
    end = now() + timeout
    while fds and now() < end:
        r, _, _ = select.select(list(fds), [], [], max(end - now(), 0))
        # Read every ready terminal first, each read timed as it comes;
        # only then parse (pyte is slow: parsing between the reads would
        # charge one session's parsing to the next one's latency).
        got = []
        for fd in r:
            t = fds[fd]
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            got.append((t, data, now()))
        for t, data, when in got:
            if not data:
                t.closed = True
                fds.pop(t.fd, None)
                continue
            t.raw += len(data)
            t.last = when
            t.stream.feed(data)
            if needle in t.text():
                seen[t] = when
                fds.pop(t.fd, None)
    return [seen.get(t) for t in terms]


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid):
    """Every process under pid (from /proc)."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in kids.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def pctl(values, q):
    v = sorted(values)
    if not v:
        return float("nan")
    return v[min(len(v) - 1, int(len(v) * q))]


def stop(p):
    """Stop one process started here (and its process group)."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    if p in _procs:
        _procs.remove(p)


def reset_db():
    """Forget the hub and the member key (a new setup_hub follows)."""
    shutil.rmtree(DB, ignore_errors=True)
    for f in ("key", "key.pub"):
        try:
            os.unlink(os.path.join(TMP, f))
        except FileNotFoundError:
            pass


def cleanup():
    for p in _procs:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in _procs:
        try:
            p.wait(3)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
    shutil.rmtree(TMP, ignore_errors=True)


atexit.register(cleanup)


def wait_for_split(terms, needle, timeout, start, readers=4, quiet=0.5):
    """wait_for() measured by several reader processes: the terminals are
    dealt to `readers` forked children, each of which only reads and
    timestamps what arrives (no parsing while the clock runs) until its
    terminals have been quiet for `quiet` s, then feeds the chunks through
    the screens in order and reports, per terminal, the arrival time of
    the chunk after which its screen showed needle (None: never). So the
    reader is not the bound: one Python process parsing 250 screens
    between reads was. Times are CLOCK_MONOTONIC, shared by the
    processes. start() is called once every reader is reading."""
    import json
    groups = [terms[i::readers] for i in range(readers)]
    kids = []
    for g in groups:
        if not g:
            continue
        rd, wr = os.pipe()
        go_r, go_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rd)
            os.close(go_w)
            res = _split_child(g, needle, timeout, quiet, wr, go_r)
            os.write(wr, (json.dumps(res) + "\n").encode())
            os._exit(0)
        os.close(wr)
        os.close(go_r)
        kids.append((pid, rd, go_w, g))
    # Each child writes "r" when it is reading, then waits for "g".
    for _, rd, _, _ in kids:
        os.read(rd, 1)
    for _, _, go_w, _ in kids:
        os.write(go_w, b"g")
        os.close(go_w)
    start()
    seen = {}
    for pid, rd, _, g in kids:
        buf = b""
        while True:
            chunk = os.read(rd, 65536)
            if not chunk:
                break
            buf += chunk
        os.close(rd)
        os.waitpid(pid, 0)
        try:
            times = json.loads(buf.decode() or "[]")
        except ValueError:
            times = [None] * len(g)
        for t, when in zip(g, times):
            seen[t] = when
    return [seen.get(t) for t in terms]


def _split_child(terms, needle, timeout, quiet, wr, go_r):
    got = {t.fd: [] for t in terms}
    byfd = {t.fd: t for t in terms}
    os.write(wr, b"r")
    os.read(go_r, 1)
    end = now() + timeout
    last = None
    fds = set(byfd)
    while fds and now() < end:
        wait = max(end - now(), 0)
        if last is not None and all(got[f] for f in byfd):
            wait = min(wait, max(last + quiet - now(), 0))
            if wait == 0:
                break
        r, _, _ = select.select(list(fds), [], [], wait)
        for fd in r:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            when = now()
            if not data:
                fds.discard(fd)
                continue
            got[fd].append((when, data))
            last = when
    out = []
    for t in terms:
        when_seen = None
        for when, data in got[t.fd]:
            t.stream.feed(data)
            if needle in t.text():
                when_seen = when
                break
        out.append(when_seen)
    return out
