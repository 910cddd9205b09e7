/* cli-proposal.c: commands for proposals, positions and the watch rule.
 * Bodies parse, call the hub, print its views: the veil of a hidden round
 * and the tally are the hub's, never recounted here. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int
c_proposal_add(struct cli *c)
{
	const char *text = cli_opt(c, "text");
	uint64_t tension, id;
	int64_t closes;
	int rc;

	if (cli_arg_id(c, 0, "tension id", &tension) != 0)
		return ERR_USAGE;
	if (text == NULL)
		return cli_usage(c, "--text is required");
	if ((rc = cli_opt_date(c, "closes", &closes)) != 0)
		return rc;
	if (hub_proposal_add(c->h, &c->who, tension, text,
	    cli_flag(c, "unanimity"), closes, cli_flag(c, "hidden"), &id,
	    &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

/* A proposal id and a required --text: amend, the sages' answer. */
static int
text_prop(struct cli *c, int (*fn)(struct hub *, struct actor *, uint64_t,
    const char *, struct err *))
{
	const char *text = cli_opt(c, "text");
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (text == NULL)
		return cli_usage(c, "--text is required");
	if (fn(c->h, &c->who, id, text, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_amend(struct cli *c)
{
	return text_prop(c, hub_proposal_amend);
}

static int
c_position(struct cli *c)
{
	uint64_t id;
	int k;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if ((k = model_position_parse(c->argv[1])) < 0)
		return cli_usage(c, "a position is approve, alert, withdraw or "
		    "block, not '%.40s'", c->argv[1]);
	if (hub_position_set(c->h, &c->who, id, k, cli_opt(c, "reason"),
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_close(struct cli *c)
{
	struct hub_close r;
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (hub_proposal_close(c->h, &c->who, id, &r, &c->e) != 0)
		return cli_fail(c);
	printf("quorum: %s\n", r.note);
	if (r.decision)
		printf("decision: %llu\n", (unsigned long long)r.decision);
	printf("%s\n", model_outcome_name(r.outcome));
	return 0;
}

static int
simple_prop(struct cli *c, int (*fn)(struct hub *, struct actor *, uint64_t,
    struct err *))
{
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (fn(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_adjourn(struct cli *c)
{
	return simple_prop(c, hub_proposal_adjourn);
}

static int
c_proposal_escalate(struct cli *c)
{
	return simple_prop(c, hub_proposal_escalate);
}

static int
c_proposal_unanimity(struct cli *c)
{
	return simple_prop(c, hub_proposal_unanimity);
}

static int
c_proposal_ack(struct cli *c)
{
	return simple_prop(c, hub_proposal_ack);
}

static int
c_proposal_answer(struct cli *c)
{
	return text_prop(c, hub_proposal_answer);
}

static void
show_positions(struct buf *b, const struct hub_proposal_view *v, int json)
{
	char r[MAX_REASON + 64];

	if (json)
		buf_puts(b, "[");
	for (size_t i = 0; i < v->npos; i++) {
		const struct hub_vposition *x = &v->pos[i];
		if (json) {
			buf_puts(b, i ? ",{\"member\":" : "{\"member\":");
			cli_put_login(b, x->login, 1);
			if (x->hidden) {
				buf_puts(b, ",\"hidden\":true}");
				continue;
			}
			buf_printf(b, ",\"position\":\"%s\",\"reason\":",
			    model_position_name(x->kind));
			json_str(b, x->reason);
			buf_printf(b, ",\"version\":%llu,\"counted\":%s}",
			    (unsigned long long)x->version,
			    x->counted ? "true" : "false");
			continue;
		}
		buf_puts(b, "  ");
		cli_put_login(b, x->login, 0);
		if (x->hidden) {
			buf_puts(b, ": hidden until closed\n");
			continue;
		}
		buf_printf(b, ": %s", model_position_name(x->kind));
		if (x->reason)
			buf_printf(b, " (%s)", util_safe(x->reason, r,
			    sizeof r));
		if (!x->counted)
			buf_printf(b, " [on version %llu: not counted]",
			    (unsigned long long)x->version);
		buf_puts(b, "\n");
	}
	if (json)
		buf_puts(b, "]");
	else if (v->npos == 0)
		buf_puts(b, "  none yet\n");
}

static void
proposal_json(struct buf *b, const struct hub_proposal_view *v)
{
	const struct tally *tl = &v->tally;
	char iso[32];

	buf_printf(b, "{\"id\":%llu,\"tension\":%llu,\"supporter\":",
	    (unsigned long long)v->id, (unsigned long long)v->tension);
	cli_put_login(b, v->supporter, 1);
	buf_printf(b, ",\"status\":\"%s\",\"live\":%s,\"meeting\":%llu,"
	    "\"closes\":\"%s\",\"unanimity\":%s,\"hidden\":%s,\"version\":"
	    "%zu,\"versions\":", model_proposal_status_name(v->status),
	    v->closes ? "false" : "true", (unsigned long long)v->meeting,
	    util_fmt_iso(v->closes, iso, sizeof iso),
	    v->unanimity ? "true" : "false", v->hidden ? "true" : "false",
	    v->versions.n);
	json_str_list(b, &v->versions);
	buf_puts(b, ",\"positions\":");
	show_positions(b, v, 1);
	if (v->masked)
		buf_printf(b, ",\"tally\":null,\"answered\":%llu",
		    (unsigned long long)v->answered);
	else
		buf_printf(b, ",\"tally\":{\"approve\":%llu,\"alert\":%llu,"
		    "\"withdraw\":%llu,\"block\":%llu,\"blocks_to_reject\":"
		    "%llu}", (unsigned long long)tl->approve,
		    (unsigned long long)tl->alert,
		    (unsigned long long)tl->withdraw,
		    (unsigned long long)tl->block,
		    (unsigned long long)v->threshold);
	buf_puts(b, ",\"outcome\":");
	if (v->status == PS_OPEN)
		buf_puts(b, "null");
	else
		json_str(b, model_proposal_status_name(v->status));
	buf_puts(b, ",\"quorum\":");
	json_str(b, v->close_note);
	buf_printf(b, ",\"decision\":%llu,\"decision_text\":",
	    (unsigned long long)v->decision);
	json_str(b, v->decision_text);
	buf_puts(b, ",\"sages_answer\":");
	json_str(b, v->sages_answer);
	buf_puts(b, ",\"blockers_agreed\":");
	cli_put_logins(b, &v->blockers_agreed, 1);
	buf_puts(b, "}\n");
}

static void
proposal_text(struct buf *b, const struct hub_proposal_view *v)
{
	const struct tally *tl = &v->tally;
	uint64_t thr = v->threshold;
	char s[400], ts[32];

	buf_printf(b, "proposal %llu on tension %llu: %s\n",
	    (unsigned long long)v->id, (unsigned long long)v->tension,
	    util_safe(v->tension_title, s, sizeof s));
	buf_puts(b, "supporter: ");
	cli_put_login(b, v->supporter, 0);
	buf_printf(b, "\nstatus:    %s", model_proposal_status_name(v->status));
	if (v->closes)
		buf_printf(b, "; electronic round, closes %s",
		    util_fmt_time(v->closes, ts, sizeof ts));
	else
		buf_printf(b, "; live in meeting %llu",
		    (unsigned long long)v->meeting);
	buf_printf(b, "\nrule:      %s%s\n", v->unanimity ? "unanimity "
	    "required: 1 block rejects" : "2 blocks from distinct members "
	    "reject", v->hidden ? "; positions hidden until closed" : "");
	for (size_t i = 0; i < v->versions.n; i++) {
		buf_printf(b, "version %zu%s:\n", i + 1,
		    i + 1 == v->versions.n ? " (current)" : "");
		cli_put_text(b, v->versions.v[i], "  ");
	}
	buf_puts(b, "positions:\n");
	show_positions(b, v, 0);
	if (v->masked)
		buf_printf(b, "tally:     hidden until closed (%llu "
		    "answered)\n", (unsigned long long)v->answered);
	else
		buf_printf(b, "tally:     %llu approve, %llu alert, %llu "
		    "withdraw, %llu block (%llu block%s reject%s; %llu so "
		    "far)\n", (unsigned long long)tl->approve,
		    (unsigned long long)tl->alert,
		    (unsigned long long)tl->withdraw,
		    (unsigned long long)tl->block, (unsigned long long)thr,
		    thr == 1 ? "" : "s", thr == 1 ? "s" : "",
		    (unsigned long long)tl->blockers);
	if (v->if_closed >= 0)
		buf_printf(b, "if closed now: %s\n",
		    model_outcome_name(v->if_closed));
	if (v->status != PS_OPEN) {
		buf_printf(b, "outcome:   %s", model_proposal_status_name(
		    v->status));
		if (v->close_note)
			buf_printf(b, " (%s)", util_safe(v->close_note, s,
			    sizeof s));
		buf_puts(b, "\n");
	}
	if (v->decision_text) {
		buf_printf(b, "decision %llu:\n", (unsigned long long)
		    v->decision);
		cli_put_text(b, v->decision_text, "  ");
	}
	if (v->status == PS_RETAINED && tl->block > 0) {
		for (size_t i = 0; i < v->npos; i++)
			if (v->pos[i].counted && v->pos[i].kind == POS_BLOCK) {
				buf_puts(b, "block on record (below the "
				    "threshold): ");
				cli_put_login(b, v->pos[i].login, 0);
				buf_printf(b, ": %s\n", util_safe(
				    v->pos[i].reason ? v->pos[i].reason : "",
				    s, sizeof s));
			}
	}
	if (v->status == PS_REJECTED) {
		buf_puts(b, "blockers agreed to adjourn: ");
		cli_put_logins(b, &v->blockers_agreed, 0);
		buf_puts(b, "\n");
	}
	if (v->status == PS_ESCALATED) {
		buf_puts(b, "sages:     ");
		if (v->sages_answer) {
			buf_puts(b, "\n");
			cli_put_text(b, v->sages_answer, "  ");
		} else
			buf_puts(b, "answer awaited\n");
	}
}

/* Shown for the --as member (their own position in a hidden round), or
 * the console. */
static int
c_proposal_show(struct cli *c)
{
	struct hub_proposal_view v;
	struct hub_rd *r;
	struct buf b = { 0 };
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	rc = hub_proposal_view(r, id, &v, &c->e);
	hub_rd_close(r);
	if (rc == 0) {
		if (c->json)
			proposal_json(&b, &v);
		else
			proposal_text(&b, &v);
		cli_write(&b);
	}
	hub_proposal_view_free(&v);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

struct plist_out {
	struct cli *c;
	struct buf b;
	size_t n;
};

static int
proposal_row(const struct hub_proposal_row *p, void *arg)
{
	struct plist_out *o = arg;
	char s[200], ts[32], iso[32];

	if (o->c->json) {
		buf_printf(&o->b, "%s{\"id\":%llu,\"tension\":%llu,"
		    "\"status\":\"%s\",\"live\":%s,\"meeting\":%llu,"
		    "\"closes\":\"%s\",\"versions\":%zu,\"supporter\":",
		    o->n ? "," : "", (unsigned long long)p->id,
		    (unsigned long long)p->tension,
		    model_proposal_status_name(p->status),
		    p->closes ? "false" : "true",
		    (unsigned long long)p->meeting,
		    util_fmt_iso(p->closes, iso, sizeof iso), p->versions);
		cli_put_login(&o->b, p->supporter, 1);
		buf_puts(&o->b, ",\"text\":");
		json_str(&o->b, p->text);
		buf_puts(&o->b, "}");
	} else {
		buf_printf(&o->b, "#%-4llu tension %-4llu %-11s ",
		    (unsigned long long)p->id, (unsigned long long)p->tension,
		    model_proposal_status_name(p->status));
		if (p->closes)
			buf_printf(&o->b, "closes %s  ", util_fmt_time(
			    p->closes, ts, sizeof ts));
		else
			buf_printf(&o->b, "meeting %llu  ",
			    (unsigned long long)p->meeting);
		buf_printf(&o->b, "%s\n", util_safe(p->text, s, sizeof s));
	}
	o->n++;
	return 0;
}

static int
c_proposal_list(struct cli *c)
{
	struct plist_out o;
	struct hub_rd *r;
	int open_only = cli_flag(c, "open"), rc;

	memset(&o, 0, sizeof o);
	o.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&o.b, "[");
	rc = hub_proposal_list(r, open_only ? HUB_PROPOSALS_OPEN : 0, NULL, 0,
	    proposal_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&o.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&o.b, "]\n");
	else if (o.n == 0)
		buf_puts(&o.b, open_only ? "no open proposal\n" :
		    "no proposal yet\n");
	cli_write(&o.b);
	buf_free(&o.b);
	return 0;
}

/* ---- watch ---- */

static int
c_watch_list(struct cli *c)
{
	struct hub_rd *r;
	struct buf b = { 0 };
	int n, rc;

	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&b, "[");
	n = cli_watch_flagged(c, r, &b, c->json);
	hub_rd_close(r);
	if (n < 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&b, "]");
	else if (n == 0)
		buf_puts(&b, "nobody is flagged");
	buf_puts(&b, "\n");
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_watch_clear(struct cli *c)
{
	const char *note = cli_opt(c, "note");

	if (note == NULL)
		return cli_usage(c, "--note is required: what was agreed");
	if (hub_watch_clear(c->h, &c->who, c->argv[0], note, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_proposal_cmds[] = {
	{ "proposal add", "TENSION_ID --as LOGIN --text T [--unanimity] "
	    "[--closes DATE] [--hidden]",
	    "as:,text:,unanimity,closes:,hidden", 1, 1, 0,
	    "carry a proposal (live, or electronic until DATE); prints its id",
	    c_proposal_add },
	{ "proposal list", "[--open] [--json]", "open,json", 0, 0, 0,
	    "proposals with their status (--open: still open)",
	    c_proposal_list },
	{ "proposal amend", "ID --as LOGIN --text T", "as:,text:", 1, 1, 0,
	    "a new version (the supporter); positions start again",
	    c_proposal_amend },
	{ "proposal show", "ID [--json] [--as LOGIN]", "json,as:", 1, 1, 0,
	    "versions, positions, tally, outcome, decision", c_proposal_show },
	{ "proposal close", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "close the round; last line: retained|rejected|no-decision",
	    c_proposal_close },
	{ "proposal unanimity", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "require unanimity: one block will reject", c_proposal_unanimity },
	{ "proposal ack", "ID --as BLOCKER", "as:", 1, 1, 0,
	    "a blocker agrees to adjourn a rejected proposal",
	    c_proposal_ack },
	{ "proposal adjourn", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "back on the agenda with the blockers' reasons", c_proposal_adjourn },
	{ "proposal escalate", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "blocked for good: send to the sages", c_proposal_escalate },
	{ "proposal answer", "ID --text T --as SAGE", "as:,text:", 1, 1, 0,
	    "record the sages' answer", c_proposal_answer },
	{ "position", "PROPOSAL_ID approve|alert|withdraw|block [--reason R] "
	    "--as LOGIN", "as:,reason:", 2, 2, 0,
	    "take or change your position", c_position },
	{ "watch list", "[--json]", "json", 0, 0, 0,
	    "members flagged by the watch rule", c_watch_list },
	{ "watch clear", "LOGIN --note N --as FACILITATOR", "as:,note:", 1, 1,
	    0, "record the concertation, which clears the flag",
	    c_watch_clear },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
