# End-to-end: mail for members who cannot stay connected. A real MTA
# client (Debian's msmtp, as the configurable sendmail) delivers to a
# local SMTP sink (python3-aiosmtpd) on 127.0.0.1; the test reads what
# arrived: the minutes of a closed meeting, and each member's digest
# (plain-text UTF-8, French by default, the open electronic round with its
# closing date and the exact one-line ssh command that answers it).
import email
import email.policy
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BIN, DB, cli, done_testing, env, ok, setup_hub, setup_round

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self):
        self.msgs = []

    async def handle_DATA(self, server, session, envelope):
        self.msgs.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def run(*args):
    p = subprocess.run([BIN, "--db", DB] + list(args), env=env(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def wait_msgs(sink, n, timeout=10):
    end = time.time() + timeout
    while time.time() < end and len(sink.msgs) < n:
        time.sleep(0.05)
    return len(sink.msgs) >= n


sink = Sink()
port = free_port()
ctl = Controller(sink, hostname="127.0.0.1", port=port)
ctl.start()
try:
    SENDMAIL = ("msmtp -C /dev/null --host=127.0.0.1 --port=%d "
                "--auth=off --tls=off --from=cercle@hub.test -t" % port)
    SSH = "ssh -p 2222 hub.test"
    setup_hub()
    tension, prop = setup_round()
    cli("mail", "prefs", "--as", "zinc", "--email", "zinc@example.org",
        "--digest", "daily")
    cli("mail", "prefs", "--as", "arsenic", "--email",
        "arsenic@example.org", "--digest", "weekly")
    cli("member", "prefs", "--as", "arsenic", "--lang", "en")
    cli("mail", "prefs", "--as", "irts", "--email", "irts@example.org")
    rc, _, err = run("mail", "prefs", "--as", "camp", "--email",
                     "camp@example.org\nBcc: x@evil.example")
    ok(rc == 1 and err.count("\n") == 1, "an address with a line break "
       "is refused in one line", err)
    rc, _, err = run("mail", "prefs", "--as", "camp", "--digest", "hourly")
    ok(rc == 1, "an unknown frequency is refused", err)

    # The meeting decides, and the decision leaves zinc three actions:
    # one late, one due within the fortnight, one far off; irts one.
    cli("meeting", "open", "--as", "facil", "--title", "Chambre de décembre")
    cli("meeting", "present", "facil", "urban", "irts", "zinc", "adrets",
        "--as", "facil")
    cli("meeting", "review", "--as", "facil")
    t0 = cli("tension", "add", "--as", "urban", "--kind", "project",
             "--title", "Local partagé").strip()
    cli("meeting", "next", "--as", "facil")
    p0 = cli("proposal", "add", t0, "--as", "urban", "--text",
             "Louer le local.").strip()
    for who in ("facil", "urban", "irts", "zinc", "adrets"):
        cli("position", p0, "approve", "--as", who)
    cli("proposal", "close", p0, "--as", "facil")
    soon = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 5 * 86400))
    for owner, title, due in (("zinc", "Payer la caution", "2020-01-10"),
                              ("zinc", "Clés du local", soon),
                              ("zinc", "Repeindre le local", "2099-06-01"),
                              ("irts", "Signer le bail", soon)):
        cli("action", "add", "1", "--as", "facil", "--owner", owner,
            "--title", title, "--due", due)
    cli("meeting", "close", "--as", "facil")
    cli("tension", "add", "--as", "irts", "--kind", "project", "--title",
        "Fonds\u200b commun")

    rc, out, err = run("mail", "run", "--sendmail", SENDMAIL, "--from",
                       "cercle@hub.test", "--ssh", SSH)
    ok(rc == 0, "mail run exits 0", (rc, out, err))
    # Minutes to the three members with an address, and two digests
    # (irts asked for none).
    ok(wait_msgs(sink, 5), "five messages reached the sink (%d)"
       % len(sink.msgs), out + err)
    parsed = [(r, email.message_from_bytes(c, policy=email.policy.default))
              for r, c in sink.msgs]
    # The minutes' subject is in the hub's language (French here).
    minutes = [(r, m) for r, m in parsed
               if m["Subject"].startswith("Compte rendu de la réunion")]
    digests = [(r, m) for r, m in parsed if m not in [x for _, x in minutes]]
    ok(sorted(r[0] for r, _ in minutes) == ["arsenic@example.org",
                                            "irts@example.org",
                                            "zinc@example.org"],
       "the minutes went to every member with an address",
       [r for r, _ in minutes])
    if minutes:
        body = minutes[0][1].get_content()
        ok("Chambre de décembre" in body, "the minutes name the meeting "
           "(UTF-8 intact)", body[:300])
    dz = [m for r, m in digests if r == ["zinc@example.org"]]
    da = [m for r, m in digests if r == ["arsenic@example.org"]]
    ok(len(dz) == 1 and len(da) == 1, "a digest each for zinc (daily) and "
       "arsenic (weekly), none for irts", [r for r, _ in digests])
    if dz:
        m = dz[0]
        ok(m.get_content_type() == "text/plain" and
           m.get_content_charset() == "utf-8", "plain text in UTF-8",
           m["Content-Type"])
        ok(m["Subject"].startswith("[Hub du Sud] Résumé du "),
           "a French subject, decoded from RFC 2047", m["Subject"])
        body = m.get_content()
        ok("Tours électroniques ouverts" in body, "French by default", body)
        ok("%s position %s approve" % (SSH, prop) in body,
           "the exact one-line ssh command to answer the round", body)
        ok("se clôt le 01/01/2099" in body, "with its closing date", body)
        ok("Budget des ateliers 2027" in body, "the new tension", body)
        ok("Vous recevez ce résumé (quotidien)" in body, "its frequency "
           "in French too", body)
        ok("Fonds\u27e8U+200B\u27e9 commun" in body and "\u200b" not in
           body, "a zero-width space in a title is shown, not sent",
           body)
        # Days as French people write them, in a French digest.
        ok("Payer la caution - échéance 10/01/2020 (en retard)" in body,
           "the member's late action, marked late", body)
        fr_soon = "/".join(reversed(soon.split("-")))
        ok("Clés du local - échéance %s" % fr_soon in body,
           "and the one due within a fortnight", body)
        ok("(projet, par " in body and "(project," not in body,
           "the kind of a new tension in French", body)
        ok("Repeindre le local" not in body and "Signer le bail" not in
           body, "not one due later, nor another member's", body)
    if da:
        body = da[0].get_content()
        ok("Open electronic rounds" in body, "in English for a member who "
           "chose it", body)

    n = len(sink.msgs)
    rc, out, err = run("mail", "run", "--sendmail", SENDMAIL, "--from",
                       "cercle@hub.test", "--ssh", SSH)
    time.sleep(0.5)
    ok(rc == 0 and len(sink.msgs) == n, "a second run sends nothing (the "
       "minutes are sent once, the digests are not due)", (out, err))

    # A sendmail that fails: one line, status 3, nothing recorded.
    cli("meeting", "open", "--as", "facil", "--title", "Suite")
    cli("meeting", "close", "--as", "facil")
    rc, out, err = run("mail", "run", "--sendmail", "/bin/false", "--from",
                       "cercle@hub.test")
    ok(rc == 3, "a failing sendmail makes mail run exit 3", (rc, err))
    ok("a échoué" in err, "and says so (in French, the hub's language)", err)
    # That run on a host whose LC_TIME is French (the locale compiled
    # here with localedef, Debian's glibc sources): the Date header stays
    # RFC 5322's English ("Mon, 07 Dec 2026"), not strftime's "lun., 07
    # déc.".
    loc = os.path.join(os.getcwd(), "locales")
    os.makedirs(loc, exist_ok=True)
    lp = subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8",
                         os.path.join(loc, "fr_FR.UTF-8")],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ok(lp.returncode in (0, 1) and os.path.isdir(
        os.path.join(loc, "fr_FR.UTF-8")), "a French LC_TIME is compiled",
       lp.stdout)
    fe = env()
    fe.update(LOCPATH=loc, LC_TIME="fr_FR.UTF-8", LC_CTYPE="C.UTF-8")
    fe.pop("LC_ALL", None)
    p = subprocess.run(["date", "+%a %b"], env=fe, stdout=subprocess.PIPE)
    ok(p.stdout.decode().strip() not in ("", time.strftime("%a %b")),
       "where date(1) names the day in French", p.stdout)
    p = subprocess.run([BIN, "--db", DB, "mail", "run", "--sendmail",
                        SENDMAIL, "--from", "cercle@hub.test"], env=fe,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ok(p.returncode == 0 and wait_msgs(sink, n + 3), "the next run sends "
       "those minutes", (p.stdout, p.stderr, len(sink.msgs)))
    import email.utils
    dates = [str(email.message_from_bytes(m, policy=email.policy.compat32)
             ["Date"]) for _, m in sink.msgs[n:n + 3]]
    ok(len(dates) == 3 and all(
        d.split(",")[0] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        and email.utils.parsedate_tz(d) is not None for d in dates),
       "each Date header in RFC 5322's English", dates)

    # --watch: the minutes go when the meeting closes, not at the next
    # cron run.
    n = len(sink.msgs)
    w = subprocess.Popen([BIN, "--db", DB, "mail", "run", "--watch",
                          "--sendmail", SENDMAIL, "--from",
                          "cercle@hub.test", "--ssh", SSH], env=env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1)
    cli("meeting", "open", "--as", "facil", "--title", "En direct")
    ok(len(sink.msgs) == n, "nothing is sent while the meeting is open")
    t0 = time.time()
    cli("meeting", "close", "--as", "facil")
    got = wait_msgs(sink, n + 3, 10)
    ok(got, "with --watch, the minutes arrive when the meeting closes "
       "(%.1f s)" % (time.time() - t0), len(sink.msgs))
    ok(got and "En direct" in email.message_from_bytes(
        sink.msgs[-1][1], policy=email.policy.default).get_content(),
       "those of the meeting just closed")
    w.send_signal(15)
    try:
        rc = w.wait(10)
    except subprocess.TimeoutExpired:
        w.kill()
        rc = w.wait()
    ok(rc == 0, "mail run --watch stops on SIGTERM with status 0",
       (rc, w.stderr.read().decode()))
finally:
    ctl.stop()
done_testing()
