/* cli-plan.c: commands for the decision register, the action plan and
 * the minutes. Bodies parse, call the hub, print its views; overdue is
 * the model's answer, never recomputed here. */
#include "cli.h"

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

struct alist_out {
	struct cli *c;
	struct buf b;
	size_t n, late;
};

static int
action_row(const struct hub_plan_action *a, void *arg)
{
	struct alist_out *al = arg;
	char s[400], d[32], iso[32];

	al->late += a->overdue;
	if (al->c->json) {
		buf_printf(&al->b, "%s{\"id\":%llu,\"decision\":%llu,"
		    "\"title\":", al->n ? "," : "", (unsigned long long)a->id,
		    (unsigned long long)a->decision);
		json_str(&al->b, a->title);
		buf_puts(&al->b, ",\"owner\":");
		cli_put_login(&al->b, a->owner, 1);
		buf_printf(&al->b, ",\"due\":\"%s\",\"status\":\"%s\","
		    "\"overdue\":%s}", util_fmt_iso(a->due, iso, sizeof iso),
		    model_action_status_name(a->status),
		    a->overdue ? "true" : "false");
	} else {
		buf_printf(&al->b, "%s#%-4llu %-7s %-10s ", a->overdue ?
		    "! " : "  ", (unsigned long long)a->id,
		    model_action_status_name(a->status),
		    a->due ? util_fmt_date(a->due, d, sizeof d) : "-");
		cli_put_login(&al->b, a->owner, 0);
		buf_printf(&al->b, "  %s (decision %llu)%s\n",
		    util_safe(a->title, s, sizeof s),
		    (unsigned long long)a->decision, a->overdue ?
		    "  OVERDUE" : "");
	}
	al->n++;
	return 0;
}

int
cli_action_plan(struct cli *c, int open_only)
{
	struct alist_out al;
	struct hub_rd *r;
	int rc;

	memset(&al, 0, sizeof al);
	al.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&al.b, "[");
	rc = hub_action_list(r, open_only ? HUB_ACTIONS_OPEN : 0, NULL, 0,
	    action_row, &al, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&al.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&al.b, "]\n");
	else if (al.n == 0)
		buf_puts(&al.b, open_only ? "no open action\n" :
		    "the action plan is empty\n");
	else if (al.late)
		buf_printf(&al.b, "%zu overdue\n", al.late);
	cli_write(&al.b);
	buf_free(&al.b);
	return 0;
}

static int
c_action_list(struct cli *c)
{
	return cli_action_plan(c, cli_flag(c, "open"));
}

struct dlist_out {
	struct cli *c;
	struct buf b;
	size_t n;
};

static int
decision_row(const struct hub_plan_decision *d, void *arg)
{
	struct dlist_out *dl = arg;
	char ts[32], iso[32];

	if (dl->c->json) {
		buf_printf(&dl->b, "%s{\"id\":%llu,\"proposal\":%llu,"
		    "\"tension\":%llu,\"meeting\":%llu,\"decided\":\"%s\","
		    "\"text\":", dl->n ? "," : "", (unsigned long long)d->id,
		    (unsigned long long)d->proposal,
		    (unsigned long long)d->tension,
		    (unsigned long long)d->meeting,
		    util_fmt_iso(d->decided, iso, sizeof iso));
		json_str(&dl->b, d->text);
		buf_puts(&dl->b, "}");
	} else {
		buf_printf(&dl->b, "decision %llu (%s, proposal %llu, tension "
		    "%llu):\n", (unsigned long long)d->id,
		    util_fmt_time(d->decided, ts, sizeof ts),
		    (unsigned long long)d->proposal,
		    (unsigned long long)d->tension);
		cli_put_text(&dl->b, d->text, "  ");
	}
	dl->n++;
	return 0;
}

static int
c_decision_list(struct cli *c)
{
	struct dlist_out dl;
	struct hub_rd *r;
	int rc;

	memset(&dl, 0, sizeof dl);
	dl.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&dl.b, "[");
	rc = hub_decision_list(r, NULL, 0, decision_row, &dl, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&dl.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&dl.b, "]\n");
	else if (dl.n == 0)
		buf_puts(&dl.b, "no decision yet\n");
	cli_write(&dl.b);
	buf_free(&dl.b);
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
	{ "decision list", "[--json]", "json", 0, 0, 0,
	    "the decision register", c_decision_list },
	{ "action add", "DECISION_ID --as LOGIN --owner LOGIN --title T "
	    "[--due DATE]", "as:,owner:,title:,due:", 1, 1, 0,
	    "add an action to a decision; prints its id", c_action_add },
	{ "action list", "[--open] [--json]", "open,json", 0, 0, 0,
	    "the action plan; overdue actions stand out", c_action_list },
	{ "action status", "ID todo|doing|done|dropped --as LOGIN", "as:", 2,
	    2, 0, "change an action's status (owner or facilitator)",
	    c_action_status },
	{ "minutes", "MEETING_ID|--electronic FROM TO [--format md|json]",
	    "format:,json,electronic", 1, 2, 0,
	    "the minutes of a meeting, or the record of the electronic rounds "
	    "closed from FROM to TO, ready to email", c_minutes },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
