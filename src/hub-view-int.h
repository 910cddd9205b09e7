/* hub-view-int.h: helpers shared by the hub's view files (hub-view-*.c)
 * only; surfaces never include it. */
#ifndef CERCLE_HUB_VIEW_INT_H
#define CERCLE_HUB_VIEW_INT_H

#include "hub.h"

/* An id cursor ("42": the last id given). NULL or "" is the start (0).
 * ERR_USAGE on junk. */
int hub_cursor_id(const char *after, uint64_t *id, struct err *e);
void hub_cursor_set(char next[HUB_CURSOR_MAX], uint64_t id);

#endif
