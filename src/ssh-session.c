/* ssh-session.c: one SSH connection in its own process: public-key
 * authentication against the member store, one session channel and its
 * requests, the limits, and a clean goodbye. Uses the libssh callback API
 * only (no ssh_message_*); opens the store only for key lookups, so
 * nothing forked from here (ssh-child.c) inherits it. */
#define CERCLE_SSH_INTERNAL
#include "ssh.h"
#include "hub.h"
#include "codec.h"
#include "i18n.h"

#include <libintl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <linux/tcp.h>	/* tcpi_bytes_received */
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libssh/server.h>

/* Set by SIGTERM from the listener or a newer login taking over. */
static volatile sig_atomic_t sess_stop;
/* Set by SIGUSR1: a newer login of this member asks whether our peer is
 * still there. */
static volatile sig_atomic_t sess_probe;
/* The line written if the key exchange outlives the login grace. */
static char kex_timeout_line[256];
static size_t kex_timeout_len;

static void
on_alarm(int sig)
{
	(void)sig;
	(void)!write(STDERR_FILENO, kex_timeout_line, kex_timeout_len);
	_exit(ERR_USAGE);
}

static void
on_term(int sig)
{
	(void)sig;
	sess_stop = 1;
}

static void
on_replaced(int sig)
{
	(void)sig;
	sess_stop = 2;
}

static void
on_probe(int sig)
{
	(void)sig;
	sess_probe = 1;
}

static void
sess_bye(struct sshd_sess *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sess_bye(struct sshd_sess *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->byebuf, sizeof x->byebuf, gettext(fmt), ap);
	va_end(ap);
	x->bye = x->byebuf;
	x->closing = 1;
}

/* End the session for a reason of ours. A running interface is first
 * asked to leave (SIGTERM: it saves its draft and restores the client's
 * screen, which we still relay); the loop then disconnects with the
 * message once it has gone, or after 2 s. */
static void
sess_wind_down(struct sshd_sess *x, const char *why)
{
	if (x->child_leads && !x->child_done) {
		if (x->winding == 0) {
			snprintf(x->byebuf, sizeof x->byebuf, "%s", why);
			x->winding = time(NULL);
			kill(-x->child, SIGTERM);
		}
		return;
	}
	sess_bye(x, "%s", why);
}

/* Tell the client one line on the channel's stderr. */
void
sshd_say(struct sshd_sess *x, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (x->ch == NULL || !ssh_channel_is_open(x->ch))
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 2, gettext(fmt), ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 3)
		n = (int)sizeof line - 3;
	if (x->pty)
		line[n++] = '\r';	/* the client's terminal is raw */
	line[n++] = '\n';
	ssh_channel_write_stderr(x->ch, line, (uint32_t)n);
}

/* ---- authentication ---- */

static void
key_fingerprint(ssh_key key, char *out, size_t n)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp;

	snprintf(out, n, "SHA256:?");
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0)
		return;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	if (fp != NULL)
		snprintf(out, n, "%s", fp);
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
}

/* Which enabled member holds the key fp? 0 and login, or an ERR_*. The
 * store is opened and closed here so it never outlives the lookup. */
static int
key_owner(const struct sshd_sess *x, const char *fp, char *login, size_t n,
    struct err *e)
{
	struct hub *h;
	struct hub_rd *r;
	struct actor nobody;
	int rc;

	if ((rc = hub_open(x->cf->db, 0, &h, e)) != 0)
		return rc;
	/* Before authentication nobody is known: read as the console sees
	 * (the view only answers whose key it is). */
	hub_actor_console(&nobody, NULL);
	if ((rc = hub_rd_open(h, &nobody, &r, e)) == 0) {
		rc = hub_key_owner(r, fp, login, n, e);
		hub_rd_close(r);
	}
	hub_close(h);
	return rc;
}

static void
count_failure(struct sshd_sess *x)
{
	if (++x->tries >= x->cf->max_auth_tries) {
		sshd_log("%s: too many authentication attempts (%d), "
		    "disconnecting", x->peer, x->tries);
		sess_bye(x, "too many authentication attempts (%d)",
		    x->tries);
	}
}

static int
auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *pubkey,
    char state, void *ud)
{
	struct sshd_sess *x = ud;
	char fp[96], login[MAX_LOGIN + 1];
	struct err e;
	int rc;

	(void)s;
	util_safe(user ? user : "", x->user, sizeof x->user);
	if (x->closing) {
		/* Past the limit: let an offer through to the signing step
		 * (a signature is always refused here), so the client is
		 * busy while it reads our disconnect, and learns why. */
		return state == SSH_PUBLICKEY_STATE_NONE ? SSH_AUTH_SUCCESS :
		    SSH_AUTH_DENIED;
	}
	if (state != SSH_PUBLICKEY_STATE_NONE &&
	    state != SSH_PUBLICKEY_STATE_VALID) {
		sshd_log("%s: bad signature for a key (user '%s')", x->peer,
		    x->user);
		count_failure(x);
		return SSH_AUTH_DENIED;
	}
	key_fingerprint(pubkey, fp, sizeof fp);
	err_clear(&e);
	rc = key_owner(x, fp, login, sizeof login, &e);
	if (rc != 0) {
		sshd_log("%s: key %s refused (user '%s'): %s", x->peer, fp,
		    x->user, rc == ERR_NOTFOUND ? "unknown key" : e.msg);
		count_failure(x);
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* offered: prove it */
	snprintf(x->login, sizeof x->login, "%s", login);
	snprintf(x->fp, sizeof x->fp, "%s", fp);
	x->authed = 1;
	sshd_mark_authed();
	sshd_log("%s: accepted %s as %s (user '%s')", x->peer, fp, login,
	    x->user);
	return SSH_AUTH_SUCCESS;
}

static int
auth_none(ssh_session s, const char *user, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	util_safe(user ? user : "", x->user, sizeof x->user);
	return SSH_AUTH_DENIED;
}

static int
auth_password(ssh_session s, const char *user, const char *pw, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)pw;	/* never logged */
	util_safe(user ? user : "", x->user, sizeof x->user);
	sshd_log("%s: password refused (user '%s'): keys only", x->peer,
	    x->user);
	count_failure(x);
	return SSH_AUTH_DENIED;
}

/* ---- the channel ---- */

static int
ch_pty(ssh_session s, ssh_channel ch, const char *term, int w, int h,
    int pw, int ph, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	if (x->pty || x->started)
		return -1;
	x->pty = 1;
	sshd_term_pick(term, x->term, sizeof x->term);
	x->ws.ws_col = (unsigned short)(w > 0 && w < 1000 ? w : 80);
	x->ws.ws_row = (unsigned short)(h > 0 && h < 1000 ? h : 24);
	x->ws.ws_xpixel = (unsigned short)(pw > 0 && pw < 65536 ? pw : 0);
	x->ws.ws_ypixel = (unsigned short)(ph > 0 && ph < 65536 ? ph : 0);
	return 0;
}

static int
ch_winch(ssh_session s, ssh_channel ch, int w, int h, int pw, int ph,
    void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	if (!x->pty)
		return -1;
	if (w > 0 && w < 1000)
		x->ws.ws_col = (unsigned short)w;
	if (h > 0 && h < 1000)
		x->ws.ws_row = (unsigned short)h;
	x->ws.ws_xpixel = (unsigned short)(pw > 0 && pw < 65536 ? pw : 0);
	x->ws.ws_ypixel = (unsigned short)(ph > 0 && ph < 65536 ? ph : 0);
	if (x->master >= 0)
		ioctl(x->master, TIOCSWINSZ, &x->ws);
	return 0;
}

static int
ch_shell(ssh_session s, ssh_channel ch, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	if (x->want != SSHD_WANT_NONE)
		return -1;
	x->want = SSHD_WANT_SHELL;
	return 0;
}

static int
ch_exec(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	if (x->want != SSHD_WANT_NONE)
		return -1;
	x->want = SSHD_WANT_EXEC;
	x->cmd = xstrdup(command);
	return 0;
}

static int
ch_subsystem(ssh_session s, ssh_channel ch, const char *name, void *ud)
{
	struct sshd_sess *x = ud;
	char safe[64];

	(void)s;
	(void)ch;
	sshd_log("%s: %s: subsystem '%s' refused", x->peer, x->login,
	    util_safe(name, safe, sizeof safe));
	sshd_say(x, "cercle: no subsystem here (not '%s'): only the "
	    "interface and member commands", safe);
	return -1;
}

/* OpenSSH asks for agent forwarding without wanting a reply: we never open
 * an agent channel back, and say so in the log. */
static void
ch_agent(ssh_session s, ssh_channel ch, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	sshd_log("%s: %s: agent forwarding refused", x->peer, x->login);
}

static int
env_value_ok(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 60)
		return 0;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' ||
		    *p == '-' || *p == '@'))
			return 0;
	return 1;
}

static int
ch_env(ssh_session s, ssh_channel ch, const char *name, const char *value,
    void *ud)
{
	struct sshd_sess *x = ud;
	char safe[64];

	(void)s;
	(void)ch;
	if ((strcmp(name, "LANG") == 0 || (strncmp(name, "LC_", 3) == 0 &&
	    env_value_ok(name + 3))) && env_value_ok(value) &&
	    x->nenv < SSHD_MAX_ENV && !x->started) {
		snprintf(x->env[x->nenv++], sizeof x->env[0], "%s=%s", name,
		    value);
		return 0;
	}
	if (++x->env_refused > 2 * SSHD_MAX_ENV) {
		sess_bye(x, "too many refused requests");
		return -1;
	}
	util_safe(name, safe, sizeof safe);
	sshd_log("%s: %s: environment variable '%s' refused", x->peer,
	    x->login, safe);
	sshd_say(x, "cercle: environment variable %s refused (only LANG "
	    "and LC_*)", safe);
	return -1;
}

static int
ch_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *ud)
{
	struct sshd_sess *x = ud;
	size_t room, take;

	(void)s;
	(void)ch;
	(void)is_stderr;
	x->last_input = time(NULL);
	if (!x->pty)
		return (int)len;	/* exec reads no input */
	room = x->in.len < SSHD_IN_CAP ? SSHD_IN_CAP - x->in.len : 0;
	take = len < room ? len : room;
	if (take > 0)
		buf_add(&x->in, data, take);
	sshd_relay_input(x);
	/* What we did not take stays in libssh and holds the window. */
	return (int)take;
}

static void
ch_close(ssh_session s, ssh_channel ch, void *ud)
{
	struct sshd_sess *x = ud;

	(void)s;
	(void)ch;
	x->closing = 1;
}

static ssh_channel
open_session(ssh_session s, void *ud)
{
	struct sshd_sess *x = ud;

	if (!x->authed || x->ch != NULL || x->closing) {
		sshd_log("%s: %s: a second channel refused", x->peer,
		    x->login);
		return NULL;
	}
	x->ch = ssh_channel_new(s);
	if (x->ch == NULL)
		return NULL;
	memset(&x->ccb, 0, sizeof x->ccb);
	x->ccb.userdata = x;
	x->ccb.channel_data_function = ch_data;
	x->ccb.channel_close_function = ch_close;
	x->ccb.channel_pty_request_function = ch_pty;
	x->ccb.channel_shell_request_function = ch_shell;
	x->ccb.channel_pty_window_change_function = ch_winch;
	x->ccb.channel_exec_request_function = ch_exec;
	x->ccb.channel_env_request_function = ch_env;
	x->ccb.channel_subsystem_request_function = ch_subsystem;
	x->ccb.channel_auth_agent_req_function = ch_agent;
	/* Agent and X11 requests have no callback: libssh refuses them. */
	ssh_callbacks_init(&x->ccb);
	ssh_set_channel_callbacks(x->ch, &x->ccb);
	return x->ch;
}

/* ---- what runs (ssh-child.c), and how the channel ends ---- */

/* Send the exit status and close; the loop then waits a moment for the
 * client's own close so nothing queued is lost. */
static void
end_channel(struct sshd_sess *x, int status)
{
	if (x->ch != NULL && ssh_channel_is_open(x->ch)) {
		ssh_channel_request_send_exit_status(x->ch, status);
		ssh_channel_send_eof(x->ch);
		ssh_channel_close(x->ch);
	}
	x->ended = time(NULL);
}

static void
start_pending(struct sshd_sess *x)
{
	int rc;

	if (x->started || x->want == SSHD_WANT_NONE || x->ch == NULL)
		return;
	x->started = 1;
	if (x->refused[0]) {
		sshd_say(x, "cercle: %s", x->refused);
		end_channel(x, 1);
		return;
	}
	if (x->want == SSHD_WANT_SHELL && !x->pty) {
		sshd_log("%s: %s: shell without a pty refused", x->peer,
		    x->login);
		sshd_say(x, "cercle: the interface needs a terminal: use "
		    "'ssh -t', or give a command (%s)", _(sshd_exec_help));
		end_channel(x, 1);
		return;
	}
	rc = x->want == SSHD_WANT_SHELL ? sshd_child_shell(x) : sshd_child_exec(x);
	if (rc != 0)
		end_channel(x, rc < 0 && rc != -1 ? -rc : 1);
}

/* ---- liveness and limits ---- */

static uint64_t
rx_bytes(ssh_session s)
{
	struct tcp_info ti;
	socklen_t l = sizeof ti;

	memset(&ti, 0, sizeof ti);
	if (getsockopt(ssh_get_fd(s), IPPROTO_TCP, TCP_INFO, &ti, &l) != 0)
		return 0;
	return ti.tcpi_bytes_received;
}

/* A newer login asked (SIGUSR1): probe now, and record in the slot
 * file the moment anything comes back from the peer. */
static void
answer_probe(struct sshd_sess *x)
{
	uint64_t rx;

	if (sess_probe) {
		sess_probe = 0;
		x->asked_rx = rx_bytes(x->s);
		x->asked = 1;
		ssh_send_keepalive(x->s);
		ssh_send_keepalive(x->s);
		return;
	}
	if (!x->asked)
		return;
	rx = rx_bytes(x->s);
	if (rx != x->asked_rx) {
		x->asked = 0;
		sshd_slot_heard(x->cf);
	}
}

static void
check_peer(struct sshd_sess *x, time_t now)
{
	uint64_t rx;

	if (x->slot)
		answer_probe(x);
	if (x->cf->keepalive <= 0 || now < x->next_probe)
		return;
	x->next_probe = now + x->cf->keepalive;
	rx = rx_bytes(x->s);
	if (rx != x->rx_bytes) {
		x->rx_bytes = rx;
		x->missed = 0;
		return;
	}
	if (x->missed >= x->cf->keepalive_max) {
		sshd_log("%s: %s: peer not responding for %d s, dropping",
		    x->peer, x->login, x->cf->keepalive * (x->missed + 1));
		x->closing = 1;
		return;
	}
	/* The second call sends a fresh probe if the first only collected
	 * the answer to the previous one. */
	ssh_send_keepalive(x->s);
	ssh_send_keepalive(x->s);
	x->missed++;
}

static void
check_time(struct sshd_sess *x, time_t now)
{
	char why[160];

	if (x->cf->idle_timeout > 0 && x->started && !x->winding &&
	    now - x->last_input >= x->cf->idle_timeout) {
		sshd_log("%s: %s: idle for %d s, disconnecting", x->peer,
		    x->login, x->cf->idle_timeout);
		snprintf(why, sizeof why, _("idle for %d s, disconnecting"),
		    x->cf->idle_timeout);
		if (x->ch != NULL && x->master < 0)
			sshd_say(x, "cercle: %s", why);
		sess_wind_down(x, why);
	}
	check_peer(x, now);
}

static void
claim_slot(struct sshd_sess *x)
{
	struct err e;

	pid_t taken = 0;
	int rc;

	err_clear(&e);
	rc = sshd_slot_claim(x->cf, x->login, &e);
	/* At the member's own cap: a session of theirs whose peer has gone
	 * silent (a dropped link) gives way, so a member is never locked
	 * out by their own dead sessions. */
	if (rc == ERR_REFUSED && sshd_slot_count(x->cf, x->login) >=
	    x->cf->max_per_member) {
		err_clear(&e);
		rc = sshd_slot_takeover(x->cf, x->login, SSHD_TAKEOVER_MS,
		    &taken, &e);
		if (rc == 0 && taken > 0)
			sshd_log("%s: %s: took over session %ld (its peer did "
			    "not answer)", x->peer, x->login, (long)taken);
	}
	if (rc != 0) {
		sshd_log("%s: %s: session refused: %s", x->peer, x->login,
		    e.msg);
		/* Said on the channel when it comes (a clean exit status 1),
		 * else as the disconnect message. */
		snprintf(x->refused, sizeof x->refused, "%s", e.msg);
	}
	x->slot = 1;
}

static int
link_closed(struct sshd_sess *x)
{
	return (ssh_get_status(x->s) & (SSH_CLOSED | SSH_CLOSED_ERROR)) != 0;
}

static void
session_loop(struct sshd_sess *x)
{
	time_t now, eof_since = 0;

	while (!x->closing) {
		int busy = x->child > 0 && !x->child_done;

		if (sess_stop && !x->winding) {
			sess_wind_down(x, sess_stop == 2 ? "replaced by a "
			    "newer login of the same member (this link had "
			    "gone silent)" : "the server is shutting down");
			if (x->closing)
				break;
		}

		if (ssh_event_dopoll(x->ev, busy ? 200 : 1000) == SSH_ERROR &&
		    link_closed(x))
			break;
		if (link_closed(x))
			break;
		now = time(NULL);
		if (!x->authed) {
			if (now >= x->start + x->cf->login_grace &&
			    !x->closing) {
				sshd_log("%s: no authentication within %d s",
				    x->peer, x->cf->login_grace);
				sess_bye(x, "no authentication within %d s",
				    x->cf->login_grace);
			}
			continue;
		}
		if (!x->slot) {
			if (!x->closing)
				claim_slot(x);
			x->last_input = x->authed_at = now;
			continue;
		}
		if (x->ended) {
			/* Wait briefly for the client to close its side. */
			if (now - x->ended >= 2)
				break;
			continue;
		}
		if (x->refused[0] && !x->started && now - x->authed_at >= 2) {
			sess_bye(x, "%s", x->refused);
			break;
		}
		if (!x->started && now - x->authed_at >= x->cf->login_grace) {
			sshd_log("%s: %s: no session requested within %d s",
			    x->peer, x->login, x->cf->login_grace);
			sess_bye(x, "no session requested within %d s",
			    x->cf->login_grace);
			break;
		}
		start_pending(x);
		sshd_relay_input(x);
		sshd_child_reap(x);
		if (x->child > 0) {
			int all_eof = 1;
			for (int i = 0; i < x->nsrc; i++)
				all_eof &= x->src[i].eof;
			if (x->child_done && !all_eof && eof_since == 0)
				eof_since = now;
			if (x->winding && (sshd_child_finished(x) ||
			    now - x->winding >= 2)) {
				x->bye = x->byebuf;
				break;
			}
			if (sshd_child_finished(x) || (eof_since &&
			    now - eof_since >= 2)) {
				end_channel(x, x->child_status);
				continue;
			}
		}
		sshd_relay_poll(x);
		check_time(x, now);
	}
}

static void
drain_input(int fd)
{
	char junk[4096];
	struct pollfd p = { fd, POLLIN, 0 };

	while (fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & POLLIN) &&
	    recv(fd, junk, sizeof junk, MSG_DONTWAIT) > 0)
		;
}

/* libssh closes its socket right after the DISCONNECT; unread client
 * data would then turn the close into a reset that can destroy the
 * message. Keep a duplicate open, send FIN, drain briefly, then close. */
static void
linger_close(int fd)
{
	char junk[4096];
	struct pollfd p;

	if (fd < 0)
		return;
	shutdown(fd, SHUT_WR);
	p.fd = fd;
	p.events = POLLIN;
	for (int i = 0; i < 20; i++) {
		if (poll(&p, 1, 50) <= 0)
			continue;
		if (read(fd, junk, sizeof junk) <= 0)
			break;
	}
	close(fd);
}

int
sshd_session_run(const struct sshd_conf *cf, ssh_session s, const char *peer)
{
	struct ssh_server_callbacks_struct scb;
	struct sigaction sa;
	struct sshd_sess x;
	int verbosity = SSH_LOG_NOLOG, linger;

	/* Keep big blocks (LMDB's 2 MB dirty list at every store open) in
	 * fresh, untouched mappings given back on free: without this, glibc
	 * raises its threshold after the first free and the next open
	 * zeroes 2 MB of heap that stays resident for the whole session. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	memset(&x, 0, sizeof x);
	x.cf = cf;
	x.s = s;
	x.peer = peer;
	x.master = -1;
	x.start = time(NULL);
	snprintf(x.login, sizeof x.login, "-");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_probe;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_replaced;
	sigaction(SIGUSR2, &sa, NULL);
	snprintf(kex_timeout_line, sizeof kex_timeout_line, "cercle[%ld]: "
	    "%s: no key exchange within %d s\n", (long)getpid(), peer,
	    cf->login_grace);
	kex_timeout_len = strlen(kex_timeout_line);
	sshd_log("connection from %s", peer);

	ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_options_set(s, SSH_OPTIONS_COMPRESSION, "yes");
	memset(&scb, 0, sizeof scb);
	scb.userdata = &x;
	scb.auth_pubkey_function = auth_pubkey;
	scb.auth_none_function = auth_none;
	scb.auth_password_function = auth_password;
	scb.channel_open_request_session_function = open_session;
	ssh_callbacks_init(&scb);
	ssh_set_server_callbacks(s, &scb);
	ssh_set_auth_methods(s, SSH_AUTH_METHOD_PUBLICKEY);

	/* The key exchange blocks: the alarm bounds it by the grace time. */
	alarm((unsigned)cf->login_grace + 1);
	if (ssh_handle_key_exchange(s) != SSH_OK) {
		const char *why = ssh_get_error(s);

		alarm(0);
		/* libssh gives no text for some malformed packets (a zero
		 * length, padding longer than the packet): the log must
		 * still say why the connection was refused. */
		sshd_log("%s: key exchange failed: %s", peer,
		    why != NULL && *why != '\0' ? why : "malformed packet");
		return ERR_SYSTEM;
	}
	alarm(0);
	ssh_set_blocking(s, 0);
	x.ev = ssh_event_new();
	ssh_event_add_session(x.ev, s);
	x.last_input = time(NULL);
	x.next_probe = x.last_input + cf->keepalive;

	session_loop(&x);

	/* Closing the master hangs up the TUI; sshd_child_kill makes sure. */
	for (int i = 0; i < x.nsrc; i++) {
		if (x.src[i].events)
			ssh_event_remove_fd(x.ev, x.src[i].fd);
		close(x.src[i].fd);
	}
	x.master = -1;
	sshd_child_kill(&x);
	if (x.slot && !x.refused[0])
		sshd_slot_release(cf);
	if (x.authed)
		sshd_log("%s: %s: session closed after %lds%s%s", peer, x.login,
		    (long)(time(NULL) - x.start), x.bye ? ": " : "",
		    x.bye ? x.bye : "");
	if (x.bye) {
		/* The reason goes out as ASCII (OpenSSH's client prints its
		 * other bytes as octal escapes): French without accents. */
		char plain[sizeof x.byebuf];

		ssh_session_set_disconnect_message(s, util_ascii(x.bye,
		    plain, sizeof plain));
	}
	/* libssh writes the DISCONNECT only if the socket is known to be
	 * writable, and closes right after: drain what is queued, then let
	 * one poll mark the socket writable, so the client reads the why. */
	if (x.authed)
		ssh_blocking_flush(s, 2000);
	/* What the client sent since no longer matters; reading it here
	 * keeps libssh from answering it, so the poll below only marks the
	 * socket writable and the DISCONNECT goes out at once. */
	drain_input(ssh_get_fd(s));
	ssh_event_dopoll(x.ev, 50);
	ssh_event_remove_session(x.ev, s);
	ssh_event_free(x.ev);
	linger = dup(ssh_get_fd(s));
	ssh_disconnect(s);
	linger_close(linger);
	free(x.cmd);
	buf_free(&x.in);
	return 0;
}
