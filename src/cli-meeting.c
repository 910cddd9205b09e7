/* cli-meeting.c: commands for meetings: plan, open, presence, review,
 * taking up tensions, understanding, show and list. Bodies parse, call
 * the hub, print its views; no rule (and no quorum) is computed here. */
#include "cli.h"
#include "emit.h"

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

/* Logins to member ids through the read API: an unknown login is a
 * refusal, so nothing is written. */
static int
logins_to_ids(struct cli *c, struct u64_list *ids)
{
	struct hub_member_view mv;
	struct hub_rd *r;
	int rc;

	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	for (int i = 0; i < c->argc && rc == 0; i++) {
		if ((rc = login_check(c->argv[i], &c->e)) != 0)
			break;
		rc = hub_member_view_get(r, c->argv[i], &mv, &c->e);
		if (rc == ERR_NOTFOUND)
			rc = c->e.code = ERR_REFUSED;
		if (rc == 0)
			u64_list_push(ids, mv.m.id);
		hub_member_view_free(&mv);
	}
	hub_rd_close(r);
	return rc;
}

static int
c_meeting_leave(struct cli *c)
{
	struct u64_list ids = { 0 };
	int rc;

	if ((rc = logins_to_ids(c, &ids)) == 0)
		rc = hub_meeting_leave(c->h, &c->who, &ids, &c->e);
	u64_list_free(&ids);
	return rc ? cli_fail(c) : 0;
}

/* Recording the review shows the plan reviewed: open actions, overdue
 * ones marked. */
struct dues {
	const struct u64_list *ids;
	struct buf *b;
};

static int
due_cb(const struct hub_plan_decision *d, void *arg)
{
	struct dues *x = arg;
	char ts[40], s[400];

	if (u64_list_has(x->ids, d->id))
		buf_printf(x->b, _("decision %llu, due for review (%s): %s\n"),
		    (unsigned long long)d->id, i18n_date(d->review, ts,
		    sizeof ts), util_safe(d->text ? d->text : "", s,
		    sizeof s));
	return 0;
}

/* In text, the decisions due for review it took up, after the plan. */
static int
reviews_due(struct cli *c)
{
	struct hub_meeting_view v;
	struct buf b = { 0 };
	struct hub_rd *r;
	struct dues x;
	int rc;

	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if ((rc = hub_meeting_view(r, 0, &v, &c->e)) == 0 &&
	    v.review_decisions.n > 0) {
		x.ids = &v.review_decisions;
		x.b = &b;
		rc = hub_decision_list(r, NULL, 0, due_cb, &x, NULL, &c->e);
	}
	hub_meeting_view_free(&v);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_meeting_review(struct cli *c)
{
	int rc;

	if (hub_meeting_review(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	if ((rc = cli_action_plan(c, 1)) != 0 || c->json)
		return rc;
	return reviews_due(c);
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
	{
		char k[2][64];

		snprintf(k[0], sizeof k[0], ngettext("%llu block used",
		    "%llu blocks used", w->blocks), (unsigned long long)w->blocks);
		snprintf(k[1], sizeof k[1], ngettext("%llu withdrawal",
		    "%llu withdrawals", w->withdrawals),
		    (unsigned long long)w->withdrawals);
		buf_printf(f->b, "%s%s (%s, %s)", f->n ? ", " : "",
		    util_safe(w->login, s, sizeof s), k[0], k[1]);
	}
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

/* A meeting is written one way (hub_meeting_emit): show, in text and
 * JSON; the members flagged by the watch rule follow, as a "watch" list
 * in JSON and one "watch:" line in text. */
static int
watch_emit_row(const struct hub_watch_row *w, void *arg)
{
	struct emit *em = arg;

	emit_rec_begin(em, NULL);
	hub_watch_emit(em, w);
	emit_rec_end(em);
	return 0;
}

static int
meeting_show_watch(struct cli *c, struct hub_rd *r, struct emit *em)
{
	struct buf w = { 0 };
	int n;

	if (c->json) {
		emit_list_begin(em, "watch|");
		n = hub_watch_list(r, watch_emit_row, em, &c->e);
		emit_list_end(em);
		return n;
	}
	n = cli_watch_flagged(c, r, &w, 0);
	if (n > 0) {
		emit_text(em, _("watch:       "));
		emit_text(em, w.p);
		emit_text(em, "\n");
	}
	buf_free(&w);
	return n < 0;
}

static int
c_meeting_show(struct cli *c)
{
	struct hub_meeting_view v;
	struct hub_rd *r;
	struct buf b = { 0 };
	struct emit em;
	uint64_t id = 0;
	char s[MAX_TITLE + 64], t[MAX_TITLE + 1];
	int rc;

	memset(&v, 0, sizeof v);
	if (c->argc > 0 && cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if ((id == 0 && (rc = hub_meeting_latest(r, &id, &c->e)) != 0) ||
	    (rc = hub_meeting_view(r, id, &v, &c->e)) != 0)
		goto out;
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_label_width(&em, 12);
	emit_rec_begin(&em, NULL);
	if (v.title)
		snprintf(s, sizeof s, _("meeting %llu: %s\n"),
		    (unsigned long long)v.id, util_safe(v.title, t, sizeof t));
	else
		snprintf(s, sizeof s, _("meeting %llu\n"),
		    (unsigned long long)v.id);
	emit_text(&em, s);
	hub_meeting_emit(&em, &v);
	rc = meeting_show_watch(c, r, &em);
	emit_rec_end(&em);
	emit_free(&em);
out:
	hub_rd_close(r);
	hub_meeting_view_free(&v);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

/* A meeting list row is written one way (hub_meeting_row_emit); in text
 * the id leads the row. */
static const int meeting_widths[] = { 7, 16, 0 };

struct mlist_out {
	struct emit em;
	size_t n;
};

static int
meeting_row(const struct hub_meeting_row *m, void *arg)
{
	struct mlist_out *o = arg;
	char s[32];

	emit_rec_begin(&o->em, NULL);
	snprintf(s, sizeof s, "#%-4llu ", (unsigned long long)m->id);
	emit_text(&o->em, s);
	hub_meeting_row_emit(&o->em, m);
	emit_rec_end(&o->em);
	o->n++;
	return 0;
}

static int
c_meeting_list(struct cli *c)
{
	struct mlist_out o;
	struct buf b = { 0 };
	struct hub_rd *r;
	int fmt = c->json ? EMIT_JSON : cli_flag(c, "csv") ? EMIT_CSV :
	    EMIT_TEXT;
	int rc;

	memset(&o, 0, sizeof o);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&o.em, fmt, &b);
	emit_widths(&o.em, meeting_widths, sizeof meeting_widths /
	    sizeof *meeting_widths);
	emit_list_begin(&o.em, NULL);
	rc = hub_meeting_list(r, NULL, 0, meeting_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc == 0 && o.n == 0 && fmt == EMIT_CSV) {
		struct hub_meeting_row z;

		memset(&z, 0, sizeof z);
		emit_header_only(&o.em);
		emit_rec_begin(&o.em, NULL);
		hub_meeting_row_emit(&o.em, &z);
		emit_rec_end(&o.em);
	}
	emit_list_end(&o.em);
	emit_free(&o.em);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (o.n == 0 && fmt == EMIT_TEXT)
		buf_puts(&b, _("no meeting yet\n"));
	cli_write(&b);
	buf_free(&b);
	return 0;
}

const struct cli_cmd cli_meeting_cmds[] = {
	{ "meeting plan", "[--title T] --as FACILITATOR", "as:,title:", 0, 0,
	    0, N_("plan a meeting; prints its id"), c_meeting_plan },
	{ "meeting open", "[ID] [--title T] --as FACILITATOR", "as:,title:",
	    0, 1, 0, N_("open a meeting (one at a time); prints its id"),
	    c_meeting_open },
	{ "meeting present", "LOGIN... --as FACILITATOR", "as:", 1, -1, 0,
	    N_("mark members present in the room"), c_meeting_present },
	{ "meeting join", "--as LOGIN", "as:", 0, 0, 0,
	    N_("check in remotely to the open meeting"), c_meeting_join },
	{ "meeting leave", "[LOGIN...] --as LOGIN", "as:", 0, -1, 0,
	    N_("leave the open meeting (no login: yourself; the facilitator "
	    "marks who left the room)"), c_meeting_leave },
	{ "meeting review", "--as FACILITATOR [--json]", "as:,json", 0, 0, 0,
	    N_("record the action-plan review, the first item; prints the open "
	    "actions"), c_meeting_review },
	{ "meeting next", "[TENSION_ID] --as FACILITATOR", "as:", 0, 1, 0,
	    N_("take up a tension (default: the next on the agenda)"),
	    c_meeting_next },
	{ "meeting ack", "--as LOGIN", "as:", 0, 0, 0,
	    N_("acknowledge that the current tension is understood"),
	    c_meeting_ack },
	{ "meeting question", "--text Q --as LOGIN", "as:,text:", 0, 0, 0,
	    N_("record a question on the current tension"),
	    c_meeting_question },
	{ "meeting show", "[ID] [--json]", "json", 0, 1, 0,
	    N_("presence, quorum, current tension, watch flags"),
	    c_meeting_show },
	{ "meeting list", "[--json|--csv]", "json,csv", 0, 0, 0,
	    N_("every meeting with its presence and quorum"), c_meeting_list },
	{ "meeting close", "--as FACILITATOR", "as:", 0, 0, 0,
	    N_("close the open meeting"), c_meeting_close },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
