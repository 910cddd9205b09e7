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
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>
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
	/* Connections not yet authenticated, as OpenSSH's MaxStartups
	 * start:rate:full: from start on, refuse rate% growing linearly to
	 * 100% at full (random early drop). */
	int startups_begin, startups_rate, max_startups;
	int per_source;		/* unauthenticated ones from one address */
	/* Algorithms (libssh lists, comma-separated); see sshd_conf_default */
	char kex[512], ciphers[512], macs[512], hostkeys[256];
	int use_syslog;		/* also log to syslog (LOG_AUTH) */
	char self[4096];	/* this program, for the TUI (/proc/self/exe) */
};

/* ---- ssh-server.c: listener, host key, logging ---- */

void sshd_conf_default(struct sshd_conf *cf, const char *db);
#define SSHD_DEFAULT_KEX "curve25519-sha256,curve25519-sha256@libssh.org," \
	"diffie-hellman-group18-sha512,diffie-hellman-group16-sha512"
#define SSHD_DEFAULT_CIPHERS "chacha20-poly1305@openssh.com," \
	"aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes128-ctr"
#define SSHD_DEFAULT_MACS "hmac-sha2-256-etm@openssh.com," \
	"hmac-sha2-512-etm@openssh.com"
#define SSHD_DEFAULT_HOSTKEYS "ssh-ed25519"
/* Check the configuration (the algorithm lists against libssh) and print
 * it, one "name value" a line. 0 or ERR_USAGE naming the bad list. */
int sshd_check(const struct sshd_conf *cf, FILE *out, struct err *e);
/* "N" (start = full = N) or "START:RATE:FULL"; 0 or ERR_USAGE. */
int sshd_parse_startups(struct sshd_conf *cf, const char *s, struct err *e);
/* Tell the listener this connection has authenticated (it then no longer
 * counts against the startup limits). Called in the connection's child. */
void sshd_mark_authed(void);
/* "ADDR:PORT", "[v6]:PORT" or ":PORT"; 0 or ERR_USAGE. */
int sshd_parse_listen(struct sshd_conf *cf, const char *s, struct err *e);
/* Run the listener until SIGTERM or SIGINT. Returns an ERR_* code. */
int sshd_serve(struct sshd_conf *cf, struct err *e);
/* One log line, "cercle[pid]: ..." on stderr (and syslog if enabled).
 * Never given a secret: keys appear only as their fingerprint. */
void sshd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sshd_log_init(int use_syslog);

/* ssh-child.c: TERM for the pty: the client's if this host knows it (and
 * it is a plain name), else xterm-256color, else vt100. Also used by the
 * OpenSSH mode (cercle ssh-command). */
void sshd_term_pick(const char *term, char *out, size_t n);

/* ---- ssh-session.c: one connection, in its own process ---- */

struct ssh_session_struct;
/* Serve one accepted connection, in the child forked for it; returns the
 * process exit status. */
int sshd_session_run(const struct sshd_conf *cf,
    struct ssh_session_struct *session, const char *peer);

/* ---- ssh-session.c and ssh-child.c: one connection's state ---- */

/* Only ssh-session.c and ssh-child.c use what follows (with libssh). */
#ifdef CERCLE_SSH_INTERNAL
#include <sys/ioctl.h>
#include <time.h>
#include <libssh/libssh.h>
#include <libssh/callbacks.h>
#include "model.h"

#define SSHD_IN_CAP		65536	/* client keystrokes waiting for the pty */
#define SSHD_READ_CHUNK	32768	/* largest read from the TUI per write */
#define SSHD_MAX_ENV		16
#define SSHD_TAKEOVER_MS	3000	/* a silent session has this to answer */

enum sshd_want { SSHD_WANT_NONE, SSHD_WANT_SHELL, SSHD_WANT_EXEC };

/* An output of the child (pty master, or exec stdout / stderr). */
struct sshd_source {
	int fd;
	int is_stderr;
	short events;		/* registered in the event; 0: not */
	int eof;
};

struct sshd_sess {
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
	char env[SSHD_MAX_ENV][80];	/* "LANG=..." accepted from the client */
	int nenv;
	int env_refused;	/* a flood of them ends the connection */
	enum sshd_want want;
	char *cmd;		/* exec command line */
	int started;

	pid_t child;
	int child_status;
	int child_done;
	struct sshd_source src[2];	/* [0] pty or stdout, [1] stderr */
	int nsrc;
	int master;		/* pty master, -1 without a pty */
	int child_leads;	/* the child leads its own session (pty) */
	struct buf in;		/* client -> pty, not yet written */
	time_t ended;		/* exit status sent at */
	time_t authed_at;

	time_t last_input;
	time_t next_probe;
	uint64_t rx_bytes;
	int missed;
	uint64_t asked_rx;	/* bytes received when a probe was asked for */
	int asked;		/* a newer login waits for our answer */

	int closing;		/* end the loop */
	time_t winding;		/* the interface was asked to leave at */
	const char *bye;	/* disconnect message, NULL for none */
	char byebuf[600];
};

/* ssh-session.c: one line to the client on the channel's stderr. */
void sshd_say(struct sshd_sess *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ssh-child.c: what runs for the session, and the relay. */
/* Start the interface on a new pty (login_tty, exec /proc/self/exe tui
 * --member LOGIN) or one mapped member command with pipes. 0 or -1 (the
 * client has been told). */
int sshd_child_shell(struct sshd_sess *x);
int sshd_child_exec(struct sshd_sess *x);
/* Register each output for reading while the client's window has room,
 * and the pty for writing while keystrokes wait. */
void sshd_relay_poll(struct sshd_sess *x);
/* Write waiting keystrokes to the pty, as much as it takes now. */
void sshd_relay_input(struct sshd_sess *x);
void sshd_child_reap(struct sshd_sess *x);
/* Hang up the interface's group (or end the command), wait up to 1.5 s,
 * then kill. */
void sshd_child_kill(struct sshd_sess *x);
/* The child has exited and all its output has been read. */
int sshd_child_finished(struct sshd_sess *x);
#endif

/* ---- ssh-exec.c: the one-shot member commands (exec) ---- */

#define SSHD_MAXARGS 32
/* One entry per command: `ssh hub help` is made from the table. */
struct sshd_exec_cmd {
	const char *name;	/* the word the client types */
	const char *usage;	/* after the name */
	int nargs;		/* words after it; -1: ID KIND [rest of line] */
	int json;		/* a trailing --json is allowed */
	const char *cli;	/* the CLI command it runs, or NULL: run */
	const char *help;	/* one line */
	int (*run)(const char *db, const char *login, int argc, char **argv);
};
extern const struct sshd_exec_cmd sshd_exec_cmds[];
/* Check a command line (UTF-8, no control character), split it (words,
 * '...' and "..." quoting, backslash; for position the rest of the line
 * is the reason) and map it to the words that run it: "agenda" ->
 * "agenda", "needs" -> "need list", "show 12" -> "proposal show 12",
 * "position 4 block too dear" -> "position 4 block --reason too dear".
 * argv points into buf. Returns 0, or ERR_USAGE with one line for the
 * client. */
int sshd_exec_map(const char *line, const char *login, char *buf,
    size_t bufn, char **argv, int *argc, struct err *e);
/* Run mapped words as login (in a process of its own: the CLI exits
 * paths may print). Returns the exit status: 0 done (one confirmation
 * line for position), 2 refused (one line on stderr), 3 server error. */
int sshd_exec_run(const char *db, const char *login, int argc, char **argv);
/* Map and run one line (the OpenSSH mode's SSH_ORIGINAL_COMMAND). */
int sshd_exec_line(const char *db, const char *login, const char *line);
/* The CLI command names the table may run, NULL-ended. */
extern const char *const sshd_exec_allowed[];
/* One line listing the commands, for refusals. */
extern const char *const sshd_exec_help;	/* N_(): show _(it) */

/* ---- ssh-slots.c: session accounting across processes ---- */

/* Claim a slot for login in DIR/ssh-slots (flock'ed; slots of dead
 * processes are reclaimed). 0 on success; ERR_REFUSED with the message
 * for the client when a limit is reached; ERR_SYSTEM on I/O errors. */
int sshd_slot_claim(const struct sshd_conf *cf, const char *login,
    struct err *e);
/* At the per-member cap: ask login's sessions to answer a probe, wait up
 * to wait_ms, and take the slot of the one that did not answer and was
 * heard from longest ago (it is sent SIGUSR2; its pid in *taken). With no
 * such session, the same as sshd_slot_claim(). Blocks up to wait_ms. */
int sshd_slot_takeover(const struct sshd_conf *cf, const char *login,
    int wait_ms, pid_t *taken, struct err *e);
/* Record that this process's peer answered just now. */
void sshd_slot_heard(const struct sshd_conf *cf);
/* Wall-clock milliseconds. */
int64_t sshd_now_ms(void);
/* Free this process's slot (at session end). */
void sshd_slot_release(const struct sshd_conf *cf);
/* Count live slots (for tests and the log); -1 on error. */
int sshd_slot_count(const struct sshd_conf *cf, const char *login);

#endif
