/* ssh-server.c: `cercle serve`: the host key, the listening socket, one
 * forked process per connection, and the log. The listener never opens
 * the store and never speaks SSH itself: children do both after fork. */
#include "ssh.h"
#include "hub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

/* Process-wide, like openlog(): set once at start. */
static int log_syslog;

/* Set by signal handlers; read by the accept loop. */
static volatile sig_atomic_t got_stop, got_child;

void
sshd_log_init(int use_syslog)
{
	log_syslog = use_syslog;
	if (use_syslog)
		openlog("cercle", LOG_PID | LOG_NDELAY, LOG_AUTH);
}

void
sshd_log(const char *fmt, ...)
{
	char line[1024], ts[32];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* One write() so lines from many processes do not interleave. */
	dprintf(STDERR_FILENO, "%s cercle[%ld]: %s\n", ts, (long)getpid(),
	    line);
	if (log_syslog)
		syslog(LOG_INFO, "%s", line);
}

void
sshd_conf_default(struct sshd_conf *cf, const char *db)
{
	memset(cf, 0, sizeof *cf);
	if (db[0] == '/' || realpath(db, cf->db) == NULL)
		snprintf(cf->db, sizeof cf->db, "%s", db);
	snprintf(cf->addr, sizeof cf->addr, "0.0.0.0");
	cf->port = 2222;
	snprintf(cf->host_key, sizeof cf->host_key, "%s/ssh_host_ed25519_key",
	    cf->db);
	cf->login_grace = 30;
	cf->max_auth_tries = 6;
	cf->idle_timeout = 3600;
	/* A silent peer is dropped after 15 * (2 + 1) = 45 s. */
	cf->keepalive = 15;
	cf->keepalive_max = 2;
	cf->max_sessions = 250;
	cf->max_per_member = 4;
	cf->max_startups = 20;
	snprintf(cf->self, sizeof cf->self, "/proc/self/exe");
}

int
sshd_parse_listen(struct sshd_conf *cf, const char *s, struct err *e)
{
	const char *colon = strrchr(s, ':');
	const char *host = s;
	size_t hl;
	uint64_t port;

	if (colon == NULL)
		return err_set(e, ERR_USAGE, "--listen takes ADDR:PORT, not "
		    "'%.60s'", s);
	hl = (size_t)(colon - s);
	if (hl >= 2 && s[0] == '[' && colon[-1] == ']') {
		host = s + 1;
		hl -= 2;
	}
	if (util_parse_u64(colon + 1, &port) != 0 || port > 65535)
		return err_set(e, ERR_USAGE, "bad port in --listen '%.60s'", s);
	if (hl >= sizeof cf->addr)
		return err_set(e, ERR_USAGE, "address too long in --listen");
	if (hl == 0)
		snprintf(cf->addr, sizeof cf->addr, "0.0.0.0");
	else {
		memcpy(cf->addr, host, hl);
		cf->addr[hl] = '\0';
	}
	cf->port = (int)port;
	return 0;
}

/* Load the host key, making an Ed25519 one (mode 0600) on first start. */
static int
host_key_ready(const struct sshd_conf *cf, struct err *e)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp;
	mode_t old;
	int rc;

	if (access(cf->host_key, F_OK) != 0) {
		if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
			return err_set(e, ERR_SYSTEM, "cannot make a host key");
		old = umask(077);
		rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL,
		    cf->host_key);
		umask(old);
		ssh_key_free(key);
		key = NULL;
		if (rc != SSH_OK)
			return err_set(e, ERR_SYSTEM, "cannot write the host "
			    "key %s", cf->host_key);
		sshd_log("made a new Ed25519 host key in %s", cf->host_key);
	}
	if (ssh_pki_import_privkey_file(cf->host_key, NULL, NULL, NULL,
	    &key) != SSH_OK)
		return err_set(e, ERR_SYSTEM, "cannot read the host key %s",
		    cf->host_key);
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0) {
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash,
		    hlen);
		sshd_log("host key %s %s", ssh_key_type_to_char(
		    ssh_key_type(key)), fp ? fp : "?");
		ssh_string_free_char(fp);
		ssh_clean_pubkey_hash(&hash);
	}
	ssh_key_free(key);
	return 0;
}

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void
on_child(int sig)
{
	(void)sig;
	got_child = 1;
}

static void
peer_name(int fd, char *out, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char host[INET6_ADDRSTRLEN] = "?";
	int port = 0;

	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET) {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
			port = ntohs(a->sin_port);
		} else if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
			port = ntohs(a->sin6_port);
		}
	}
	snprintf(out, n, "%s:%d", host, port);
}

/* Kernel-level liveness for links that vanish without a FIN. */
static void
socket_tune(int fd, const struct sshd_conf *cf)
{
	int on = 1, idle = 60, intvl = 15, cnt = 4;
	unsigned int user_to = 120000;

	if (cf->keepalive > 0) {
		idle = cf->keepalive * 2;
		intvl = cf->keepalive;
		user_to = (unsigned)(cf->keepalive * (cf->keepalive_max + 2)) *
		    1000u;
	}
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_to,
	    sizeof user_to);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

/* The child side of a fork: speak SSH on fd, never return. */
static void
serve_child(const struct sshd_conf *cf, ssh_bind bind, int fd,
    const char *peer)
{
	struct sigaction sa;
	ssh_session s;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	s = ssh_new();
	if (s == NULL || ssh_bind_accept_fd(bind, s, fd) != SSH_OK) {
		sshd_log("connection from %s: cannot start SSH: %s", peer,
		    bind ? ssh_get_error(bind) : "no memory");
		_exit(ERR_SYSTEM);
	}
	ssh_bind_free(bind);
	rc = sshd_session_run(cf, s, peer);
	ssh_free(s);
	ssh_finalize();
	_exit(rc);
}

struct children {
	pid_t *v;
	size_t n, cap;
};

static void
children_reap(struct children *c)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i] == pid) {
				c->v[i] = c->v[--c->n];
				break;
			}
}

static void
accept_one(const struct sshd_conf *cf, ssh_bind bind, int lfd,
    struct children *kids)
{
	char peer[96];
	pid_t pid;
	int fd;

	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED)
			sshd_log("accept: %s", strerror(errno));
		return;
	}
	peer_name(fd, peer, sizeof peer);
	if (kids->n >= (size_t)(cf->max_sessions + cf->max_startups)) {
		static const char msg[] = "SSH-2.0-cercle refused: too many "
		    "connections, try again later\r\n";
		sshd_log("connection from %s refused: %zu connections open",
		    peer, kids->n);
		/* Best effort: the client learns why before the close. */
		(void)!write(fd, msg, sizeof msg - 1);
		close(fd);
		return;
	}
	socket_tune(fd, cf);
	pid = fork();
	if (pid < 0) {
		sshd_log("connection from %s: fork: %s", peer,
		    strerror(errno));
		close(fd);
		return;
	}
	if (pid == 0) {
		close(lfd);
		serve_child(cf, bind, fd, peer);
	}
	close(fd);
	if (kids->n == kids->cap) {
		kids->cap = kids->cap ? kids->cap * 2 : 64;
		kids->v = xrealloc(kids->v, kids->cap * sizeof *kids->v);
	}
	kids->v[kids->n++] = pid;
}

static void
children_stop(struct children *kids)
{
	for (size_t i = 0; i < kids->n; i++)
		kill(kids->v[i], SIGTERM);
	for (int t = 0; t < 50 && kids->n > 0; t++) {
		usleep(100000);
		children_reap(kids);
	}
	for (size_t i = 0; i < kids->n; i++)
		kill(kids->v[i], SIGKILL);
	children_reap(kids);
}

int
sshd_serve(struct sshd_conf *cf, struct err *e)
{
	struct sigaction sa;
	struct children kids = { NULL, 0, 0 };
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	struct hub *h;
	ssh_bind bind;
	char port[16];
	int lfd, bound = 0, verbosity = SSH_LOG_NOLOG;
	bool no = false;

	/* The database must exist; the listener then lets go of it. */
	if (hub_open(cf->db, 0, &h, e) != 0)
		return err_exit_code(e);
	hub_close(h);
	ssh_init();
	if (host_key_ready(cf, e) != 0)
		return ERR_SYSTEM;
	bind = ssh_bind_new();
	if (bind == NULL)
		return err_set(e, ERR_SYSTEM, "cannot set up libssh");
	snprintf(port, sizeof port, "%d", cf->port);
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDADDR, cf->addr);
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDPORT_STR, port);
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_HOSTKEY,
	    cf->host_key) != SSH_OK) {
		err_set(e, ERR_SYSTEM, "cannot use the host key %s: %s",
		    cf->host_key, ssh_get_error(bind));
		ssh_bind_free(bind);
		return ERR_SYSTEM;
	}
	if (ssh_bind_listen(bind) != SSH_OK) {
		err_set(e, ERR_SYSTEM, "cannot listen on %s:%d: %s", cf->addr,
		    cf->port, ssh_get_error(bind));
		ssh_bind_free(bind);
		return ERR_SYSTEM;
	}
	lfd = ssh_bind_get_fd(bind);
	fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
	fcntl(lfd, F_SETFD, FD_CLOEXEC);
	if (getsockname(lfd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET)
			bound = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			bound = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;	/* no SA_RESTART: poll() returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	sshd_log("listening on %s:%d (database %s)", cf->addr, bound, cf->db);
	while (!got_stop) {
		struct pollfd p = { lfd, POLLIN, 0 };

		if (got_child) {
			got_child = 0;
			children_reap(&kids);
		}
		if (poll(&p, 1, 1000) > 0 && (p.revents & POLLIN))
			accept_one(cf, bind, lfd, &kids);
	}
	sshd_log("stopping: closing %zu connection%s", kids.n,
	    kids.n == 1 ? "" : "s");
	children_stop(&kids);
	free(kids.v);
	ssh_bind_free(bind);
	ssh_finalize();
	return 0;
}
