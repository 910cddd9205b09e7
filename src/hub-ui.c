/* hub-ui.c: interface state kept per member (struct ustate): the pane and
 * row to return to and the draft being typed. Must stay cheap: drafts are
 * saved while people type, so an unchanged state writes nothing; and
 * several sessions of one member may save, so the newer change wins. */
#include "hub.h"
#include "codec.h"

#include <string.h>

static int
same(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0';
	return b != NULL && strcmp(a, b) == 0;
}

static int
op_ustate(struct hub_ctx *c, void *argp)
{
	const struct hub_ustate_in *a = argp;
	const char *draft = a->ctx ? a->draft : NULL;
	struct ustate u;
	int rc, changed = 0;

	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "interface state belongs "
		    "to a member");
	rc = store_get(c->t, RT_USTATE, c->who->id, &u, c->e);
	if (rc == ERR_NOTFOUND)
		memset(&u, 0, sizeof u);
	else if (rc != 0)
		return rc;
	if (a->pane != NULL && a->pane_at >= u.pane_at &&
	    (!same(u.pane, a->pane) || u.sel != a->sel)) {
		str_replace(&u.pane, a->pane);
		u.sel = a->sel;
		u.pane_at = a->pane_at;
		changed = 1;
	}
	/* A session that never touched the draft (draft_at 0), or whose
	 * change is older than the stored one, leaves it alone. */
	if (a->draft_at > 0 && a->draft_at >= u.draft_at &&
	    (!same(u.draft_ctx, a->ctx) || !same(u.draft, draft))) {
		str_replace(&u.draft_ctx, a->ctx);
		str_replace(&u.draft, draft);
		u.draft_at = a->draft_at;
		u.draft_ver++;
		changed = 1;
	}
	if (!changed) {
		codec_free(RT_USTATE, &u);
		return 0;
	}
	u.updated = util_now();
	rc = store_put(c->t, RT_USTATE, c->who->id, &u, c->e);
	codec_free(RT_USTATE, &u);
	return rc;
}

int
hub_ustate_save(struct hub *h, struct actor *who,
    const struct hub_ustate_in *in, struct err *e)
{
	if (text_check("pane", in->pane, 32, 0, e) != 0 ||
	    text_check("draft context", in->ctx, 64, 0, e) != 0 ||
	    text_check("draft", in->draft, MAX_TEXT, 1, e) != 0)
		return e->code;
	return hub_run(h, who, "ui.state", in->pane, op_ustate, (void *)in,
	    e);
}

int
hub_ustate_get(struct store_txn *t, uint64_t member, struct ustate *u,
    struct err *e)
{
	return store_get(t, RT_USTATE, member, u, e);
}

static int
op_access(struct hub_ctx *c, void *argp)
{
	const int *sr = argp;
	struct member m;
	int rc;

	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "preferences belong to a "
		    "member: use --as LOGIN");
	if ((rc = store_get(c->t, RT_MEMBER, c->who->id, &m, c->e)) != 0)
		return rc;
	m.screen_reader = *sr ? 1 : 0;
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_access_set(struct hub *h, struct actor *who, int screen_reader,
    struct err *e)
{
	return hub_run(h, who, "member.access", NULL, op_access,
	    &screen_reader, e);
}
