/* hub-action.c: editing an action of the plan (its title, owner and due
 * date). Must not print: one write transaction via hub_run. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"

#include <stdio.h>
#include <string.h>

struct edit_arg {
	uint64_t id;
	const char *owner, *title;
	int64_t due;
};

static int
op_action_edit(struct hub_ctx *c, void *argp)
{
	struct edit_arg *a = argp;
	struct action x;
	struct member o;
	char who[64];
	int rc, same;

	if ((rc = store_get(c->t, RT_ACTION, a->id, &x, c->e)) != 0)
		return gov_refused_notfound(c, rc, "action", a->id);
	memset(&o, 0, sizeof o);
	if (x.owner != c->who->id && !(c->who->roles & ROLE_FACILITATOR)) {
		rc = err_set(c->e, ERR_REFUSED, "only the owner (%s) or the "
		    "facilitator may edit action %llu", gov_login_of(c,
		    x.owner, who, sizeof who), (unsigned long long)x.id);
		goto out;
	}
	if (a->owner != NULL) {
		if ((rc = gov_load_login(c, a->owner, &o)) != 0)
			goto out;
		if (o.disabled) {
			rc = err_set(c->e, ERR_REFUSED, "member '%s' is "
			    "disabled", o.login);
			goto out;
		}
	}
	same = (a->owner == NULL || o.id == x.owner) &&
	    (a->title == NULL || strcmp(a->title, x.title ? x.title : "") ==
	    0) && a->due == x.due;
	if (same) {
		rc = err_set(c->e, ERR_REFUSED, "action %llu is unchanged",
		    (unsigned long long)x.id);
		goto out;
	}
	if (a->owner != NULL)
		x.owner = o.id;
	if (a->title != NULL)
		str_replace(&x.title, a->title);
	x.due = a->due;
	x.updated = util_now();
	rc = store_put(c->t, RT_ACTION, x.id, &x, c->e);
out:
	if (a->owner != NULL)
		codec_free(RT_MEMBER, &o);
	codec_free(RT_ACTION, &x);
	return rc;
}

int
hub_action_edit(struct hub *h, struct actor *who, uint64_t id,
    const char *owner, const char *title, int64_t due, struct err *e)
{
	struct edit_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.owner = owner;
	a.title = title;
	a.due = due;
	if (owner != NULL && login_check(owner, e) != 0)
		return e->code;
	if (title != NULL && title[0] == '\0')
		return err_set(e, ERR_USAGE, "an action needs a title");
	if (title != NULL && text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (due < 0)
		return err_set(e, ERR_USAGE, "the due date is not valid");
	return hub_run(h, who, "action.edit", title ? title : "", op_action_edit,
	    &a, e);
}
