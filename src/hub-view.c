/* hub-view.c: what every governance view shares: lookups worded for people, acts, cursors. Must not write or print. */
#include "hub-view-int.h"
#include "emit.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>

int
view_get(struct store_txn *t, int rt, uint64_t id, void *rec,
    const char *what, struct err *e)
{
	int rc = store_get(t, rt, id, rec, e);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_REFUSED, "no %s #%llu", what,
		    (unsigned long long)id);
	return rc;
}

void
view_strs_copy(struct str_list *dst, const struct str_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		str_list_push(dst, src->v[i]);
}

void
view_logins(struct store_txn *t, const struct u64_list *ids,
    struct str_list *dst)
{
	char l[MAX_LOGIN + 24];

	for (size_t i = 0; i < ids->n; i++)
		str_list_push(dst, hub_login_of(t, ids->v[i], l, sizeof l));
}

_Static_assert(HUB_ACT_LEAVE < (1u << HUB_ACTS_BITS),
    "hub_acts.each holds a refusal for every HUB_ACT_* bit");

void
view_act(struct hub_acts *a, uint32_t act, int rc, const struct err *e)
{
	int bit = 0;

	while (bit < HUB_ACTS_BITS && (act >> bit) != 1)
		bit++;
	if (rc == 0) {
		a->may |= act;
		if (bit < HUB_ACTS_BITS)
			a->each[bit][0] = '\0';
		return;
	}
	if (bit < HUB_ACTS_BITS)
		snprintf(a->each[bit], sizeof a->each[bit], "%.159s", e->msg);
	if (a->refused == 0 || act < a->refused) {
		a->refused = act;
		snprintf(a->why, sizeof a->why, "%.199s", e->msg);
	}
}

int
hub_acts_may(const struct hub_acts *a, uint32_t act)
{
	return (a->may & act) != 0;
}

const char *
hub_acts_why(const struct hub_acts *a, uint32_t act)
{
	for (int bit = 0; bit < HUB_ACTS_BITS; bit++)
		if (act == (1u << bit))
			return !(a->may & act) && a->each[bit][0] ?
			    a->each[bit] : NULL;
	return NULL;
}

const char *
hub_rd_login(struct hub_rd *r, uint64_t id, char *out, size_t n)
{
	struct store_txn *t = hub_rd_txn(r);

	if (t == NULL) {
		snprintf(out, n, "#%llu", (unsigned long long)id);
		return out;
	}
	return hub_login_of(t, id, out, n);
}

void
hv_text(struct emit *em, const char *fmt, ...)
{
	va_list ap;
	char *b;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b = xcalloc((size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b, (size_t)n + 1, fmt, ap);
	va_end(ap);
	emit_text(em, b);
	free(b);
}

void
hv_text_block(struct emit *em, const char *s, const char *indent, int nl)
{
	struct buf t = { 0 }, b = { 0 };

	if (s == NULL)
		return;
	util_sanitize(&t, s, strlen(s), 1);
	buf_puts(&b, indent);
	for (const char *q = t.p ? t.p : ""; *q; q++) {
		buf_add(&b, q, 1);
		if (*q == '\n' && q[1] != '\0')
			buf_puts(&b, indent);
	}
	if (nl)
		buf_puts(&b, "\n");
	emit_text(em, b.p);
	buf_free(&b);
	buf_free(&t);
}

/* ---- the words of a record's state, in the reader's language (the
 * minutes', the screen's); JSON and CSV keep the model's tokens ---- */

const char *
hub_position_label(int kind)
{
	switch (kind) {
	case POS_APPROVE: return P_("position", "approve");
	case POS_ALERT: return P_("position", "alert");
	case POS_WITHDRAW: return P_("position", "withdraw");
	case POS_BLOCK: return P_("position", "block");
	default: return "?";
	}
}

const char *
hub_proposal_status_label(int status)
{
	switch (status) {
	case PS_OPEN: return P_("proposal", "open");
	case PS_RETAINED: return _("retained");
	case PS_REJECTED: return _("rejected");
	case PS_NO_DECISION: return _("no decision");
	case PS_ADJOURNED: return _("adjourned");
	case PS_ESCALATED: return _("sent to the sages");
	default: return "?";
	}
}

const char *
hub_tension_kind_label(int kind)
{
	switch (kind) {
	case TK_PROJECT: return P_("tension", "project");
	case TK_CHAMBER: return P_("tension", "chamber");
	case TK_POSITION: return P_("tension", "position");
	default: return "?";
	}
}

const char *
hub_tension_status_label(int status)
{
	switch (status) {
	case TS_AGENDA: return P_("tension", "on the agenda");
	case TS_PROCESS: return P_("tension", "in process");
	case TS_DECIDED: return P_("tension", "decided");
	case TS_ADJOURNED: return P_("tension", "adjourned");
	case TS_ESCALATED: return P_("tension", "sent to the sages");
	case TS_DROPPED: return P_("tension", "dropped");
	default: return "?";
	}
}

const char *
hub_need_status_label(int status)
{
	switch (status) {
	case NEED_REPORTED: return _("reported");
	case NEED_QUALIFIED: return _("qualified");
	case NEED_PRIORITISED: return _("prioritised");
	case NEED_IN_SWITCH: return _("in a Switch");
	case NEED_ADDRESSED: return _("addressed");
	case NEED_MERGED: return _("merged");
	case NEED_ARCHIVED: return _("archived");
	default: return "?";
	}
}

const char *
hub_action_status_label(int status)
{
	switch (status) {
	case AS_TODO: return P_("action", "todo");
	case AS_DOING: return P_("action", "doing");
	case AS_DONE: return P_("action", "done");
	case AS_DROPPED: return P_("action", "dropped");
	default: return "?";
	}
}
