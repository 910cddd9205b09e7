/* hub-review.c: decisions reviewed on a date (issue 11 item 9): the
 * facilitator sets a decision's review date; the action-plan review of
 * the next meeting takes up the decisions then due. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

struct review_arg {
	uint64_t id;
	int64_t when;
};

static int
op_decision_review(struct hub_ctx *c, void *argp)
{
	struct review_arg *a = argp;
	struct decision d;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "set a decision's review "
	    "date")) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_DECISION, a->id, &d, c->e)) != 0)
		return gov_refused_notfound(c, rc, "decision", a->id);
	/* A new date asks for a new review, even of one taken up. */
	d.review = a->when;
	d.reviewed_in = 0;
	rc = store_put(c->t, RT_DECISION, d.id, &d, c->e);
	codec_free(RT_DECISION, &d);
	return rc;
}

int
hub_decision_review(struct hub *h, struct actor *who, uint64_t id,
    int64_t when, struct err *e)
{
	struct review_arg a = { id, when };
	char s[64];

	if (when <= 0)
		return err_set(e, ERR_USAGE, _("a review date is needed"));
	snprintf(s, sizeof s, "decision %llu review %lld",
	    (unsigned long long)id, (long long)when);
	return hub_run(h, who, "decision.review", s, op_decision_review, &a,
	    e);
}

struct due_scan {
	int64_t now;
	struct u64_list ids;
	int bad;
	struct err e;
};

static int
due_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct due_scan *s = arg;
	struct decision d;

	if (codec_decode(RT_DECISION, data, len, &d, &s->e) != 0) {
		s->bad = 1;
		return 1;
	}
	if (model_decision_review_due(&d, s->now))
		u64_list_push(&s->ids, id);
	codec_free(RT_DECISION, &d);
	return 0;
}

int
gov_review_due(struct hub_ctx *c, struct meeting *m)
{
	struct due_scan s;
	struct decision d;
	int rc;

	memset(&s, 0, sizeof s);
	s.now = util_now();
	rc = store_scan(c->t, RT_DECISION, 0, 0, due_cb, &s, c->e);
	if (rc == 0 && s.bad) {
		*c->e = s.e;
		rc = ERR_SYSTEM;
	}
	for (size_t i = 0; i < s.ids.n && rc == 0; i++) {
		if ((rc = store_get(c->t, RT_DECISION, s.ids.v[i], &d,
		    c->e)) != 0)
			break;
		d.reviewed_in = m->id;
		rc = store_put(c->t, RT_DECISION, d.id, &d, c->e);
		codec_free(RT_DECISION, &d);
		if (rc == 0)
			u64_list_push(&m->review_decisions, s.ids.v[i]);
	}
	u64_list_free(&s.ids);
	return rc;
}
