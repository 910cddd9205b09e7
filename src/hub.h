/* hub.h: the operations of cercle. Every user action is one function here
 * that opens one write transaction, checks the actor's role and the rule,
 * writes the records (each store_put journals itself) and commits; or
 * changes nothing and returns an ERR_* code with one line in struct err.
 * The TUI, the CLI and the SSH exec commands call only this layer.
 *
 * Reads: hub_read() opens a read transaction for views; keep it short and
 * never hold it while waiting for a person (reset/renew it instead). */
#ifndef CERCLE_HUB_H
#define CERCLE_HUB_H

#include <stdint.h>
#include "util.h"
#include "model.h"
#include "store.h"

struct hub {
	struct store *st;
};

/* Who acts. A console actor is the Unix user at the host: trusted as an
 * admin. With a login, the member's own roles apply (over SSH always). */
struct actor {
	int console;
	char login[MAX_LOGIN + 1];
	char label[80];		/* what the journal records */
	/* Resolved inside each operation's transaction: */
	uint64_t id;		/* member id, 0 for the bare console */
	uint64_t roles;
};

/* Set up an actor: login NULL means the bare console (admin). */
void hub_actor_console(struct actor *a, const char *login);
void hub_actor_member(struct actor *a, const char *login);

/* Context handed to an operation body. */
struct hub_ctx {
	struct hub *h;
	struct store_txn *t;
	struct actor *who;
	struct err *e;
};
typedef int (*hub_op_fn)(struct hub_ctx *c, void *arg);

int hub_open(const char *dir, int create, struct hub **out, struct err *e);
void hub_close(struct hub *h);

/* Run one operation: begin a write txn, resolve the actor (a disabled or
 * unknown member is refused), call fn, commit. If the map is full it grows
 * the map and runs fn again from scratch, so fn must only write through
 * the store. op is the journal's name ("need.add"), summary a short text. */
int hub_run(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, void *arg, struct err *e);

/* Inside an operation: refuse unless the actor holds one of roles. The
 * bare console holds ROLE_ADMIN only. what is "add a need". */
int hub_require(struct hub_ctx *c, uint64_t roles, const char *what);
/* Change the journal summary of the running operation. */
void hub_set_summary(struct hub_ctx *c, const char *summary);

/* Read transactions for views and listings. */
int hub_read(struct hub *h, struct store_txn **t, struct err *e);
void hub_read_end(struct store_txn *t);

/* Lookups usable in a read or write transaction. */
int hub_member_by_login(struct store_txn *t, const char *login,
    struct member *m, struct err *e);
int hub_member_by_fp(struct store_txn *t, const char *fp, struct member *m,
    struct err *e);
/* "login" of a member id, into out; "#ID" if unknown. */
const char *hub_login_of(struct store_txn *t, uint64_t id, char *out,
    size_t n);
int hub_config_get(struct store_txn *t, struct config *cfg, struct err *e);

/* ---- hub.c: hub set-up and members ---- */

/* Create the hub's configuration with the Hub du Sud defaults (the 4A
 * territories, categories, publics, sources). Refused if it exists. */
int hub_init(struct hub *h, struct actor *who, const char *name,
    struct err *e);
/* Edit a configuration list: list is territories|categories|publics|
 * sources; add or remove one value. */
int hub_config_edit(struct hub *h, struct actor *who, const char *list,
    int add, const char *value, struct err *e);
int hub_config_rename(struct hub *h, struct actor *who, const char *name,
    struct err *e);

/* Admin only. */
int hub_member_add(struct hub *h, struct actor *who, const char *login,
    const char *name, uint64_t roles, const char *territory,
    const char *org, uint64_t *id, struct err *e);
int hub_member_set_roles(struct hub *h, struct actor *who, const char *login,
    uint64_t roles, struct err *e);
int hub_member_set_disabled(struct hub *h, struct actor *who,
    const char *login, int disabled, struct err *e);
/* Parse "type base64 [comment]", check it, store it with its SHA256
 * fingerprint; *fp_out (if not NULL) receives the fingerprint. */
int hub_member_key_add(struct hub *h, struct actor *who, const char *login,
    const char *keyline, char *fp_out, size_t fpn, struct err *e);
/* Remove by fingerprint ("SHA256:...") or by 1-based index. */
int hub_member_key_remove(struct hub *h, struct actor *who,
    const char *login, const char *which, struct err *e);
/* A member's own preferences (low bandwidth, language). */
int hub_member_set_prefs(struct hub *h, struct actor *who,
    int low_bandwidth, const char *lang, struct err *e);

/* Parse and fingerprint an OpenSSH public key line (no store access).
 * Fills type (e.g. "ssh-ed25519"), canonical "type base64 comment" line
 * and "SHA256:..." fingerprint. */
int hub_key_parse(const char *line, char *canon, size_t cn, char *fp,
    size_t fpn, struct err *e);

/* ---- hub-need.c: the needs queue ---- */

/* What a need is made of, as typed. NULL: absent (add) or unchanged
 * (edit); "" clears an optional field on edit. created 0 means now (a
 * batch builder such as the demo may backdate); round NULL means the
 * collection round of created. */
struct need_input {
	const char *title, *description, *territory, *category, *public_,
	    *source, *round;
	int64_t created;
};

/* Check lengths, UTF-8 and required fields (ERR_USAGE). */
int hub_need_input_check(const struct need_input *in, int adding,
    struct err *e);

/* Every operation below is one write transaction and journaled. Roles:
 * add, support and practice need member, correspondent, facilitator or
 * admin, and a member acting (the bare console is refused: a need needs a
 * reporter); edit: the reporter, a facilitator or an admin; status and
 * merge: a facilitator or an admin. Territory, category, public and
 * source must be in the hub configuration (ERR_REFUSED otherwise). */
int hub_need_add(struct hub *h, struct actor *who, const struct need_input *in,
    uint64_t *id, struct err *e);
int hub_need_edit(struct hub *h, struct actor *who, uint64_t id,
    const struct need_input *in, struct err *e);
/* "Seen here too": one per member per need, not by its reporter, not on a
 * merged or archived need. territory NULL: the member's own. */
int hub_need_support(struct hub *h, struct actor *who, uint64_t id,
    const char *territory, const char *note, uint64_t *sid, struct err *e);
/* Append a good practice (a text or a link). */
int hub_need_practice(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e);
/* Along model_need_transition_ok(); merged only through hub_need_merge. */
int hub_need_set_status(struct hub *h, struct actor *who, uint64_t id,
    int status, struct err *e);
/* id becomes merged into `into`, which records it in merged_from and takes
 * the union of territories and of distinct supporters (the duplicate's
 * reporter counts as one). Nothing is deleted. Refused: into itself, a
 * need already merged, into a merged or archived need, and chains (a need
 * that already holds merged needs cannot itself be merged). */
int hub_need_merge(struct hub *h, struct actor *who, uint64_t id,
    uint64_t into, struct err *e);

/* The same operations inside a running one (c->who acts), for batch
 * builders such as the demo; they check roles and rules alike. when 0:
 * now. */
int hub_need_add_in(struct hub_ctx *c, const struct need_input *in,
    uint64_t *id);
int hub_need_edit_in(struct hub_ctx *c, uint64_t id,
    const struct need_input *in);
int hub_need_support_in(struct hub_ctx *c, uint64_t id, const char *territory,
    const char *note, int64_t when, uint64_t *sid);
int hub_need_practice_in(struct hub_ctx *c, uint64_t id, const char *text);
int hub_need_status_in(struct hub_ctx *c, uint64_t id, int status);
int hub_need_merge_in(struct hub_ctx *c, uint64_t id, uint64_t into);

/* Reads (in any transaction). ERR_NOTFOUND when there is no such need. */
int hub_need_get(struct store_txn *t, uint64_t id, struct need *n,
    struct err *e);
typedef int (*hub_support_cb)(struct store_txn *t, const struct support *s,
    void *arg);
/* The supports of a need, oldest first; cb returns non-zero to stop. */
int hub_need_supports(struct store_txn *t, uint64_t id, hub_support_cb cb,
    void *arg, struct err *e);

/* Listing. A filter field NULL (status -1) matches anything; territory is
 * the need's own territory. */
struct need_filter {
	int status;
	const char *territory, *category, *public_, *round;
};
void hub_need_filter_init(struct need_filter *f);
int hub_need_match(const struct need *n, const struct need_filter *f);

enum need_sort {
	NEED_SORT_NEWEST = 0,	/* id descending */
	NEED_SORT_SUPPORT,	/* most supports first, then newest */
	NEED_SORT_TERRS,	/* most territories first, then newest */
	NEED_SORT__COUNT
};
int hub_need_sort_parse(const char *s);	/* -1 if unknown */
const char *hub_need_sort_name(int sort);

#define HUB_CURSOR_MAX 48
typedef int (*hub_need_cb)(struct store_txn *t, const struct need *n,
    void *arg);
/* Call cb for each need matching f in the order of sort, starting after
 * the cursor `after` (NULL: from the top), at most limit of them (0: no
 * limit). next (may be NULL) receives the cursor to pass as `after` for
 * the following page, or "" when nothing follows. Walks an index (newest:
 * the smallest of the status, territory, category entries named by f;
 * support/territories: their sort index backwards), decodes one need at a
 * time and keeps nothing: memory does not grow with the database. A
 * cursor is opaque text, valid across transactions; a need whose sort key
 * changed meanwhile may move across it. Errors: ERR_USAGE (bad cursor),
 * ERR_SYSTEM. cb returning non-zero stops the walk (next is then ""). */
int hub_need_list(struct store_txn *t, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e);

/* ---- hub-gov.c: tensions, meetings, proposals, positions, decisions ---- */
/* (declarations added by the governance work) */

/* ---- hub-ui.c: interface state ---- */

/* Save the acting member's interface state: the pane shown and the draft
 * being typed (ctx says what it is for, e.g. "block:12"; NULL ctx clears
 * the draft). Members only, for themselves: the bare console has no state
 * (ERR_REFUSED). Writes nothing, and so commits nothing, when the stored
 * state is the same. Texts are checked as fields (ERR_USAGE). */
int hub_ustate_save(struct hub *h, struct actor *who, const char *pane,
    const char *ctx, const char *draft, struct err *e);
/* Read a member's saved state (ERR_NOTFOUND when none). */
int hub_ustate_get(struct store_txn *t, uint64_t member, struct ustate *u,
    struct err *e);

#endif
