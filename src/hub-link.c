/* hub-link.c: linking a tension to the needs it comes from, after it was
 * put on the agenda. One operation and its check; must not print. */
#include "hub.h"
#include "codec.h"

#include <stdio.h>
#include <string.h>

#define LINK_MAX_NEEDS 64

int
hub_tension_link_check(const struct actor *who, const char *author,
    int status, uint64_t id, struct err *e)
{
	if (!(who->roles & ROLE_FACILITATOR) && (who->id == 0 ||
	    author == NULL || strcmp(author, who->login) != 0))
		return err_set(e, ERR_REFUSED, "only the tension's author or "
		    "the facilitator may link tension %llu to needs",
		    (unsigned long long)id);
	if (status == TS_DROPPED)
		return err_set(e, ERR_REFUSED, "tension %llu was dropped",
		    (unsigned long long)id);
	return 0;
}

struct link_arg {
	uint64_t id;
	const struct u64_list *needs;
};

static int
op_tension_link(struct hub_ctx *c, void *argp)
{
	struct link_arg *a = argp;
	struct tension t;
	struct need n;
	char author[MAX_LOGIN + 1];
	int rc;

	if ((rc = store_get(c->t, RT_TENSION, a->id, &t, c->e)) != 0)
		return rc == ERR_NOTFOUND ? err_set(c->e, ERR_REFUSED,
		    "no tension #%llu", (unsigned long long)a->id) : rc;
	hub_login_of(c->t, t.author, author, sizeof author);
	if ((rc = hub_tension_link_check(c->who, author, (int)t.status, t.id,
	    c->e)) != 0)
		goto out;
	for (size_t i = 0; i < a->needs->n; i++) {
		if ((rc = store_get(c->t, RT_NEED, a->needs->v[i], &n,
		    c->e)) != 0) {
			if (rc == ERR_NOTFOUND)
				rc = err_set(c->e, ERR_REFUSED, "no need #%llu",
				    (unsigned long long)a->needs->v[i]);
			goto out;
		}
		codec_free(RT_NEED, &n);
	}
	u64_list_free(&t.needs);
	for (size_t i = 0; i < a->needs->n; i++)
		u64_list_push(&t.needs, a->needs->v[i]);
	t.updated = util_now();
	rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
out:
	codec_free(RT_TENSION, &t);
	return rc;
}

int
hub_tension_link(struct hub *h, struct actor *who, uint64_t tension,
    const struct u64_list *needs, struct err *e)
{
	static const struct u64_list none = { NULL, 0 };
	struct link_arg a;
	char sum[64];

	if (needs == NULL)
		needs = &none;
	if (needs->n > LINK_MAX_NEEDS)
		return err_set(e, ERR_USAGE, "a tension links to at most %d "
		    "needs", LINK_MAX_NEEDS);
	for (size_t i = 0; i < needs->n; i++)
		for (size_t j = 0; j < i; j++)
			if (needs->v[i] == needs->v[j])
				return err_set(e, ERR_USAGE, "need %llu is "
				    "listed twice",
				    (unsigned long long)needs->v[i]);
	a.id = tension;
	a.needs = needs;
	snprintf(sum, sizeof sum, "tension %llu: %zu needs",
	    (unsigned long long)tension, needs->n);
	return hub_run(h, who, "tension.link", sum, op_tension_link, &a, e);
}
