/* model.c: names of the enums and the pure rules of DOMAIN.md.
 * No I/O and no store access: everything here is table-tested. */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "i18n.h"

static const char *role_names[] = {
	"member", "facilitator", "admin", "correspondent", "sage", "observer"
};

int
model_roles_parse(const char *s, uint64_t *out, struct err *e)
{
	uint64_t r = 0;
	const char *p = s;

	while (*p) {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < 6; i++)
			if (strlen(role_names[i]) == n &&
			    strncmp(role_names[i], p, n) == 0)
				break;
		if (i == 6)
			return err_set(e, ERR_USAGE, "unknown role '%.*s' "
			    "(member, facilitator, admin, correspondent, "
			    "sage, observer)", (int)(n > 40 ? 40 : n), p);
		r |= 1u << i;
		p += n;
		if (*p == ',')
			p++;
	}
	if (r == 0)
		return err_set(e, ERR_USAGE, "at least one role is needed");
	*out = r;
	return 0;
}

/* The names of the roles set in roles, joined by sep, into out. */
static void
roles_join(uint64_t roles, const char *const names[6], const char *sep,
    char *out, size_t n)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < 6; i++) {
		if (!(roles & (1u << i)))
			continue;
		int k = snprintf(out + used, n - used, "%s%s",
		    used ? sep : "", names[i]);
		if (k < 0 || (size_t)k >= n - used)
			break;
		used += (size_t)k;
	}
}

void
model_roles_fmt(uint64_t roles, char *out, size_t n)
{
	roles_join(roles, role_names, ",", out, n);
}

/* The roles as people read them (model.h). */
void
model_roles_label(uint64_t roles, char *out, size_t n)
{
	const char *const labels[6] = {
		P_("role", "member"), P_("role", "facilitator"),
		P_("role", "admin"), P_("role", "correspondent"),
		P_("role", "sage"), P_("role", "observer")
	};

	roles_join(roles, labels, ", ", out, n);
}

static const char *rtype_names[RT__COUNT] = {
	[RT_CONFIG] = "config", [RT_MEMBER] = "member", [RT_NEED] = "need",
	[RT_SUPPORT] = "support", [RT_TENSION] = "tension",
	[RT_MEETING] = "meeting", [RT_PROPOSAL] = "proposal",
	[RT_POSITION] = "position", [RT_DECISION] = "decision",
	[RT_ACTION] = "action", [RT_JOURNAL] = "journal",
	[RT_DOTROUND] = "dotround", [RT_BALLOT] = "ballot",
	[RT_THEME] = "theme", [RT_WORKSTREAM] = "workstream",
	[RT_USTATE] = "ustate", [RT_FLAG] = "flag",
};

const char *
model_rtype_label(int rt)
{
	const char *const labels[RT__COUNT] = {
		[RT_CONFIG] = P_("record", "configuration"),
		[RT_MEMBER] = P_("record", "member"),
		[RT_NEED] = P_("record", "need"),
		[RT_SUPPORT] = P_("record", "support"),
		[RT_TENSION] = P_("record", "tension"),
		[RT_MEETING] = P_("record", "meeting"),
		[RT_PROPOSAL] = P_("record", "proposal"),
		[RT_POSITION] = P_("record", "position"),
		[RT_DECISION] = P_("record", "decision"),
		[RT_ACTION] = P_("record", "action"),
		[RT_JOURNAL] = P_("record", "journal entry"),
		[RT_DOTROUND] = P_("record", "dot-voting round"),
		[RT_BALLOT] = P_("record", "ballot"),
		[RT_THEME] = P_("record", "theme"),
		[RT_WORKSTREAM] = P_("record", "workstream"),
		[RT_USTATE] = P_("record", "interface state"),
		[RT_FLAG] = P_("record", "flag"),
	};

	return rt > 0 && rt < RT__COUNT && labels[rt] ? labels[rt] : "?";
}

const char *
model_rtype_noun(const char *name)
{
	int rt = model_rtype_parse(name);

	/* A dot-voting round is "round" on the command line. */
	if (strcmp(name, "round") == 0)
		return P_("record", "round");
	return rt > 0 ? model_rtype_label(rt) : name;
}

const char *
model_rtype_name(int rt)
{
	if (rt <= 0 || rt >= RT__COUNT || rtype_names[rt] == NULL)
		return "unknown";
	return rtype_names[rt];
}

static int
name_parse(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static const char *need_status_names[NEED__COUNT] = {
	"reported", "qualified", "prioritised", "in-switch", "addressed",
	"merged", "archived"
};

const char *
model_need_status_name(int s)
{
	return s >= 0 && s < NEED__COUNT ? need_status_names[s] : "unknown";
}

int
model_need_status_parse(const char *s)
{
	return name_parse(need_status_names, NEED__COUNT, s);
}

/*
 * The path is reported -> qualified -> prioritised -> in-switch ->
 * addressed. A step back by one is allowed (a facilitator corrects a
 * mistake), and any live need may be archived; an archived need may be
 * reopened as reported. Merged is final and only reached by merging.
 */
int
model_need_transition_ok(int from, int to)
{
	if (from < 0 || from >= NEED__COUNT || to < 0 || to >= NEED__COUNT)
		return 0;
	if (from == to || from == NEED_MERGED || to == NEED_MERGED)
		return 0;
	if (to == NEED_ARCHIVED)
		return 1;
	if (from == NEED_ARCHIVED)
		return to == NEED_REPORTED;
	return to == from + 1 || to == from - 1;
}

static const char *tension_kind_names[TK__COUNT] = {
	"project", "chamber", "position"
};

const char *
model_tension_kind_name(int k)
{
	return k >= 0 && k < TK__COUNT ? tension_kind_names[k] : "unknown";
}

int
model_tension_kind_parse(const char *s)
{
	return name_parse(tension_kind_names, TK__COUNT, s);
}

static const char *tension_status_names[TS__COUNT] = {
	"agenda", "in-process", "decided", "adjourned", "escalated", "dropped"
};

const char *
model_tension_status_name(int s)
{
	return s >= 0 && s < TS__COUNT ? tension_status_names[s] : "unknown";
}

int
model_tension_status_parse(const char *s)
{
	return name_parse(tension_status_names, TS__COUNT, s);
}

static const char *meeting_status_names[MS__COUNT] = {
	"planned", "open", "closed"
};

const char *
model_meeting_status_name(int s)
{
	return s >= 0 && s < MS__COUNT ? meeting_status_names[s] : "unknown";
}

static const char *presence_event_names[PE__COUNT] = {
	NULL, "room", "remote", "left", "left-marked"
};

const char *
model_presence_event_name(int ev)
{
	return ev > 0 && ev < PE__COUNT ? presence_event_names[ev] :
	    "unknown";
}

static const char *proposal_status_names[PS__COUNT] = {
	"open", "retained", "rejected", "no-decision", "adjourned",
	"escalated"
};

const char *
model_proposal_status_name(int s)
{
	return s >= 0 && s < PS__COUNT ? proposal_status_names[s] : "unknown";
}

static const char *position_names[POS__COUNT] = {
	"approve", "alert", "withdraw", "block"
};

const char *
model_position_name(int k)
{
	return k >= 0 && k < POS__COUNT ? position_names[k] : "unknown";
}

int
model_position_parse(const char *s)
{
	return name_parse(position_names, POS__COUNT, s);
}

static const char *action_status_names[AS__COUNT] = {
	"todo", "doing", "done", "dropped"
};

const char *
model_action_status_name(int s)
{
	return s >= 0 && s < AS__COUNT ? action_status_names[s] : "unknown";
}

int
model_action_status_parse(const char *s)
{
	return name_parse(action_status_names, AS__COUNT, s);
}

uint64_t
model_quorum(uint64_t members)
{
	return (2 * members + 2) / 3;
}

static const char *outcome_names[] = { "retained", "rejected", "no-decision" };

const char *
model_outcome_name(int o)
{
	return o >= 0 && o <= OUT_NO_DECISION ? outcome_names[o] : "unknown";
}

void
model_tally(const int *kinds, size_t n, struct tally *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		switch (kinds[i]) {
		case POS_APPROVE: t->approve++; break;
		case POS_ALERT: t->alert++; break;
		case POS_WITHDRAW: t->withdraw++; break;
		case POS_BLOCK: t->block++; t->blockers++; break;
		}
	}
}

uint64_t
model_block_threshold(int unanimity)
{
	return unanimity ? 1 : 2;
}

/*
 * DOMAIN.md §4.4: rejected on blocks from enough distinct members;
 * otherwise retained if anyone approved or alerted (a lone block below
 * the threshold stays on record); otherwise nobody took part.
 */
int
model_outcome(const struct tally *t, int unanimity)
{
	if (t->blockers >= model_block_threshold(unanimity))
		return OUT_REJECTED;
	if (t->approve + t->alert > 0)
		return OUT_RETAINED;
	return OUT_NO_DECISION;
}

int
model_watch_flagged(const struct member *m)
{
	return m->watch_blocks > 0 || m->watch_withdrawals >= 3;
}

int
model_member_counts(const struct member *m)
{
	return (m->roles & ROLE_MEMBER) && !m->disabled;
}

/* (member, index) pairs, sorted by member then index; first: the index
 * of the member's first record (model_positions_by_first). */
struct mpos {
	uint64_t member;
	size_t i;
	size_t first;
};

static int
cmp_mpos(const void *a, const void *b)
{
	const struct mpos *x = a, *y = b;

	if (x->member != y->member)
		return x->member < y->member ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

size_t
model_positions_current(const struct position *h, size_t n, size_t *cur)
{
	struct mpos *m;
	size_t k = 0;

	/* A round keeps every change: a long one holds thousands of
	 * records, so sort (n log n) rather than compare every pair. */
	if (n == 0)
		return 0;
	if ((m = malloc(n * sizeof *m)) == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		m[i].member = h[i].member;
		m[i].i = i;
	}
	qsort(m, n, sizeof *m, cmp_mpos);
	for (size_t i = 0; i < n; i++)
		if (i + 1 == n || m[i + 1].member != m[i].member)
			cur[k++] = m[i].i;
	free(m);
	qsort(cur, k, sizeof *cur, cmp_size);
	return k;
}

static int
cmp_first(const void *a, const void *b)
{
	const struct mpos *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

void
model_positions_by_first(const struct position *h, size_t n, size_t *cur,
    size_t k)
{
	struct mpos *all, *c;
	size_t j = 0;

	if (k == 0)
		return;
	all = malloc(n * sizeof *all);
	c = malloc(k * sizeof *c);
	if (all == NULL || c == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		all[i].member = h[i].member;
		all[i].i = i;
	}
	for (size_t i = 0; i < k; i++) {
		c[i].member = h[cur[i]].member;
		c[i].i = cur[i];
	}
	qsort(all, n, sizeof *all, cmp_mpos);
	qsort(c, k, sizeof *c, cmp_mpos);
	/* Both by member: each of cur meets its member's first record. */
	for (size_t i = 0; i < k; i++) {
		while (all[j].member != c[i].member)
			j++;
		c[i].first = all[j].i;
	}
	qsort(c, k, sizeof *c, cmp_first);
	for (size_t i = 0; i < k; i++)
		cur[i] = c[i].i;
	free(all);
	free(c);
}

long
model_position_last_on(const struct position *h, size_t n, uint64_t member,
    uint64_t version)
{
	for (size_t i = n; i-- > 0;)
		if (h[i].member == member && h[i].version == version)
			return (long)i;
	return -1;
}

void
model_round_tally(const struct position *h, size_t n, uint64_t version,
    const int *counts, struct tally *t)
{
	size_t *cur = malloc((n ? n : 1) * sizeof *cur);
	int *kinds = malloc((n ? n : 1) * sizeof *kinds);
	size_t k, m = 0;

	if (cur == NULL || kinds == NULL)
		abort();
	k = model_positions_current(h, n, cur);
	for (size_t i = 0; i < k; i++)
		if (h[cur[i]].version == version &&
		    (counts == NULL || counts[cur[i]]))
			kinds[m++] = (int)h[cur[i]].kind;
	model_tally(kinds, m, t);
	free(kinds);
	free(cur);
}

void
model_watch_uses(const struct position *h, size_t n, uint64_t versions,
    uint64_t member, uint64_t *blocks, uint64_t *withdrawals)
{
	long i;

	*blocks = *withdrawals = 0;
	for (uint64_t v = 1; v <= versions; v++) {
		i = model_position_last_on(h, n, member, v);
		if (i >= 0 && h[i].kind == POS_BLOCK)
			(*blocks)++;
	}
	i = model_position_last_on(h, n, member, versions);
	if (i >= 0 && h[i].kind == POS_WITHDRAW) {
		/* Only the member's position at the close: a later one on
		 * the same version would have been found first. */
		*withdrawals = 1;
	}
}

static const char *unanimity_req_names[] = { "none", "asked", "granted",
	"declined" };

const char *
model_unanimity_req_name(int r)
{
	return r >= 0 && r < UR__COUNT ? unanimity_req_names[r] : "unknown";
}

int
model_quorum_met(uint64_t count, uint64_t members)
{
	return members > 0 && count >= model_quorum(members);
}

int
model_tension_on_agenda(int s)
{
	return s == TS_AGENDA || s == TS_PROCESS || s == TS_ADJOURNED;
}

int
model_tension_transition_ok(int from, int to)
{
	if (from < 0 || from >= TS__COUNT || to < 0 || to >= TS__COUNT ||
	    from == to)
		return 0;
	switch (from) {
	case TS_AGENDA:
		return to == TS_PROCESS || to == TS_DROPPED;
	case TS_PROCESS:
		return to == TS_DECIDED || to == TS_AGENDA ||
		    to == TS_ADJOURNED || to == TS_ESCALATED;
	case TS_ADJOURNED:
		return to == TS_PROCESS || to == TS_DROPPED;
	default:
		return 0;
	}
}

int
model_action_overdue(const struct action *a, int64_t now)
{
	return a->due > 0 && a->due < now &&
	    (a->status == AS_TODO || a->status == AS_DOING);
}

int
model_decision_review_due(const struct decision *d, int64_t now)
{
	return d->review > 0 && d->review <= now && d->reviewed_in == 0;
}

void
model_dot_rank(const uint64_t *needs, const uint64_t *scores, size_t n,
    uint64_t *rank_needs, uint64_t *rank_scores)
{
	/* Insertion sort: a round holds a few dozen needs at most. */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && (rank_scores[j - 1] < scores[i] ||
		    (rank_scores[j - 1] == scores[i] &&
		    rank_needs[j - 1] > needs[i]))) {
			rank_needs[j] = rank_needs[j - 1];
			rank_scores[j] = rank_scores[j - 1];
			j--;
		}
		rank_needs[j] = needs[i];
		rank_scores[j] = scores[i];
	}
}
