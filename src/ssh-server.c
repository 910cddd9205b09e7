/* ssh-server.c: `cercle serve`: the host key, the listening socket, one
 * forked process per connection, and the log. The listener never opens
 * the store and never speaks SSH itself: children do both after fork. */
#include "ssh.h"
#include "hub.h"
#include "i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/mman.h>
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
	/* OpenSSH's MaxStartups 10:30:100, scaled to this hub's size. */
	cf->startups_begin = 10;
	cf->startups_rate = 30;
	cf->max_startups = 60;
	cf->per_source = 10;
	/* The safest set libssh 0.10 offers: no NIST-curve ECDH, no SHA-1,
	 * AEAD ciphers first, and encrypt-then-MAC MACs only (the CTR
	 * ciphers are used only with those). */
	snprintf(cf->kex, sizeof cf->kex, "%s", SSHD_DEFAULT_KEX);
	snprintf(cf->ciphers, sizeof cf->ciphers, "%s", SSHD_DEFAULT_CIPHERS);
	snprintf(cf->macs, sizeof cf->macs, "%s", SSHD_DEFAULT_MACS);
	snprintf(cf->hostkeys, sizeof cf->hostkeys, "%s",
	    SSHD_DEFAULT_HOSTKEYS);
	snprintf(cf->self, sizeof cf->self, "/proc/self/exe");
}

int
sshd_parse_startups(struct sshd_conf *cf, const char *s, struct err *e)
{
	unsigned b, r, f;
	char tail;

	if (sscanf(s, "%u:%u:%u%c", &b, &r, &f, &tail) == 3) {
		if (b < 1 || f < b || f > 1000 || r > 100)
			return err_set(e, ERR_USAGE, "--max-startups START:"
			    "RATE:FULL needs 1 <= START <= FULL <= 1000 and "
			    "RATE <= 100");
	} else if (sscanf(s, "%u%c", &f, &tail) == 1 && f >= 1 && f <= 1000) {
		b = f;
		r = 100;
	} else
		return err_set(e, ERR_USAGE, "--max-startups takes N or START:"
		    "RATE:FULL (like 10:30:60), not '%.40s'", s);
	cf->startups_begin = (int)b;
	cf->startups_rate = (int)r;
	cf->max_startups = (int)f;
	return 0;
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

/* The algorithm lists on the bind (each connection inherits them);
 * libssh refuses a list with nothing it knows. */
static int
bind_algorithms(ssh_bind bind, const struct sshd_conf *cf, struct err *e)
{
	static const struct {
		enum ssh_bind_options_e opt;
		const char *what;
		size_t off;
	} alg[] = {
		{ SSH_BIND_OPTIONS_KEY_EXCHANGE, "--kex",
		    offsetof(struct sshd_conf, kex) },
		{ SSH_BIND_OPTIONS_CIPHERS_C_S, "--ciphers",
		    offsetof(struct sshd_conf, ciphers) },
		{ SSH_BIND_OPTIONS_CIPHERS_S_C, "--ciphers",
		    offsetof(struct sshd_conf, ciphers) },
		{ SSH_BIND_OPTIONS_HMAC_C_S, "--macs",
		    offsetof(struct sshd_conf, macs) },
		{ SSH_BIND_OPTIONS_HMAC_S_C, "--macs",
		    offsetof(struct sshd_conf, macs) },
		{ SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, "--hostkey-algorithms",
		    offsetof(struct sshd_conf, hostkeys) },
	};

	for (size_t i = 0; i < sizeof alg / sizeof alg[0]; i++) {
		const char *v = (const char *)cf + alg[i].off;

		if (ssh_bind_options_set(bind, alg[i].opt, v) != SSH_OK)
			return err_set(e, ERR_USAGE, "%s '%.200s': %s",
			    alg[i].what, v, *ssh_get_error(bind) ?
			    ssh_get_error(bind) : "no algorithm libssh knows");
	}
	return 0;
}

int
sshd_check(const struct sshd_conf *cf, FILE *out, struct err *e)
{
	ssh_bind bind;
	int rc;

	ssh_init();
	if ((bind = ssh_bind_new()) == NULL)
		return err_set(e, ERR_SYSTEM, "cannot set up libssh");
	rc = bind_algorithms(bind, cf, e);
	ssh_bind_free(bind);
	if (rc != 0)
		return rc;
	fprintf(out, "listen %s:%d\nhost-key %s\n", cf->addr, cf->port,
	    cf->host_key);
	fprintf(out, "kex %s\nciphers %s\nmacs %s\nhostkey-algorithms %s\n",
	    cf->kex, cf->ciphers, cf->macs, cf->hostkeys);
	fprintf(out, "login-grace %d\nmax-auth-tries %d\nidle-timeout %d\n"
	    "keepalive %d\nkeepalive-max %d (a silent peer is dropped after "
	    "%d s)\n", cf->login_grace, cf->max_auth_tries, cf->idle_timeout,
	    cf->keepalive, cf->keepalive_max, cf->keepalive *
	    (cf->keepalive_max + 1));
	fprintf(out, "max-sessions %d\nmax-per-member %d\nmax-startups "
	    "%d:%d:%d\nper-source-startups %d\n", cf->max_sessions,
	    cf->max_per_member, cf->startups_begin, cf->startups_rate,
	    cf->max_startups, cf->per_source);
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

/* The listener's children, in memory shared with them: a child marks
 * itself authenticated (sshd_mark_authed), so that only the others count
 * against the startup limits. Only the listener writes pid and src. */
struct kid {
	pid_t pid;
	volatile sig_atomic_t authed;
	char src[INET6_ADDRSTRLEN];
};

struct children {
	struct kid *v;		/* shared mapping, cap entries */
	size_t cap, n;
};

/* In a child: its own entry's flag. */
static volatile sig_atomic_t *my_authed;

void
sshd_mark_authed(void)
{
	if (my_authed != NULL)
		*my_authed = 1;
}

static void
children_reap(struct children *c)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (size_t i = 0; i < c->cap; i++)
			if (c->v[i].pid == pid) {
				c->v[i].pid = 0;
				c->n--;
				break;
			}
}

/* ---- refusing before authentication ---- */

enum refusal { REF_FULL, REF_STARTUPS, REF_SOURCE, REF_DROP, REF__N };

/* Refusals are logged one in full per window, the rest counted. */
#define REFUSE_LOG_WINDOW 10
static struct {
	time_t since;
	int n[REF__N];
} reflog;

static void
refusals_flush(time_t now, int force)
{
	int sum = 0;

	for (int i = 0; i < REF__N; i++)
		sum += reflog.n[i];
	if (reflog.since == 0 || (!force && now - reflog.since <
	    REFUSE_LOG_WINDOW))
		return;
	if (sum > 0)
		sshd_log("refused %d more connection%s in the last %ld s "
		    "(limit in all: %d, not logged in: %d, per address: %d, "
		    "early drop: %d)", sum, sum == 1 ? "" : "s",
		    (long)(now - reflog.since), reflog.n[REF_FULL],
		    reflog.n[REF_STARTUPS], reflog.n[REF_SOURCE],
		    reflog.n[REF_DROP]);
	memset(&reflog, 0, sizeof reflog);
}

static void
refusal_log(enum refusal kind, const char *peer, const char *why)
{
	time_t now = time(NULL);

	refusals_flush(now, 0);
	if (reflog.since == 0) {
		reflog.since = now;
		sshd_log("connection from %s refused: %s", peer, why);
		return;
	}
	reflog.n[kind]++;
}

/* Sockets refused: our banner and a DISCONNECT are sent, our side is
 * shut; what the client sends is read and dropped until it closes, so
 * the close is a FIN (a reset could destroy the message). */
#define LINGER_MAX 64
static struct {
	int fd;
	time_t until;
} lingering[LINGER_MAX];
static int nlinger;

static void
linger_drop(int i)
{
	close(lingering[i].fd);
	lingering[i] = lingering[--nlinger];
}

static void
linger_add(int fd)
{
	if (nlinger == LINGER_MAX) {
		int old = 0;
		for (int i = 1; i < nlinger; i++)
			if (lingering[i].until < lingering[old].until)
				old = i;
		linger_drop(old);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	lingering[nlinger].fd = fd;
	lingering[nlinger].until = time(NULL) + 3;
	nlinger++;
}

static void
linger_service(const struct pollfd *p, int np)
{
	char junk[4096];
	time_t now = time(NULL);

	for (int k = 0; k < np; k++) {
		if (!(p[k].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		for (int i = 0; i < nlinger; i++)
			if (lingering[i].fd == p[k].fd) {
				ssize_t r = read(p[k].fd, junk, sizeof junk);
				if (r == 0 || (r < 0 && errno != EAGAIN &&
				    errno != EINTR))
					linger_drop(i);
				break;
			}
	}
	for (int i = 0; i < nlinger; i++)
		if (now >= lingering[i].until)
			linger_drop(i--);
}

/* The version line, then an unencrypted SSH_MSG_DISCONNECT (allowed
 * before the key exchange): OpenSSH's client prints "Received disconnect
 * from ...: 12: WHY" instead of "Connection reset". */
static void
refuse(int fd, const char *why)
{
	static const char banner[] = "SSH-2.0-cercle\r\n";
	unsigned char pkt[600];
	size_t wl = strlen(why), pl, pad, len, o;

	if (wl > 400)
		wl = 400;
	pl = 1 + 4 + 4 + wl + 4;	/* type, reason, text, language */
	pad = 8 - (4 + 1 + pl) % 8;
	if (pad < 4)
		pad += 8;
	len = 1 + pl + pad;
	memcpy(pkt, banner, sizeof banner - 1);
	o = sizeof banner - 1;
	pkt[o++] = (unsigned char)(len >> 24);
	pkt[o++] = (unsigned char)(len >> 16);
	pkt[o++] = (unsigned char)(len >> 8);
	pkt[o++] = (unsigned char)len;
	pkt[o++] = (unsigned char)pad;
	pkt[o++] = 1;			/* SSH_MSG_DISCONNECT */
	pkt[o++] = 0;
	pkt[o++] = 0;
	pkt[o++] = 0;
	pkt[o++] = 12;			/* TOO_MANY_CONNECTIONS */
	pkt[o++] = (unsigned char)(wl >> 24);
	pkt[o++] = (unsigned char)(wl >> 16);
	pkt[o++] = (unsigned char)(wl >> 8);
	pkt[o++] = (unsigned char)wl;
	memcpy(pkt + o, why, wl);
	o += wl;
	memset(pkt + o, 0, 4 + pad);	/* empty language, padding */
	o += 4 + pad;
	(void)!write(fd, pkt, o);
	shutdown(fd, SHUT_WR);
	linger_add(fd);
}

/* The reason for a refusal of this kind (count: connections counted
 * against the limit; -1 for a full table), in English for the log when
 * tr is 0, else in the server's language for the client (the hub's
 * language unless the environment names another: nobody is logged in
 * yet). */
static void
refusal_text(enum refusal kind, long count, int tr, char *why, size_t n)
{
	const char *fmt;

	switch (kind) {
	case REF_FULL:
		fmt = count < 0 ? N_("too many connections; try again later") :
		    N_("too many connections (%ld open); try again later");
		break;
	case REF_STARTUPS:
		fmt = N_("too many connections not yet logged in (%ld, the "
		    "limit); try again later");
		break;
	case REF_SOURCE:
		fmt = N_("too many connections not yet logged in from your "
		    "address (%ld, the limit); try again later");
		break;
	default:
		fmt = N_("too many connections not yet logged in (%ld, busy); "
		    "try again in a moment");
		break;
	}
	if (tr)
		fmt = gettext(fmt);
	if (count < 0)
		snprintf(why, n, "%s", fmt);
	else
		snprintf(why, n, fmt, count);
}

/* Should this new connection from src be refused? Its kind and the
 * count it was refused on, or 0. */
static int
admit(const struct sshd_conf *cf, const struct children *kids,
    const char *src, enum refusal *kind, long *count)
{
	int unauth = 0, mine = 0;

	for (size_t i = 0; i < kids->cap; i++) {
		if (kids->v[i].pid <= 0 || kids->v[i].authed)
			continue;
		unauth++;
		if (strcmp(kids->v[i].src, src) == 0)
			mine++;
	}
	if (kids->n >= (size_t)(cf->max_sessions + cf->max_startups)) {
		*kind = REF_FULL;
		*count = (long)kids->n;
	} else if (unauth >= cf->max_startups) {
		*kind = REF_STARTUPS;
		*count = unauth;
	} else if (cf->per_source > 0 && mine >= cf->per_source) {
		*kind = REF_SOURCE;
		*count = mine;
	} else if (unauth >= cf->startups_begin &&
	    cf->max_startups > cf->startups_begin) {
		/* OpenSSH's random early drop. */
		int p = cf->startups_rate + (100 - cf->startups_rate) *
		    (unauth - cf->startups_begin) /
		    (cf->max_startups - cf->startups_begin);
		if ((int)(random() % 100) >= p)
			return 0;
		*kind = REF_DROP;
		*count = unauth;
	} else
		return 0;
	return 1;
}

static void
peer_host(const char *peer, char *out, size_t n)
{
	const char *colon = strrchr(peer, ':');
	size_t l = colon ? (size_t)(colon - peer) : strlen(peer);

	snprintf(out, n, "%.*s", (int)l, peer);
}

static void
accept_one(const struct sshd_conf *cf, ssh_bind bind, int lfd,
    struct children *kids)
{
	char peer[96], src[INET6_ADDRSTRLEN], why[400], told[400];
	enum refusal kind = REF_FULL;
	long count = -1;
	size_t slot;
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
	peer_host(peer, src, sizeof src);
	for (slot = 0; slot < kids->cap && kids->v[slot].pid != 0; slot++)
		;
	if (admit(cf, kids, src, &kind, &count) || slot == kids->cap) {
		if (slot == kids->cap) {
			kind = REF_FULL;
			count = -1;
		}
		refusal_text(kind, count, 0, why, sizeof why);
		refusal_text(kind, count, 1, told, sizeof told);
		refusal_log(kind, peer, why);
		/* OpenSSH's client shows a reason's non-ASCII bytes as
		 * octal escapes: French without its accents reads better. */
		refuse(fd, util_ascii(told, why, sizeof why));
		return;
	}
	socket_tune(fd, cf);
	kids->v[slot].authed = 0;
	snprintf(kids->v[slot].src, sizeof kids->v[slot].src, "%s", src);
	pid = fork();
	if (pid < 0) {
		sshd_log("connection from %s: fork: %s", peer,
		    strerror(errno));
		close(fd);
		return;
	}
	if (pid == 0) {
		close(lfd);
		for (int i = 0; i < nlinger; i++)
			close(lingering[i].fd);
		my_authed = &kids->v[slot].authed;
		serve_child(cf, bind, fd, peer);
	}
	close(fd);
	kids->v[slot].pid = pid;
	kids->n++;
}

static void
children_stop(struct children *kids)
{
	for (size_t i = 0; i < kids->cap; i++)
		if (kids->v[i].pid > 0)
			kill(kids->v[i].pid, SIGTERM);
	for (int t = 0; t < 50 && kids->n > 0; t++) {
		usleep(100000);
		children_reap(kids);
	}
	for (size_t i = 0; i < kids->cap; i++)
		if (kids->v[i].pid > 0)
			kill(kids->v[i].pid, SIGKILL);
	children_reap(kids);
}

int
sshd_serve(struct sshd_conf *cf, struct err *e)
{
	struct sigaction sa;
	struct children kids = { NULL, 0, 0 };
	struct pollfd p[1 + LINGER_MAX];
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
	if (bind_algorithms(bind, cf, e) != 0) {
		ssh_bind_free(bind);
		return ERR_USAGE;
	}
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

	kids.cap = (size_t)(cf->max_sessions + cf->max_startups) + 1;
	kids.v = mmap(NULL, kids.cap * sizeof *kids.v, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (kids.v == MAP_FAILED) {
		ssh_bind_free(bind);
		return err_set(e, ERR_SYSTEM, "cannot map the connection "
		    "table: %s", strerror(errno));
	}
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	sshd_log("listening on %s:%d (database %s)", cf->addr, bound, cf->db);
	while (!got_stop) {
		int np = 1;

		if (got_child) {
			got_child = 0;
			children_reap(&kids);
		}
		p[0].fd = lfd;
		p[0].events = POLLIN;
		p[0].revents = 0;
		for (int i = 0; i < nlinger; i++, np++) {
			p[np].fd = lingering[i].fd;
			p[np].events = POLLIN;
			p[np].revents = 0;
		}
		if (poll(p, (nfds_t)np, nlinger ? 200 : 1000) > 0) {
			linger_service(p + 1, np - 1);
			if (p[0].revents & POLLIN)
				accept_one(cf, bind, lfd, &kids);
		} else
			linger_service(p, 0);
		refusals_flush(time(NULL), 0);
	}
	refusals_flush(time(NULL), 1);
	sshd_log("stopping: closing %zu connection%s", kids.n,
	    kids.n == 1 ? "" : "s");
	children_stop(&kids);
	while (nlinger > 0)
		linger_drop(0);
	munmap(kids.v, kids.cap * sizeof *kids.v);
	ssh_bind_free(bind);
	ssh_finalize();
	return 0;
}
