/* cli.c: argument parsing, the command tables, --help and dispatch.
 * Holds no rules: every command body lives in cli-*.c and calls the hub. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct cli_cmd *const cli_tables[] = {
	cli_core_cmds, cli_need_cmds, cli_tension_cmds, cli_meeting_cmds,
	cli_proposal_cmds, cli_plan_cmds, cli_dot_cmds, cli_run_cmds,
	cli_ssh_cmds, cli_check_cmds, cli_mail_cmds, cli_access_cmds,
	cli_opendata_cmds, cli_sages_cmds, cli_review_cmds,
	cli_store_cmds, cli_moderation_cmds, NULL
};

const char *
cli_opt(struct cli *c, const char *name)
{
	const char *v = NULL;

	for (size_t i = 0; i < c->nopts; i++)
		if (strcmp(c->opts[i].name, name) == 0)
			v = c->opts[i].val;
	return v;
}

size_t
cli_opt_all(struct cli *c, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nopts && n < max; i++)
		if (strcmp(c->opts[i].name, name) == 0)
			out[n++] = c->opts[i].val;
	return n;
}

int
cli_flag(struct cli *c, const char *name)
{
	for (size_t i = 0; i < c->nopts; i++)
		if (strcmp(c->opts[i].name, name) == 0)
			return 1;
	return 0;
}

int
cli_opt_u64(struct cli *c, const char *name, uint64_t *out)
{
	const char *v = cli_opt(c, name);

	if (v == NULL)
		return 1;
	if (util_parse_u64(v, out) != 0)
		return -cli_usage(c, "--%s takes a whole number, not '%.40s'",
		    name, v);
	return 0;
}

int
cli_arg_id(struct cli *c, int i, const char *what, uint64_t *out)
{
	/* what: an English noun (keyword cli_arg_id:3), said in the
	 * language chosen. */
	if (i >= c->argc)
		return cli_usage(c, "missing %s", gettext(what));
	if (util_parse_u64(c->argv[i], out) != 0 || *out == 0)
		return cli_usage(c, "%s must be a number, not '%.40s'",
		    gettext(what), c->argv[i]);
	return 0;
}

int
cli_fail(struct cli *c)
{
	int code = err_exit_code(&c->e);

	if (code == 0)
		code = ERR_SYSTEM;
	fprintf(stderr, "cercle: %s", c->e.msg[0] ? c->e.msg :
	    _("unknown error"));
	/* The command to run next: a hub message names none, as the same
	 * words reach the interface's status line. */
	if (c->e.hint != NULL)
		fprintf(stderr, " (%s)", _(c->e.hint));
	fputc('\n', stderr);
	return code;
}

int
cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("cercle: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, gettext(fmt), ap);	/* keyword cli_usage:2 */
	va_end(ap);
	/* One line, like every error: the usage rides on it. */
	if (c->cmd)
		fprintf(stderr, _(" (usage: cercle %s %s)"), c->cmd->name,
		    c->cmd->usage);
	fputc('\n', stderr);
	return ERR_USAGE;
}

void
cli_write(const struct buf *b)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t k = write(STDOUT_FILENO, b->p + off, b->len - off);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		off += (size_t)k;
	}
}

const char *
cli_default_db(void)
{
	static char path[4096];
	const char *v;

	if ((v = getenv("CERCLE_DB")) != NULL && *v)
		return v;
	if ((v = getenv("XDG_DATA_HOME")) != NULL && *v)
		snprintf(path, sizeof path, "%s/cercle", v);
	else if ((v = getenv("HOME")) != NULL && *v)
		snprintf(path, sizeof path, "%s/.local/share/cercle", v);
	else
		snprintf(path, sizeof path, "/var/lib/cercle");
	return path;
}

/* "  NAME   HELP": the help of a command, in the language chosen. */
static void
print_cmd_line(FILE *f, const struct cli_cmd *c)
{
	fprintf(f, "  %-22s %s\n", c->name, _(c->help));
}

/* One command's help: its usage (options and words as typed) and what
 * it does. */
static void
print_cmd_help(FILE *f, const struct cli_cmd *c)
{
	fprintf(f, _("usage: cercle %s %s\n"), c->name, c->usage);
	fprintf(f, "%s\n", _(c->help));
}

static void
print_help(FILE *f)
{
	fputs(_("usage: cercle [--db DIR] [--lang fr|en] [COMMAND [ARGS...]]"
	    "\n"), f);
	fputs("\n", f);
	fputs(_("cercle: a consortium governed by consent, in the terminal.\n"
	    "Without a command, opens the terminal interface.\n"), f);
	fputs("\n", f);
	fputs(_("Global options:\n"
	    "  --db DIR      the database directory (default: $CERCLE_DB, "
	    "else\n"
	    "                $XDG_DATA_HOME/cercle)\n"
	    "  --lang fr|en  the language (default: the member's, else "
	    "LC_ALL,\n"
	    "                LC_MESSAGES or LANG if fr or en, else the "
	    "hub's)\n"
	    "  --help, -h    this help; 'cercle help COMMAND' for one "
	    "command\n"
	    "  --version     the version\n"), f);
	fputs("\n", f);
	fputs(_("Commands:\n"), f);
	for (size_t t = 0; cli_tables[t]; t++)
		for (const struct cli_cmd *c = cli_tables[t]; c->name; c++)
			print_cmd_line(f, c);
	fputs("\n", f);
	fputs(_("Exit status: 0 done, 1 usage, 2 refused by a rule or a "
	    "role, 3 storage or system error.\nSee man cercle.\n"), f);
}

static const struct cli_cmd *find_cmd(int argc, char **argv, int *used);

/* A command group named alone ("cercle meeting"): its commands, as
 * --help lists them. Returns how many there are (0: not a group). */
static size_t
print_group(FILE *f, const char *word)
{
	size_t n = 0, len = strlen(word);

	for (size_t t = 0; cli_tables[t]; t++)
		for (const struct cli_cmd *c = cli_tables[t]; c->name; c++)
			if (strncmp(c->name, word, len) == 0 &&
			    c->name[len] == ' ') {
				if (n++ == 0)
					fprintf(f, _("cercle: '%.60s' needs a "
					    "command:\n"), word);
				print_cmd_line(f, c);
			}
	return n;
}

/* For shell completion (contrib/cercle.bash): `cercle help --commands`
 * prints every command name, `cercle help --options CMD...` the options
 * CMD takes, one a line, from the same tables as --help. */
static int
print_lists(int argc, char **argv)
{
	const struct cli_cmd *cmd;
	int used = 0;

	if (strcmp(argv[0], "--commands") == 0 && argc == 1) {
		for (size_t t = 0; cli_tables[t]; t++)
			for (cmd = cli_tables[t]; cmd->name; cmd++)
				printf("%s\n", cmd->name);
		return 0;
	}
	if (strcmp(argv[0], "--options") == 0 && argc > 1) {
		const char *o;

		if ((cmd = find_cmd(argc - 1, argv + 1, &used)) == NULL) {
			fprintf(stderr, _("cercle: no command '%.60s' (see "
			    "'cercle --help')\n"), argv[1]);
			return ERR_USAGE;
		}
		for (o = cmd->opts; o != NULL && *o != '\0';) {
			size_t n = strcspn(o, ",:");

			printf("--%.*s\n", (int)n, o);
			o += n;
			o += strspn(o, ",:");
		}
		printf("--help\n");
		return 0;
	}
	fprintf(stderr, _("usage: cercle help [--commands | --options "
	    "COMMAND]\n"));
	return ERR_USAGE;
}

/* Find the command named by the longest run (up to 3) of leading words. */
static const struct cli_cmd *
find_cmd(int argc, char **argv, int *used)
{
	char name[128];
	const struct cli_cmd *best = NULL;

	for (int w = 1; w <= 3 && w <= argc; w++) {
		size_t n = 0;
		name[0] = '\0';
		for (int i = 0; i < w; i++) {
			int k = snprintf(name + n, sizeof name - n, "%s%s",
			    i ? " " : "", argv[i]);
			if (k < 0 || (size_t)k >= sizeof name - n)
				return best;
			n += (size_t)k;
		}
		for (size_t t = 0; cli_tables[t]; t++)
			for (const struct cli_cmd *c = cli_tables[t]; c->name;
			    c++)
				if (strcmp(c->name, name) == 0) {
					best = c;
					*used = w;
				}
	}
	return best;
}

/* Does spec ("a:,b,c:") accept --name, and does it take a value? */
static int
opt_spec(const char *spec, const char *name, int *takes)
{
	size_t n = strlen(name);
	const char *p = spec;

	while (p && *p) {
		size_t k = strcspn(p, ",");
		size_t base = (k > 0 && p[k - 1] == ':') ? k - 1 : k;
		if (base == n && strncmp(p, name, n) == 0) {
			*takes = base != k;
			return 1;
		}
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

#define CLI_MAXARGS 256

static int
parse_args(struct cli *c, int argc, char **argv)
{
	char **pos;
	int npos = 0, takes;

	/* Owned by c (freed by cli_free): no state survives a command. */
	pos = xcalloc(CLI_MAXARGS, sizeof *pos);
	c->argv = pos;
	c->argc = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++) {
				if (npos == CLI_MAXARGS)
					return cli_usage(c, "too many "
					    "arguments");
				pos[npos++] = argv[i];
			}
			break;
		}
		if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
			const char *name = a + 2, *eq = strchr(name, '=');
			char nb[64];
			const char *val = NULL;
			size_t nl = eq ? (size_t)(eq - name) : strlen(name);

			if (nl >= sizeof nb)
				return cli_usage(c, "unknown option '%.40s'",
				    a);
			memcpy(nb, name, nl);
			nb[nl] = '\0';
			if (strcmp(nb, "as") == 0 && c->ssh)
				return cli_usage(c, "--as is not available "
				    "over SSH: you act as yourself");
			/* --help is every command's, whatever its spec. */
			if (strcmp(nb, "help") == 0)
				takes = 0;
			else if (!opt_spec(c->cmd->opts, nb, &takes))
				return cli_usage(c, "unknown option '--%s'",
				    nb);
			if (takes) {
				if (eq)
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else
					return cli_usage(c, "--%s needs a "
					    "value", nb);
			} else if (eq)
				return cli_usage(c, "--%s takes no value", nb);
			if (c->nopts == CLI_MAXOPTS)
				return cli_usage(c, "too many options");
			/* Option names point into a stable table entry. */
			c->opts[c->nopts].name = xstrdup(nb);
			c->opts[c->nopts].val = val;
			c->nopts++;
			continue;
		}
		if (npos == CLI_MAXARGS)
			return cli_usage(c, "too many arguments");
		pos[npos++] = argv[i];
	}
	c->argc = npos;
	c->argv = pos;
	if (cli_flag(c, "help"))
		return 0;	/* "member add --help" needs no LOGIN */
	if (npos < c->cmd->minargs)
		return cli_usage(c, "missing arguments");
	if (c->cmd->maxargs >= 0 && npos > c->cmd->maxargs)
		return cli_usage(c, "too many arguments ('%.40s')",
		    pos[c->cmd->maxargs]);
	return 0;
}

static void
cli_free(struct cli *c)
{
	for (size_t i = 0; i < c->nopts; i++)
		free((char *)c->opts[i].name);
	c->nopts = 0;
	free(c->argv);
	c->argv = NULL;
	c->argc = 0;
	hub_close(c->h);
	c->h = NULL;
}

/* The language, once the member and the hub are known (i18n.h: --lang,
 * the acting member's preference, LC_ALL, LC_MESSAGES, LANG, the hub's
 * default); every marked message after this is in it. */
static int
cli_lang(struct cli *c)
{
	char member[8];

	if (hub_lang_prefs(c->h, c->who.console ? NULL : c->who.login,
	    member, c->hub_lang, &c->e) != 0)
		return -1;
	c->lang_en = i18n_setup(c->lang, member, c->hub_lang);
	return 0;
}

static int
run_cmd(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *as;
	int rc;

	c->cmd = cmd;
	if ((rc = parse_args(c, argc, argv)) != 0)
		return rc;
	if (cli_flag(c, "help")) {
		print_cmd_help(stdout, cmd);
		return 0;
	}
	c->json = cli_flag(c, "json");
	if (!c->ssh) {
		as = cli_opt(c, "as");
		if (as != NULL && login_check(as, &c->e) != 0)
			return cli_fail(c);
		hub_actor_console(&c->who, as);
	}
	if (c->parse_only)
		return 0;
	if (!(cmd->flags & CLI_NODB)) {
		if (hub_open(c->db, (cmd->flags & CLI_CREATE) != 0, &c->h,
		    &c->e) != 0)
			return cli_fail(c);
		if (cli_lang(c) != 0)
			return cli_fail(c);
	}
	return cmd->exec(c);
}

int
cli_exec_as(const char *db, const char *login, int argc, char **argv,
    const char *const *allowed)
{
	struct cli c;
	const struct cli_cmd *cmd;
	int used = 0, rc, ok = 0;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.ssh = 1;
	hub_actor_member(&c.who, login);
	cmd = argc > 0 ? find_cmd(argc, argv, &used) : NULL;
	for (size_t i = 0; cmd && allowed && allowed[i]; i++)
		if (strcmp(allowed[i], cmd->name) == 0)
			ok = 1;
	if (cmd == NULL || !ok) {
		fprintf(stderr, _("cercle: '%.60s' is not a command available "
		    "over SSH\n"), argc > 0 ? argv[0] : "");
		return ERR_USAGE;
	}
	rc = run_cmd(&c, cmd, argc - used, argv + used);
	cli_free(&c);
	return rc;
}

static int
cli_run(int argc, char **argv, int parse_only)
{
	struct cli c;
	const struct cli_cmd *cmd;
	int i, used = 0, rc, want_help = 0;

	memset(&c, 0, sizeof c);
	c.parse_only = parse_only;
	/* The environment's language for the global options' errors. */
	if (!parse_only)
		i18n_setup(NULL, NULL, NULL);
	c.db = cli_default_db();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (++i >= argc) {
				fputs(_("cercle: --db needs a directory\n"),
				    stderr);
				return ERR_USAGE;
			}
			c.db = argv[i];
		} else if (strncmp(argv[i], "--db=", 5) == 0)
			c.db = argv[i] + 5;
		else if (strcmp(argv[i], "--lang") == 0 ||
		    strncmp(argv[i], "--lang=", 7) == 0) {
			c.lang = argv[i][6] == '=' ? argv[i] + 7 :
			    i + 1 < argc ? argv[++i] : "";
			if (strcmp(c.lang, "fr") != 0 &&
			    strcmp(c.lang, "en") != 0) {
				fputs(_("cercle: --lang must be fr or en\n"),
				    stderr);
				return ERR_USAGE;
			}
		} else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			want_help = 1;
		} else if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0) {
			printf("cercle %s\n", CERCLE_VERSION);
			return 0;
		} else
			break;
	}
	argc -= i;
	argv += i;
	/* At start, from what is known; again once the hub is open. */
	if (!parse_only)
		c.lang_en = i18n_setup(c.lang, NULL, NULL);
	if (want_help) {
		print_help(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[0], "help") == 0 &&
	    strncmp(argv[1], "--", 2) == 0 && argv[1][2] != '\0')
		return print_lists(argc - 1, argv + 1);
	if (argc > 0 && strcmp(argv[0], "help") == 0) {
		if (argc == 1) {
			print_help(stdout);
			return 0;
		}
		cmd = find_cmd(argc - 1, argv + 1, &used);
		if (cmd == NULL && argc == 2 && print_group(stdout, argv[1]))
			return 0;
		if (cmd == NULL) {
			fprintf(stderr, _("cercle: no command '%.60s' (see "
			    "'cercle --help')\n"), argv[1]);
			return ERR_USAGE;
		}
		print_cmd_help(stdout, cmd);
		return 0;
	}
	if (argc == 0) {
		/* No command: the terminal interface. */
		static char *tui[] = { "tui", NULL };
		argc = 1;
		argv = tui;
	}
	if (argv[0][0] == '-' && strncmp(argv[0], "--", 2) == 0 &&
	    find_cmd(1, (char *[]){ "tui" }, &used) != NULL &&
	    strcmp(argv[0], "--") != 0) {
		/* "cercle --member x" is "cercle tui --member x". */
		cmd = find_cmd(1, (char *[]){ "tui" }, &used);
		used = 0;
	} else
		cmd = find_cmd(argc, argv, &used);
	if (cmd == NULL && argc == 1 && print_group(stderr, argv[0]))
		return ERR_USAGE;
	if (cmd == NULL) {
		fprintf(stderr, _("cercle: unknown command '%.60s' (see "
		    "'cercle --help')\n"), argv[0]);
		return ERR_USAGE;
	}
	rc = run_cmd(&c, cmd, argc - used, argv + used);
	cli_free(&c);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	return cli_run(argc, argv, 0);
}

int
cli_parse_only(int argc, char **argv)
{
	return cli_run(argc, argv, 1);
}
