/* hub-minutes.c: the minutes of a meeting (DOMAIN.md §5), as Markdown
 * ready to email or as one JSON document. Read only: writes nothing. */
#include "hub.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mctx {
	struct store_txn *t;
	struct buf *b;
	int json;
	int64_t now;
	int64_t reviewed;	/* review time; 0: not recorded */
	uint64_t reviewed_next;	/* first action id after it; 0: unknown */
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
md_login(struct mctx *m, uint64_t id)
{
	char l[64];

	md_text(m, hub_login_of(m->t, id, l, sizeof l));
}

static void
json_login(struct mctx *m, uint64_t id)
{
	char l[64];

	json_str(m->b, hub_login_of(m->t, id, l, sizeof l));
}

static void
logins(struct mctx *m, const struct u64_list *l)
{
	if (m->json)
		buf_puts(m->b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(m->b, m->json ? "," : ", ");
		if (m->json)
			json_login(m, l->v[i]);
		else
			md_login(m, l->v[i]);
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
one_action(struct mctx *m, const struct action *a, int first)
{
	char d[32], iso[32];
	int late = model_action_overdue(a, m->now);

	if (m->json) {
		buf_printf(m->b, "%s{\"id\":%llu,\"decision\":%llu,\"title\":",
		    first ? "" : ",", (unsigned long long)a->id,
		    (unsigned long long)a->decision);
		json_str(m->b, a->title);
		buf_puts(m->b, ",\"owner\":");
		json_login(m, a->owner);
		buf_printf(m->b, ",\"due\":\"%s\",\"status\":\"%s\","
		    "\"overdue\":%s}", a->due ? util_fmt_iso(a->due, iso,
		    sizeof iso) : "", model_action_status_name((int)a->status),
		    late ? "true" : "false");
		return;
	}
	buf_printf(m->b, "- %s#%llu ", late ? "**OVERDUE** " : "",
	    (unsigned long long)a->id);
	md_text(m, a->title);
	buf_puts(m->b, " (owner ");
	md_login(m, a->owner);
	if (a->due)
		buf_printf(m->b, ", due %s", util_fmt_date(a->due, d,
		    sizeof d));
	buf_printf(m->b, ", decision %llu): %s\n",
	    (unsigned long long)a->decision,
	    model_action_status_name((int)a->status));
}

struct alist {
	struct mctx *m;
	uint64_t decision;	/* 0: every open action */
	size_t n;
	int bad;
	struct err e;
};

static int
action_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct alist *al = arg;
	struct action a;

	if (codec_decode(RT_ACTION, data, len, &a, &al->e) != 0) {
		al->bad = 1;
		return 1;
	}
	a.id = id;
	/* The review lists the actions that existed when it was made (an
	 * action of a decision taken later in the meeting was not
	 * reviewed), with their status now. */
	if (al->decision ? a.decision == al->decision :
	    ((a.status == AS_TODO || a.status == AS_DOING) &&
	    (al->m->reviewed_next ? a.id < al->m->reviewed_next :
	    (al->m->reviewed == 0 || a.created <= al->m->reviewed)))) {
		one_action(al->m, &a, al->n == 0);
		al->n++;
	}
	codec_free(RT_ACTION, &a);
	return 0;
}

static int
actions(struct mctx *m, uint64_t decision)
{
	struct alist al;
	int rc;

	memset(&al, 0, sizeof al);
	al.m = m;
	al.decision = decision;
	if (m->json)
		buf_puts(m->b, "[");
	rc = store_scan(m->t, RT_ACTION, 0, 0, action_cb, &al, m->e);
	if (rc == 0 && al.bad) {
		*m->e = al.e;
		rc = ERR_SYSTEM;
	}
	if (m->json)
		buf_puts(m->b, "]");
	else if (al.n == 0)
		buf_puts(m->b, decision ? "- no action yet\n" :
		    "- no open action\n");
	return rc;
}

static int
positions(struct mctx *m, const struct proposal *p)
{
	struct hub_positions ps;
	int rc;

	if (p->status == PS_OPEN && p->hidden) {
		/* Minutes of a meeting still open do not lift the veil. */
		buf_puts(m->b, m->json ? "null" : "- hidden until closed\n");
		return 0;
	}
	if ((rc = hub_positions_load(m->t, p->id, &ps, m->e)) != 0)
		return rc;
	if (m->json)
		buf_puts(m->b, "[");
	else if (ps.n == 0)
		buf_puts(m->b, "- no position\n");
	for (size_t i = 0; i < ps.n; i++) {
		const struct position *x = &ps.v[i];
		int counted = x->version == p->versions.n;
		if (m->json) {
			buf_puts(m->b, i ? ",{\"member\":" : "{\"member\":");
			json_login(m, x->member);
			buf_printf(m->b, ",\"position\":\"%s\",\"reason\":",
			    model_position_name((int)x->kind));
			json_str(m->b, x->reason);
			buf_printf(m->b, ",\"version\":%llu,\"counted\":%s}",
			    (unsigned long long)x->version,
			    counted ? "true" : "false");
			continue;
		}
		buf_puts(m->b, "- ");
		md_login(m, x->member);
		buf_printf(m->b, ": **%s**", model_position_name(
		    (int)x->kind));
		if (x->reason) {
			buf_puts(m->b, " — ");
			md_text(m, x->reason);
		}
		if (!counted)
			buf_printf(m->b, " (on version %llu: not counted)",
			    (unsigned long long)x->version);
		buf_puts(m->b, "\n");
	}
	if (m->json)
		buf_puts(m->b, "]");
	hub_positions_free(&ps);
	return 0;
}

static int
proposal_out(struct mctx *m, const struct proposal *p, int first)
{
	struct decision d;
	int rc = 0;

	if (m->json) {
		buf_printf(m->b, "%s{\"id\":%llu,\"supporter\":",
		    first ? "" : ",", (unsigned long long)p->id);
		json_login(m, p->supporter);
		buf_printf(m->b, ",\"unanimity\":%s,\"hidden\":%s,"
		    "\"status\":\"%s\",\"versions\":", p->unanimity ? "true" :
		    "false", p->hidden ? "true" : "false",
		    model_proposal_status_name((int)p->status));
		strs_json(m, &p->versions);
		buf_puts(m->b, ",\"positions\":");
		if ((rc = positions(m, p)) != 0)
			return rc;
		buf_puts(m->b, ",\"quorum\":");
		json_str(m->b, p->close_note);
		buf_puts(m->b, ",\"decision\":");
		if (p->decision && store_get(m->t, RT_DECISION, p->decision,
		    &d, m->e) == 0) {
			buf_printf(m->b, "{\"id\":%llu,\"text\":",
			    (unsigned long long)d.id);
			json_str(m->b, d.text);
			buf_puts(m->b, ",\"actions\":");
			rc = actions(m, d.id);
			buf_puts(m->b, "}");
			codec_free(RT_DECISION, &d);
		} else
			buf_puts(m->b, "null");
		buf_puts(m->b, ",\"sages_answer\":");
		json_str(m->b, p->sages_answer);
		buf_puts(m->b, "}");
		return rc;
	}
	buf_printf(m->b, "### Proposal %llu\n\nCarried by ",
	    (unsigned long long)p->id);
	md_login(m, p->supporter);
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
	if ((rc = positions(m, p)) != 0)
		return rc;
	buf_printf(m->b, "\nOutcome: **%s**",
	    model_proposal_status_name((int)p->status));
	if (p->close_note) {
		buf_puts(m->b, " (");
		md_text(m, p->close_note);
		buf_puts(m->b, ")");
	}
	buf_puts(m->b, ".\n\n");
	if (p->decision && store_get(m->t, RT_DECISION, p->decision, &d,
	    m->e) == 0) {
		buf_printf(m->b, "Decision %llu:\n\n", (unsigned long long)d.id);
		md_quote(m, d.text);
		buf_puts(m->b, "Actions:\n\n");
		rc = actions(m, d.id);
		buf_puts(m->b, "\n");
		codec_free(RT_DECISION, &d);
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

static int
tension_out(struct mctx *m, uint64_t mid, uint64_t tid, size_t item,
    int first)
{
	struct tension t;
	struct u64_list ids = { 0 };
	struct proposal p;
	int rc, n = 0;

	if ((rc = store_get(m->t, RT_TENSION, tid, &t, m->e)) != 0)
		return rc;
	if (m->json) {
		buf_printf(m->b, "%s{\"id\":%llu,\"kind\":\"%s\",\"status\":"
		    "\"%s\",\"title\":", first ? "" : ",",
		    (unsigned long long)t.id,
		    model_tension_kind_name((int)t.kind),
		    model_tension_status_name((int)t.status));
		json_str(m->b, t.title);
		buf_puts(m->b, ",\"description\":");
		json_str(m->b, t.description);
		buf_puts(m->b, ",\"author\":");
		json_login(m, t.author);
		buf_puts(m->b, ",\"acknowledged_by\":");
		logins(m, &t.acks);
		buf_puts(m->b, ",\"questions\":");
		strs_json(m, &t.questions);
		buf_puts(m->b, ",\"blockers_reasons\":");
		strs_json(m, &t.blocker_reasons);
		buf_puts(m->b, ",\"proposals\":[");
	} else {
		buf_printf(m->b, "## %zu. Tension %llu (%s): ", item,
		    (unsigned long long)t.id,
		    model_tension_kind_name((int)t.kind));
		md_text(m, t.title);
		buf_puts(m->b, "\n\nBrought by ");
		md_login(m, t.author);
		buf_printf(m->b, "; now %s.\n\n",
		    model_tension_status_name((int)t.status));
		if (t.description)
			md_quote(m, t.description);
		buf_puts(m->b, "Understood by: ");
		logins(m, &t.acks);
		buf_puts(m->b, ".\n\n");
		if (t.questions.n) {
			buf_puts(m->b, "Questions:\n\n");
			for (size_t i = 0; i < t.questions.n; i++) {
				buf_puts(m->b, "- ");
				md_text(m, t.questions.v[i]);
				buf_puts(m->b, "\n");
			}
			buf_puts(m->b, "\n");
		}
		if (t.blocker_reasons.n) {
			buf_puts(m->b, "Blockers' reasons attached when "
			    "adjourned:\n\n");
			for (size_t i = 0; i < t.blocker_reasons.n; i++) {
				buf_puts(m->b, "- ");
				md_text(m, t.blocker_reasons.v[i]);
				buf_puts(m->b, "\n");
			}
			buf_puts(m->b, "\n");
		}
	}
	if ((rc = hub_proposals_of(m->t, tid, &ids, m->e)) != 0)
		goto out;
	for (size_t i = 0; i < ids.n && rc == 0; i++) {
		if ((rc = store_get(m->t, RT_PROPOSAL, ids.v[i], &p,
		    m->e)) != 0)
			break;
		if (p.meeting == mid)
			rc = proposal_out(m, &p, n++ == 0);
		codec_free(RT_PROPOSAL, &p);
	}
	if (m->json)
		buf_puts(m->b, "]}");
	else if (n == 0)
		buf_puts(m->b, "No proposal in this meeting.\n\n");
out:
	u64_list_free(&ids);
	codec_free(RT_TENSION, &t);
	return rc;
}

static int
minutes(struct mctx *m, const struct meeting *mt)
{
	struct config cfg;
	struct hub_quorum q;
	char ts[32], ts2[32], iso[32];
	int rc;

	if ((rc = hub_meeting_quorum(m->t, mt, &q, m->e)) != 0)
		return rc;
	m->reviewed = mt->review_done > 1 ? (int64_t)mt->review_done : 0;
	m->reviewed_next = mt->review_next_action;
	memset(&cfg, 0, sizeof cfg);
	if ((rc = hub_config_get(m->t, &cfg, m->e)) != 0)
		return rc;
	if (m->json) {
		buf_printf(m->b, "{\"meeting\":%llu,\"hub\":",
		    (unsigned long long)mt->id);
		json_str(m->b, cfg.hub_name);
		buf_puts(m->b, ",\"title\":");
		json_str(m->b, mt->title);
		buf_printf(m->b, ",\"status\":\"%s\",\"opened\":\"%s\",",
		    model_meeting_status_name((int)mt->status),
		    util_fmt_iso(mt->opened, iso, sizeof iso));
		buf_printf(m->b, "\"closed\":\"%s\",\"facilitator\":",
		    util_fmt_iso(mt->closed, iso, sizeof iso));
		json_login(m, mt->facilitator);
		buf_puts(m->b, ",\"room\":");
		logins(m, &mt->room);
		buf_puts(m->b, ",\"remote\":");
		logins(m, &mt->remote);
		buf_printf(m->b, ",\"quorum\":{\"present\":%llu,\"members\":"
		    "%llu,\"needed\":%llu,\"reached\":%s}",
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed, q.reached ? "true" : "false");
		buf_printf(m->b, ",\"review\":{\"done\":%s,\"time\":\"%s\","
		    "\"open_actions\":", mt->review_done ? "true" : "false",
		    mt->review_done > 1 ? util_fmt_iso((int64_t)
		    mt->review_done, iso, sizeof iso) : "");
		if ((rc = actions(m, 0)) != 0)
			goto out;
		buf_puts(m->b, "},\"tensions\":[");
	} else {
		buf_printf(m->b, "# Minutes of meeting %llu",
		    (unsigned long long)mt->id);
		if (mt->title) {
			buf_puts(m->b, ": ");
			md_text(m, mt->title);
		}
		buf_puts(m->b, "\n\n");
		md_text(m, cfg.hub_name);
		buf_printf(m->b, ". Opened %s by ", mt->opened ?
		    util_fmt_time(mt->opened, ts, sizeof ts) : "-");
		md_login(m, mt->facilitator);
		if (mt->status == MS_CLOSED)
			buf_printf(m->b, ", closed %s.\n\n",
			    util_fmt_time(mt->closed, ts2, sizeof ts2));
		else
			buf_printf(m->b, "; %s.\n\n",
			    model_meeting_status_name((int)mt->status));
		buf_printf(m->b, "## Presence and quorum\n\nQuorum: %llu of "
		    "%llu present, %llu needed (%s).\n\n",
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed,
		    q.reached ? "reached" : "not reached");
		buf_puts(m->b, "- In the room: ");
		logins(m, &mt->room);
		buf_puts(m->b, "\n- Remote: ");
		logins(m, &mt->remote);
		buf_puts(m->b, "\n\n## 1. Action plan review\n\n");
		if (mt->review_done)
			buf_printf(m->b, "Reviewed at %s. Actions then on "
			    "the plan and still open:\n\n",
			    mt->review_done > 1 ? util_fmt_time((int64_t)
			    mt->review_done, ts, sizeof ts) : "the start");
		else
			buf_puts(m->b, "Not recorded. Open actions:\n\n");
		if ((rc = actions(m, 0)) != 0)
			goto out;
		buf_puts(m->b, "\n");
	}
	for (size_t i = 0; i < mt->tensions.n && rc == 0; i++)
		rc = tension_out(m, mt->id, mt->tensions.v[i], i + 2, i == 0);
	if (m->json)
		buf_puts(m->b, "]}\n");
	else if (mt->tensions.n == 0)
		buf_puts(m->b, "No tension was taken up.\n");
out:
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

int
hub_minutes(struct hub *h, uint64_t meeting, int json, struct buf *out,
    struct err *e)
{
	struct store_txn *t;
	struct meeting mt;
	struct mctx m;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_get(t, RT_MEETING, meeting, &mt, e);
	if (rc == ERR_NOTFOUND)
		rc = err_set(e, ERR_REFUSED, "no meeting #%llu",
		    (unsigned long long)meeting);
	if (rc == 0) {
		memset(&m, 0, sizeof m);
		m.t = t;
		m.b = out;
		m.json = json;
		m.now = util_now();
		m.e = e;
		rc = minutes(&m, &mt);
		if (rc == 0 && mt.status == MS_CLOSED)
			hub_minutes_head(t, meeting, json, out);
		codec_free(RT_MEETING, &mt);
	}
	hub_read_end(t);
	return rc;
}
