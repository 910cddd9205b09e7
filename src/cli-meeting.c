/* cli-meeting.c: commands for meetings: plan, open, presence, review,
 * taking up tensions, understanding, show and list. Bodies parse, call
 * the hub, print its views; no rule (and no quorum) is computed here. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int
c_meeting_plan(struct cli *c)
{
	uint64_t id;

	if (hub_meeting_plan(c->h, &c->who, cli_opt(c, "title"), &id,
	    &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

static int
c_meeting_open(struct cli *c)
{
	uint64_t id = 0, out;

	if (c->argc > 0 && cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if (hub_meeting_open(c->h, &c->who, id, cli_opt(c, "title"), &out,
	    &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(out);
}

static int
c_meeting_present(struct cli *c)
{
	if (hub_meeting_present(c->h, &c->who, (const char *const *)c->argv,
	    (size_t)c->argc, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_join(struct cli *c)
{
	if (hub_meeting_join(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* Recording the review shows the plan reviewed: open actions, overdue
 * ones marked. */
static int
c_meeting_review(struct cli *c)
{
	if (hub_meeting_review(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return cli_action_plan(c, 1);
}

static int
c_meeting_next(struct cli *c)
{
	uint64_t id = 0, taken;

	if (c->argc > 0 && cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	if (hub_meeting_take(c->h, &c->who, id, &taken, &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(taken);
}

static int
c_meeting_ack(struct cli *c)
{
	if (hub_meeting_ack(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_question(struct cli *c)
{
	const char *q = cli_opt(c, "text");

	if (q == NULL)
		return cli_usage(c, "--text is required");
	if (hub_meeting_question(c->h, &c->who, q, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_close(struct cli *c)
{
	if (hub_meeting_close(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

struct watch_out {
	struct buf *b;
	int json;
	size_t n;
};

static int
watch_row(const struct hub_watch_row *w, void *arg)
{
	struct watch_out *f = arg;
	char s[200];

	if (f->json) {
		buf_puts(f->b, f->n ? ",{\"login\":" : "{\"login\":");
		json_str(f->b, w->login);
		buf_printf(f->b, ",\"blocks\":%llu,\"withdrawals\":%llu,"
		    "\"last_note\":", (unsigned long long)w->blocks,
		    (unsigned long long)w->withdrawals);
		json_str(f->b, w->note);
		buf_puts(f->b, "}");
	} else
		buf_printf(f->b, "%s%s (%llu block%s, %llu withdrawal%s)",
		    f->n ? ", " : "", util_safe(w->login, s, sizeof s),
		    (unsigned long long)w->blocks, w->blocks == 1 ? "" : "s",
		    (unsigned long long)w->withdrawals,
		    w->withdrawals == 1 ? "" : "s");
	f->n++;
	return 0;
}

/* The members flagged by the watch rule, into b; their number or -1. */
int
cli_watch_flagged(struct cli *c, struct hub_rd *r, struct buf *b, int json)
{
	struct watch_out f = { b, json, 0 };

	if (hub_watch_list(r, watch_row, &f, &c->e) != 0)
		return -1;
	return (int)f.n;
}

static void
meeting_json(struct buf *b, const struct hub_meeting_view *v)
{
	const struct hub_quorum *q = &v->quorum;
	char iso[32];

	buf_printf(b, "{\"id\":%llu,\"title\":", (unsigned long long)v->id);
	json_str(b, v->title);
	buf_printf(b, ",\"status\":\"%s\",\"facilitator\":",
	    model_meeting_status_name(v->status));
	cli_put_login(b, v->facilitator, 1);
	buf_printf(b, ",\"opened\":\"%s\"", util_fmt_iso(v->opened, iso,
	    sizeof iso));
	buf_printf(b, ",\"closed\":\"%s\",\"room\":", util_fmt_iso(v->closed,
	    iso, sizeof iso));
	cli_put_logins(b, &v->room, 1);
	buf_puts(b, ",\"remote\":");
	cli_put_logins(b, &v->remote, 1);
	buf_printf(b, ",\"present\":%llu,\"members\":%llu,\"needed\":%llu,"
	    "\"quorum_reached\":%s,\"review_done\":%s,\"current_tension\":"
	    "%llu,\"tensions\":", (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? "true" : "false", v->review_done ? "true" : "false",
	    (unsigned long long)v->current);
	json_u64_list(b, &v->tensions);
	buf_puts(b, ",\"acknowledged_by\":");
	cli_put_logins(b, &v->acks, 1);
	buf_puts(b, ",\"watch\":[");
}

static void
meeting_text(struct buf *b, const struct hub_meeting_view *v)
{
	const struct hub_quorum *q = &v->quorum;
	char s[400], ts[32];

	buf_printf(b, "meeting %llu%s%s\n", (unsigned long long)v->id,
	    v->title ? ": " : "", v->title ? util_safe(v->title, s,
	    sizeof s) : "");
	buf_printf(b, "status:      %s", model_meeting_status_name(v->status));
	if (v->opened)
		buf_printf(b, " (opened %s)", util_fmt_time(v->opened, ts,
		    sizeof ts));
	buf_puts(b, "\nfacilitator: ");
	cli_put_login(b, v->facilitator, 0);
	buf_printf(b, "\nquorum:      %llu of %llu present, %llu needed "
	    "(%s)\n", (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? "reached" : "not reached");
	buf_puts(b, "in the room: ");
	cli_put_logins(b, &v->room, 0);
	buf_puts(b, "\nremote:      ");
	cli_put_logins(b, &v->remote, 0);
	buf_printf(b, "\nreview:      %s\n", v->review_done ? "action plan "
	    "reviewed" : "not yet: the action-plan review is the first item");
	if (v->current) {
		buf_printf(b, "current:     tension %llu: %s\n",
		    (unsigned long long)v->current, util_safe(v->current_title,
		    s, sizeof s));
		buf_printf(b, "understood:  %zu of %llu present (", v->acks.n,
		    (unsigned long long)q->present);
		cli_put_logins(b, &v->acks, 0);
		buf_printf(b, "); %zu question%s\n", v->questions.n,
		    v->questions.n == 1 ? "" : "s");
	}
}

static int
c_meeting_show(struct cli *c)
{
	struct hub_meeting_view v;
	struct hub_rd *r;
	struct buf b = { 0 }, w = { 0 };
	uint64_t id = 0;
	int rc;

	memset(&v, 0, sizeof v);
	if (c->argc > 0 && cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if ((id == 0 && (rc = hub_meeting_latest(r, &id, &c->e)) != 0) ||
	    (rc = hub_meeting_view(r, id, &v, &c->e)) != 0)
		goto out;
	if (c->json) {
		meeting_json(&b, &v);
		rc = cli_watch_flagged(c, r, &b, 1) < 0;
		buf_puts(&b, "]}\n");
	} else {
		meeting_text(&b, &v);
		rc = cli_watch_flagged(c, r, &w, 0);
		if (rc > 0)
			buf_printf(&b, "watch:       %s\n", w.p);
		rc = rc < 0;
	}
out:
	hub_rd_close(r);
	hub_meeting_view_free(&v);
	buf_free(&w);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

struct mlist_out {
	struct cli *c;
	struct buf b;
	size_t n;
};

static int
meeting_row(const struct hub_meeting_row *m, void *arg)
{
	struct mlist_out *o = arg;
	const struct hub_quorum *q = &m->quorum;
	char s[200], ts[32], iso[32];

	if (o->c->json) {
		buf_printf(&o->b, "%s{\"id\":%llu,\"status\":\"%s\","
		    "\"opened\":\"%s\",\"present\":%llu,\"members\":%llu,"
		    "\"needed\":%llu,\"title\":", o->n ? "," : "",
		    (unsigned long long)m->id,
		    model_meeting_status_name(m->status),
		    util_fmt_iso(m->opened, iso, sizeof iso),
		    (unsigned long long)q->present,
		    (unsigned long long)q->members,
		    (unsigned long long)q->needed);
		json_str(&o->b, m->title);
		buf_puts(&o->b, "}");
	} else
		buf_printf(&o->b, "#%-4llu %-7s %-16s %llu of %llu present, "
		    "%llu needed  %s\n", (unsigned long long)m->id,
		    model_meeting_status_name(m->status),
		    m->opened ? util_fmt_time(m->opened, ts, sizeof ts) : "-",
		    (unsigned long long)q->present,
		    (unsigned long long)q->members,
		    (unsigned long long)q->needed,
		    util_safe(m->title ? m->title : "", s, sizeof s));
	o->n++;
	return 0;
}

static int
c_meeting_list(struct cli *c)
{
	struct mlist_out o;
	struct hub_rd *r;
	int rc;

	memset(&o, 0, sizeof o);
	o.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&o.b, "[");
	rc = hub_meeting_list(r, NULL, 0, meeting_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&o.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&o.b, "]\n");
	else if (o.n == 0)
		buf_puts(&o.b, "no meeting yet\n");
	cli_write(&o.b);
	buf_free(&o.b);
	return 0;
}

const struct cli_cmd cli_meeting_cmds[] = {
	{ "meeting plan", "[--title T] --as FACILITATOR", "as:,title:", 0, 0,
	    0, "plan a meeting; prints its id", c_meeting_plan },
	{ "meeting open", "[ID] [--title T] --as FACILITATOR", "as:,title:",
	    0, 1, 0, "open a meeting (one at a time); prints its id",
	    c_meeting_open },
	{ "meeting present", "LOGIN... --as FACILITATOR", "as:", 1, -1, 0,
	    "mark members present in the room", c_meeting_present },
	{ "meeting join", "--as LOGIN", "as:", 0, 0, 0,
	    "check in remotely to the open meeting", c_meeting_join },
	{ "meeting review", "--as FACILITATOR [--json]", "as:,json", 0, 0, 0,
	    "record the action-plan review, the first item; prints the open "
	    "actions", c_meeting_review },
	{ "meeting next", "[TENSION_ID] --as FACILITATOR", "as:", 0, 1, 0,
	    "take up a tension (default: the next on the agenda)",
	    c_meeting_next },
	{ "meeting ack", "--as LOGIN", "as:", 0, 0, 0,
	    "acknowledge that the current tension is understood",
	    c_meeting_ack },
	{ "meeting question", "--text Q --as LOGIN", "as:,text:", 0, 0, 0,
	    "record a question on the current tension", c_meeting_question },
	{ "meeting show", "[ID] [--json]", "json", 0, 1, 0,
	    "presence, quorum, current tension, watch flags",
	    c_meeting_show },
	{ "meeting list", "[--json]", "json", 0, 0, 0,
	    "every meeting with its presence and quorum", c_meeting_list },
	{ "meeting close", "--as FACILITATOR", "as:", 0, 0, 0,
	    "close the open meeting", c_meeting_close },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
