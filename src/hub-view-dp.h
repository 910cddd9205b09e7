/* hub-view-dp.h: the open data package's state, shared by its two view
 * files (hub-view-dp-schema.c, hub-view-dp-rows.c) only. */
#ifndef CERCLE_HUB_VIEW_DP_H
#define CERCLE_HUB_VIEW_DP_H

#include "hub.h"
#include "codec.h"

#define DP_ROUNDS 512

struct dp_round {
	char round[16];
	uint64_t needs, supports;
};

struct hub_dp {
	struct hub_rd *r;
	struct config cfg;
	char producer[64];
	char date[16];			/* AAAAMMJJ */
	int64_t now;
	struct dp_round rounds[DP_ROUNDS];
	size_t nrounds;
	int rounds_full;
};

#endif
