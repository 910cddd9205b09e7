/* cli-ssh.c: commands for SSH access: `serve` (the embedded libssh
 * server, ssh-*.c), and the OpenSSH mode: `admin authorized-keys`,
 * `admin authorized-keys-command` (read live by sshd) and `ssh-command`
 * (what each key is forced to run).
 * Holds no SSH logic itself and never keeps the store open while serving. */
#include "cli.h"
#include "ssh.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --name as a whole number in [lo, hi] into *out (left alone if absent). */
static int
opt_int(struct cli *c, const char *name, int lo, int hi, int *out)
{
	uint64_t v;
	int rc = cli_opt_u64(c, name, &v);

	if (rc == 1)
		return 0;
	if (rc != 0)
		return ERR_USAGE;
	if (v < (uint64_t)lo || v > (uint64_t)hi)
		return cli_usage(c, "--%s must be between %d and %d", name, lo,
		    hi);
	*out = (int)v;
	return 0;
}

static int
c_serve(struct cli *c)
{
	struct sshd_conf cf;
	const char *v;
	int rc;

	sshd_conf_default(&cf, c->db);
	if ((v = cli_opt(c, "listen")) != NULL &&
	    sshd_parse_listen(&cf, v, &c->e) != 0)
		return cli_usage(c, "%s", c->e.msg);
	if ((v = cli_opt(c, "host-key")) != NULL) {
		if (strlen(v) >= sizeof cf.host_key)
			return cli_usage(c, "--host-key path too long");
		snprintf(cf.host_key, sizeof cf.host_key, "%s", v);
	}
	if ((v = cli_opt(c, "max-startups")) != NULL &&
	    sshd_parse_startups(&cf, v, &c->e) != 0)
		return cli_usage(c, "%s", c->e.msg);
	{
		static const struct {
			const char *opt;
			size_t off, size;
		} algs[] = {
			{ "kex", offsetof(struct sshd_conf, kex),
			    sizeof cf.kex },
			{ "ciphers", offsetof(struct sshd_conf, ciphers),
			    sizeof cf.ciphers },
			{ "macs", offsetof(struct sshd_conf, macs),
			    sizeof cf.macs },
			{ "hostkey-algorithms", offsetof(struct sshd_conf,
			    hostkeys), sizeof cf.hostkeys },
		};
		for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
			if ((v = cli_opt(c, algs[i].opt)) == NULL)
				continue;
			if (strlen(v) >= algs[i].size || *v == '\0' ||
			    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789"
			    "-.,@") != strlen(v))
				return cli_usage(c, "--%s takes a comma-"
				    "separated list of algorithm names",
				    algs[i].opt);
			snprintf((char *)&cf + algs[i].off, algs[i].size,
			    "%s", v);
		}
	}
	if (opt_int(c, "idle-timeout", 0, 86400 * 7, &cf.idle_timeout) ||
	    opt_int(c, "login-grace", 1, 600, &cf.login_grace) ||
	    opt_int(c, "max-auth-tries", 1, 100, &cf.max_auth_tries) ||
	    opt_int(c, "max-sessions", 1, 4000, &cf.max_sessions) ||
	    opt_int(c, "max-per-member", 1, 4000, &cf.max_per_member) ||
	    opt_int(c, "per-source-startups", 0, 1000, &cf.per_source) ||
	    opt_int(c, "keepalive", 0, 3600, &cf.keepalive) ||
	    opt_int(c, "keepalive-max", 1, 100, &cf.keepalive_max))
		return ERR_USAGE;
	if (cli_flag(c, "check")) {
		if (sshd_check(&cf, stdout, &c->e) != 0)
			return cli_fail(c);
		return 0;
	}
	sshd_log_init(cli_flag(c, "syslog"));
	rc = sshd_serve(&cf, &c->e);
	if (rc != 0)
		return cli_fail(c);
	return 0;
}

/* Quote s for the shell that sshd runs the forced command with; refuse
 * what cannot sit inside command="...". */
static int
shell_word(struct buf *b, const char *s)
{
	int plain = *s != '\0';

	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '\'' ||
		    (unsigned char)*p < 0x20 || *p == 0x7f)
			return -1;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-+:@", *p)))
			plain = 0;
	}
	if (plain)
		buf_puts(b, s);
	else
		buf_printf(b, "'%s'", s);
	return 0;
}

struct akeys {
	struct buf out;
	const char *prog;
	char db[PATH_MAX];
	size_t nkeys;
};

static int
akeys_cb(const char *login, const char *key, void *arg)
{
	struct akeys *a = arg;
	char type[64], b64[16384];

	/* Re-emit type and key only: a comment is text a member chose and
	 * has no place in this file. */
	if (sscanf(key, "%63s %16383s", type, b64) != 2)
		return 0;
	buf_puts(&a->out, "command=\"");
	shell_word(&a->out, a->prog);
	buf_puts(&a->out, " --db ");
	shell_word(&a->out, a->db);
	buf_printf(&a->out, " ssh-command --member %s\",restrict,pty "
	    "%s %s cercle:%s\n", login, type, b64, login);
	a->nkeys++;
	return 0;
}

/* Both OpenSSH modes: lines that force `cercle ssh-command --member
 * LOGIN` for every key of every enabled member, read now. */
static int
authorized_keys(struct cli *c, int header)
{
	struct akeys a;
	struct buf probe = { 0 };
	char self[PATH_MAX];
	ssize_t k;

	memset(&a, 0, sizeof a);
	a.prog = cli_opt(c, "command");
	if (a.prog == NULL) {
		k = readlink("/proc/self/exe", self, sizeof self - 1);
		if (k <= 0)
			return cli_usage(c, "cannot tell this program's path; "
			    "give --command PATH");
		self[k] = '\0';
		a.prog = self;
	}
	if (realpath(c->db, a.db) == NULL)
		snprintf(a.db, sizeof a.db, "%s", c->db);
	if (a.prog[0] != '/')
		return cli_usage(c, "--command must be an absolute path");
	if (shell_word(&probe, a.prog) != 0 || shell_word(&probe, a.db) != 0) {
		buf_free(&probe);
		return cli_usage(c, "the program or database path holds a "
		    "quote, backslash or control character");
	}
	buf_free(&probe);
	if (header)
		buf_printf(&a.out, "# cercle authorized_keys for %s: generated "
		    "by 'cercle admin authorized-keys'; do not edit.\n", a.db);
	if (hub_member_keys(c->h, NULL, akeys_cb, &a, &c->e) != 0) {
		buf_free(&a.out);
		return cli_fail(c);
	}
	cli_write(&a.out);
	buf_free(&a.out);
	return 0;
}

static int
c_authorized_keys(struct cli *c)
{
	return authorized_keys(c, 1);
}

/* sshd's AuthorizedKeysCommand: the same lines, read live at every login,
 * so a removed key or a disabled member is refused at once. sshd passes
 * the account name (%u): for any account but --account, nothing. */
static int
c_authorized_keys_command(struct cli *c)
{
	const char *account = cli_opt(c, "account");

	if (account != NULL && c->argc > 0 && strcmp(c->argv[0], account) != 0)
		return 0;
	return authorized_keys(c, 0);
}

/* What the OpenSSH mode forces for a key: the one-shot command the
 * client asked for (SSH_ORIGINAL_COMMAND), else the interface, with the
 * same TERM fallback as the embedded server. */
static int
c_ssh_command(struct cli *c)
{
	const char *login = cli_opt(c, "member");
	const char *cmd = getenv("SSH_ORIGINAL_COMMAND");
	char term[64], self[PATH_MAX];
	ssize_t k;

	if (login == NULL)
		return cli_usage(c, "--member is required");
	if (login_check(login, &c->e) != 0)
		return cli_fail(c);
	if (cmd != NULL && *cmd != '\0')
		return sshd_exec_line(c->db, login, cmd);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("cercle: the interface needs a terminal: "
		    "use 'ssh -t', or give a command (%s)"), _(sshd_exec_help));
		fputc('\n', stderr);
		return ERR_USAGE;
	}
	sshd_term_pick(getenv("TERM"), term, sizeof term);
	setenv("TERM", term, 1);
	if (getenv("LANG") == NULL && getenv("LC_ALL") == NULL)
		setenv("LANG", "C.UTF-8", 1);
	k = readlink("/proc/self/exe", self, sizeof self - 1);
	if (k <= 0)
		return err_set(&c->e, ERR_SYSTEM, "cannot find this program"),
		    cli_fail(c);
	self[k] = '\0';
	{
		char *argv[] = { "cercle", "--db", (char *)c->db, "tui",
		    "--member", (char *)login, NULL };
		execv(self, argv);
	}
	err_set(&c->e, ERR_SYSTEM, "cannot start the interface: %s",
	    strerror(errno));
	return cli_fail(c);
}

const struct cli_cmd cli_ssh_cmds[] = {
	{ "serve", "[--listen ADDR:PORT] [--host-key PATH] "
	    "[--idle-timeout S] [--login-grace S] [--max-auth-tries N] "
	    "[--max-sessions N] [--max-per-member N] "
	    "[--max-startups N|START:RATE:FULL] [--per-source-startups N] "
	    "[--keepalive S] [--keepalive-max N] [--kex LIST] "
	    "[--ciphers LIST] [--macs LIST] [--hostkey-algorithms LIST] "
	    "[--syslog] [--check]",
	    "listen:,host-key:,idle-timeout:,login-grace:,max-auth-tries:,"
	    "max-sessions:,max-per-member:,max-startups:,per-source-startups:,"
	    "keepalive:,keepalive-max:,kex:,ciphers:,macs:,"
	    "hostkey-algorithms:,syslog,check", 0, 0, CLI_NODB,
	    N_("run the SSH server (members log in with their keys)"),
	    c_serve },
	{ "admin authorized-keys", "[--command PATH]", "command:", 0, 0, 0,
	    N_("print an OpenSSH authorized_keys file for the members' keys"),
	    c_authorized_keys },
	{ "admin authorized-keys-command", "[--command PATH] [--account "
	    "NAME] [USER]", "command:,account:", 0, 1, 0,
	    N_("for sshd's AuthorizedKeysCommand: the members' keys, "
	    "read live"),
	    c_authorized_keys_command },
	{ "ssh-command", "--member LOGIN", "member:", 0, 0, CLI_NODB,
	    N_("the OpenSSH mode's forced command: SSH_ORIGINAL_COMMAND or the "
	    "interface"), c_ssh_command },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
