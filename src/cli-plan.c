/* cli-plan.c: commands for the decision register, the action plan and
 * the minutes. Bodies parse, call the hub, print its views; overdue is
 * the model's answer, never recomputed here. */
#include "cli.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static int
c_action_add(struct cli *c)
{
	const char *owner = cli_opt(c, "owner"), *title = cli_opt(c, "title");
	uint64_t dec, id;
	int64_t due;
	int rc;

	if (cli_arg_id(c, 0, "decision id", &dec) != 0)
		return ERR_USAGE;
	if (owner == NULL || title == NULL)
		return cli_usage(c, "--owner and --title are required");
	if ((rc = cli_opt_date(c, "due", &due)) != 0)
		return rc;
	if (hub_action_add(c->h, &c->who, dec, owner, title, due, &id,
	    &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

static int
c_action_status(struct cli *c)
{
	uint64_t id;
	int s;

	if (cli_arg_id(c, 0, "action id", &id) != 0)
		return ERR_USAGE;
	if ((s = model_action_status_parse(c->argv[1])) < 0)
		return cli_usage(c, "the status is todo, doing, done or "
		    "dropped, not '%.40s'", c->argv[1]);
	if (hub_action_status(c->h, &c->who, id, s, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* --json, --csv or text, for the lists below. */
static int
list_fmt(struct cli *c)
{
	return c->json ? EMIT_JSON : cli_flag(c, "csv") ? EMIT_CSV : EMIT_TEXT;
}

struct alist_out {
	struct emit em;
	size_t n, late;
};

static int
action_row(const struct hub_plan_action *a, void *arg)
{
	struct alist_out *al = arg;

	al->late += a->overdue;
	emit_rec_begin(&al->em, NULL);
	hub_plan_action_emit(&al->em, a);
	emit_rec_end(&al->em);
	al->n++;
	return 0;
}

int
cli_action_plan(struct cli *c, int open_only)
{
	struct alist_out al;
	struct hub_rd *r;
	struct buf b = { 0 };
	int rc, fmt = list_fmt(c);

	memset(&al, 0, sizeof al);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&al.em, fmt, &b);
	emit_list_begin(&al.em, "actions");
	rc = hub_action_list(r, open_only ? HUB_ACTIONS_OPEN : 0, NULL, 0,
	    action_row, &al, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		emit_free(&al.em);
		buf_free(&b);
		return cli_fail(c);
	}
	if (al.n == 0 && fmt == EMIT_CSV) {
		struct hub_plan_action none;
		memset(&none, 0, sizeof none);
		emit_header_only(&al.em);
		emit_rec_begin(&al.em, NULL);
		hub_plan_action_emit(&al.em, &none);
		emit_rec_end(&al.em);
	}
	emit_list_end(&al.em);
	emit_free(&al.em);
	if (fmt == EMIT_TEXT && al.n == 0)
		buf_puts(&b, open_only ? _("no open action\n") :
		    _("the action plan is empty\n"));
	else if (fmt == EMIT_TEXT && al.late)
		buf_printf(&b, ngettext("%zu overdue\n", "%zu overdue\n",
		    al.late), al.late);
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_action_list(struct cli *c)
{
	return cli_action_plan(c, cli_flag(c, "open"));
}

struct dlist_out {
	struct emit em;
	size_t n;
};

static int
decision_row(const struct hub_plan_decision *d, void *arg)
{
	struct dlist_out *dl = arg;

	emit_rec_begin(&dl->em, NULL);
	hub_plan_decision_emit(&dl->em, d);
	emit_rec_end(&dl->em);
	dl->n++;
	return 0;
}

static int
c_decision_list(struct cli *c)
{
	struct dlist_out dl;
	struct hub_rd *r;
	struct buf b = { 0 };
	int rc, fmt = list_fmt(c);

	memset(&dl, 0, sizeof dl);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&dl.em, fmt, &b);
	emit_list_begin(&dl.em, "decisions");
	rc = hub_decision_list(r, NULL, 0, decision_row, &dl, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		emit_free(&dl.em);
		buf_free(&b);
		return cli_fail(c);
	}
	if (dl.n == 0 && fmt == EMIT_CSV) {
		struct hub_plan_decision none;
		memset(&none, 0, sizeof none);
		emit_header_only(&dl.em);
		emit_rec_begin(&dl.em, NULL);
		hub_plan_decision_emit(&dl.em, &none);
		emit_rec_end(&dl.em);
	}
	emit_list_end(&dl.em);
	emit_free(&dl.em);
	if (fmt == EMIT_TEXT && dl.n == 0)
		buf_puts(&b, _("no decision yet\n"));
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_minutes(struct cli *c)
{
	const char *f = cli_opt(c, "format");
	struct buf b = { 0 };
	uint64_t id;
	int json;

	int64_t from, to;
	int rc;

	if (f == NULL || strcmp(f, "md") == 0)
		json = c->json;
	else if (strcmp(f, "json") == 0)
		json = 1;
	else
		return cli_usage(c, "--format is md or json");
	if (cli_flag(c, "electronic")) {
		/* The record of electronic rounds closed in a period: a day
		 * alone runs from its first minute (FROM) to its last
		 * second (TO). */
		if (c->argc != 2 || (from = util_parse_date(c->argv[0])) <= 0 ||
		    (to = util_parse_date(c->argv[1])) <= 0)
			return cli_usage(c, "--electronic takes two dates FROM "
			    "TO, YYYY-MM-DD [HH:MM]");
		if (strlen(c->argv[0]) == 10) {
			char d[24];
			snprintf(d, sizeof d, "%s 00:00", c->argv[0]);
			from = util_parse_date(d);
		}
		to += 59;
		rc = hub_minutes_electronic(c->h, from, to, json, &b, &c->e);
	} else if (c->argc != 1)
		return cli_usage(c, "one meeting id, or --electronic FROM TO");
	else if (cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	else
		rc = hub_minutes(c->h, id, json, &b, &c->e);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	cli_write(&b);
	buf_free(&b);
	return 0;
}

const struct cli_cmd cli_plan_cmds[] = {
	{ "decision list", "[--json|--csv]", "json,csv", 0, 0, 0,
	    N_("the decision register"), c_decision_list },
	{ "action add", "DECISION_ID --as LOGIN --owner LOGIN --title T "
	    "[--due DATE]", "as:,owner:,title:,due:", 1, 1, 0,
	    N_("add an action to a decision; prints its id"), c_action_add },
	{ "action list", "[--open] [--json|--csv]", "open,json,csv", 0, 0, 0,
	    N_("the action plan; overdue actions stand out"), c_action_list },
	{ "action status", "ID todo|doing|done|dropped --as LOGIN", "as:", 2,
	    2, 0, N_("change an action's status (owner or facilitator)"),
	    c_action_status },
	{ "minutes", "MEETING_ID|--electronic FROM TO [--format md|json]",
	    "format:,json,electronic", 1, 2, 0,
	    N_("the minutes of a meeting, or the record of the electronic "
	    "rounds closed from FROM to TO, ready to email"), c_minutes },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
