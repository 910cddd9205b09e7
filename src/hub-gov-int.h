/* hub-gov-int.h: helpers shared by the hub-gov files (hub-gov.c,
 * hub-proposal.c); private to the hub layer, never included above it. */
#ifndef CERCLE_HUB_GOV_INT_H
#define CERCLE_HUB_GOV_INT_H

#include "hub.h"

/* Map ERR_NOTFOUND from a lookup to a refusal "no WHAT #ID". */
int gov_refused_notfound(struct hub_ctx *c, int rc, const char *what,
    uint64_t id);
/* A member by login, refused if unknown. */
int gov_load_login(struct hub_ctx *c, const char *login, struct member *m);
const char *gov_login_of(struct hub_ctx *c, uint64_t id, char *out,
    size_t n);
/* Refuse unless the actor holds the member role. */
int gov_require_voter(struct hub_ctx *c, const char *what);
/* Change a tension's status along model_tension_transition_ok(). */
int gov_tension_set_status(struct hub_ctx *c, struct tension *t, int to);

/* What is pending on a tension: an open proposal, or a rejected one that
 * waits to be adjourned or escalated. */
struct gov_pending {
	uint64_t open, rejected;
	uint64_t open_meeting;	/* the open one's meeting; 0: electronic */
};

int gov_proposal_pending(struct hub_ctx *c, uint64_t tension,
    struct gov_pending *f);

#endif
