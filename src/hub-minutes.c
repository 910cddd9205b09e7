/* hub-minutes.c: the minutes of a meeting (DOMAIN.md §5), as Markdown
 * ready to email or as one JSON document, written from the governance
 * views (the veil and the quorum are theirs). Read only: writes nothing. */
#include "hub.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mctx {
	struct hub_rd *r;
	struct buf *b;
	int json;
	int64_t reviewed;	/* review time; 0: not recorded */
	uint64_t reviewed_next;	/* first action id after it; 0: unknown */
	uint64_t meeting;
	struct err *e;
};

/* Sanitised text: inert on a terminal, multiline kept. */
static void
md_text(struct mctx *m, const char *s)
{
	if (s != NULL)
		util_sanitize(m->b, s, strlen(s), 1);
}

/* A multiline text as a Markdown quote block. */
static void
md_quote(struct mctx *m, const char *s)
{
	struct buf t = { 0 };
	const char *p;

	if (s == NULL)
		return;
	util_sanitize(&t, s, strlen(s), 1);
	buf_puts(m->b, "> ");
	for (p = t.p ? t.p : ""; *p; p++) {
		buf_add(m->b, p, 1);
		if (*p == '\n')
			buf_puts(m->b, "> ");
	}
	buf_puts(m->b, "\n\n");
	buf_free(&t);
}

static void
login_out(struct mctx *m, const char *login)
{
	if (m->json)
		json_str(m->b, login);
	else
		md_text(m, login);
}

static void
logins(struct mctx *m, const struct str_list *l)
{
	if (m->json)
		buf_puts(m->b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(m->b, m->json ? "," : ", ");
		login_out(m, l->v[i]);
	}
	if (m->json)
		buf_puts(m->b, "]");
	else if (l->n == 0)
		buf_puts(m->b, "nobody");
}

static void
strs_json(struct mctx *m, const struct str_list *l)
{
	buf_puts(m->b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(m->b, ",");
		json_str(m->b, l->v[i]);
	}
	buf_puts(m->b, "]");
}

static void
one_action(struct mctx *m, const struct hub_plan_action *a, int first)
{
	char d[32], iso[32];

	if (m->json) {
		buf_printf(m->b, "%s{\"id\":%llu,\"decision\":%llu,\"title\":",
		    first ? "" : ",", (unsigned long long)a->id,
		    (unsigned long long)a->decision);
		json_str(m->b, a->title);
		buf_puts(m->b, ",\"owner\":");
		json_str(m->b, a->owner);
		buf_printf(m->b, ",\"due\":\"%s\",\"status\":\"%s\","
		    "\"overdue\":%s}", a->due ? util_fmt_iso(a->due, iso,
		    sizeof iso) : "", model_action_status_name(a->status),
		    a->overdue ? "true" : "false");
		return;
	}
	buf_printf(m->b, "- %s#%llu ", a->overdue ? "**OVERDUE** " : "",
	    (unsigned long long)a->id);
	md_text(m, a->title);
	buf_puts(m->b, " (owner ");
	md_text(m, a->owner);
	if (a->due)
		buf_printf(m->b, ", due %s", util_fmt_date(a->due, d,
		    sizeof d));
	buf_printf(m->b, ", decision %llu): %s\n",
	    (unsigned long long)a->decision,
	    model_action_status_name(a->status));
}

struct alist {
	struct mctx *m;
	uint64_t decision;	/* 0: every open action */
	size_t n;
};

static int
action_cb(const struct hub_plan_action *a, void *arg)
{
	struct alist *al = arg;
	struct mctx *m = al->m;

	/* The review lists the actions that existed when it was made (an
	 * action of a decision taken later in the meeting was not
	 * reviewed), with their status now. */
	if (al->decision ? a->decision == al->decision :
	    (m->reviewed_next ? a->id < m->reviewed_next :
	    (m->reviewed == 0 || a->created <= m->reviewed))) {
		one_action(m, a, al->n == 0);
		al->n++;
	}
	return 0;
}

static int
actions(struct mctx *m, uint64_t decision)
{
	struct alist al = { m, decision, 0 };
	int rc;

	if (m->json)
		buf_puts(m->b, "[");
	rc = hub_action_list(m->r, decision ? 0 : HUB_ACTIONS_OPEN, NULL, 0,
	    action_cb, &al, NULL, m->e);
	if (m->json)
		buf_puts(m->b, "]");
	else if (al.n == 0)
		buf_puts(m->b, decision ? "- no action yet\n" :
		    "- no open action\n");
	return rc;
}

static void
positions(struct mctx *m, const struct hub_proposal_view *p)
{
	if (p->masked) {
		/* Minutes of a meeting still open do not lift the veil. */
		buf_puts(m->b, m->json ? "null" : "- hidden until closed\n");
		return;
	}
	if (m->json)
		buf_puts(m->b, "[");
	else if (p->npos == 0)
		buf_puts(m->b, "- no position\n");
	for (size_t i = 0; i < p->npos; i++) {
		const struct hub_vposition *x = &p->pos[i];
		if (m->json) {
			buf_puts(m->b, i ? ",{\"member\":" : "{\"member\":");
			json_str(m->b, x->login);
			buf_printf(m->b, ",\"position\":\"%s\",\"reason\":",
			    model_position_name(x->kind));
			json_str(m->b, x->reason);
			buf_printf(m->b, ",\"version\":%llu,\"counted\":%s}",
			    (unsigned long long)x->version,
			    x->counted ? "true" : "false");
			continue;
		}
		buf_puts(m->b, "- ");
		md_text(m, x->login);
		buf_printf(m->b, ": **%s**", model_position_name(x->kind));
		if (x->reason) {
			buf_puts(m->b, " — ");
			md_text(m, x->reason);
		}
		if (!x->counted)
			buf_printf(m->b, " (on version %llu: not counted)",
			    (unsigned long long)x->version);
		buf_puts(m->b, "\n");
	}
	if (m->json)
		buf_puts(m->b, "]");
}

static int
proposal_json(struct mctx *m, const struct hub_proposal_view *p, int first)
{
	int rc = 0;

	buf_printf(m->b, "%s{\"id\":%llu,\"supporter\":", first ? "" : ",",
	    (unsigned long long)p->id);
	json_str(m->b, p->supporter);
	buf_printf(m->b, ",\"unanimity\":%s,\"hidden\":%s,\"status\":\"%s\","
	    "\"versions\":", p->unanimity ? "true" : "false", p->hidden ?
	    "true" : "false", model_proposal_status_name(p->status));
	strs_json(m, &p->versions);
	buf_puts(m->b, ",\"positions\":");
	positions(m, p);
	buf_puts(m->b, ",\"quorum\":");
	json_str(m->b, p->close_note);
	buf_puts(m->b, ",\"decision\":");
	if (p->decision) {
		buf_printf(m->b, "{\"id\":%llu,\"text\":",
		    (unsigned long long)p->decision);
		json_str(m->b, p->decision_text);
		buf_puts(m->b, ",\"actions\":");
		rc = actions(m, p->decision);
		buf_puts(m->b, "}");
	} else
		buf_puts(m->b, "null");
	buf_puts(m->b, ",\"sages_answer\":");
	json_str(m->b, p->sages_answer);
	buf_puts(m->b, "}");
	return rc;
}

static int
proposal_out(struct mctx *m, const struct hub_proposal_view *p, int first)
{
	int rc = 0;

	if (m->json)
		return proposal_json(m, p, first);
	buf_printf(m->b, "### Proposal %llu\n\nCarried by ",
	    (unsigned long long)p->id);
	md_text(m, p->supporter);
	if (p->unanimity)
		buf_puts(m->b, "; unanimity required");
	if (p->hidden)
		buf_puts(m->b, "; positions hidden until closed");
	buf_puts(m->b, ".\n\n");
	for (size_t i = 0; i < p->versions.n; i++) {
		buf_printf(m->b, "Version %zu%s:\n\n", i + 1,
		    i + 1 == p->versions.n && p->versions.n > 1 ?
		    " (final)" : "");
		md_quote(m, p->versions.v[i]);
	}
	buf_puts(m->b, "Positions:\n\n");
	positions(m, p);
	buf_printf(m->b, "\nOutcome: **%s**",
	    model_proposal_status_name(p->status));
	if (p->close_note) {
		buf_puts(m->b, " (");
		md_text(m, p->close_note);
		buf_puts(m->b, ")");
	}
	buf_puts(m->b, ".\n\n");
	if (p->decision) {
		buf_printf(m->b, "Decision %llu:\n\n",
		    (unsigned long long)p->decision);
		md_quote(m, p->decision_text);
		buf_puts(m->b, "Actions:\n\n");
		rc = actions(m, p->decision);
		buf_puts(m->b, "\n");
	}
	if (p->status == PS_ESCALATED) {
		buf_puts(m->b, "Sent to the sages. ");
		if (p->sages_answer) {
			buf_puts(m->b, "Their answer:\n\n");
			md_quote(m, p->sages_answer);
		} else
			buf_puts(m->b, "Their answer is awaited.\n\n");
	}
	return rc;
}

static void
tension_head(struct mctx *m, const struct hub_tension_row *t, size_t item,
    int first)
{
	if (m->json) {
		buf_printf(m->b, "%s{\"id\":%llu,\"kind\":\"%s\",\"status\":"
		    "\"%s\",\"title\":", first ? "" : ",",
		    (unsigned long long)t->id, model_tension_kind_name(t->kind),
		    model_tension_status_name(t->status));
		json_str(m->b, t->title);
		buf_puts(m->b, ",\"description\":");
		json_str(m->b, t->description);
		buf_puts(m->b, ",\"author\":");
		json_str(m->b, t->author);
		buf_puts(m->b, ",\"acknowledged_by\":");
		logins(m, t->acks);
		buf_puts(m->b, ",\"questions\":");
		strs_json(m, t->questions);
		buf_puts(m->b, ",\"blockers_reasons\":");
		strs_json(m, t->blocker_reasons);
		buf_puts(m->b, ",\"proposals\":[");
		return;
	}
	buf_printf(m->b, "## %zu. Tension %llu (%s): ", item,
	    (unsigned long long)t->id, model_tension_kind_name(t->kind));
	md_text(m, t->title);
	buf_puts(m->b, "\n\nBrought by ");
	md_text(m, t->author);
	buf_printf(m->b, "; now %s.\n\n", model_tension_status_name(t->status));
	if (t->description)
		md_quote(m, t->description);
	buf_puts(m->b, "Understood by: ");
	logins(m, t->acks);
	buf_puts(m->b, ".\n\n");
	if (t->questions->n) {
		buf_puts(m->b, "Questions:\n\n");
		for (size_t i = 0; i < t->questions->n; i++) {
			buf_puts(m->b, "- ");
			md_text(m, t->questions->v[i]);
			buf_puts(m->b, "\n");
		}
		buf_puts(m->b, "\n");
	}
	if (t->blocker_reasons->n) {
		buf_puts(m->b, "Blockers' reasons attached when "
		    "adjourned:\n\n");
		for (size_t i = 0; i < t->blocker_reasons->n; i++) {
			buf_puts(m->b, "- ");
			md_text(m, t->blocker_reasons->v[i]);
			buf_puts(m->b, "\n");
		}
		buf_puts(m->b, "\n");
	}
}

struct tctx {
	struct mctx *m;
	size_t item;
	int first;
	int rc;
};

static int
tension_cb(const struct hub_tension_row *t, void *arg)
{
	struct tctx *x = arg;
	struct mctx *m = x->m;
	struct hub_proposal_view p;
	int n = 0;

	tension_head(m, t, x->item, x->first);
	for (size_t i = 0; i < t->proposals->n && x->rc == 0; i++) {
		x->rc = hub_proposal_view(m->r, t->proposals->v[i], &p, m->e);
		if (x->rc == 0 && p.meeting == m->meeting)
			x->rc = proposal_out(m, &p, n++ == 0);
		hub_proposal_view_free(&p);
	}
	if (m->json)
		buf_puts(m->b, "]}");
	else if (n == 0)
		buf_puts(m->b, "No proposal in this meeting.\n\n");
	return x->rc != 0;
}

static void
head_json(struct mctx *m, const struct hub_meeting_view *mt,
    const char *hub_name)
{
	const struct hub_quorum *q = &mt->quorum;
	char iso[32];

	buf_printf(m->b, "{\"meeting\":%llu,\"hub\":",
	    (unsigned long long)mt->id);
	json_str(m->b, hub_name);
	buf_puts(m->b, ",\"title\":");
	json_str(m->b, mt->title);
	buf_printf(m->b, ",\"status\":\"%s\",\"opened\":\"%s\",",
	    model_meeting_status_name(mt->status),
	    util_fmt_iso(mt->opened, iso, sizeof iso));
	buf_printf(m->b, "\"closed\":\"%s\",\"facilitator\":",
	    util_fmt_iso(mt->closed, iso, sizeof iso));
	json_str(m->b, mt->facilitator);
	buf_puts(m->b, ",\"room\":");
	logins(m, &mt->room);
	buf_puts(m->b, ",\"remote\":");
	logins(m, &mt->remote);
	buf_printf(m->b, ",\"quorum\":{\"present\":%llu,\"members\":%llu,"
	    "\"needed\":%llu,\"reached\":%s}", (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? "true" : "false");
	buf_printf(m->b, ",\"review\":{\"done\":%s,\"time\":\"%s\","
	    "\"open_actions\":", mt->review_done ? "true" : "false",
	    mt->reviewed ? util_fmt_iso(mt->reviewed, iso, sizeof iso) : "");
}

static void
head_md(struct mctx *m, const struct hub_meeting_view *mt,
    const char *hub_name)
{
	const struct hub_quorum *q = &mt->quorum;
	char ts[32], ts2[32];

	buf_printf(m->b, "# Minutes of meeting %llu",
	    (unsigned long long)mt->id);
	if (mt->title) {
		buf_puts(m->b, ": ");
		md_text(m, mt->title);
	}
	buf_puts(m->b, "\n\n");
	md_text(m, hub_name);
	buf_printf(m->b, ". Opened %s by ", mt->opened ?
	    util_fmt_time(mt->opened, ts, sizeof ts) : "-");
	md_text(m, mt->facilitator);
	if (mt->status == MS_CLOSED)
		buf_printf(m->b, ", closed %s.\n\n", util_fmt_time(mt->closed,
		    ts2, sizeof ts2));
	else
		buf_printf(m->b, "; %s.\n\n",
		    model_meeting_status_name(mt->status));
	/* The quorum every surface shows (hub_meeting_view). */
	buf_printf(m->b, "## Presence and quorum\n\nQuorum: %llu of %llu "
	    "present, %llu needed (%s).\n\n", (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? "reached" : "not reached");
	buf_puts(m->b, "- In the room: ");
	logins(m, &mt->room);
	buf_puts(m->b, "\n- Remote: ");
	logins(m, &mt->remote);
	buf_puts(m->b, "\n\n## 1. Action plan review\n\n");
	if (mt->review_done)
		buf_printf(m->b, "Reviewed at %s. Actions then on the plan and "
		    "still open:\n\n", mt->reviewed ? util_fmt_time(
		    mt->reviewed, ts, sizeof ts) : "the start");
	else
		buf_puts(m->b, "Not recorded. Open actions:\n\n");
}

static int
minutes(struct mctx *m, const struct hub_meeting_view *mt,
    const char *hub_name)
{
	struct tctx x;
	int rc = 0;

	m->reviewed = mt->reviewed;
	m->reviewed_next = mt->reviewed_next;
	m->meeting = mt->id;
	if (m->json)
		head_json(m, mt, hub_name);
	else
		head_md(m, mt, hub_name);
	if ((rc = actions(m, 0)) != 0)
		return rc;
	buf_puts(m->b, m->json ? "},\"tensions\":[" : "\n");
	memset(&x, 0, sizeof x);
	x.m = m;
	for (size_t i = 0; i < mt->tensions.n && rc == 0 && x.rc == 0; i++) {
		x.item = i + 2;
		x.first = i == 0;
		rc = hub_tension_view(m->r, mt->tensions.v[i], tension_cb, &x,
		    m->e);
	}
	if (rc == 0)
		rc = x.rc;
	if (m->json)
		buf_puts(m->b, "]}\n");
	else if (mt->tensions.n == 0)
		buf_puts(m->b, "No tension was taken up.\n");
	return rc;
}

int
hub_minutes(struct hub *h, uint64_t meeting, int json, struct buf *out,
    struct err *e)
{
	struct hub_meeting_view mt;
	struct hub_rd *r;
	struct config cfg;
	struct actor anyone;
	struct mctx m;
	int rc;

	/* Minutes are sent to everyone: read as the console (no member), so
	 * a hidden round still open shows nobody's position. */
	hub_actor_console(&anyone, NULL);
	memset(&cfg, 0, sizeof cfg);
	if ((rc = hub_rd_open(h, &anyone, &r, e)) != 0)
		return rc;
	if ((rc = hub_meeting_view(r, meeting, &mt, e)) == 0 &&
	    (rc = hub_config_get(hub_rd_txn(r), &cfg, e)) == 0) {
		memset(&m, 0, sizeof m);
		m.r = r;
		m.b = out;
		m.json = json;
		m.e = e;
		rc = minutes(&m, &mt, cfg.hub_name);
		if (rc == 0 && mt.status == MS_CLOSED)
			hub_minutes_head(hub_rd_txn(r), meeting, json, out);
	}
	codec_free(RT_CONFIG, &cfg);
	hub_meeting_view_free(&mt);
	hub_rd_close(r);
	return rc;
}
