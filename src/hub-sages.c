/* hub-sages.c: the sages the consortium names (DOMAIN.md: "a group of
 * experts named at the first meeting"): in an open meeting with quorum,
 * recorded in it. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

struct sages_arg {
	const char *const *logins;
	size_t n;
};

static int
member_id_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	u64_list_push(arg, id);
	return 0;
}

/* Give the sage role to the named and take it from everyone else. */
static int
set_roles(struct hub_ctx *c, const struct u64_list *named)
{
	struct u64_list all = { 0 };
	struct member p;
	int rc;

	if ((rc = store_scan(c->t, RT_MEMBER, 0, 0, member_id_cb, &all,
	    c->e)) != 0)
		goto out;
	for (size_t i = 0; i < all.n && rc == 0; i++) {
		int want = u64_list_has(named, all.v[i]);

		if ((rc = store_get(c->t, RT_MEMBER, all.v[i], &p, c->e)) != 0)
			break;
		if (want != ((p.roles & ROLE_SAGE) != 0)) {
			p.roles ^= ROLE_SAGE;
			rc = store_put(c->t, RT_MEMBER, p.id, &p, c->e);
		}
		codec_free(RT_MEMBER, &p);
	}
out:
	u64_list_free(&all);
	return rc;
}

static int
op_sages_name(struct hub_ctx *c, void *argp)
{
	struct sages_arg *a = argp;
	struct u64_list named = { 0 };
	struct hub_quorum q;
	struct meeting m;
	struct member p;
	struct buf s = { 0 };
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "name the sages")) != 0)
		return rc;
	if ((rc = hub_meeting_open_get(c->t, &m, c->e)) == ERR_NOTFOUND)
		return gov_check_open_meeting(NULL, c->e);
	if (rc != 0)
		return rc;
	if ((rc = hub_meeting_quorum(c->t, &m, &q, c->e)) != 0)
		goto out;
	if (!q.reached) {
		rc = err_set(c->e, ERR_REFUSED, _("meeting %llu has no quorum "
		    "(%llu of %llu present, %llu needed): the consortium names "
		    "its sages with quorum"), (unsigned long long)m.id,
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed);
		goto out;
	}
	for (size_t i = 0; i < a->n && rc == 0; i++) {
		if ((rc = gov_load_login(c, a->logins[i], &p)) != 0)
			break;
		if (p.disabled)
			rc = err_set(c->e, ERR_REFUSED, _("%s is disabled and "
			    "cannot be named a sage"), p.login);
		else if (u64_list_has(&named, p.id))
			rc = err_set(c->e, ERR_REFUSED, _("%s is named twice"),
			    p.login);
		else {
			u64_list_push(&named, p.id);
			if (s.len < 120)
				buf_printf(&s, "%s%s", i ? " " : "", p.login);
		}
		codec_free(RT_MEMBER, &p);
	}
	if (rc == 0) {
		hub_set_summary(c, s.p);
		rc = set_roles(c, &named);
	}
	if (rc == 0) {
		u64_list_free(&m.sages);
		for (size_t i = 0; i < named.n; i++)
			u64_list_push(&m.sages, named.v[i]);
		m.sages_named = 1;
		rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	}
out:
	buf_free(&s);
	u64_list_free(&named);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_sages_name(struct hub *h, struct actor *who, const char *const *logins,
    size_t n, struct err *e)
{
	struct sages_arg a;

	if (n == 0)
		return err_set(e, ERR_USAGE, _("name at least one sage"));
	if (n > 64)
		return err_set(e, ERR_USAGE, _("at most 64 sages"));
	a.logins = logins;
	a.n = n;
	return hub_run(h, who, "sages.name", NULL, op_sages_name, &a, e);
}
