/* hub-ui.c: interface state kept per member (struct ustate): the pane to
 * return to and the draft being typed. Must stay cheap: drafts are saved
 * while people type, so an unchanged state writes nothing. */
#include "hub.h"
#include "codec.h"

#include <string.h>

struct ustate_arg {
	const char *pane, *ctx, *draft;
};

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
	struct ustate_arg *a = argp;
	struct ustate u;
	int rc;

	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "interface state belongs "
		    "to a member");
	rc = store_get(c->t, RT_USTATE, c->who->id, &u, c->e);
	if (rc == ERR_NOTFOUND)
		memset(&u, 0, sizeof u);
	else if (rc != 0)
		return rc;
	if (same(u.pane, a->pane) && same(u.draft_ctx, a->ctx) &&
	    same(u.draft, a->ctx ? a->draft : NULL)) {
		codec_free(RT_USTATE, &u);
		return 0;
	}
	str_replace(&u.pane, a->pane);
	str_replace(&u.draft_ctx, a->ctx);
	str_replace(&u.draft, a->ctx ? a->draft : NULL);
	u.updated = util_now();
	rc = store_put(c->t, RT_USTATE, c->who->id, &u, c->e);
	codec_free(RT_USTATE, &u);
	return rc;
}

int
hub_ustate_save(struct hub *h, struct actor *who, const char *pane,
    const char *ctx, const char *draft, struct err *e)
{
	struct ustate_arg a = { pane, ctx, draft };

	if (text_check("pane", pane, 32, 0, e) != 0 ||
	    text_check("draft context", ctx, 64, 0, e) != 0 ||
	    text_check("draft", draft, MAX_TEXT, 1, e) != 0)
		return e->code;
	return hub_run(h, who, "ui.state", pane, op_ustate, &a, e);
}

int
hub_ustate_get(struct store_txn *t, uint64_t member, struct ustate *u,
    struct err *e)
{
	return store_get(t, RT_USTATE, member, u, e);
}
