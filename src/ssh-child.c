/* ssh-child.c: what an SSH session runs, the interface on a pty or one
 * member command, and the relay of its output to the channel without ever
 * blocking on the client. Forks and execs; never opens the store. */
#define CERCLE_SSH_INTERNAL
#include "ssh.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmp.h>

#include <libssh/server.h>

/* Is term a plain terminal name with a terminfo entry on this host? A
 * name from the client never becomes a path. */
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

void
sshd_term_pick(const char *term, char *out, size_t n)
{
	if (term_known(term))
		snprintf(out, n, "%s", term);
	else if (term_known("xterm-256color"))
		snprintf(out, n, "xterm-256color");
	else
		snprintf(out, n, "vt100");
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
child_env(const struct sshd_sess *x)
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

		if (nl >= sizeof name)
			continue;
		memcpy(name, x->env[i], nl);
		name[nl] = '\0';
		/* A language with a catalogue passes even if this host lacks
		 * the locale: it chooses the interface's language (i18n.h). */
		if (!locale_utf8(eq + 1) && !(i18n_catalogue(eq + 1) &&
		    (strcmp(name, "LANG") == 0 || strcmp(name, "LC_ALL") == 0 ||
		    strcmp(name, "LC_MESSAGES") == 0)))
			continue;
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
source_add(struct sshd_sess *x, int fd, int is_stderr)
{
	struct sshd_source *src = &x->src[x->nsrc++];

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	src->fd = fd;
	src->is_stderr = is_stderr;
	src->events = 0;
	src->eof = 0;
}

int
sshd_child_shell(struct sshd_sess *x)
{
	int master, slave;
	pid_t pid;

	if (openpty(&master, &slave, NULL, NULL, &x->ws) != 0) {
		sshd_log("%s: %s: openpty: %s", x->peer, x->login,
		    strerror(errno));
		sshd_say(x, "cercle: no terminal available on the server");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(master);
		close(slave);
		sshd_say(x, "cercle: the server cannot start a session");
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
	x->child_leads = 1;
	x->master = master;
	source_add(x, master, 0);
	sshd_log("%s: %s: session %d: interface on a %dx%d pty, TERM=%s",
	    x->peer, x->login, (int)pid, x->ws.ws_col, x->ws.ws_row, x->term);
	return 0;
}

int
sshd_child_exec(struct sshd_sess *x)
{
	char buf[8192], *argv[SSHD_MAXARGS];
	char safe[200];
	int argc, out[2], errp[2], devnull, refused;
	struct err e;
	pid_t pid;

	err_clear(&e);
	util_safe(x->cmd, safe, sizeof safe);
	/* Mapped here for the log; the child maps it again and says why
	 * it is refused, in the member's language (sshd_exec_line). */
	refused = sshd_exec_map(x->cmd, x->login, buf, sizeof buf, argv,
	    &argc, &e) != 0;
	if (refused)
		sshd_log("%s: %s: command refused: %s", x->peer, x->login,
		    safe);
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
		rc = sshd_exec_line(x->cf->db, x->login, x->cmd);
		fflush(stdout);
		fflush(stderr);
		_exit(rc);
	}
	close(out[1]);
	close(errp[1]);
	x->child = pid;
	source_add(x, out[0], 0);
	source_add(x, errp[0], 1);
	if (!refused)
		sshd_log("%s: %s: command: %s", x->peer, x->login, safe);
	return 0;
}

static int
source_cb(socket_t fd, int revents, void *ud)
{
	struct sshd_sess *x = ud;
	char buf[SSHD_READ_CHUNK], conv[2 * SSHD_READ_CHUNK];
	struct sshd_source *src = NULL;
	uint32_t win;
	size_t want, n, j;
	ssize_t k;

	for (int i = 0; i < x->nsrc; i++)
		if (x->src[i].fd == fd)
			src = &x->src[i];
	if (revents & POLLOUT)
		sshd_relay_input(x);
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
void
sshd_relay_poll(struct sshd_sess *x)
{
	uint32_t win = x->ch ? ssh_channel_window_size(x->ch) : 0;

	for (int i = 0; i < x->nsrc; i++) {
		struct sshd_source *src = &x->src[i];
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

void
sshd_relay_input(struct sshd_sess *x)
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

void
sshd_child_reap(struct sshd_sess *x)
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

void
sshd_child_kill(struct sshd_sess *x)
{
	if (x->child <= 0 || x->child_done)
		return;
	/* The TUI leads its own session: hang up its whole group. */
	if (x->child_leads)
		kill(-x->child, SIGHUP);
	else
		kill(x->child, SIGTERM);
	for (int i = 0; i < 30 && !x->child_done; i++) {
		usleep(50000);
		sshd_child_reap(x);
	}
	if (!x->child_done) {
		if (x->child_leads)
			kill(-x->child, SIGKILL);
		kill(x->child, SIGKILL);
		waitpid(x->child, NULL, 0);
		x->child_done = 1;
	}
}

/* Has the child finished and its output all been sent? */
int
sshd_child_finished(struct sshd_sess *x)
{
	for (int i = 0; i < x->nsrc; i++)
		if (!x->src[i].eof)
			return 0;
	return x->child_done;
}
