/* cli.h: the command-line interface. Each subcommand is an entry of a
 * table (`struct cli_cmd`), grouped by file; `cercle --help` is generated
 * from the tables. Commands call only the hub layer. */
#ifndef CERCLE_CLI_H
#define CERCLE_CLI_H

#include <stdio.h>
#include "util.h"
#include "hub.h"
#include "i18n.h"

#define CLI_MAXOPTS 32

enum {
	CLI_NODB = 1 << 0,	/* needs no database */
	CLI_CREATE = 1 << 1,	/* creates the database if missing */
};

struct cli {
	const char *db;		/* database directory */
	struct hub *h;		/* opened before exec unless CLI_NODB */
	struct actor who;	/* from --as, or the console */
	int json;		/* --json given */
	int argc;		/* positional arguments */
	char **argv;
	struct {
		const char *name;
		const char *val;
	} opts[CLI_MAXOPTS];
	size_t nopts;
	struct err e;
	const struct cli_cmd *cmd;
	int ssh;		/* running as an SSH exec command */
	const char *lang;	/* the global --lang, or NULL */
	char hub_lang[8];	/* the hub's default language ("": none) */
	int lang_en;		/* the language chosen (i18n_setup) */
	int parse_only;		/* stop after parsing (cli_parse_only) */
};

struct cli_cmd {
	const char *name;	/* "member add": one to three words */
	const char *usage;	/* after the name */
	const char *opts;	/* "name:,role:,json": ':' takes a value */
	int minargs, maxargs;	/* positional arguments; -1: no maximum */
	int flags;
	const char *help;	/* one line */
	int (*exec)(struct cli *c);
};

/* Option access: value of --name (last one), or NULL. */
const char *cli_opt(struct cli *c, const char *name);
/* Every value given for a repeatable option, in order; returns count. */
size_t cli_opt_all(struct cli *c, const char *name, const char **out,
    size_t max);
int cli_flag(struct cli *c, const char *name);
/* --name as a u64: 0 ok, 1 absent, usage error (printed) on junk. */
int cli_opt_u64(struct cli *c, const char *name, uint64_t *out);
/* Positional i parsed as an id (u64 > 0); prints the usage error. */
int cli_arg_id(struct cli *c, int i, const char *what, uint64_t *out);

/* Print "cercle: MSG" to stderr and return the exit code for c->e. */
int cli_fail(struct cli *c);
/* Usage error: print the message and the command's usage, on one line;
 * returns 1. */
/* After adding need or tension id (rtype RT_NEED / RT_TENSION): one
 * warning line on stderr for each existing one whose title differs from
 * it only by invisible characters (cli-check.c). The exit stays 0. */
void cli_warn_twins(struct cli *c, int rtype, uint64_t id);
int cli_usage(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* need import FILE (cli-opendata.c). */
int cli_need_import(struct cli *c);
/* export --format datapackage --to DIR (cli-opendata.c). */
int cli_export_datapackage(struct cli *c);
/* Write a buffer to stdout in full. */
void cli_write(const struct buf *b);

/* Command tables, each ended by an entry with name NULL. */
extern const struct cli_cmd cli_core_cmds[];	/* cli-core.c */
extern const struct cli_cmd cli_need_cmds[];	/* cli-need.c */
extern const struct cli_cmd cli_tension_cmds[];	/* cli-tension.c */
extern const struct cli_cmd cli_meeting_cmds[];	/* cli-meeting.c */
extern const struct cli_cmd cli_proposal_cmds[];	/* cli-proposal.c */
extern const struct cli_cmd cli_plan_cmds[];	/* cli-plan.c */
extern const struct cli_cmd cli_dot_cmds[];	/* cli-dot.c */
extern const struct cli_cmd cli_run_cmds[];	/* cli-run.c: tui */
extern const struct cli_cmd cli_ssh_cmds[];	/* cli-ssh.c: serve, admin authorized-keys */
extern const struct cli_cmd cli_store_cmds[];	/* cli-store.c: verify, backup, ... */
extern const struct cli_cmd cli_check_cmds[];	/* cli-check.c: check titles */
extern const struct cli_cmd cli_mail_cmds[];	/* cli-mail.c: mail ... */
extern const struct cli_cmd cli_access_cmds[];	/* cli-access.c: member access */
extern const struct cli_cmd cli_opendata_cmds[];	/* cli-opendata.c */
extern const struct cli_cmd cli_sages_cmds[];	/* cli-sages.c: sages name, list */
extern const struct cli_cmd cli_review_cmds[];	/* cli-review.c: decision review */
extern const struct cli_cmd cli_moderation_cmds[];	/* cli-moderation.c: redact, member forget, flag */

/* cli-gov.c: shared by the governance commands. */
/* Open a read handle for c->who; prints the error (returns its code). */
int cli_rd_open(struct cli *c, struct hub_rd **r);
/* A login (sanitised in text), or a list of them ("-" when empty). */
void cli_put_login(struct buf *b, const char *login, int json);
void cli_put_logins(struct buf *b, const struct str_list *l, int json);
/* Sanitised multiline text, each line indented. */
void cli_put_text(struct buf *b, const char *s, const char *indent);
int cli_print_id(uint64_t id);
/* Repeatable --NAME ID options into a list; --NAME DATE. */
int cli_opt_ids(struct cli *c, const char *name, struct u64_list *out);
int cli_opt_date(struct cli *c, const char *name, int64_t *out);
/* A decision's review date: YYYY-MM-DD (due from 00:00) or with HH:MM;
 * a usage error otherwise. */
int cli_review_date(struct cli *c, const char *v, int64_t *when);
/* cli-meeting.c: the members flagged by the watch rule, into b; their
 * number, or -1 with c->e set. */
int cli_watch_flagged(struct cli *c, struct hub_rd *r, struct buf *b,
    int json);
/* cli-plan.c: the action plan (open_only: to do and doing), printed. */
int cli_action_plan(struct cli *c, int open_only);

/* Run the CLI (main calls it); also used by SSH exec with ssh = 1 and
 * the actor fixed. Returns the exit code. */
int cli_main(int argc, char **argv);
/* Everything cli_main does up to opening the database (global options,
 * command lookup, option and argument parsing, --as check), then stop:
 * 0 when the command line is well-formed. For the fuzzer and tests. */
int cli_parse_only(int argc, char **argv);
int cli_exec_as(const char *db, const char *login, int argc, char **argv,
    const char *const *allowed);

/* The default database directory ($CERCLE_DB, else
 * $XDG_DATA_HOME/cercle, else ~/.local/share/cercle). */
const char *cli_default_db(void);

#endif
