/* ssh-exec.c: the one-shot member commands an SSH client may run without
 * the interface (`ssh hub agenda`), as one table that also makes `ssh hub
 * help`. Listings run through the CLI (cli_exec_as); `position` calls the
 * hub and prints one confirmation line. Never opens the store itself.
 * Shared by the embedded server and the OpenSSH mode (cercle ssh-command,
 * from SSH_ORIGINAL_COMMAND). */
#include "ssh.h"
#include "cli.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

static int run_position(const char *db, const char *login, int argc,
    char **argv);
static int run_help(const char *db, const char *login, int argc,
    char **argv);

/* The table. cli: the CLI command the words map to (NULL: run is called
 * with the mapped words). nargs: words after the name; -1 for "ID KIND
 * [the rest of the line as one text]". */
const struct sshd_exec_cmd sshd_exec_cmds[] = {
	{ "agenda", "[--json]", 0, 1, "agenda",
	    N_("the tension agenda, in order"), NULL },
	{ "needs", "[--json]", 0, 1, "need list",
	    N_("the needs queue"), NULL },
	{ "show", N_("ID [--json]"), 1, 1, "proposal show",
	    N_("a proposal: versions, positions, tally"), NULL },
	{ "position", N_("ID approve|alert|withdraw|block [REASON...]"), -1, 0,
	    NULL, N_("take or change your position; the rest of the line is "
	    "the reason (alert and block need one)"), run_position },
	{ "minutes", N_("ID"), 1, 0, "minutes",
	    N_("a meeting's minutes (Markdown)"), NULL },
	{ "whoami", "", 0, 0, "member show",
	    N_("the member this key logs in as"), NULL },
	{ "help", "", 0, 0, NULL, N_("this list"), run_help },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

const char *const sshd_exec_allowed[] = {
	"agenda", "need list", "proposal show", "minutes", "member show", NULL
};

/* Shown translated: _(sshd_exec_help). */
const char *const sshd_exec_help = N_("commands: agenda, needs, show ID, "
    "position ID approve|alert|withdraw|block [reason], minutes ID, whoami, "
    "help");

/* Split line into words in buf (NUL-separated); returns the count or -1.
 * With stop > 0, stops after that many words and sets *rest to what
 * follows (spaces skipped). */
static int
exec_split(const char *line, char *buf, size_t bufn, char **w, int max,
    int stop, const char **rest)
{
	size_t o = 0;
	int n = 0;
	const char *p = line;

	for (;;) {
		char q = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (stop > 0 && n == stop) {
			*rest = p;
			return n;
		}
		if (*p == '\0')
			return n;
		if (n == max)
			return -1;
		w[n++] = buf + o;
		for (; *p && (q || (*p != ' ' && *p != '\t')); p++) {
			char ch = *p;
			if (q == 0 && (ch == '\'' || ch == '"')) {
				q = ch;
				continue;
			}
			if (q && ch == q) {
				q = 0;
				continue;
			}
			if (ch == '\\' && q != '\'' && p[1] != '\0')
				ch = *++p;
			if (o + 2 >= bufn)
				return -1;
			buf[o++] = ch;
		}
		if (q)
			return -1;
		buf[o++] = '\0';
	}
}

/* Append a literal word to the output vector. */
static int
exec_push(char **argv, int *argc, char *word)
{
	if (*argc >= SSHD_MAXARGS - 1)
		return -1;
	argv[(*argc)++] = word;
	argv[*argc] = NULL;
	return 0;
}

static int
is_id(const char *s)
{
	uint64_t v;

	return util_parse_u64(s, &v) == 0 && v > 0;
}

/* A command line from the network: UTF-8, no control byte (C0, DEL, C1)
 * but tab. A NUL never gets here whole (libssh hands over a C string);
 * ssh-session.c checks for one. */
static int
line_check(const char *line, struct err *e)
{
	size_t n = strlen(line), i = 0;

	if (!utf8_valid(line, n))
		return err_set(e, ERR_USAGE, "the command is not UTF-8");
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(line + i, n - i, &cp);

		if (k == 0)
			return err_set(e, ERR_USAGE, "the command is not "
			    "UTF-8");
		if ((cp < 0x20 && cp != '\t') || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			return err_set(e, ERR_USAGE, "the command holds a "
			    "control character (U+%04X at byte %zu); refused",
			    (unsigned)cp, i);
		i += k;
	}
	return 0;
}

static const struct sshd_exec_cmd *
exec_find(const char *name)
{
	for (const struct sshd_exec_cmd *c = sshd_exec_cmds; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* "position ID KIND [rest]": the rest of the line, as typed, is the
 * reason; one pair of quotes around all of it is taken off. */
static int
map_position(const char *line, char *buf, size_t bufn, char **argv,
    int *argc, struct err *e)
{
	static char w_reason[] = "--reason";
	char *w[4];
	const char *rest = NULL;
	size_t half = bufn / 2, rl;
	char *r = buf + half;
	int n;

	n = exec_split(line, buf, half, w, 3, 3, &rest);
	if (n < 0)
		return err_set(e, ERR_USAGE, "cannot read that command line "
		    "(unbalanced quotes)");
	if (n < 3 || !is_id(w[1]) || (strcmp(w[2], "approve") != 0 &&
	    strcmp(w[2], "alert") != 0 && strcmp(w[2], "withdraw") != 0 &&
	    strcmp(w[2], "block") != 0))
		return err_set(e, ERR_USAGE, "usage: position ID approve|"
		    "alert|withdraw|block [reason]");
	exec_push(argv, argc, w[0]);
	exec_push(argv, argc, w[1]);
	exec_push(argv, argc, w[2]);
	if (rest == NULL || *rest == '\0')
		return 0;
	rl = strlen(rest);
	while (rl > 0 && (rest[rl - 1] == ' ' || rest[rl - 1] == '\t'))
		rl--;
	if (rl >= 2 && (rest[0] == '"' || rest[0] == '\'') &&
	    rest[rl - 1] == rest[0] && memchr(rest + 1, rest[0], rl - 2) ==
	    NULL) {
		rest++;
		rl -= 2;
	}
	if (rl + 1 > bufn - half)
		return err_set(e, ERR_USAGE, "the reason is too long");
	memcpy(r, rest, rl);
	r[rl] = '\0';
	exec_push(argv, argc, w_reason);
	exec_push(argv, argc, r);
	return 0;
}

int
sshd_exec_map(const char *line, const char *login, char *buf, size_t bufn,
    char **argv, int *argc, struct err *e)
{
	static char w_json[] = "--json";
	const struct sshd_exec_cmd *cmd;
	char *w[SSHD_MAXARGS], first[32];
	const char *rest;
	size_t used, fl;
	int n, json = 0;

	*argc = 0;
	argv[0] = NULL;
	if (strlen(line) >= bufn / 2)
		return err_set(e, ERR_USAGE, "command too long");
	if (line_check(line, e) != 0)
		return e->code;
	/* The first word alone decides how the rest is read. */
	rest = line + strspn(line, " \t");
	fl = strcspn(rest, " \t");
	if (fl == 0)
		return err_set(e, ERR_USAGE, "no command; %s",
		    _(sshd_exec_help));
	snprintf(first, sizeof first, "%.*s", (int)(fl < sizeof first ? fl :
	    sizeof first - 1), rest);
	cmd = fl < sizeof first ? exec_find(first) : NULL;
	if (cmd == NULL) {
		char safe[64];
		return err_set(e, ERR_USAGE, "'%s' is not available over "
		    "SSH; %s", util_safe(first, safe, sizeof safe),
		    _(sshd_exec_help));
	}
	if (cmd->nargs < 0)
		return map_position(line, buf, bufn, argv, argc, e);
	n = exec_split(line, buf, bufn / 2, w, SSHD_MAXARGS - 4, 0, NULL);
	if (n < 0)
		return err_set(e, ERR_USAGE, "cannot read that command line "
		    "(unbalanced quotes or too many words)");
	if (cmd->json && n > 1 && strcmp(w[n - 1], "--json") == 0) {
		json = 1;
		n--;
	}
	if (n - 1 != cmd->nargs)
		return err_set(e, ERR_USAGE, "usage: %s%s%s", cmd->name,
		    cmd->usage[0] ? " " : "", cmd->usage);
	if (cmd->nargs == 1 && !is_id(w[1]))
		return err_set(e, ERR_USAGE, "%s takes a number, not '%.40s'",
		    cmd->name, w[1]);
	if (cmd->cli == NULL) {
		exec_push(argv, argc, w[0]);
		return 0;
	}
	/* The CLI words live in the second half of buf. */
	used = bufn / 2;
	snprintf(buf + used, bufn - used, "%s", cmd->cli);
	for (char *p = buf + used, *sp; p != NULL; p = sp) {
		if ((sp = strchr(p, ' ')) != NULL)
			*sp++ = '\0';
		exec_push(argv, argc, p);
		used += strlen(p) + 1;
	}
	if (strcmp(cmd->name, "whoami") == 0) {
		snprintf(buf + used, bufn - used, "%s", login);
		exec_push(argv, argc, buf + used);
	} else if (cmd->nargs == 1)
		exec_push(argv, argc, w[1]);
	if (json)
		exec_push(argv, argc, w_json);
	return 0;
}

/* ---- running (in the process forked for the command) ---- */

static int
run_help(const char *db, const char *login, int argc, char **argv)
{
	(void)db;
	(void)login;
	(void)argc;
	(void)argv;
	printf("%s\n", _("cercle one-shot commands (ssh HUB COMMAND); exit "
	    "status 0 done, 2 refused, 3 server error:"));
	for (const struct sshd_exec_cmd *c = sshd_exec_cmds; c->name; c++) {
		const char *u = c->usage[0] ? _(c->usage) : "";
		/* Pad to column 54 by characters, not bytes ("NUMÉRO"). */
		int w = (int)strlen(c->name) + (u[0] ? 1 : 0);
		for (const char *q = u; *q; q++)
			w += ((unsigned char)*q & 0xc0) != 0x80;
		printf("  %s%s%s%*s %s\n", c->name, u[0] ? " " : "", u,
		    w < 52 ? 52 - w : 0, "", _(c->help));
	}
	return 0;
}

static int
run_position(const char *db, const char *login, int argc, char **argv)
{
	struct hub *h;
	struct actor who;
	struct buf line = { 0 };
	struct err e;
	uint64_t id;
	int kind, rc;

	err_clear(&e);
	if (argc < 3 || util_parse_u64(argv[1], &id) != 0 ||
	    (kind = model_position_parse(argv[2])) < 0) {
		fprintf(stderr, "cercle: %s\n", _("usage: position ID "
		    "approve|alert|withdraw|block [reason]"));
		return ERR_REFUSED;
	}
	if ((rc = hub_open(db, 0, &h, &e)) != 0) {
		fprintf(stderr, "cercle: %s\n", e.msg);
		return ERR_SYSTEM;
	}
	hub_actor_member(&who, login);
	rc = hub_position_set(h, &who, id, kind, argc >= 5 ? argv[4] : NULL,
	    &e);
	if (rc == 0)
		rc = hub_position_line(h, &who, id, &line, &e);
	hub_close(h);
	if (rc != 0) {
		fprintf(stderr, "cercle: %s\n", e.msg);
		buf_free(&line);
		return rc == ERR_SYSTEM ? ERR_SYSTEM : ERR_REFUSED;
	}
	printf("%s\n", line.p);
	buf_free(&line);
	return 0;
}

int
sshd_exec_run(const char *db, const char *login, int argc, char **argv)
{
	int rc;

	for (const struct sshd_exec_cmd *c = sshd_exec_cmds; c->name; c++)
		if (c->run != NULL && argc > 0 && strcmp(argv[0], c->name) == 0)
			return c->run(db, login, argc, argv);
	rc = cli_exec_as(db, login, argc, argv, sshd_exec_allowed);
	/* One-shot commands: 0 done, 2 refused (a usage error too), 3. */
	return rc == ERR_USAGE ? ERR_REFUSED : rc;
}

/* Speak the member's language from here on (i18n.h's order: their own
 * preference, then the client's LC_ALL, LC_MESSAGES, LANG, then the
 * hub's). Left as it was if the hub cannot be read. */
static void
exec_lang(const char *db, const char *login)
{
	char member[8] = "", hub_lang[8] = "";
	struct hub *h;
	struct err e;

	err_clear(&e);
	if (hub_open(db, 0, &h, &e) != 0)
		return;
	if (hub_lang_prefs(h, login, member, hub_lang, &e) == 0)
		i18n_setup(NULL, member, hub_lang);
	hub_close(h);
}

int
sshd_exec_line(const char *db, const char *login, const char *line)
{
	char buf[8192], *argv[SSHD_MAXARGS];
	struct err e;
	int argc;

	err_clear(&e);
	exec_lang(db, login);
	if (sshd_exec_map(line, login, buf, sizeof buf, argv, &argc, &e)
	    != 0) {
		fprintf(stderr, "cercle: %s\n", e.msg);
		return ERR_REFUSED;
	}
	return sshd_exec_run(db, login, argc, argv);
}
