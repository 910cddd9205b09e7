/* ssh-session.c: one SSH connection in its own process: public-key
 * authentication against the member store, one session channel, the TUI
 * on a pty or one member command, relayed without ever blocking on the
 * client. Uses the libssh callback API only (no ssh_message_*); opens the
 * store only for key lookups, so nothing forked here inherits it. */
#include "ssh.h"
#include "hub.h"
#include "cli.h"
#include "codec.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <netinet/in.h>
#include <linux/tcp.h>	/* tcpi_bytes_received */
#include <poll.h>
#include <stdarg.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

#define IN_CAP		65536	/* client keystrokes waiting for the pty */
#define READ_CHUNK	32768	/* largest read from the TUI per write */
#define MAX_ENV		16

enum want { WANT_NONE, WANT_SHELL, WANT_EXEC };

/* An output of the child (pty master, or exec stdout / stderr). */
struct source {
	int fd;
	int is_stderr;
	short events;		/* registered in the event; 0: not */
	int eof;
};

struct sess {
	const struct sshd_conf *cf;
	ssh_session s;
	ssh_event ev;
	const char *peer;
	char user[80];		/* the login name the client gave (shown) */
	char login[MAX_LOGIN + 1];
	char fp[96];
	int authed;
	int tries;
	int slot;		/* a session slot is held */
	char refused[512];	/* why no slot: told on the channel */
	time_t start;

	ssh_channel ch;
	struct ssh_channel_callbacks_struct ccb;
	int pty;
	char term[64];
	struct winsize ws;
	char env[MAX_ENV][80];	/* "LANG=..." accepted from the client */
	int nenv;
	int env_refused;	/* a flood of them ends the connection */
	enum want want;
	char *cmd;		/* exec command line */
	int started;

	pid_t child;
	int child_status;
	int child_done;
	struct source src[2];	/* [0] pty or stdout, [1] stderr */
	int nsrc;
	int master;		/* pty master, -1 without a pty */
	struct buf in;		/* client -> pty, not yet written */
	time_t ended;		/* exit status sent at */
	time_t authed_at;

	time_t last_input;
	time_t next_probe;
	uint64_t rx_bytes;
	int missed;

	int closing;		/* end the loop */
	time_t winding;		/* the interface was asked to leave at */
	const char *bye;	/* disconnect message, NULL for none */
	char byebuf[600];
};

/* Set by SIGTERM from the listener. */
static volatile sig_atomic_t sess_stop;
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
sess_bye(struct sess *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sess_bye(struct sess *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->byebuf, sizeof x->byebuf, fmt, ap);
	va_end(ap);
	x->bye = x->byebuf;
	x->closing = 1;
}

/* End the session for a reason of ours. A running interface is first
 * asked to leave (SIGTERM: it saves its draft and restores the client's
 * screen, which we still relay); the loop then disconnects with the
 * message once it has gone, or after 2 s. */
static void
sess_wind_down(struct sess *x, const char *why)
{
	if (x->pty && x->child > 0 && !x->child_done) {
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
static void
sess_say(struct sess *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sess_say(struct sess *x, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (x->ch == NULL || !ssh_channel_is_open(x->ch))
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 2, fmt, ap);
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
key_owner(const struct sess *x, const char *fp, char *login, size_t n,
    struct err *e)
{
	struct hub *h;
	struct store_txn *t;
	struct member m;
	int rc;

	if ((rc = hub_open(x->cf->db, 0, &h, e)) != 0)
		return rc;
	if ((rc = hub_read(h, &t, e)) == 0) {
		rc = hub_member_by_fp(t, fp, &m, e);
		hub_read_end(t);
		if (rc == 0) {
			snprintf(login, n, "%s", m.login ? m.login : "");
			if (m.disabled)
				rc = err_set(e, ERR_REFUSED, "member %s is "
				    "disabled", login);
			codec_free(RT_MEMBER, &m);
		}
	}
	hub_close(h);
	return rc;
}

static void
count_failure(struct sess *x)
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
	struct sess *x = ud;
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
	sshd_log("%s: accepted %s as %s (user '%s')", x->peer, fp, login,
	    x->user);
	return SSH_AUTH_SUCCESS;
}

static int
auth_none(ssh_session s, const char *user, void *ud)
{
	struct sess *x = ud;

	(void)s;
	util_safe(user ? user : "", x->user, sizeof x->user);
	return SSH_AUTH_DENIED;
}

static int
auth_password(ssh_session s, const char *user, const char *pw, void *ud)
{
	struct sess *x = ud;

	(void)s;
	(void)pw;	/* never logged */
	util_safe(user ? user : "", x->user, sizeof x->user);
	sshd_log("%s: password refused (user '%s'): keys only", x->peer,
	    x->user);
	count_failure(x);
	return SSH_AUTH_DENIED;
}

/* ---- the channel ---- */

static int term_known(const char *term);

static int
ch_pty(ssh_session s, ssh_channel ch, const char *term, int w, int h,
    int pw, int ph, void *ud)
{
	struct sess *x = ud;

	(void)s;
	(void)ch;
	if (x->pty || x->started)
		return -1;
	x->pty = 1;
	if (term_known(term))
		snprintf(x->term, sizeof x->term, "%s", term);
	else if (term_known("xterm-256color"))
		snprintf(x->term, sizeof x->term, "xterm-256color");
	else
		snprintf(x->term, sizeof x->term, "vt100");
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
	struct sess *x = ud;

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
	struct sess *x = ud;

	(void)s;
	(void)ch;
	if (x->want != WANT_NONE)
		return -1;
	x->want = WANT_SHELL;
	return 0;
}

static int
ch_exec(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct sess *x = ud;

	(void)s;
	(void)ch;
	if (x->want != WANT_NONE)
		return -1;
	x->want = WANT_EXEC;
	x->cmd = xstrdup(command);
	return 0;
}

static int
ch_subsystem(ssh_session s, ssh_channel ch, const char *name, void *ud)
{
	struct sess *x = ud;
	char safe[64];

	(void)s;
	(void)ch;
	sshd_log("%s: %s: subsystem '%s' refused", x->peer, x->login,
	    util_safe(name, safe, sizeof safe));
	sess_say(x, "cercle: no subsystem here (not '%s'): only the "
	    "interface and member commands", safe);
	return -1;
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
	struct sess *x = ud;
	char safe[64];

	(void)s;
	(void)ch;
	if ((strcmp(name, "LANG") == 0 || (strncmp(name, "LC_", 3) == 0 &&
	    env_value_ok(name + 3))) && env_value_ok(value) &&
	    x->nenv < MAX_ENV && !x->started) {
		snprintf(x->env[x->nenv++], sizeof x->env[0], "%s=%s", name,
		    value);
		return 0;
	}
	if (++x->env_refused > 2 * MAX_ENV) {
		sess_bye(x, "too many refused requests");
		return -1;
	}
	util_safe(name, safe, sizeof safe);
	sshd_log("%s: %s: environment variable '%s' refused", x->peer,
	    x->login, safe);
	sess_say(x, "cercle: environment variable %s refused (only LANG "
	    "and LC_*)", safe);
	return -1;
}

static void
in_flush(struct sess *x)
{
	ssize_t k;

	while (x->master >= 0 && x->in.len > 0) {
		k = write(x->master, x->in.p, x->in.len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		memmove(x->in.p, x->in.p + k, x->in.len - (size_t)k);
		x->in.len -= (size_t)k;
	}
}

static int
ch_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *ud)
{
	struct sess *x = ud;
	size_t room, take;

	(void)s;
	(void)ch;
	(void)is_stderr;
	x->last_input = time(NULL);
	if (!x->pty)
		return (int)len;	/* exec reads no input */
	room = x->in.len < IN_CAP ? IN_CAP - x->in.len : 0;
	take = len < room ? len : room;
	if (take > 0)
		buf_add(&x->in, data, take);
	in_flush(x);
	/* What we did not take stays in libssh and holds the window. */
	return (int)take;
}

static void
ch_close(ssh_session s, ssh_channel ch, void *ud)
{
	struct sess *x = ud;

	(void)s;
	(void)ch;
	x->closing = 1;
}

static ssh_channel
open_session(ssh_session s, void *ud)
{
	struct sess *x = ud;

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
	/* Agent and X11 requests have no callback: libssh refuses them. */
	ssh_callbacks_init(&x->ccb);
	ssh_set_channel_callbacks(x->ch, &x->ccb);
	return x->ch;
}

/* ---- children: the TUI on a pty, or one command ---- */

static int
term_known(const char *term)
{
	static const char *const dirs[] = { "/etc/terminfo", "/lib/terminfo",
	    "/usr/share/terminfo", NULL };
	char path[256];
	size_t n;

	if (term == NULL || (n = strlen(term)) == 0 || n > 60 ||
	    term[0] == '.')
		return 0;
	for (const char *p = term; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '+' || *p == '_'))
			return 0;
	for (size_t i = 0; dirs[i]; i++) {
		snprintf(path, sizeof path, "%s/%c/%s", dirs[i], term[0],
		    term);
		if (access(path, R_OK) == 0)
			return 1;
		snprintf(path, sizeof path, "%s/%02x/%s", dirs[i],
		    (unsigned char)term[0], term);
		if (access(path, R_OK) == 0)
			return 1;
	}
	return 0;
}

/* Is this "LANG=..." value a UTF-8 locale this host has? */
static int
locale_utf8(const char *v)
{
	locale_t l;

	if (strcasestr(v, "utf-8") == NULL && strcasestr(v, "utf8") == NULL)
		return 0;
	if ((l = newlocale(LC_ALL_MASK, v, (locale_t)0)) == (locale_t)0)
		return 0;
	freelocale(l);
	return 1;
}

/* The child's environment: only what the interface needs; UTF-8 forced. */
static void
child_env(const struct sess *x)
{
	const char *keep[] = { "HOME", "TZ", "CERCLE_NOW", NULL };
	char saved[3][256];
	int has_lang = 0;

	for (int i = 0; keep[i]; i++) {
		const char *v = getenv(keep[i]);
		snprintf(saved[i], sizeof saved[i], "%s", v ? v : "");
	}
	clearenv();
	for (int i = 0; keep[i]; i++)
		if (saved[i][0])
			setenv(keep[i], saved[i], 1);
	setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
	if (x->pty)
		setenv("TERM", x->term, 1);
	for (int i = 0; i < x->nenv; i++) {
		char name[40];
		const char *eq = strchr(x->env[i], '=');
		size_t nl = (size_t)(eq - x->env[i]);

		if (nl >= sizeof name || !locale_utf8(eq + 1))
			continue;
		memcpy(name, x->env[i], nl);
		name[nl] = '\0';
		setenv(name, eq + 1, 1);
		if (strcmp(name, "LANG") == 0 || strcmp(name, "LC_ALL") == 0)
			has_lang = 1;
	}
	if (!has_lang)
		setenv("LANG", "C.UTF-8", 1);
	setenv("CERCLE_SSH", "1", 1);
}

static void
child_signals(void)
{
	struct sigaction sa;
	sigset_t all;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	alarm(0);
}

static void
source_add(struct sess *x, int fd, int is_stderr)
{
	struct source *src = &x->src[x->nsrc++];

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	src->fd = fd;
	src->is_stderr = is_stderr;
	src->events = 0;
	src->eof = 0;
}

static int
start_shell(struct sess *x)
{
	int master, slave;
	pid_t pid;

	if (openpty(&master, &slave, NULL, NULL, &x->ws) != 0) {
		sshd_log("%s: %s: openpty: %s", x->peer, x->login,
		    strerror(errno));
		sess_say(x, "cercle: no terminal available on the server");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(master);
		close(slave);
		sess_say(x, "cercle: the server cannot start a session");
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { "cercle", "--db", (char *)x->cf->db, "tui",
		    "--member", x->login, NULL };

		close(master);
		child_signals();
		if (login_tty(slave) != 0)
			_exit(ERR_SYSTEM);
		closefrom(3);
		child_env(x);
		execv(x->cf->self, argv);
		dprintf(2, "cercle: cannot start the interface: %s\r\n",
		    strerror(errno));
		_exit(ERR_SYSTEM);
	}
	close(slave);
	x->child = pid;
	x->master = master;
	source_add(x, master, 0);
	sshd_log("%s: %s: session %d: interface on a %dx%d pty, TERM=%s",
	    x->peer, x->login, (int)pid, x->ws.ws_col, x->ws.ws_row, x->term);
	return 0;
}

static int
start_exec(struct sess *x)
{
	char buf[8192], *argv[SSHD_MAXARGS];
	char safe[200];
	int argc, out[2], errp[2], devnull;
	struct err e;
	pid_t pid;

	err_clear(&e);
	util_safe(x->cmd, safe, sizeof safe);
	if (sshd_exec_map(x->cmd, x->login, buf, sizeof buf, argv, &argc,
	    &e) != 0) {
		sshd_log("%s: %s: command refused: %s", x->peer, x->login,
		    safe);
		sess_say(x, "cercle: %s", e.msg);
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(errp, O_CLOEXEC) != 0) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		return -1;
	}
	if (pid == 0) {
		int rc;

		child_signals();
		devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(out[1], 1);
		dup2(errp[1], 2);
		closefrom(3);
		child_env(x);
		setlocale(LC_ALL, "");
		rc = cli_exec_as(x->cf->db, x->login, argc, argv,
		    sshd_exec_allowed);
		fflush(stdout);
		fflush(stderr);
		_exit(rc);
	}
	close(out[1]);
	close(errp[1]);
	x->child = pid;
	source_add(x, out[0], 0);
	source_add(x, errp[0], 1);
	sshd_log("%s: %s: command: %s", x->peer, x->login, safe);
	return 0;
}

/* Send the exit status and close; the loop then waits a moment for the
 * client's own close so nothing queued is lost. */
static void
end_channel(struct sess *x, int status)
{
	if (x->ch != NULL && ssh_channel_is_open(x->ch)) {
		ssh_channel_request_send_exit_status(x->ch, status);
		ssh_channel_send_eof(x->ch);
		ssh_channel_close(x->ch);
	}
	x->ended = time(NULL);
}

static void
start_pending(struct sess *x)
{
	int rc;

	if (x->started || x->want == WANT_NONE || x->ch == NULL)
		return;
	x->started = 1;
	if (x->refused[0]) {
		sess_say(x, "cercle: %s", x->refused);
		end_channel(x, 1);
		return;
	}
	if (x->want == WANT_SHELL && !x->pty) {
		sshd_log("%s: %s: shell without a pty refused", x->peer,
		    x->login);
		sess_say(x, "cercle: the interface needs a terminal: use "
		    "'ssh -t', or give a command (%s)", sshd_exec_help);
		end_channel(x, 1);
		return;
	}
	rc = x->want == WANT_SHELL ? start_shell(x) : start_exec(x);
	if (rc != 0)
		end_channel(x, 1);
}

/* ---- relaying the child's output ---- */

static int
source_cb(socket_t fd, int revents, void *ud)
{
	struct sess *x = ud;
	char buf[READ_CHUNK], conv[2 * READ_CHUNK];
	struct source *src = NULL;
	uint32_t win;
	size_t want, n, j;
	ssize_t k;

	for (int i = 0; i < x->nsrc; i++)
		if (x->src[i].fd == fd)
			src = &x->src[i];
	if (revents & POLLOUT)
		in_flush(x);
	if (src == NULL || src->eof || x->ch == NULL ||
	    !(revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	win = ssh_channel_window_size(x->ch);
	if (win == 0)
		return 0;	/* the main loop stops polling this source */
	want = sizeof buf;
	/* Room for \n -> \r\n when an exec runs under the client's pty. */
	if (x->pty && x->master < 0)
		want = sizeof buf / 2 + 1;
	if (want > win)
		want = win;
	k = read(fd, buf, want > sizeof buf ? sizeof buf : want);
	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (k <= 0) {
		/* EIO from a pty master: every slave side is closed. */
		src->eof = 1;
		return 0;
	}
	n = (size_t)k;
	if (x->pty && x->master < 0) {
		for (j = 0, k = 0; j < n; j++) {
			if (buf[j] == '\n')
				conv[k++] = '\r';
			conv[k++] = buf[j];
		}
		n = (size_t)k;
		if (n > win)
			n = win;	/* a rare clip beats a blocked session */
		memcpy(buf, conv, n);
	}
	/* One read of the TUI's frame, one channel write. */
	if (src->is_stderr)
		ssh_channel_write_stderr(x->ch, buf, (uint32_t)n);
	else
		ssh_channel_write(x->ch, buf, (uint32_t)n);
	return 0;
}

/* Poll each source for reading only while the client's window has room
 * (a stalled client stops the reads, and the pty then holds the TUI back),
 * and the master for writing while keystrokes wait. */
static void
source_enable(struct sess *x)
{
	uint32_t win = x->ch ? ssh_channel_window_size(x->ch) : 0;

	for (int i = 0; i < x->nsrc; i++) {
		struct source *src = &x->src[i];
		short ev = 0;

		if (!src->eof && win > 0)
			ev |= POLLIN;
		if (src->fd == x->master && !src->eof && x->in.len > 0)
			ev |= POLLOUT;
		if (ev == src->events)
			continue;
		if (src->events)
			ssh_event_remove_fd(x->ev, src->fd);
		src->events = 0;
		if (ev && ssh_event_add_fd(x->ev, src->fd, ev, source_cb, x) ==
		    SSH_OK)
			src->events = ev;
	}
}

static void
child_reap(struct sess *x)
{
	int st;

	if (x->child <= 0 || x->child_done)
		return;
	if (waitpid(x->child, &st, WNOHANG) == x->child) {
		x->child_done = 1;
		if (WIFEXITED(st))
			x->child_status = WEXITSTATUS(st);
		else
			x->child_status = 128 + WTERMSIG(st);
	}
}

static void
child_kill(struct sess *x)
{
	if (x->child <= 0 || x->child_done)
		return;
	/* The TUI leads its own session: hang up its whole group. */
	kill(x->pty ? -x->child : x->child, x->pty ? SIGHUP : SIGTERM);
	for (int i = 0; i < 30 && !x->child_done; i++) {
		usleep(50000);
		child_reap(x);
	}
	if (!x->child_done) {
		kill(-x->child, SIGKILL);
		kill(x->child, SIGKILL);
		waitpid(x->child, NULL, 0);
		x->child_done = 1;
	}
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

static void
check_peer(struct sess *x, time_t now)
{
	uint64_t rx;

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
check_time(struct sess *x, time_t now)
{
	char why[80];

	if (x->cf->idle_timeout > 0 && x->started && !x->winding &&
	    now - x->last_input >= x->cf->idle_timeout) {
		sshd_log("%s: %s: idle for %d s, disconnecting", x->peer,
		    x->login, x->cf->idle_timeout);
		snprintf(why, sizeof why, "idle for %d s, disconnecting",
		    x->cf->idle_timeout);
		if (x->ch != NULL && x->master < 0)
			sess_say(x, "cercle: %s", why);
		sess_wind_down(x, why);
	}
	check_peer(x, now);
}

static void
claim_slot(struct sess *x)
{
	struct err e;

	err_clear(&e);
	if (sshd_slot_claim(x->cf, x->login, &e) != 0) {
		sshd_log("%s: %s: session refused: %s", x->peer, x->login,
		    e.msg);
		/* Said on the channel when it comes (a clean exit status 1),
		 * else as the disconnect message. */
		snprintf(x->refused, sizeof x->refused, "%s", e.msg);
	}
	x->slot = 1;
}

/* Has the child finished and its output all been sent? */
static int
child_finished(struct sess *x)
{
	for (int i = 0; i < x->nsrc; i++)
		if (!x->src[i].eof)
			return 0;
	return x->child_done;
}

static int
link_closed(struct sess *x)
{
	return (ssh_get_status(x->s) & (SSH_CLOSED | SSH_CLOSED_ERROR)) != 0;
}

static void
session_loop(struct sess *x)
{
	time_t now, eof_since = 0;

	while (!x->closing) {
		int busy = x->child > 0 && !x->child_done;

		if (sess_stop && !x->winding) {
			sess_wind_down(x, "the server is shutting down");
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
		in_flush(x);
		child_reap(x);
		if (x->child > 0) {
			int all_eof = 1;
			for (int i = 0; i < x->nsrc; i++)
				all_eof &= x->src[i].eof;
			if (x->child_done && !all_eof && eof_since == 0)
				eof_since = now;
			if (x->winding && (child_finished(x) ||
			    now - x->winding >= 2)) {
				x->bye = x->byebuf;
				break;
			}
			if (child_finished(x) || (eof_since &&
			    now - eof_since >= 2)) {
				end_channel(x, x->child_status);
				continue;
			}
		}
		source_enable(x);
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
	struct sess x;
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
		alarm(0);
		sshd_log("%s: key exchange failed: %s", peer, ssh_get_error(s));
		return ERR_SYSTEM;
	}
	alarm(0);
	ssh_set_blocking(s, 0);
	x.ev = ssh_event_new();
	ssh_event_add_session(x.ev, s);
	x.last_input = time(NULL);
	x.next_probe = x.last_input + cf->keepalive;

	session_loop(&x);

	/* Closing the master hangs up the TUI; child_kill makes sure. */
	for (int i = 0; i < x.nsrc; i++) {
		if (x.src[i].events)
			ssh_event_remove_fd(x.ev, x.src[i].fd);
		close(x.src[i].fd);
	}
	x.master = -1;
	child_kill(&x);
	if (x.slot && !x.refused[0])
		sshd_slot_release(cf);
	if (x.authed)
		sshd_log("%s: %s: session closed after %lds%s%s", peer, x.login,
		    (long)(time(NULL) - x.start), x.bye ? ": " : "",
		    x.bye ? x.bye : "");
	if (x.bye)
		ssh_session_set_disconnect_message(s, x.bye);
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
