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
 * the store. op is the journal's name ("need.add"), summary a short text.
 * With group commit (hub-batch.c, "The write path" in store.h) the same
 * transaction then also runs the operations other processes queued, each
 * in a nested transaction; fn's own result is as without. */
int hub_run(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, void *arg, struct err *e);

/* Inside an operation: refuse unless the actor holds one of roles. The
 * bare console holds ROLE_ADMIN only. what is "add a need". */
int hub_require(struct hub_ctx *c, uint64_t roles, const char *what);
/* Inside an operation: speak the hub's language (i18n_push_lang) until
 * i18n_pop_lang(), for text that is stored (a decision, a marker, a
 * pseudonym): whoever acts, the record reads the same. 0 or the error
 * reading the configuration (then nothing is pushed). */
int hub_push_lang(struct hub_ctx *c);
/* Change the journal summary of the running operation. */
void hub_set_summary(struct hub_ctx *c, const char *summary);
/* Batch builders (the demo) acting as several members in one operation:
 * journal what follows as c->who doing op (summary may be NULL). */
void hub_set_op(struct hub_ctx *c, const char *op, const char *summary);

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
/* Find a typed value in a configuration list (territories, categories,
 * publics, sources) as people type it: the exact value first, then one
 * equal once both are folded (util_fold: case, accents, hyphens and
 * spaces ignored). Returns the index of the configured value; or -1 with
 * e set (ERR_REFUSED) to one line naming what (e.g. "territory") with the
 * closest configured values: "unknown category 'santée': did you mean
 * 'santé'? (see 'cercle config show')". Pure: no I/O. */
int hub_config_match(const struct str_list *l, const char *what,
    const char *value, struct err *e);

/* ---- hub-read.c: the read API ---- */
/*
 * Every screen, listing, export and exec answer is computed here, for a
 * viewer, so every surface shows the same figures (DESIGN.md, hub layer).
 * Surfaces (src/ui-*, cli-*, ssh-*, demo*) never call store_* or
 * codec_decode: they open a read handle and ask for views.
 *
 * A read handle is one parked LMDB read snapshot plus the viewer it reads
 * for. Views computed through it are a consistent picture of one commit.
 * Process/thread: one handle per process and thread, never shared across
 * fork(); it holds a reader slot while live, so park it before waiting
 * for a person (a parked handle holds no snapshot and blocks no writer).
 *
 * Views are plain structs filled for the handle's viewer: what they may
 * see (a hidden round's tally is "hidden" until the close), the live
 * quorum, and the acts the viewer may take now. Lists are page iterators
 * in the style of hub_need_list(): (after cursor, limit) in, a callback
 * per item, an opaque next cursor out, memory independent of the size of
 * the database.
 */
struct hub_rd;

/* Open a handle for viewer (hub_actor_console/hub_actor_member) with a
 * live snapshot. The viewer is resolved in it: an unknown or disabled
 * member is not an error, they view with no role. Errors: ERR_SYSTEM
 * (storage; message says what). */
int hub_rd_open(struct hub *h, const struct actor *viewer,
    struct hub_rd **out, struct err *e);
/* Take a fresh snapshot (of the latest commit) and resolve the viewer
 * again (roles may have changed). Views read after this see every commit
 * made before it. Errors: ERR_SYSTEM. */
int hub_rd_renew(struct hub_rd *r, struct err *e);
/* Release the snapshot; the handle stays usable after hub_rd_renew(). */
void hub_rd_park(struct hub_rd *r);
void hub_rd_close(struct hub_rd *r);
/* The viewer as resolved at the last renew: id (0 for the bare console)
 * and roles (0 for an unknown or disabled member). */
const struct actor *hub_rd_viewer(const struct hub_rd *r);
/* Number of the newest journal entry in the snapshot (0 when parked). */
uint64_t hub_rd_journal_last(struct hub_rd *r);
/* Id of the last commit by anyone: cheap, no snapshot; a change means
 * views may be stale (the TUI polls it each tick). */
uint64_t hub_last_txnid(struct hub *h);
/* Hub layer only (hub-*.c): the snapshot under the handle, NULL when
 * parked. Surfaces never call it. hub_rd_live() is the same but sets
 * ERR_SYSTEM ("the read handle is parked") in e when NULL. */
struct store_txn *hub_rd_txn(struct hub_rd *r);
struct store_txn *hub_rd_live(struct hub_rd *r, struct err *e);
/* Hub layer only: at most max ids an index holds under key (a DUPSORT
 * index), in order, appended to out. Errors: ERR_SYSTEM. */
int hub_ix_ids(struct store_txn *t, int ix, const void *key, size_t klen,
    size_t max, struct u64_list *out, struct err *e);

/* ---- hub-vocab.c, hub-opendata.c: national vocabularies ---- */

/* A term of a national vocabulary (contrib/vocab/, README.md there says
 * where each comes from); tables end with { NULL, NULL }. */
struct hub_vocab_term {
	const char *code, *label;
};
extern const struct hub_vocab_term hub_vocab_thematiques[];
extern const struct hub_vocab_term hub_vocab_di_thematiques[];
extern const struct hub_vocab_term hub_vocab_publics[];
const struct hub_vocab_term *hub_vocab_find(const struct hub_vocab_term *v,
    const char *code);
/* 1 if s is an INSEE commune code: ^([013-9]\d|2[AB1-9])\d{3}$. */
int hub_insee_ok(const char *s);

#define HUB_LICENCE_DEFAULT "Licence Ouverte / Etalab 2.0"
/* The codes ("a;b") map gives to a configured word, NULL when none. */
const char *hub_config_codes(const struct str_list *map, const char *word);
const char *hub_config_licence(const struct config *cfg);
/* The producer of file names, [a-z0-9-], into out. */
const char *hub_config_producer(const struct config *cfg, char *out,
    size_t n);
/* The default mappings of the Hub du Sud's default words (hub_init). */
void hub_opendata_defaults(struct config *cfg);
/* Admin: map a category (kind "category": national thematiques, of the
 * coop or data·inclusion) or a public ("public": data·inclusion
 * publics) to codes "a;b" ("" removes the mapping). ERR_USAGE for an
 * unknown code, ERR_REFUSED for a word not in the configuration. */
int hub_config_map(struct hub *h, struct actor *who, const char *kind,
    const char *word, const char *codes, struct err *e);
/* Admin: key licence|producer (value "" restores the default) or votes
 * (public|private: whether an export carries the positions of closed
 * rounds). */
int hub_config_opendata(struct hub *h, struct actor *who, const char *key,
    const char *value, struct err *e);

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
/* The hub's default language, "fr" or "en" (admin; ERR_USAGE otherwise):
 * the language of whoever has no --lang, no preference of their own and
 * no LC_ALL, LC_MESSAGES or LANG naming a catalogue (i18n.h). */
int hub_config_set_lang(struct hub *h, struct actor *who, const char *lang,
    struct err *e);
/* cfg's default language: "fr" when the database predates the field. */
const char *hub_config_lang(const struct config *cfg);
/* What a process needs to choose its language (i18n_setup): the hub's
 * default into hub, and login's own preference into member ("" when
 * none, or login NULL or unknown; hub "" when the database holds no hub
 * yet). Its own read transaction. Errors: those of hub_read only. */
int hub_lang_prefs(struct hub *h, const char *login, char member[8],
    char hub[8], struct err *e);

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
/* Territory and organisation (hub-member.c): NULL leaves one as it is,
 * "" clears it; the territory must be configured. */
int hub_member_set_place(struct hub *h, struct actor *who, const char *login,
    const char *territory, const char *org, struct err *e);
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
	/* INSEE code of the commune (hub_insee_ok) and the id the need has
	 * in the source it was imported from (unique among needs). */
	const char *insee, *external_id;
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
/* The need holding external id xid into *id (0: none). ERR_SYSTEM. */
int hub_need_by_external_id(struct store_txn *t, const char *xid,
    uint64_t *id, struct err *e);
typedef int (*hub_support_cb)(struct store_txn *t, const struct support *s,
    void *arg);
/* The supports of a need, oldest first; cb returns non-zero to stop. */
int hub_need_supports(struct store_txn *t, uint64_t id, hub_support_cb cb,
    void *arg, struct err *e);

/* ---- hub-need-import.c: needs from the field, from a CSV file ---- */
/*
 * data[0..len) is a CSV file (RFC 4180: comma or semicolon, quotes, CRLF,
 * embedded line breaks, a UTF-8 BOM; UTF-8 only). Its first record names
 * the columns (English or French, as cercle's exports write them or as
 * people do: title/titre, territory/territoire, category/categorie,
 * public, source/origine, round/campagne, insee/code insee, external_id/
 * id externe, created/date, status/statut, description; the exports'
 * other columns are read and left out); an unknown name is ERR_USAGE
 * naming it, before anything is locked. Each data row goes through
 * hub_need_add_in (the rules and roles of need add, who acting as the
 * reporter), journaled as one "need.import" entry per need, all of the
 * file in ONE write transaction: a file is imported whole or not at all.
 * A row whose external_id a need holds already is left as it is
 * (present): the same file twice adds nothing; a row whose status is
 * merged is left out (its survivor carries it). A rejected row (bad
 * field, unknown territory...) is reported with its line; then nothing
 * is imported (ERR_REFUSED, "N rows rejected") unless HUB_IMPORT_SKIP
 * imports the other rows. HUB_IMPORT_DRY runs every row through the same
 * writes and aborts them: nothing changes, the report says what would.
 * Errors: ERR_USAGE (the file's shape, line N), ERR_REFUSED (role, rows
 * rejected), ERR_SYSTEM. rep is filled in every case (free it).
 */
enum {
	HUB_IMPORT_DRY = 1 << 0,
	HUB_IMPORT_SKIP = 1 << 1,
};
enum {
	HUB_IMPORT_ADDED,	/* a new need (to be, on a dry run) */
	HUB_IMPORT_PRESENT,	/* its external id is on need id already */
	HUB_IMPORT_MERGED,	/* a merged duplicate, left out */
	HUB_IMPORT_REJECTED,	/* reason says why */
	HUB_IMPORT__COUNT
};
struct hub_import_row {
	size_t line;		/* where the row starts in the file */
	int outcome;
	uint64_t id;
	char *reason;
};
struct hub_import_report {
	struct hub_import_row *v;	/* every data row, in file order */
	size_t n, cap;
	size_t count[HUB_IMPORT__COUNT];
	size_t no_xid;		/* added without an external id */
	int done;		/* the needs were written */
};
int hub_need_import(struct hub *h, struct actor *who, const char *data,
    size_t len, int flags, struct hub_import_report *rep, struct err *e);
void hub_import_report_free(struct hub_import_report *rep);
/* The stable token of an outcome: added, present, merged, rejected. */
const char *hub_import_outcome(int outcome);

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

/* A need as a list line shows it, read in place: nothing is allocated or
 * copied, and the fields a list does not show (description, source,
 * practices...) are not decoded. The strings point into the store's map:
 * they are NOT NUL-terminated (length n) and are valid only during the
 * callback. Absent strings have n == 0. */
struct hub_strv {
	const char *p;
	size_t n;
};
struct need_row {
	uint64_t id, status, supports, reporter, merged_into;
	int64_t created, updated;
	uint64_t territories;		/* how many territories seen in */
	struct hub_strv title, territory, category, public_, round;
};
typedef int (*hub_need_row_cb)(struct store_txn *t,
    const struct need_row *r, void *arg);
/* hub_need_list() with rows instead of decoded needs: the same filter,
 * sorts, cursors, limit and errors (a damaged record is ERR_SYSTEM); for
 * pages of the needs list, where most of the time went in decoding and
 * copying every field of every need. Same locks and callers. */
int hub_need_rows(struct store_txn *t, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_row_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e);

/* ---- hub-view-*.c: views of members, needs, the journal, the hub ---- */
/*
 * Computed through a read handle (hub-read.c) for its viewer: every
 * surface (TUI, CLI, SSH exec, minutes) shows these figures and offers
 * these acts, so a rule is applied once, here. Each function needs a
 * live handle (after hub_rd_open or hub_rd_renew; ERR_SYSTEM "read handle
 * is parked" otherwise) and is for the process and thread that opened it.
 * A view owns copies of what it shows: it outlives the snapshot (park
 * freely) and is freed with its _free function. Page iterators call cb
 * with a view valid only during the call; cb returns non-zero to stop.
 * Cursors are opaque text (HUB_CURSOR_MAX), "" when nothing follows.
 * Writers: hub_*_emit() write a view as one record's fields through the
 * emitter (emit.h), so a record is written one way on every surface; the
 * caller opens and closes the record.
 */
struct emit;

/* -- members (hub-view-member.c) -- */
/* Acts the viewer may take on a member now. */
enum {
	HUB_MEMBER_ACT_ROLES = 1 << 0,		/* admin */
	HUB_MEMBER_ACT_DISABLE = 1 << 1,	/* admin, member active */
	HUB_MEMBER_ACT_ENABLE = 1 << 2,		/* admin, if disabled */
	HUB_MEMBER_ACT_KEYS = 1 << 3,		/* admin: add, remove */
	HUB_MEMBER_ACT_PREFS = 1 << 4,		/* themself, active */
	HUB_MEMBER_ACT_WATCH_CLEAR = 1 << 5,	/* facilitator, flagged */
};
struct hub_member_view {
	struct member m;	/* an owned copy; keys and key_fps are empty
				 * unless keys_shown */
	size_t nkeys;		/* keys the member holds */
	int keys_shown;		/* the viewer: an admin or the member */
	int watch;		/* the watch rule flags them */
	unsigned acts;		/* HUB_MEMBER_ACT_* */
};
/* The member with this login. Errors: ERR_NOTFOUND ("no member 'x'"),
 * ERR_SYSTEM (storage, a damaged record). Anyone may call. */
int hub_member_view_get(struct hub_rd *r, const char *login,
    struct hub_member_view *v, struct err *e);
void hub_member_view_free(struct hub_member_view *v);
typedef int (*hub_member_view_cb)(const struct hub_member_view *v,
    void *arg);
/* Members in id order from after the cursor, at most limit (0: all).
 * Errors: ERR_USAGE (bad cursor), ERR_SYSTEM. */
int hub_member_page(struct hub_rd *r, const char *after, size_t limit,
    hub_member_view_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* Number of members (for a pane's scroll bound). */
uint64_t hub_member_count(struct hub_rd *r);
/* The SSH keys of every active member, for an authorized_keys file:
 * console admins only (ERR_REFUSED otherwise); cb gets the login and
 * each key line ("type base64 [comment]"). Errors: ERR_SYSTEM. */
typedef int (*hub_member_key_cb)(const char *login, const char *keyline,
    void *arg);
int hub_member_keys_all(struct hub_rd *r, hub_member_key_cb cb, void *arg,
    struct err *e);
/* A member's fields: id, login, name, organisation, territory (null when
 * absent), roles, disabled, created (the export's stable fields); with
 * detail (member list and show) also watch, blocks, withdrawals and,
 * when keys_shown, keys [{fingerprint, type, key}]. */
void hub_member_emit(struct emit *em, const struct hub_member_view *v,
    int detail);

/* Who may log in with the key of fingerprint fp ("SHA256:..."): the
 * owner's login into login. For the SSH server's authentication; anyone
 * may call. Errors: ERR_NOTFOUND (no member holds the key), ERR_REFUSED
 * (the owner is disabled: "member x is disabled"), ERR_SYSTEM. */
int hub_key_owner(struct hub_rd *r, const char *fp, char *login, size_t n,
    struct err *e);

/* -- the hub's configuration (hub-view-member.c) -- */
/* Anyone may call. Errors: ERR_SYSTEM (storage, or no configuration:
 * "run 'cercle init'"). Free with codec_free(RT_CONFIG, cfg). */
int hub_config_view(struct hub_rd *r, struct config *cfg, struct err *e);
/* hub, territories, categories, publics, sources. */
void hub_config_emit(struct emit *em, const struct config *cfg);

/* -- needs (hub-view-need.c) -- */
enum {
	HUB_NEED_ACT_EDIT = 1 << 0,	/* reporter, facilitator, admin */
	HUB_NEED_ACT_SUPPORT = 1 << 1,	/* not reporter, not yet, live */
	HUB_NEED_ACT_PRACTICE = 1 << 2,
	HUB_NEED_ACT_STATUS = 1 << 3,	/* facilitator, admin */
	HUB_NEED_ACT_MERGE = 1 << 4,	/* facilitator, admin, live */
	HUB_NEED_ACT_ADD = 1 << 5,	/* the queue: a member who reports */
};
/* What the viewer may do on the queue itself (HUB_NEED_ACT_ADD). */
unsigned hub_need_queue_acts(struct hub_rd *r);
struct hub_need_view {
	const struct need *n;	/* valid during the callback, or owned by
				 * the view after hub_need_view_get() */
	char reporter[MAX_LOGIN + 1];	/* login, "#ID" if unknown */
	int supported;		/* the viewer supports it */
	unsigned acts;		/* HUB_NEED_ACT_* */
	struct need own;	/* storage for hub_need_view_get() */
};
/* One need. Errors: ERR_NOTFOUND ("no need #N"), ERR_SYSTEM. */
int hub_need_view_get(struct hub_rd *r, uint64_t id,
    struct hub_need_view *v, struct err *e);
void hub_need_view_free(struct hub_need_view *v);
typedef int (*hub_need_view_cb)(struct hub_rd *r,
    const struct hub_need_view *v, void *arg);
/* hub_need_list() for the handle's viewer: same filter, sort, cursor and
 * errors; memory independent of the size of the queue. */
int hub_need_page(struct hub_rd *r, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_view_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e);
/* Why the viewer may not take act (one HUB_NEED_ACT_*) on v (NULL for
 * ADD): 0 when they may, else ERR_REFUSED with the line the operation
 * refuses with (ERR_USAGE when v is NULL for an act on a need). Reads
 * only the viewer and v: a parked handle will do. */
int hub_need_act_check(const struct hub_rd *r, const struct hub_need_view *v,
    unsigned act, struct err *e);
/* The collection rounds to offer when a need is reported or filtered:
 * the round of now and the ones before it, n in all, newest first. */
void hub_need_round_choices(int64_t now, int n, struct str_list *out);
/* The last page of the list f and sort give, per_page needs a page: its
 * number of pages into *pages, and the cursor the last page starts after
 * into at ("" when it is the first). Reads rows in place. Errors: as
 * hub_need_rows. */
int hub_need_seek(struct hub_rd *r, const struct need_filter *f, int sort,
    uint64_t per_page, uint64_t *pages, char at[HUB_CURSOR_MAX],
    struct err *e);
/* The supports of a need, oldest first, with the supporter's login. */
struct hub_support_view {
	const struct support *s;
	char login[MAX_LOGIN + 1];
};
typedef int (*hub_support_view_cb)(const struct hub_support_view *v,
    void *arg);
int hub_need_support_page(struct hub_rd *r, uint64_t need,
    hub_support_view_cb cb, void *arg, struct err *e);
/* A need's open-data fields: id, title, description, territory,
 * category, public, source, round, status, created, updated, supports,
 * territories, practices, merged_into, merged_from; with personal also
 * reporter and supporters (a list in JSON, "login (territory) | ..." in
 * CSV). Errors: ERR_SYSTEM (reading the supports). */
int hub_need_emit(struct emit *em, struct hub_rd *r,
    const struct hub_need_view *v, int personal, struct err *e);

/* -- the journal (hub-view-journal.c) -- */
/* An entry as the viewer may read it. Until a hidden round closes, an
 * entry about a position on it says "position on proposal N (hidden
 * until closed)" whatever it was journaled with (entries written before
 * the write side hid them said "block on proposal N"). */
struct hub_journal_view {
	uint64_t seq;
	int64_t time;
	const char *actor, *op, *record, *summary;	/* during cb */
	const char *what, *noun;	/* op and record in the reader's language */
	const char *said;	/* summary, a known generated one translated */
	uint64_t rid;
	char hash[65];		/* hex SHA-256 of the entry */
	int masked;		/* the summary was hidden */
	int ui;			/* an interface-state save (op "ui.*") */
};
typedef int (*hub_journal_cb)(const struct hub_journal_view *v, void *arg);
/* Entries from after the cursor (newest first with reverse), at most
 * limit (0: all). Errors: ERR_USAGE (bad cursor), ERR_SYSTEM (a damaged
 * entry: the message says which). */
int hub_journal_page(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_journal_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* An op token as a short phrase in the reader's language (the token
 * itself when unknown). */
const char *hub_journal_what(const char *op);
/* seq, time, actor, op, record, id, summary, hash; text shows op and
 * record in the reader's language, --json adds "what". */
void hub_journal_emit(struct emit *em, const struct hub_journal_view *v);

/* -- exports (hub-view-export.c) -- */
/* Decisions and actions for the register and the action plan, in id
 * order. A decision exists only once its round closed, so no hidden
 * count reaches an export. Errors: ERR_USAGE (bad cursor), ERR_SYSTEM. */
struct hub_decision_row {
	const struct decision *d;
};
struct hub_action_row {
	const struct action *a;
	char owner[MAX_LOGIN + 1];	/* "" when none */
	int overdue;		/* due passed and not done */
};
typedef int (*hub_decision_row_cb)(const struct hub_decision_row *v,
    void *arg);
typedef int (*hub_action_row_cb)(const struct hub_action_row *v,
    void *arg);
int hub_decision_page(struct hub_rd *r, const char *after, size_t limit,
    hub_decision_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
int hub_action_page(struct hub_rd *r, const char *after, size_t limit,
    hub_action_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* id, proposal, tension, meeting, text, decided. */
void hub_decision_emit(struct emit *em, const struct hub_decision_row *v);
/* id, decision, owner, title, due, status, created, updated. */
void hub_action_emit(struct emit *em, const struct hub_action_row *v);
/* Every position ever taken (each change its own record), in id order,
 * for exports: why is a hub_pos_why (counted, older-version, not-voter,
 * superseded, as proposal show says). The positions of an open hidden
 * round are left out until it closes. Paging as hub_decision_page.
 * Errors: ERR_SYSTEM. */
struct hub_position_row {
	const struct position *p;	/* NULL: a header-only row */
	char member[MAX_LOGIN + 1];
	char by[MAX_LOGIN + 1];		/* "" when the member themself */
	int why;
};
typedef int (*hub_position_row_cb)(const struct hub_position_row *v,
    void *arg);
int hub_position_page(struct hub_rd *r, const char *after, size_t limit,
    hub_position_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* id, proposal, member, version, position, reason, at, by, counted, why. */
void hub_position_emit(struct emit *em, const struct hub_position_row *v);

/* -- the open-data package (hub-view-datapackage.c) -- */
/* Resources in the order they are written (needs and supports before
 * the collection rounds, which count them). */
enum hub_dp_res {
	HUB_DP_TERRITORIES, HUB_DP_CATEGORIES, HUB_DP_PUBLICS, HUB_DP_NEEDS,
	HUB_DP_SUPPORTS, HUB_DP_COLLECTION, HUB_DP_PRIO, HUB_DP_PRIO_RESULTS,
	HUB_DP_THEMES, HUB_DP_MOTIONS, HUB_DP_VOTE_EVENTS, HUB_DP_VOTES,
	HUB_DP_DECISIONS, HUB_DP_ACTIONS, HUB_DP__COUNT
};
struct hub_dp;
/* An export as of now (file dates), for the handle's viewer; reads the
 * configuration. Errors: ERR_SYSTEM. */
int hub_dp_open(struct hub_rd *r, int64_t now, struct hub_dp **out,
    struct err *e);
void hub_dp_close(struct hub_dp *d);
/* The resource's name ("besoins"); 0 when the hub leaves it out (the
 * positions, unless `config set votes public`). */
const char *hub_dp_name(int res);
int hub_dp_included(const struct hub_dp *d, int res);
/* Its file name, AAAAMMJJ_<producer>_<name>.csv. */
const char *hub_dp_file(const struct hub_dp *d, int res, char *out,
    size_t n);
/* Every row of res as one top-level list through em (CSV: the header
 * even when empty); flush(arg) after each row lets the caller drain the
 * emitter's buffer, so memory does not grow with the hub. No personal
 * data; vote events and positions of closed rounds only. *rows (may be
 * NULL): rows written. Errors: ERR_SYSTEM (storage, a damaged record). */
int hub_dp_rows(struct hub_dp *d, int res, struct emit *em,
    void (*flush)(void *), void *arg, uint64_t *rows, struct err *e);
/* datapackage.json (JSON emitter) and README.md (French), from the same
 * table of fields as the rows. */
void hub_dp_descriptor(const struct hub_dp *d, struct emit *em);
void hub_dp_readme(const struct hub_dp *d, struct buf *b);

/* -- the common indicators (hub-view-indicators.c) -- */
#define HUB_IND_TOP 10
struct hub_ind_cell {
	uint64_t needs, supports;	/* needs of the round, their supports */
	uint64_t prev_needs, prev_supports;	/* the same, previous round */
};
struct hub_indicators {
	char round[16];		/* "" : every round */
	char prev[16];		/* the previous round, "" with no round */
	struct str_list territories, categories;	/* the hub's, copied */
	/* (territories.n + 1) x (categories.n + 1): the last row and column
	 * hold needs with no (or an unconfigured) territory or category. */
	struct hub_ind_cell *cells;
	struct hub_ind_cell total;
	struct {
		uint64_t id, territories, supports;
		char title[96];
	} top[HUB_IND_TOP];	/* most territories reached, then supports */
	size_t ntop;
};
/* Needs (every status) of round (NULL: all) by territory x category, the
 * supports they hold, the previous round's and the top needs: one walk
 * of the round index (of every need without a round), nothing kept but
 * the table. The counts are those of `need list --round R --territory T
 * --category C`. Anyone may call. Errors: ERR_SYSTEM. */
int hub_indicators_view(struct hub_rd *r, const char *round,
    struct hub_indicators *v, struct err *e);
void hub_indicators_free(struct hub_indicators *v);
/* The collection round step rounds after round ("2026-B1", -1: "2025-B6")
 * into out; "" when round is not a round. */
void hub_round_step(const char *round, int step, char *out, size_t n);
const struct hub_ind_cell *hub_indicators_cell(const struct hub_indicators *v,
    size_t ti, size_t ci);
void hub_indicators_emit(struct emit *em, const struct hub_indicators *v);

/* -- the contribution ledger (hub-view-ledger.c) -- */
enum {
	HUB_LEDGER_NEEDS,	/* needs reported (created in the period) */
	HUB_LEDGER_SUPPORTS,	/* supports given */
	HUB_LEDGER_ROOM,	/* meetings opened in the period: in the room */
	HUB_LEDGER_REMOTE,	/* ... checked in remotely */
	HUB_LEDGER_POSITIONS,	/* positions taken (each version answered) */
	HUB_LEDGER_PROPOSALS,	/* proposals carried (as their supporter) */
	HUB_LEDGER_WORKSTREAMS,	/* Switch workstreams joined (made then) */
	HUB_LEDGER_ACTIONS,	/* actions owned, done (last change then) */
	HUB_LEDGER__COUNT
};
struct hub_ledger_row {
	uint64_t member;
	char login[MAX_LOGIN + 1];
	uint64_t c[HUB_LEDGER__COUNT];
};
struct hub_ledger {
	int64_t from, to;	/* [from, to); to 0: no end */
	struct hub_ledger_row *rows;	/* every member, in id order */
	size_t n;
};
/* Counts per member over [from, to): one walk of each record type,
 * memory in the number of members. Counts only: no reason, no position
 * kind. Anyone may call. Errors: ERR_SYSTEM. */
int hub_ledger_view(struct hub_rd *r, int64_t from, int64_t to,
    struct hub_ledger *l, struct err *e);
void hub_ledger_free(struct hub_ledger *l);
/* The stable key of a count ("needs", "meetings_room"...). */
const char *hub_ledger_key(int what);
/* login, needs, supports, meetings_room, meetings_remote, positions,
 * proposals, workstreams, actions_done. */
void hub_ledger_emit(struct emit *em, const struct hub_ledger_row *row);

/* ---- hub-gov.c: tensions, meetings, proposals, positions, decisions ---- */
/*
 * Governance by consent (DOMAIN.md §2-§5). Every function below is one
 * write transaction (hub_run): it checks the actor's role and the rule,
 * and either writes everything or nothing. Refusals are ERR_REFUSED with
 * one line naming the rule ("quorum not reached: 3 of 6 present, 4
 * needed", "round closed: proposal 3 is retained"); bad input is
 * ERR_USAGE. Positions racing a close are serialised by LMDB's single
 * writer: each is either counted or refused as "round closed".
 * "Voting members" are active members holding the member role.
 */

/* Tensions: any member (or the facilitator) puts one on the agenda, last
 * in order. needs (may be NULL) are linked need ids, which must exist. */
int hub_tension_add(struct hub *h, struct actor *who, int kind,
    const char *title, const char *description,
    const struct u64_list *needs, uint64_t *id, struct err *e);
/* Link a tension to needs (hub-link.c): the list replaces the linked
 * needs (empty: none), each must exist. Its author or the facilitator;
 * not a dropped tension. The check is the operation's first, for views
 * (author: the tension's author's login). */
int hub_tension_link(struct hub *h, struct actor *who, uint64_t tension,
    const struct u64_list *needs, struct err *e);
int hub_tension_link_check(const struct actor *who, const char *author,
    int status, uint64_t id, struct err *e);
/* Withdraw a tension from the agenda: its author or the facilitator,
 * while it is on the agenda or adjourned (not while being processed). */
int hub_tension_drop(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
/* Facilitator: move a tension to place pos (1 = first) of the agenda;
 * the agenda is renumbered 1..n. */
int hub_agenda_move(struct hub *h, struct actor *who, uint64_t tension,
    uint64_t pos, struct err *e);
/* Read helper: the agenda (tensions on agenda, in process, adjourned) in
 * order of rank, then id. */
int hub_agenda(struct store_txn *t, struct u64_list *ids, struct err *e);

/* Meetings: planned -> open -> closed; one open at a time. */
int hub_meeting_plan(struct hub *h, struct actor *who, const char *title,
    uint64_t *id, struct err *e);
/* Facilitator: open planned meeting id, or (id 0) a new one. Counts the
 * voting members now and fixes the quorum for the meeting. */
int hub_meeting_open(struct hub *h, struct actor *who, uint64_t id,
    const char *title, uint64_t *out, struct err *e);
/* Facilitator marks members present in the room: all or none. */
int hub_meeting_present(struct hub *h, struct actor *who,
    const char *const *logins, size_t n, struct err *e);
/* A remote member checks in themself. */
int hub_meeting_join(struct hub *h, struct actor *who, struct err *e);
/* Leave the open meeting. members NULL or empty: the actor (a voting
 * member present in it, in the room or remote) checks out themself.
 * Otherwise the facilitator marks those members (ids) as gone from the
 * room, all or none. Each one leaves the meeting's presence (room or
 * remote) and the departure is logged with its time beside the
 * arrivals (hub_meeting_view's presence); the live quorum drops at once,
 * so a live round cannot close once too few remain. A member who left
 * may come back (hub_meeting_present, hub_meeting_join).
 * Errors: ERR_REFUSED "no meeting is open ...", "X is not present in
 * meeting N", "X may not mark members as gone from the room (needs the
 * role facilitator)", "X may not leave a meeting: only members do ...",
 * "no member #ID"; ERR_USAGE more than 512 members; ERR_SYSTEM. One
 * write transaction, journalled as meeting.leave. */
int hub_meeting_leave(struct hub *h, struct actor *who,
    const struct u64_list *members, struct err *e);
/* The facilitator records the sages the consortium names, in the open
 * meeting with its quorum reached: the named members (active, each
 * once) hold the sage role and every other member loses it (the set is
 * replaced); the meeting keeps who it named (its minutes say so). Sages
 * record concertations of the watch rule (hub_watch_clear) and answer
 * escalated proposals. Errors: ERR_USAGE none or more than 64;
 * ERR_REFUSED not the facilitator, no meeting open, "meeting N has no
 * quorum ...", "no member 'x'", "x is disabled ...", "x is named
 * twice"; ERR_SYSTEM. One write transaction, journalled as sages.name. */
int hub_sages_name(struct hub *h, struct actor *who,
    const char *const *logins, size_t n, struct err *e);
/* The facilitator sets the date decision id is to be reviewed on (a new
 * date asks for a new review): from that date the action-plan review of
 * the next meeting takes it up (hub_meeting_review), and the minutes list
 * it with its actions. Errors: ERR_USAGE no date; ERR_REFUSED not the
 * facilitator, "no decision #ID"; ERR_SYSTEM. Journalled as
 * decision.review. */
int hub_decision_review(struct hub *h, struct actor *who, uint64_t id,
    int64_t when, struct err *e);
/* Facilitator records the action-plan review: the first item, required
 * before any tension is taken up. */
int hub_meeting_review(struct hub *h, struct actor *who, struct err *e);
/* Facilitator takes up a tension (0: the first on the agenda not yet
 * processed): it becomes the current tension, in process. */
int hub_meeting_take(struct hub *h, struct actor *who, uint64_t tension,
    uint64_t *taken, struct err *e);
/* Comprehension check on the current tension: a present member
 * acknowledges it, or records a question. */
int hub_meeting_ack(struct hub *h, struct actor *who, struct err *e);
int hub_meeting_question(struct hub *h, struct actor *who, const char *text,
    struct err *e);
/* Facilitator closes the open meeting; refused while one of its live
 * proposals is open or rejected without adjourn/escalate. */
int hub_meeting_close(struct hub *h, struct actor *who, struct err *e);
/* Read helpers. */
int hub_meeting_open_get(struct store_txn *t, struct meeting *m,
    struct err *e);	/* ERR_NOTFOUND: no meeting is open */
uint64_t hub_meeting_present_n(const struct meeting *m);
int hub_meeting_is_present(const struct meeting *m, uint64_t member);
int hub_voters_count(struct store_txn *t, uint64_t *n, struct err *e);
/* The quorum of a meeting. While it is open the figures are live: the
 * members are the active members holding the member role now, and only
 * those of them who are present count (a member disabled or stripped of
 * the member role during the meeting no longer counts, a member added
 * raises the quorum). A planned or closed meeting shows the figures
 * recorded when it was opened or closed: the close stores the voting
 * members present, the members and the quorum as they stood, and those
 * never move again (a member disabled after the close changes nothing). */
struct hub_quorum {
	uint64_t present, members, needed;
	int reached;
};
int hub_meeting_quorum(struct store_txn *t, const struct meeting *m,
    struct hub_quorum *q, struct err *e);

/* Proposals. closes 0: live in the open meeting, on its current tension;
 * else an electronic round open until closes. unanimity: by a
 * facilitator, the proposal requires it; by any other member, the
 * request is recorded (unanimity_req UR_ASKED, shown on every surface)
 * for the facilitator to grant (hub_proposal_unanimity) or decline. */
int hub_proposal_add(struct hub *h, struct actor *who, uint64_t tension,
    const char *text, int unanimity, int64_t closes, int hidden,
    uint64_t *id, struct err *e);
/* Whether the viewer of r may make a proposal on tension now, as the
 * interface's agenda makes it (live in the open meeting, else an
 * electronic round): 0, or ERR_REFUSED / ERR_NOTFOUND with the
 * operation's own words in e, so the act is refused before any text is
 * typed. Reads only. */
int hub_propose_check(struct hub_rd *r, uint64_t tension, struct err *e);
/* The supporter adds a version; positions on older versions stop
 * counting (they stay on record). */
int hub_proposal_amend(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e);
/* Take or change one's position on the current version. Every change is
 * a new position record (kind, reason, version, time, by = the actor);
 * nothing is overwritten, the member's last record is their position.
 * alert and block need a reason (ERR_REFUSED without); the position the
 * member already holds, same kind and reason, is refused. */
int hub_position_set(struct hub *h, struct actor *who, uint64_t proposal,
    int kind, const char *reason, struct err *e);

struct hub_close {
	int outcome;		/* OUT_* */
	uint64_t decision;	/* when retained */
	char note[160];		/* "4 of 6 present, 4 needed" */
};
/* Facilitator closes the round and computes the outcome (model_outcome).
 * Live: the meeting must be open with the quorum present. Electronic:
 * after the closing date, or earlier once every voting member answered;
 * with fewer answers than the quorum the outcome is no-decision. */
int hub_proposal_close(struct hub *h, struct actor *who, uint64_t id,
    struct hub_close *out, struct err *e);
/* The same, and a retained proposal's decision carries the review date
 * REVIEW (as hub_decision_review sets it; 0: none), in the one close
 * transaction. A round that is not retained ignores it. */
int hub_proposal_close_review(struct hub *h, struct actor *who, uint64_t id,
    int64_t review, struct hub_close *out, struct err *e);
/* Facilitator: require unanimity on an open proposal (one block will
 * reject it); grants the supporter's request if there is one. Refused
 * (ERR_REFUSED) unless a facilitator, on an open proposal that does not
 * already require it. */
int hub_proposal_unanimity(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
/* Facilitator: decline the supporter's request for unanimity (the rule
 * stays two blocks). Refused unless a facilitator, on an open proposal
 * whose request is pending (UR_ASKED). */
int hub_proposal_unanimity_decline(struct hub *h, struct actor *who,
    uint64_t id, struct err *e);
/* A blocker of a rejected proposal agrees to adjourn it. */
int hub_proposal_ack(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
/* Facilitator: adjourn a rejected proposal (every blocker agreed): the
 * tension goes back on the agenda with the blockers' reasons. */
int hub_proposal_adjourn(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
/* Facilitator: blocked for good, sent to the sages. */
int hub_proposal_escalate(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
/* A sage records the sages' answer on an escalated proposal (once). */
int hub_proposal_answer(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e);

/* Read helpers (hub-position.c), hub layer only: the positions of a
 * proposal. Every change is its own record (nothing is overwritten):
 * all[0..nall) is the history, oldest first; v[0..n) each member's
 * current position (their last record), in the order of their last
 * change, a shallow copy of all[vat[i]] (its strings belong to all[]).
 * counts[i] / vcounts[i]: counted, by the one rule of who counts
 * (model_member_counts) on the current version: for an open round the
 * members who count now, for a closed one the positions frozen at the
 * close (proposal.counted; a round closed by an older cercle counted
 * every current position on its last version). Errors: ERR_NOTFOUND
 * (no such proposal), ERR_SYSTEM. Free with hub_positions_free (also
 * after an error). */
struct hub_positions {
	struct position *v;
	size_t n;
	int *vcounts;
	size_t *vat;
	struct position *all;
	size_t nall;
	int *counts;
};
int hub_positions_load(struct store_txn *t, uint64_t proposal,
    struct hub_positions *out, struct err *e);
void hub_positions_free(struct hub_positions *ps);
/* The tally of the counted positions; a closed round's, frozen at its
 * close. */
void hub_proposal_tally(const struct proposal *p,
    const struct hub_positions *ps, struct tally *out);
/* How many counted positions: what an electronic round's quorum counts
 * (a member disabled since answering no longer does while it is open;
 * once closed, the number frozen at the close). Never fails. */
int hub_proposal_answered(struct store_txn *t, const struct proposal *p,
    const struct hub_positions *ps, uint64_t *n, struct err *e);
/* Ids of the proposals on a tension, oldest first. */
int hub_proposals_of(struct store_txn *t, uint64_t tension,
    struct u64_list *ids, struct err *e);

/* Refuse (ERR_REFUSED, one line naming the role) unless who holds one of
 * roles; what hub_require() checks inside an operation, usable by views. */
int hub_role_check(const struct actor *who, uint64_t roles,
    const char *what, struct err *e);

/* Watch rule (model_watch_uses counts, at each close, the blocks used on
 * every version and the withdrawal at the close): the facilitator or a
 * sage records the concertation (note required), which clears the
 * member's flag. Refused unless facilitator or sage, or if the member is
 * not flagged. */
int hub_watch_clear(struct hub *h, struct actor *who, const char *login,
    const char *note, struct err *e);

/* Action plan: a member or the facilitator adds an action to a decision;
 * its owner or the facilitator changes its status. due 0: none. */
int hub_action_add(struct hub *h, struct actor *who, uint64_t decision,
    const char *owner, const char *title, int64_t due, uint64_t *id,
    struct err *e);
int hub_action_status(struct hub *h, struct actor *who, uint64_t id,
    int status, struct err *e);
/* Its owner or the facilitator edits an action (hub-action.c): a new
 * title, owner and due date (0: none); NULL keeps the title or owner.
 * Refused when nothing changes. */
int hub_action_edit(struct hub *h, struct actor *who, uint64_t id,
    const char *owner, const char *title, int64_t due, struct err *e);

/* ---- hub-view-*.c: governance views (read API) ---- */
/*
 * What a screen, a printer, an exec command or the minutes show of the
 * governance, computed once here for the handle's viewer (hub_rd_open):
 * the same figures on every surface. Every function below reads through
 * a live handle (ERR_SYSTEM "read handle is parked" if it is not), writes
 * nothing, and copies every string out of the snapshot, so a view stays
 * valid after hub_rd_park() and until its _free. Any surface may call
 * them, for any viewer; what the viewer may not see is left out (a hidden
 * round's tally and others' positions until the close), never refused.
 * Errors: ERR_REFUSED "no proposal #ID" (and so on) for an id that does
 * not exist, ERR_SYSTEM for storage or a record that does not decode.
 *
 * Lists are page iterators in the style of hub_need_list(): (after,
 * limit) in, a callback per row (the row and its strings are valid only
 * during the call; the callback returns non-zero to stop), the cursor of
 * the next page out ("" at the end; after and next may be one buffer).
 * Cursors are opaque text valid across snapshots; a bad one is
 * ERR_USAGE. A list keeps one row in memory at a time.
 */

/* The acts a viewer may take now, for the TUI's key hints and any
 * surface that offers acts. Each bit is answered by the role and state
 * checks the operation itself starts with (hub_role_check and the
 * gov_check_* of hub-gov-int.h), on the view's snapshot: an act refused
 * here is refused by the operation in the same words (`why` holds the
 * first refusal, lowest bit first); an act offered may still be refused
 * for what only the operation sees (its input: an unchanged position, a
 * text already current; a commit made since the snapshot). */
enum hub_act {
	HUB_ACT_POSITION = 1 << 0,	/* hub_position_set */
	HUB_ACT_AMEND = 1 << 1,		/* hub_proposal_amend */
	HUB_ACT_CLOSE = 1 << 2,		/* hub_proposal_close */
	HUB_ACT_UNANIMITY = 1 << 3,	/* hub_proposal_unanimity */
	HUB_ACT_BLOCKER_ACK = 1 << 4,	/* hub_proposal_ack */
	HUB_ACT_ADJOURN = 1 << 5,	/* hub_proposal_adjourn */
	HUB_ACT_ESCALATE = 1 << 6,	/* hub_proposal_escalate */
	HUB_ACT_ANSWER = 1 << 7,	/* hub_proposal_answer */
	HUB_ACT_MEETING_OPEN = 1 << 8,	/* hub_meeting_open */
	HUB_ACT_PRESENT = 1 << 9,	/* hub_meeting_present */
	HUB_ACT_JOIN = 1 << 10,		/* hub_meeting_join */
	HUB_ACT_REVIEW = 1 << 11,	/* hub_meeting_review */
	HUB_ACT_TAKE = 1 << 12,		/* hub_meeting_take */
	HUB_ACT_ACK = 1 << 13,		/* hub_meeting_ack */
	HUB_ACT_QUESTION = 1 << 14,	/* hub_meeting_question */
	HUB_ACT_MEETING_CLOSE = 1 << 15, /* hub_meeting_close */
	HUB_ACT_CONCERT = 1 << 16,	/* hub_watch_clear */
	HUB_ACT_TENSION_ADD = 1 << 17,	/* hub_tension_add */
	HUB_ACT_AGENDA_MOVE = 1 << 18,	/* hub_agenda_move */
	HUB_ACT_ACTION_STATUS = 1 << 19, /* hub_action_status */
	HUB_ACT_PROPOSE = 1 << 20,	/* hub_proposal_add (by role) */
	HUB_ACT_LEAVE = 1 << 21		/* hub_meeting_leave, themself */
};
#define HUB_ACTS_BITS 24	/* room for every HUB_ACT_* bit */
struct hub_acts {
	uint32_t may;		/* HUB_ACT_* the viewer may take now */
	uint32_t refused;	/* the first act (lowest bit) refused */
	char why[200];		/* its refusal, as the operation words it */
	/* Every refused act's own refusal, by bit number ("" if offered
	 * or not computed): what a surface says when that act is asked. */
	char each[HUB_ACTS_BITS][160];
};
/* 1 if act is in a->may. */
int hub_acts_may(const struct hub_acts *a, uint32_t act);
/* The refusal of act (one bit) in the operation's words; NULL when it is
 * offered or the view did not compute it. */
const char *hub_acts_why(const struct hub_acts *a, uint32_t act);

/* Why a position is counted or not (hub_vposition.why). */
enum hub_pos_why {
	HUB_POS_COUNTED = 0,	/* current, on the current version, and the
				 * member counts (at the close, if closed) */
	HUB_POS_OLDER,		/* current, but on an older version */
	HUB_POS_NOT_VOTER,	/* current, but the member does not count:
				 * disabled, or without the member role */
	HUB_POS_SUPERSEDED	/* changed since by the same member */
};
const char *hub_pos_why_name(int why);

/* One position as this viewer may see it. */
struct hub_vposition {
	uint64_t member;
	char login[MAX_LOGIN + 1];
	int hidden;		/* a hidden round, another member: no kind */
	int kind;		/* POS_*; -1 when hidden */
	uint64_t version;	/* the version it was taken on */
	int counted;		/* why == HUB_POS_COUNTED */
	int why;		/* HUB_POS_*; in a masked round, others'
				 * read COUNTED (nothing more is said) */
	int64_t at;		/* when taken; 0 when hidden */
	char by[MAX_LOGIN + 1];	/* who recorded it, when not the member */
	char *reason;		/* NULL when none or hidden */
};

/* A proposal for a viewer. pos: each member's current position (their
 * last change); hist: every earlier change, oldest first, not counted
 * (superseded). The tally counts the current positions on the current
 * version of the members who count (model_member_counts); a closed
 * round's tally, answers and quorum are those frozen at its close
 * (frozen 1), which later member changes never alter. While a hidden
 * round is open (masked) the tally, if_closed and others' positions are
 * zero / -1 / hidden, others' history is left out (the viewer's own is
 * theirs to see), and only `answered` says how many took one. quorum:
 * an open live round's is its meeting's (hub_meeting_quorum); an open
 * electronic round's counts the counted answers against the voting
 * members now; a closed round's, the figures at the close.
 * unanimity_req: UR_* (the supporter asked, the facilitator granted or
 * declined). */
struct hub_proposal_view {
	uint64_t id, tension, meeting, decision;
	char tension_title[MAX_TITLE + 1];
	char supporter[MAX_LOGIN + 1];
	int status;		/* PS_* */
	int unanimity, hidden;	/* as carried */
	int unanimity_req;	/* UR_* */
	int masked;		/* hidden and still open */
	int frozen;		/* figures frozen at the close */
	int64_t closes, created, closed_at;
	struct str_list versions;	/* every version, oldest first */
	struct hub_vposition *pos;	/* current: one per member */
	size_t npos;
	struct hub_vposition *hist;	/* superseded, oldest first */
	size_t nhist;
	int mine;		/* the viewer's own kind (any version); -1 */
	uint64_t mine_version;
	struct tally tally;	/* zero when masked */
	uint64_t answered;	/* counted positions */
	uint64_t threshold;	/* distinct blocks that reject */
	int if_closed;		/* OUT_* if closed now; -1 masked or closed */
	uint64_t voters;	/* voting members now */
	struct hub_quorum quorum;
	char *close_note, *decision_text, *sages_answer;
	struct str_list blockers_agreed;	/* logins */
	struct hub_acts acts;
};
/* Fill v for proposal id. Errors: ERR_REFUSED "no proposal #ID",
 * ERR_SYSTEM. v is zeroed first and must be freed (also after an error). */
int hub_proposal_view(struct hub_rd *r, uint64_t id,
    struct hub_proposal_view *v, struct err *e);
void hub_proposal_view_free(struct hub_proposal_view *v);
/*
 * A proposal written as fields, the one way: `proposal show` (text and
 * JSON, and so the SSH exec `show`), and the proposal section of the
 * minutes (hub-minutes.c calls it with its Markdown or text emitter,
 * inside a top-level record it began: the text and Markdown lines are
 * emit_text, which a record nested in a list does not show). Writes into the record em is in: id,
 * tension, supporter, status, live, meeting, closes, unanimity,
 * unanimity_request (none|asked|granted|declined), hidden, version,
 * versions, positions (each: member, then hidden true, or position,
 * reason, version, counted, why, at, by), history (the same, each
 * superseded: not counted), tally (approve, alert, withdraw, block,
 * blocks_to_reject; null while masked), answered, frozen, outcome,
 * quorum, present, members, needed, decision, decision_text,
 * sages_answer, blockers_agreed. In text and Markdown the same facts
 * read as the lines of `proposal show` (emit_text), the history below
 * the positions marked "not counted". Never fails; writes only what v
 * holds (a masked view holds no count).
 */
void hub_proposal_emit(struct emit *em, const struct hub_proposal_view *v);
/* The positions part of it, for the minutes: the lists positions and
 * history (JSON) and their lines, the counted ones first, then the
 * history marked "not counted" with the reason each is not (superseded,
 * an older version, a member who does not count); bullets in Markdown,
 * stored text escaped. In the current gettext language. */
void hub_proposal_positions_emit(struct emit *em,
    const struct hub_proposal_view *v);
/* A proposal list row written as fields, the one way (`proposal list`,
 * text, JSON and CSV): id, tension, status, live, meeting, closes,
 * versions, supporter, unanimity_request, text; in text one line
 * "#ID tension T STATUS meeting M|closes DATE  TEXT". */
struct hub_proposal_row;
void hub_proposal_row_emit(struct emit *em, const struct hub_proposal_row *p);
/* "The current proposal" (the voting pane's default): the latest of the
 * open meeting's current tension (an open one first), else the newest
 * open proposal, else the newest; *id 0 when there is none. */
int hub_proposal_current(struct hub_rd *r, uint64_t *id, struct err *e);
/* The proposal a tension is on now: its latest open one, else its
 * latest; 0 when none. */
int hub_tension_proposal(struct hub_rd *r, uint64_t tension, uint64_t *id,
    struct err *e);

/* One voting member at a meeting. */
struct hub_vattendee {
	uint64_t id;
	char login[MAX_LOGIN + 1];
	int room, remote;	/* present, and how */
	int acked;		/* understood the current tension */
	int watch;		/* flagged by the watch rule */
	uint64_t blocks, withdrawals;
};

/* One arrival or departure at a meeting (hub_meeting_leave). */
struct hub_presence_ev {
	char login[MAX_LOGIN + 1];
	int64_t at;		/* when */
	int ev;			/* PE_*: room, remote, left, left-marked */
};

/* A meeting for a viewer. quorum is THE quorum every surface shows
 * (hub_meeting_quorum: live while the meeting is open, the recorded
 * figures once closed). people are the voting members now, in id order
 * (at most HUB_MEETING_PEOPLE, enough for a chamber). The proposal
 * fields are of the current tension's latest proposal (0: none), masked
 * as in hub_proposal_view. */
#define HUB_MEETING_PEOPLE 512
struct hub_meeting_view {
	uint64_t id;
	char *title;
	int status;		/* MS_* */
	char facilitator[MAX_LOGIN + 1];
	int64_t opened, closed;
	int review_done;
	int64_t reviewed;	/* when; 0 unknown */
	uint64_t reviewed_next;	/* first action id after it; 0 unknown */
	struct hub_quorum quorum;
	struct str_list room, remote;	/* logins, in order of arrival */
	struct u64_list tensions;	/* taken up, in order */
	uint64_t current;		/* current tension; 0 none */
	char current_title[MAX_TITLE + 1];
	struct str_list acks;		/* logins who understood it */
	struct str_list questions;	/* "login: question" */
	uint64_t proposal;
	int pstatus, masked;
	struct tally tally;		/* zero when masked */
	uint64_t answered, threshold;
	struct hub_vattendee *people;
	size_t npeople;
	struct hub_acts acts;		/* on the meeting */
	struct hub_acts pacts;		/* on its proposal (0: none) */
	/* Arrivals and departures, oldest first (empty for a meeting
	 * written before they were logged: room and remote say who came). */
	struct hub_presence_ev *presence;
	size_t npresence;
	struct str_list left;		/* logins who left and are not back */
	int sages_named;		/* it named the sages (hub_sages_name) */
	struct u64_list review_decisions;	/* due for review, taken up
						 * by its action-plan review */
	struct str_list sages;		/* whom it named, logins */
};
/* Fill v for meeting id, or (id 0) for the open meeting: ERR_NOTFOUND
 * when none is open. Errors: ERR_REFUSED "no meeting #ID", ERR_SYSTEM.
 * Free v with hub_meeting_view_free (also after an error). */
int hub_meeting_view(struct hub_rd *r, uint64_t id,
    struct hub_meeting_view *v, struct err *e);
void hub_meeting_view_free(struct hub_meeting_view *v);
/* A meeting written as fields, the one way (meeting show, text and
 * JSON): id, title, status, opened, closed, facilitator, room, remote,
 * present, members, needed, quorum_reached, review_done,
 * current_tension, tensions, acknowledged_by, left (logins gone and not
 * back) and presence [{login, event, at}] (event: room, remote, left,
 * left-marked). In text the quorum, the
 * review and the current tension read as sentences (emit_text). */
void hub_meeting_emit(struct emit *em, const struct hub_meeting_view *v);
/* One arrival or departure as fields: login, event, at. */
void hub_presence_emit(struct emit *em, const struct hub_presence_ev *p);
/* The meeting to show by default: the open one, else the last one.
 * Errors: ERR_REFUSED "there is no meeting yet", ERR_SYSTEM. */
int hub_meeting_latest(struct hub_rd *r, uint64_t *id, struct err *e);
/* The chamber's acts, on no record in particular: open a meeting (none
 * open), add a tension, carry a proposal, order the agenda, record a
 * concertation; and, when no meeting is open, the meeting acts refused
 * as such. Errors: ERR_SYSTEM. */
int hub_chamber_acts(struct hub_rd *r, struct hub_acts *a, struct err *e);
/* Id of the open meeting, 0 when none. Errors: ERR_SYSTEM. */
int hub_meeting_open_id(struct hub_rd *r, uint64_t *id, struct err *e);

/* A member flagged by the watch rule (DOMAIN.md §4.6). */
struct hub_watch_row {
	uint64_t id;
	const char *login, *note;
	uint64_t blocks, withdrawals;
};
typedef int (*hub_watch_cb)(const struct hub_watch_row *w, void *arg);
/* Every flagged member, in id order. */
int hub_watch_list(struct hub_rd *r, hub_watch_cb cb, void *arg,
    struct err *e);
/* A member flagged by the watch rule: login, blocks, withdrawals,
 * last_note. */
void hub_watch_emit(struct emit *em, const struct hub_watch_row *w);

/* A tension as anyone may see it (tensions are public in the chamber). */
struct hub_tension_row {
	uint64_t id;
	size_t place;		/* 1-based place on the agenda; 0 off it */
	int kind, status;	/* TK_*, TS_* */
	const char *title, *description;
	char author[MAX_LOGIN + 1];
	const struct u64_list *needs;
	uint64_t rank;
	int64_t created;
	const struct str_list *acks;	/* logins */
	const struct str_list *questions, *blocker_reasons;
	const struct u64_list *proposals;	/* oldest first */
};
typedef int (*hub_tension_cb)(const struct hub_tension_row *t, void *arg);
/* The agenda (on the agenda, in process, adjourned) in order, from place
 * after+1, at most limit rows (0: all); *count (may be NULL) receives
 * the agenda's length; cb NULL only counts. The agenda is the chamber's
 * working list: its ids are held, one record at a time. */
int hub_agenda_list(struct hub_rd *r, size_t after, size_t limit,
    hub_tension_cb cb, void *arg, size_t *count, struct err *e);
/* One tension. Errors: ERR_REFUSED "no tension #ID", ERR_SYSTEM. */
int hub_tension_view(struct hub_rd *r, uint64_t id, hub_tension_cb cb,
    void *arg, struct err *e);
/* A tension written as fields, the one way (agenda rows and show, text
 * and JSON): id, place (on the agenda only), kind, status, title,
 * description, author, needs, rank, created, acknowledged_by, questions,
 * blockers_reasons; detail (show) adds proposals. */
void hub_tension_emit(struct emit *em, const struct hub_tension_row *t,
    int detail);

/* An action of the plan; overdue is model_action_overdue() at now. */
struct hub_plan_action {
	uint64_t id, decision;
	const char *title;
	char owner[MAX_LOGIN + 1];
	int64_t due, created, updated;
	int status;		/* AS_* */
	int overdue;
	int may_status;		/* the viewer may change its status */
};
typedef int (*hub_plan_action_cb)(const struct hub_plan_action *a, void *arg);
#define HUB_ACTIONS_OPEN 1	/* to do or doing only */
/* The action plan in id order, from after the cursor `after` (NULL or
 * "": the start), at most limit rows (0: all); next as hub_need_list. */
int hub_action_list(struct hub_rd *r, int flags, const char *after,
    size_t limit, hub_plan_action_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
uint64_t hub_action_count(struct hub_rd *r);
/* An action written the one way (the fields of hub_action_emit, then
 * overdue): a row of the plan; in text "! #ID status due owner  title
 * (decision N)  OVERDUE", the sign and the word for overdue ones. */
void hub_plan_action_emit(struct emit *em, const struct hub_plan_action *a);

/* The words of a record's state in the current language (i18n.h), for
 * the screens and the minutes; "?" for a value out of range. JSON and CSV
 * write the model's tokens instead (model_*_name). */
const char *hub_position_label(int kind);		/* POS_* */
const char *hub_proposal_status_label(int status);	/* PS_* */
const char *hub_outcome_label(int outcome);		/* OUT_* */
const char *hub_meeting_status_label(int status);	/* MS_* */
const char *hub_need_status_label(int status);		/* NEED_* */
const char *hub_tension_kind_label(int kind);		/* TK_* */
const char *hub_tension_status_label(int status);	/* TS_* */
const char *hub_action_status_label(int status);	/* AS_* */

struct hub_plan_decision {
	uint64_t id, proposal, tension, meeting;
	const char *text;
	int64_t decided;
	int64_t review;		/* to be reviewed on; 0: no date */
	uint64_t reviewed_in;	/* the meeting whose review took it up */
};
typedef int (*hub_plan_decision_cb)(const struct hub_plan_decision *d,
    void *arg);
/* The decision register in id order; paging as hub_action_list. */
int hub_decision_list(struct hub_rd *r, const char *after, size_t limit,
    hub_plan_decision_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* A decision written the one way (the fields of hub_decision_emit); in
 * text a heading line and the decision's text indented. */
void hub_plan_decision_emit(struct emit *em,
    const struct hub_plan_decision *d);
/* One decision to cb. Errors: ERR_REFUSED "no decision #ID", ERR_SYSTEM. */
int hub_decision_get(struct hub_rd *r, uint64_t id, hub_plan_decision_cb cb,
    void *arg, struct err *e);

struct hub_proposal_row {
	uint64_t id, tension, meeting;
	int status;
	int unanimity, unanimity_req;	/* as carried; UR_* */
	int64_t closes;
	size_t versions;
	char supporter[MAX_LOGIN + 1];
	const char *text;	/* the current version */
};
typedef int (*hub_proposal_cb)(const struct hub_proposal_row *p,
    void *arg);
#define HUB_PROPOSALS_OPEN 1
/* Proposals in id order; paging as hub_action_list. */
int hub_proposal_list(struct hub_rd *r, int flags, const char *after,
    size_t limit, hub_proposal_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);

struct hub_meeting_row {
	uint64_t id;
	int status;
	int64_t opened;
	const char *title;
	struct hub_quorum quorum;	/* as hub_meeting_view */
};
typedef int (*hub_meeting_cb)(const struct hub_meeting_row *m, void *arg);
/* Meetings in id order; paging as hub_action_list. */
int hub_meeting_list(struct hub_rd *r, const char *after, size_t limit,
    hub_meeting_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* A meeting list row written as fields, the one way: id, status,
 * opened, present, members, needed, title; in text (emit_text) the quorum
 * reads "P of M present, N needed" before the title. */
void hub_meeting_row_emit(struct emit *em, const struct hub_meeting_row *m);

/* "login" of a member id ("#ID" if unknown), for any surface. */
const char *hub_rd_login(struct hub_rd *r, uint64_t id, char *out,
    size_t n);

/* An active member of the chamber (disabled members are left out). */
struct hub_roster_row {
	uint64_t id;
	const char *login;
	uint64_t roles;
};
typedef int (*hub_roster_cb)(const struct hub_roster_row *m, void *arg);
/* Active members in id order (hub-view-chamber.c). */
int hub_roster_list(struct hub_rd *r, hub_roster_cb cb, void *arg,
    struct err *e);
/* The ids of the (at most max) oldest needs, into ids; *n of them. */
int hub_needs_oldest(struct hub_rd *r, uint64_t *ids, size_t max,
    size_t *n, struct err *e);

/* A dot-voting round. items are the round's needs (or categories) in
 * their order while open, in ranking order with their points once
 * closed. */
struct hub_round_item {
	uint64_t item;		/* need id, or 1-based category index */
	uint64_t points;	/* when scored */
	int scored;		/* closed, and ranked with its points */
	char *name;		/* the need's title or the category */
};
struct hub_round_view {
	uint64_t id, budget;
	char *title;
	int closed, categories;	/* categories: a round over categories */
	struct hub_round_item *items;
	size_t nitems;
	struct str_list category_names;	/* a category round's, in order */
	struct u64_list needs;		/* a needs round's, in order */
	/* Added for the rounds pane (hub_round_view fills them): */
	int hidden;		/* nobody sees points until the close */
	int live;		/* open, not hidden: items' points are the
				 * live sums (scored stays 0) */
	uint64_t *mine;		/* the viewer's points, parallel to items */
	uint64_t spent;		/* their sum: budget - spent remain */
	uint64_t voters;	/* members who gave points */
	unsigned acts;		/* HUB_DOT_ACT_BALLOT/_CLOSE the viewer may
				 * take now (hub_dot_check) */
};
/* Errors: ERR_REFUSED "no round #ID", ERR_SYSTEM. */
int hub_round_view(struct hub_rd *r, uint64_t id, struct hub_round_view *v,
    struct err *e);
void hub_round_view_free(struct hub_round_view *v);
/* A round as a list line shows it. */
struct hub_round_row {
	uint64_t id, budget;
	const char *title;	/* during the callback */
	int closed, categories, hidden;
	size_t nitems;
	int64_t opened;
};
typedef int (*hub_round_cb)(const struct hub_round_row *r, void *arg);
/* Rounds in id order (newest first with reverse), paging as
 * hub_action_list. Errors: ERR_USAGE (bad cursor), ERR_SYSTEM. */
int hub_round_list(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_round_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);
/* The needs of the top n items of a closed round (a category brings its
 * live needs), appended to needs without duplicates. */
int hub_round_top_needs(struct hub_rd *r, uint64_t id, uint64_t n,
    struct u64_list *needs, struct err *e);

struct hub_workstream_row {
	uint64_t id;
	const char *title;
	const struct str_list *members;	/* logins */
};
struct hub_theme_view {
	uint64_t id, round;
	char *title, *spec, *switch_name;
	struct u64_list needs;
};
typedef int (*hub_workstream_cb)(const struct hub_workstream_row *w,
    void *arg);
/* A theme, then (cb may be NULL) each of its workstreams in id order.
 * Errors: ERR_REFUSED "no theme #ID", ERR_SYSTEM. */
int hub_theme_view(struct hub_rd *r, uint64_t id, struct hub_theme_view *v,
    hub_workstream_cb cb, void *arg, struct err *e);
void hub_theme_view_free(struct hub_theme_view *v);
/* A round written the one way, inside a record: id, title, budget,
 * status, needs, categories, ranking (what is scored only: nothing of a
 * hidden round before its close); in text the heading and one line per
 * item, numbered with their points once ranked. */
void hub_round_emit(struct emit *em, const struct hub_round_view *v);
/* A theme and its nws workstreams (rows as hub_theme_view gives them),
 * inside a record: id, title, spec, switch, round, needs, workstreams. */
void hub_theme_emit(struct emit *em, const struct hub_theme_view *v,
    const struct hub_workstream_row *ws, size_t nws);
struct hub_theme_row {
	uint64_t id, round;
	const char *title, *switch_name;	/* during the callback */
	size_t nneeds;
	int64_t created;
};
typedef int (*hub_theme_cb)(const struct hub_theme_row *t, void *arg);
/* Themes in id order (newest first with reverse); paging as
 * hub_round_list. */
int hub_theme_list(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_theme_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e);

/* ---- hub-minutes.c: the minutes of a meeting ---- */
/* Markdown (ready to email) or one JSON document, through the emitter,
 * in the hub's language (i18n_push_lang): presence and the quorum frozen
 * at the close, arrivals and departures with their times, the action-plan
 * review (and the decisions due for review it took up), each tension
 * taken up with its live rounds (versions, counted positions then the
 * history not counted, outcome, decision, actions), the electronic
 * rounds that closed while the meeting was open, the sages it named,
 * and (Markdown, closed meeting) the journal head at the close. Read
 * only, as the console (a hidden round still open shows no position).
 * Every stored string is escaped for the backend. Errors: ERR_REFUSED
 * "no meeting #ID", ERR_SYSTEM. */
int hub_minutes(struct hub *h, uint64_t meeting, int json, struct buf *out,
    struct err *e);
/* The record of the electronic rounds closed in [from, to] (Unix time),
 * in the same format as in the minutes, ready to email. ERR_USAGE when
 * to < from; ERR_SYSTEM. */
int hub_minutes_electronic(struct hub *h, int64_t from, int64_t to,
    int json, struct buf *out, struct err *e);

/* ---- hub-dot.c: needs prioritisation, themes, workstreams ---- */
/* Facilitator opens a dot-voting round over needs, or over categories of
 * the hub's configuration (exactly one of the two lists is non-empty);
 * budget points each. In a category round the items are numbered 1..n in
 * the order given. */
int hub_round_open(struct hub *h, struct actor *who, const char *title,
    uint64_t budget, const struct u64_list *needs,
    const struct str_list *categories, uint64_t *id, struct err *e);
/* The same with every option: hidden keeps the points given unseen
 * (no live ranking) until the close. */
struct hub_round_in {
	const char *title;
	uint64_t budget;
	const struct u64_list *needs;
	const struct str_list *categories;
	int hidden;
};
int hub_round_start(struct hub *h, struct actor *who,
    const struct hub_round_in *in, uint64_t *id, struct err *e);
/* The acts of prioritisation, and the check each operation starts with
 * (role, then state: for BALLOT and CLOSE state is "round id is
 * closed", for WS_JOIN "already signed up for workstream id"): 0 or
 * ERR_REFUSED with the operation's own line. Pure: no I/O. */
enum {
	HUB_DOT_ACT_OPEN = 1 << 0,	/* hub_round_open: facilitator */
	HUB_DOT_ACT_BALLOT = 1 << 1,	/* hub_round_ballot: member, open */
	HUB_DOT_ACT_CLOSE = 1 << 2,	/* hub_round_close: facilitator */
	HUB_DOT_ACT_THEME = 1 << 3,	/* hub_theme_add: facilitator */
	HUB_DOT_ACT_WS_ADD = 1 << 4,	/* hub_workstream_add: facilitator */
	HUB_DOT_ACT_WS_JOIN = 1 << 5,	/* hub_workstream_join: not only an
					 * observer, not yet signed up */
};
int hub_dot_check(const struct actor *who, unsigned act, uint64_t id,
    int state, struct err *e);
/* Read helper: the live (not merged or archived) needs of a category. */
int hub_needs_in_category(struct store_txn *t, const char *category,
    struct u64_list *ids, struct err *e);
/* A member spreads points (parallel lists) over the round's items; the
 * total may not exceed the budget; a new ballot replaces the old one. */
int hub_round_ballot(struct hub *h, struct actor *who, uint64_t round,
    const struct u64_list *needs, const struct u64_list *points,
    struct err *e);
/* Facilitator closes the round: the ranking (model_dot_rank). */
int hub_round_close(struct hub *h, struct actor *who, uint64_t round,
    struct err *e);
/* Facilitator: chosen needs become a theme with its specification; the
 * needs become prioritised. */
int hub_theme_add(struct hub *h, struct actor *who, const char *title,
    const char *spec, uint64_t round, const struct u64_list *needs,
    const char *switch_name, uint64_t *id, struct err *e);
int hub_workstream_add(struct hub *h, struct actor *who, uint64_t theme,
    const char *title, uint64_t *id, struct err *e);
/* A member signs up for a workstream (chantier). */
int hub_workstream_join(struct hub *h, struct actor *who, uint64_t ws,
    struct err *e);

/* ---- hub-ui.c: interface state ---- */

/* Save the acting member's interface state: the pane shown and the draft
 * being typed (ctx says what it is for, e.g. "block:12"; NULL ctx clears
 * the draft). Members only, for themselves: the bare console has no state
 * (ERR_REFUSED). Writes nothing, and so commits nothing, when the stored
 * state is the same. Texts are checked as fields (ERR_USAGE). */
struct hub_ustate_in {
	const char *pane;	/* NULL: leave the pane alone */
	uint64_t sel;
	int64_t pane_at;	/* when this session changed pane or row (ms) */
	const char *ctx;	/* the draft's context; NULL: no draft */
	const char *draft;
	int64_t draft_at;	/* when this session last changed its draft
				 * (typed, opened, used, dropped; unix ms);
				 * 0: it never did, the stored draft stays */
};
/* Each part is written only if it is newer than the stored one (pane_at,
 * draft_at): an older session can never overwrite a newer draft. The
 * stored draft's version goes up by one at every change. */
int hub_ustate_save(struct hub *h, struct actor *who,
    const struct hub_ustate_in *in, struct err *e);
/* A member's own accessibility preference: the interface in
 * screen-reader mode at every login (as `tui --screen-reader`). */
int hub_access_set(struct hub *h, struct actor *who, int screen_reader,
    struct err *e);
/* Read a member's saved state (ERR_NOTFOUND when none). */
int hub_ustate_get(struct store_txn *t, uint64_t member, struct ustate *u,
    struct err *e);
/* (hub-read.c) The viewer's own saved state: ERR_NOTFOUND when none or
 * for the bare console, ERR_SYSTEM. Free with codec_free(RT_USTATE). */
int hub_ustate_view(struct hub_rd *r, struct ustate *u, struct err *e);

/* ---- hub-ssh.c: reads for the SSH access layer ---- */

/* One line after a position taken over SSH: "recorded: approve on
 * proposal 4 (version 1); tally 3 approve, 0 alert, 1 withdraw, 0 block",
 * or the count only while the round is hidden. ERR_NOTFOUND if the
 * proposal or the member is unknown. */
int hub_position_line(struct hub *h, struct actor *who, uint64_t proposal,
    struct buf *out, struct err *e);
/* Call cb(login, "type base64 [comment]", arg) for every key of every
 * enabled member (or of login only), read now: a removed key or a
 * disabled member is gone at once. cb returns non-zero to stop. */
typedef int (*hub_key_cb)(const char *login, const char *key, void *arg);
int hub_member_keys(struct hub *h, const char *login, hub_key_cb cb,
    void *arg, struct err *e);

/* ---- hub-text.c: member text as people see it ---- */

/* Call cb for every pair of needs (rtype RT_NEED) or tensions whose
 * titles differ only by invisible characters (util_is_invisible), so
 * they look the same on a screen; *pairs is how many. 0 or an ERR_*
 * (a record that does not decode). Reads every title: an admin's check,
 * not for a view. */
typedef void (*hub_twin_cb)(int rtype, uint64_t a, const char *ta,
    uint64_t b, const char *tb, void *arg);
int hub_title_twins(struct hub *h, hub_twin_cb cb, void *arg, size_t *pairs,
    struct err *e);

/* ---- hub-digest.c: mail for members who cannot stay connected ---- */

/* "" or a plain address (name@domain.tld, ASCII, nothing a header or a
 * shell acts on); ERR_USAGE otherwise. */
int hub_email_check(const char *s, struct err *e);
/* "off", "daily", "weekly" -> DIGEST_*; -1 if unknown. */
int hub_digest_parse(const char *s);
const char *hub_digest_name(int f);
/* A member sets their own address (NULL: unchanged, "": none) and digest
 * frequency (-1: unchanged). */
int hub_mail_prefs(struct hub *h, struct actor *who, const char *email,
    int digest, struct err *e);
/* Every enabled member with an address; cb returns non-zero to stop. */
typedef int (*hub_rcpt_cb)(const struct member *m, void *arg);
int hub_mail_recipients(struct hub *h, hub_rcpt_cb cb, void *arg,
    struct err *e);
/* Closed meetings whose minutes were not mailed yet. */
int hub_meetings_unmailed(struct hub *h, struct u64_list *ids,
    struct err *e);
/* Record a mailing (admins: the console running `cercle mail run`). */
int hub_minutes_mailed(struct hub *h, struct actor *who, uint64_t meeting,
    int64_t when, struct err *e);
int hub_digest_sent(struct hub *h, struct actor *who, const char *login,
    int64_t when, struct err *e);
/* The id of the last commit by any process: changes when anything was
 * written (a cheap way to wait for a meeting to close). */
uint64_t hub_last_change(struct hub *h);
/* When m's digest is due at now, the start of the period it covers;
 * -1 when not due (or off). */
int64_t hub_digest_due(const struct member *m, int64_t now);
/* The digest of login for (since, now]: new tensions, open electronic
 * rounds (closing date, their position, the one-line command `SSH
 * position ID approve` that answers), their actions due within 14 days.
 * Plain UTF-8 text, every member string sanitised; in the current
 * gettext language. */
int hub_digest(struct hub *h, const char *login, int64_t since, int64_t now,
    const char *ssh, struct buf *out, struct buf *subject, struct err *e);

/* ---- hub-store.c: the journal's anchors, verify, backups ---- */

/* The journal head: last entry number and SHA-256 (64 hex digits in hex,
 * NUL-terminated), and the fingerprint of the key that signs checkpoints
 * ("" when this user cannot read it). */
int hub_journal_head(struct hub *h, uint64_t *seq, char hex[65], char *fp,
    size_t fpn, struct err *e);
/* Parse "N:HASH" (HASH: 64 hex digits) as a head known from outside. */
int hub_expect_parse(const char *s, struct store_expect *x, struct err *e);
/* Verify (store_verify_ex): progress lines into report, each distinct
 * problem one line into problems; *nprob distinct problems. */
int hub_verify(struct hub *h, const struct store_expect *ex, size_t nex,
    struct buf *report, struct buf *problems, uint64_t *nprob,
    struct err *e);
/* Inside an operation: sign the head now, tagged with a meeting (its
 * close); hub_meeting_close calls it last. */
int hub_checkpoint_in(struct hub_ctx *c, uint64_t meeting);
/* The line that ends a meeting's minutes: the head at its close (text
 * only; nothing for JSON or a meeting not closed). */
void hub_minutes_head(struct store_txn *t, uint64_t meeting, int json,
    struct buf *out);
/* A consistent, compacted, verified copy in dir (new or empty) while
 * sessions go on; its head in *seq/hex, also written to dir/HEAD. Then
 * the head copied is recorded by who (an admin) in the live database: a
 * journal entry "store.backup" and meta's last backup, and in the file
 * cercle.backup beside data.mdb (store.h). */
int hub_backup(struct hub *h, struct actor *who, const char *dir,
    uint64_t *seq, char hex[65], struct err *e);
/* The last backup recorded in the database (ERR_NOTFOUND if none). */
int hub_backup_last(struct hub *h, struct store_backup_rec *b,
    struct err *e);
/* Put the copy in place of the database in live: refused (ERR_REFUSED)
 * when the copy does not verify, when it is older than the live hub's head
 * or than the last backup recorded (in the database or, when it does not
 * open, in live/cercle.backup), or another history, or when it lacks an expected head, unless force;
 * and always while any process has live open. Progress into report. */
int hub_restore(const char *live, const char *copy, int force,
    const struct store_expect *ex, size_t nex, struct buf *report,
    struct err *e);
/* Who is told when a write waits for another process (store.h). */
void hub_set_wait_hook(void (*hook)(const char *msg, void *arg), void *arg);


/* ---- hub-redact.c: moderation (issue 16) ---- */
/* Replace a text of a record (type "need", field "description" or
 * "practice.2": model_redact_fields) by "[redacted by WHO on DATE:
 * REASON]", in one write: the record, every copy of the text in other
 * records (decision texts, reasons, drafts), and the journal entries
 * whose summary quoted it (store_journal_redact: their summary goes, the
 * chain stays verifiable). The redaction is itself a journal entry "redact"
 * naming the record, field and reason. *entries (may be NULL): journal
 * entries redacted. Admins only (ERR_REFUSED); ERR_USAGE: an unknown type
 * or field, no reason, or a reason quoting the text; ERR_REFUSED: no such
 * record or item, or an empty text. */
int hub_redact(struct hub *h, struct actor *who, const char *type,
    uint64_t id, const char *field, const char *reason, uint64_t *entries,
    struct err *e);
/* Personal data on request: a member who has left (disabled) keeps their
 * id, roles, territory and all they did, under the login "former-ID" and
 * the name "former member no. ID"; name, organisation, e-mail and keys go,
 * from the member, the texts that name them as author ("login: ...") and
 * the journal (their entries' actor becomes the new login; summaries
 * naming them are redacted). former (may be NULL) receives the new login,
 * *entries the journal entries redacted. Admins only; ERR_REFUSED: no
 * such member, still active, or forgotten already. */
int hub_member_forget(struct hub *h, struct actor *who, const char *login,
    char *former, size_t fn, uint64_t *entries, struct err *e);
/* Inside an operation (hub-flag.c): hub_redact's checks and write. */
int hub_redact_in(struct hub_ctx *c, int rtype, uint64_t id,
    const char *field, const char *reason, uint64_t *entries);

/* The moderation queue (hub-flag.c). Anyone with a role flags a text (a
 * field as hub_redact names it) with one reason line: *id the flag.
 * ERR_USAGE: unknown type or field, no reason; ERR_REFUSED: no such
 * record or text. The journal entry names the record and field, never the
 * reason (it may quote the text). */
int hub_flag_add(struct hub *h, struct actor *who, const char *type,
    uint64_t rid, const char *field, const char *reason, uint64_t *id,
    struct err *e);
/* Admins: close an open flag by dismissing it, or by redacting its text
 * (hub_redact, in the same write). ERR_REFUSED: not an admin, no such
 * flag, or closed already. */
int hub_flag_dismiss(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
int hub_flag_redact(struct hub *h, struct actor *who, uint64_t id,
    const char *reason, uint64_t *entries, struct err *e);
/* A flag as an admin reads it: the text it points at as it is now. */
struct hub_flag_view {
	uint64_t id, rid;
	const char *type, *field, *reason, *by, *status, *text; /* in cb */
	int64_t created;
};
typedef int (*hub_flag_cb)(const struct hub_flag_view *v, void *arg);
/* The flags, oldest first; the open ones only unless all. Admins only
 * (ERR_REFUSED for anyone else). */
int hub_flag_page(struct hub_rd *r, int all, hub_flag_cb cb, void *arg,
    struct err *e);
/* id, status, record, record_id, field, reason, by, time, text. */
void hub_flag_emit(struct emit *em, const struct hub_flag_view *v);

/* Inside an operation: redact the journal entries by login (their actor
 * becomes pseudo), whose summary names it or quotes one of also (may be
 * NULL). */
int hub_journal_forget(struct hub_ctx *c, const char *login,
    const char *pseudo, const struct str_list *also, uint64_t *count);

#endif
