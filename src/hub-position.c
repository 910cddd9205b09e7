/* hub-position.c: the positions of a round read back: every change kept
 * (the history), each member's current position, who counted. Read
 * helpers for the hub layer; must not write (the writes are in
 * hub-proposal.c) nor print. */
#include "hub.h"
#include "codec.h"
#include "store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_pos(const void *a, const void *b)
{
	const struct position *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* counts[i] for all[i]: the rule as the round stands (open: the members
 * who count now; closed: frozen at the close). */
static int
positions_counts(struct store_txn *t, const struct proposal *p,
    struct hub_positions *ps, struct err *e)
{
	struct member m;
	int rc;

	for (size_t i = 0; i < ps->nall; i++) {
		const struct position *x = &ps->all[i];
		if (x->version != p->versions.n)
			continue;
		if (p->frozen) {
			ps->counts[i] = u64_list_has(&p->counted, x->id);
			continue;
		}
		/* A round closed by an older cercle counted every last
		 * position on its last version: keep its figures. */
		if (p->status != PS_OPEN) {
			ps->counts[i] = 1;
			continue;
		}
		rc = store_get(t, RT_MEMBER, x->member, &m, e);
		if (rc == ERR_NOTFOUND)
			continue;
		if (rc != 0)
			return rc;
		ps->counts[i] = model_member_counts(&m);
		codec_free(RT_MEMBER, &m);
	}
	err_clear(e);
	return 0;
}

int
hub_positions_load(struct store_txn *t, uint64_t proposal,
    struct hub_positions *out, struct err *e)
{
	struct u64_list ids = { 0 };
	struct proposal p;
	uint8_t k[8];
	size_t *cur = NULL;
	int rc, have_p = 0;

	memset(out, 0, sizeof *out);
	store_be64(proposal, k);
	if ((rc = hub_ix_ids(t, IX_POSITION_PROPOSAL, k, 8, SIZE_MAX / 2, &ids,
	    e)) != 0)
		goto out;
	if ((rc = store_get(t, RT_PROPOSAL, proposal, &p, e)) != 0)
		goto out;
	have_p = 1;
	out->all = xcalloc(ids.n ? ids.n : 1, sizeof *out->all);
	for (size_t i = 0; i < ids.n; i++) {
		if ((rc = store_get(t, RT_POSITION, ids.v[i], &out->all[i],
		    e)) != 0)
			goto fail;
		out->all[i].id = ids.v[i];
		out->nall++;
	}
	qsort(out->all, out->nall, sizeof *out->all, cmp_pos);
	out->counts = xcalloc(out->nall ? out->nall : 1, sizeof *out->counts);
	if ((rc = positions_counts(t, &p, out, e)) != 0)
		goto fail;
	cur = xcalloc(out->nall ? out->nall : 1, sizeof *cur);
	out->n = model_positions_current(out->all, out->nall, cur);
	/* Members in the order they first took a position (as the
	 * records of an older cercle, one per member, read). */
	model_positions_by_first(out->all, out->nall, cur, out->n);
	out->v = xcalloc(out->n ? out->n : 1, sizeof *out->v);
	out->vcounts = xcalloc(out->n ? out->n : 1, sizeof *out->vcounts);
	out->vat = xcalloc(out->n ? out->n : 1, sizeof *out->vat);
	for (size_t i = 0; i < out->n; i++) {
		/* A shallow copy: the strings stay owned by all[]. */
		out->v[i] = out->all[cur[i]];
		out->vcounts[i] = out->counts[cur[i]];
		out->vat[i] = cur[i];
	}
	goto out;
fail:
	hub_positions_free(out);
out:
	free(cur);
	if (have_p)
		codec_free(RT_PROPOSAL, &p);
	u64_list_free(&ids);
	return rc;
}

void
hub_positions_free(struct hub_positions *ps)
{
	for (size_t i = 0; i < ps->nall; i++)
		codec_free(RT_POSITION, &ps->all[i]);
	free(ps->all);
	free(ps->counts);
	free(ps->v);
	free(ps->vcounts);
	free(ps->vat);
	memset(ps, 0, sizeof *ps);
}

void
hub_proposal_tally(const struct proposal *p, const struct hub_positions *ps,
    struct tally *out)
{
	if (p->frozen) {
		memset(out, 0, sizeof *out);
		out->approve = p->c_approve;
		out->alert = p->c_alert;
		out->withdraw = p->c_withdraw;
		out->block = p->c_block;
		out->blockers = p->c_blockers;
		return;
	}
	model_round_tally(ps->all, ps->nall, p->versions.n, ps->counts, out);
}

int
hub_proposal_answered(struct store_txn *t, const struct proposal *p,
    const struct hub_positions *ps, uint64_t *n, struct err *e)
{
	(void)t;
	(void)e;
	*n = 0;
	if (p->frozen && p->closes != 0) {
		*n = p->c_present;
		return 0;
	}
	for (size_t i = 0; i < ps->n; i++)
		if (ps->vcounts[i])
			(*n)++;
	return 0;
}
