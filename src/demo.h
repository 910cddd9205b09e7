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

#endif
