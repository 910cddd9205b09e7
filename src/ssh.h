/* ssh.h: the embedded SSH server (`cercle serve`): listener, one process
 * per connection, member commands over exec, session slots and logging.
 * Calls only the hub and the CLI; never touches LMDB or msgpack itself.
 *
 * Names use the prefix sshd_ because libssh owns ssh_*.
 *
 * Process rules: the listener never opens the store. Each connection is a
 * child forked after accept(); it opens the store itself (hub_open) only
 * for the duration of a key lookup, so nothing it forks (the TUI on a pty,
 * an exec command) ever inherits an open environment. */
#ifndef CERCLE_SSH_H
#define CERCLE_SSH_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* Everything `cercle serve` can be told; sshd_conf_default() fills it. */
struct sshd_conf {
	char db[4096];		/* database directory (absolute) */
	char addr[128];		/* listen address */
	int port;
	char host_key[4200];	/* Ed25519 host key, made on first start */
	int login_grace;	/* seconds to authenticate */
	int max_auth_tries;	/* refused keys before disconnect */
	int idle_timeout;	/* seconds without input; 0 = never */
	int keepalive;		/* seconds between liveness probes; 0 = off */
	int keepalive_max;	/* unanswered probes before dropping */
	int max_sessions;	/* authenticated sessions in all */
	int max_per_member;	/* authenticated sessions per member */
	int max_startups;	/* connections not yet authenticated */
	int use_syslog;		/* also log to syslog (LOG_AUTH) */
	char self[4096];	/* this program, for the TUI (/proc/self/exe) */
};

/* ---- ssh-server.c: listener, host key, logging ---- */

void sshd_conf_default(struct sshd_conf *cf, const char *db);
/* "ADDR:PORT", "[v6]:PORT" or ":PORT"; 0 or ERR_USAGE. */
int sshd_parse_listen(struct sshd_conf *cf, const char *s, struct err *e);
/* Run the listener until SIGTERM or SIGINT. Returns an ERR_* code. */
int sshd_serve(struct sshd_conf *cf, struct err *e);
/* One log line, "cercle[pid]: ..." on stderr (and syslog if enabled).
 * Never given a secret: keys appear only as their fingerprint. */
void sshd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sshd_log_init(int use_syslog);

/* ---- ssh-session.c: one connection, in its own process ---- */

struct ssh_session_struct;
/* Serve one accepted connection; returns the process exit status. */
int sshd_session_run(const struct sshd_conf *cf,
    struct ssh_session_struct *session, const char *peer);

/* ---- ssh-exec.c: the member commands available over exec ---- */

#define SSHD_MAXARGS 32
/* Split a command line (words, '...' and "..." quoting, backslash) and map
 * it to the CLI arguments that run it: "agenda" -> "agenda", "needs" ->
 * "need list", "show 12" -> "proposal show 12", ... argv points into buf.
 * Returns 0, or ERR_USAGE with a one-line reason for the client. */
int sshd_exec_map(const char *line, const char *login, char *buf,
    size_t bufn, char **argv, int *argc, struct err *e);
/* The CLI command names sshd_exec_map() may produce, NULL-ended. */
extern const char *const sshd_exec_allowed[];
/* One line listing the commands, for refusals and help. */
extern const char sshd_exec_help[];

/* ---- ssh-slots.c: session accounting across processes ---- */

/* Claim a slot for login in DIR/ssh-sessions (flock'ed; slots of dead
 * processes are reclaimed). 0 on success; ERR_REFUSED with the message
 * for the client when a limit is reached; ERR_SYSTEM on I/O errors. */
int sshd_slot_claim(const struct sshd_conf *cf, const char *login,
    struct err *e);
/* Free this process's slot (at session end). */
void sshd_slot_release(const struct sshd_conf *cf);
/* Count live slots (for tests and the log); -1 on error. */
int sshd_slot_count(const struct sshd_conf *cf, const char *login);

#endif
