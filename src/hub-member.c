/* hub-member.c: member edits the members pane makes (issue 16 item 1)
 * beyond hub.c's: territory and organisation. One write each, admins
 * only. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct place_arg {
	const char *login, *territory, *org;
};

static int
op_member_place(struct hub_ctx *c, void *argp)
{
	struct place_arg *a = argp;
	struct member m;
	struct config cfg;
	int rc, k = -1;

	if ((rc = hub_require(c, ROLE_ADMIN, "change a member's territory or "
	    "org")) != 0)
		return rc;
	if (a->territory != NULL && a->territory[0] != '\0') {
		if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
			return rc;
		k = hub_config_match(&cfg.territories, "territory",
		    a->territory, c->e);
		if (k < 0) {
			codec_free(RT_CONFIG, &cfg);
			return ERR_REFUSED;
		}
	}
	if ((rc = gov_load_login(c, a->login, &m)) != 0) {
		if (k >= 0)
			codec_free(RT_CONFIG, &cfg);
		return rc;
	}
	if (a->territory != NULL) {
		free(m.territory);
		m.territory = k >= 0 ? xstrdup(cfg.territories.v[k]) : NULL;
		codec_free(RT_CONFIG, &cfg);
	}
	if (a->org != NULL) {
		free(m.org);
		m.org = a->org[0] ? xstrdup(a->org) : NULL;
	}
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_set_place(struct hub *h, struct actor *who, const char *login,
    const char *territory, const char *org, struct err *e)
{
	struct place_arg a = { login, territory, org };

	if (text_check("territory", territory, MAX_SHORT, 0, e) != 0 ||
	    text_check("organisation", org, MAX_SHORT, 0, e) != 0)
		return e->code;
	return hub_run(h, who, "member.place", login, op_member_place, &a, e);
}
