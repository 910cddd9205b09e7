/* demo.h: `cercle demo`, a believable Hub du Sud built through the hub
 * operations only (so every record is journaled and checked like any). */
#ifndef CERCLE_DEMO_H
#define CERCLE_DEMO_H

#include "hub.h"

struct demo_stats {
	uint64_t members, needs, supports, merges;
};

/* Create the hub and fill it: refused (ERR_REFUSED) if the database
 * already holds a hub. Deterministic: the same content on every run, with
 * dates relative to util_now() (CERCLE_NOW fixes them too). */
int demo_create(struct hub *h, struct actor *who, struct demo_stats *st,
    struct err *e);

/* demo-gov.c: governance content, called by demo_create after members
 * (and needs) exist: adds what is missing (a facilitator, six voting
 * members, a sage), a past meeting with retained, adjourned and escalated
 * proposals, decisions and actions (one overdue), tensions of each kind
 * on the agenda and one open electronic round. Through the hub
 * operations only. */
int demo_gov(struct hub *h, struct err *e);
/* demo-switch.c: a closed prioritisation round, the theme its first needs
 * became with its workstreams and sign-ups, an open round over the
 * categories. */
int demo_switch(struct hub *h, struct err *e);

/* The demo dates what it builds through CERCLE_NOW, the clock every
 * operation reads. demo_clock_keep() saves the caller's setting (NULL if
 * none), demo_clock(t) sets it, demo_clock_restore() puts back what was
 * kept and frees it: a one-shot builder leaves the environment as it
 * found it. */
char *demo_clock_keep(void);
void demo_clock(int64_t t);
void demo_clock_restore(char *kept);

#endif
