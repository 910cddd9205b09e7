/* cli-proposal.c: commands for proposals, positions and the watch rule.
 * Bodies parse, call the hub, print its views: the veil of a hidden round
 * and the tally are the hub's, never recounted here. */
#include "cli.h"
#include "emit.h"

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
	int64_t review = 0;
	const char *v = cli_opt(c, "review");

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (v != NULL && cli_review_date(c, v, &review) != 0)
		return ERR_USAGE;
	if (hub_proposal_close_review(c->h, &c->who, id, review, &r,
	    &c->e) != 0)
		return cli_fail(c);
	printf(_("quorum: %s\n"), r.note);
	if (r.decision)
		printf(_("decision: %llu\n"), (unsigned long long)r.decision);
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
	return simple_prop(c, cli_flag(c, "decline") ?
	    hub_proposal_unanimity_decline : hub_proposal_unanimity);
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
		struct emit em;

		emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
		emit_rec_begin(&em, NULL);
		hub_proposal_emit(&em, &v);
		emit_rec_end(&em);
		emit_free(&em);
		cli_write(&b);
	}
	hub_proposal_view_free(&v);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

/* A proposal list row is written one way (hub_proposal_row_emit). */
struct plist_out {
	struct emit em;
	size_t n;
};

static int
proposal_row(const struct hub_proposal_row *p, void *arg)
{
	struct plist_out *o = arg;

	emit_rec_begin(&o->em, NULL);
	hub_proposal_row_emit(&o->em, p);
	emit_rec_end(&o->em);
	o->n++;
	return 0;
}

static int
c_proposal_list(struct cli *c)
{
	struct plist_out o;
	struct buf b = { 0 };
	struct hub_rd *r;
	int open_only = cli_flag(c, "open"), rc;
	int fmt = c->json ? EMIT_JSON : cli_flag(c, "csv") ? EMIT_CSV :
	    EMIT_TEXT;

	memset(&o, 0, sizeof o);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&o.em, fmt, &b);
	emit_list_begin(&o.em, NULL);
	rc = hub_proposal_list(r, open_only ? HUB_PROPOSALS_OPEN : 0, NULL, 0,
	    proposal_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc == 0 && o.n == 0 && fmt == EMIT_CSV) {
		struct hub_proposal_row z;

		memset(&z, 0, sizeof z);
		emit_header_only(&o.em);
		emit_rec_begin(&o.em, NULL);
		hub_proposal_row_emit(&o.em, &z);
		emit_rec_end(&o.em);
	}
	emit_list_end(&o.em);
	emit_free(&o.em);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (o.n == 0 && fmt == EMIT_TEXT)
		buf_puts(&b, open_only ? _("no open proposal\n") :
		    _("no proposal yet\n"));
	cli_write(&b);
	buf_free(&b);
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
		buf_puts(&b, _("nobody is flagged"));
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
	    N_("carry a proposal (live, or electronic until DATE); prints its "
	    "id; --unanimity by a member asks the facilitator for it"),
	    c_proposal_add },
	{ "proposal list", "[--open] [--json|--csv]", "open,json,csv", 0, 0, 0,
	    N_("proposals with their status (--open: still open)"),
	    c_proposal_list },
	{ "proposal amend", "ID --as LOGIN --text T", "as:,text:", 1, 1, 0,
	    N_("a new version (the supporter); positions start again"),
	    c_proposal_amend },
	{ "proposal show", "ID [--json] [--as LOGIN]", "json,as:", 1, 1, 0,
	    N_("versions, positions, tally, outcome, decision"),
	    c_proposal_show },
	{ "proposal close", "ID --as FACILITATOR [--review DATE]",
	    "as:,review:", 1, 1, 0,
	    N_("close the round; last line: retained|rejected|no-decision; "
	    "--review: the decision's review date"),
	    c_proposal_close },
	{ "proposal unanimity", "ID --as FACILITATOR [--decline]",
	    "as:,decline", 1, 1, 0,
	    N_("require unanimity (one block will reject), granting a request; "
	    "--decline: decline the supporter's request"),
	    c_proposal_unanimity },
	{ "proposal ack", "ID --as BLOCKER", "as:", 1, 1, 0,
	    N_("a blocker agrees to adjourn a rejected proposal"),
	    c_proposal_ack },
	{ "proposal adjourn", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    N_("back on the agenda with the blockers' reasons"),
	    c_proposal_adjourn },
	{ "proposal escalate", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    N_("blocked for good: send to the sages"), c_proposal_escalate },
	{ "proposal answer", "ID --text T --as SAGE", "as:,text:", 1, 1, 0,
	    N_("record the sages' answer"), c_proposal_answer },
	{ "position", "PROPOSAL_ID approve|alert|withdraw|block [--reason R] "
	    "--as LOGIN", "as:,reason:", 2, 2, 0,
	    N_("take or change your position"), c_position },
	{ "watch list", "[--json]", "json", 0, 0, 0,
	    N_("members flagged by the watch rule"), c_watch_list },
	{ "watch clear", "LOGIN --note N --as FACILITATOR|SAGE", "as:,note:", 1, 1,
	    0, N_("record the concertation, which clears the flag"),
	    c_watch_clear },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
