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

/* Checks shared by an operation and the acts its views offer: 0, or
 * ERR_REFUSED with the line the operation refuses with. Pure: they read
 * only what they are given (m: the proposal's meeting, NULL if none). */
int gov_check_voter(const struct actor *who, const char *what,
    struct err *e);
int gov_check_open(const struct proposal *p, struct err *e);
int gov_check_position(const struct actor *who, const struct proposal *p,
    const struct meeting *m, int64_t now, struct err *e);
int gov_check_amend(const struct actor *who, const struct proposal *p,
    const char *supporter, int64_t now, struct err *e);
int gov_check_close(const struct actor *who, const struct proposal *p,
    const struct meeting *m, const struct hub_quorum *q, uint64_t answered,
    uint64_t voters, int64_t now, struct err *e);
int gov_check_open_meeting(const struct meeting *m, struct err *e);
/* Present in the open meeting m, which has a current tension. */
int gov_check_on_current(const struct actor *who, const struct meeting *m,
    const char *what, struct err *e);

/* Append (member, now, ev) to m's presence log (hub-presence.c);
 * refused when the log is full. */
/* hub-review.c: take up in m the decisions due for review now (their
 * reviewed_in becomes m, m->review_decisions lists them). */
int gov_review_due(struct hub_ctx *c, struct meeting *m);
int gov_presence_log(struct hub_ctx *c, struct meeting *m, uint64_t member,
    int ev);

int gov_proposal_pending(struct hub_ctx *c, uint64_t tension,
    struct gov_pending *f);

#endif
