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
int hub_rd_viewer_disabled(const struct hub_rd *r);
struct hub *hub_rd_hub(const struct hub_rd *r);
/* Number of the newest journal entry in the snapshot (0 when parked). */
uint64_t hub_rd_journal_last(struct hub_rd *r);
/* Id of the last commit by anyone: cheap, no snapshot; a change means
 * views may be stale (the TUI polls it each tick). */
uint64_t hub_last_txnid(struct hub *h);
/* Hub layer only (hub-*.c): the snapshot under the handle, NULL when
 * parked. Surfaces never call it. */
struct store_txn *hub_rd_txn(struct hub_rd *r);

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
 * recorded when it was opened or closed. */
struct hub_quorum {
	uint64_t present, members, needed;
	int reached;
};
int hub_meeting_quorum(struct store_txn *t, const struct meeting *m,
    struct hub_quorum *q, struct err *e);

/* Proposals. closes 0: live in the open meeting, on its current tension;
 * else an electronic round open until closes. unanimity only by a
 * facilitator. */
int hub_proposal_add(struct hub *h, struct actor *who, uint64_t tension,
    const char *text, int unanimity, int64_t closes, int hidden,
    uint64_t *id, struct err *e);
/* The supporter adds a version; positions on older versions stop
 * counting (they stay on record). */
int hub_proposal_amend(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e);
/* Take or change one's position (one per member per proposal). alert and
 * block need a reason. */
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
/* Facilitator: require unanimity on an open proposal (one block will
 * reject it). */
int hub_proposal_unanimity(struct hub *h, struct actor *who, uint64_t id,
    struct err *e);
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

/* Read helpers: the positions of a proposal (every version), and the tally
 * of those answering the current version. */
struct hub_positions {
	struct position *v;
	size_t n;
};
int hub_positions_load(struct store_txn *t, uint64_t proposal,
    struct hub_positions *out, struct err *e);
void hub_positions_free(struct hub_positions *ps);
void hub_proposal_tally(const struct proposal *p,
    const struct hub_positions *ps, struct tally *out);
/* How many members answered the current version of p and are still
 * active members holding the member role: what an electronic round's
 * quorum counts (a member disabled since answering no longer does). */
int hub_proposal_answered(struct store_txn *t, const struct proposal *p,
    const struct hub_positions *ps, uint64_t *n, struct err *e);
/* Ids of the proposals on a tension, oldest first. */
int hub_proposals_of(struct store_txn *t, uint64_t tension,
    struct u64_list *ids, struct err *e);

/* Watch rule: the facilitator records the concertation (note required),
 * which clears the member's flag. */
int hub_watch_clear(struct hub *h, struct actor *who, const char *login,
    const char *note, struct err *e);

/* Action plan: a member or the facilitator adds an action to a decision;
 * its owner or the facilitator changes its status. due 0: none. */
int hub_action_add(struct hub *h, struct actor *who, uint64_t decision,
    const char *owner, const char *title, int64_t due, uint64_t *id,
    struct err *e);
int hub_action_status(struct hub *h, struct actor *who, uint64_t id,
    int status, struct err *e);

/* ---- demo-gov.c: governance content for the demo hub ---- */
/* Called by the demo builder after members (and needs) exist: adds what
 * is missing (a facilitator, six voting members, a sage), a past meeting
 * with retained, adjourned and escalated proposals, decisions and actions
 * (one overdue), tensions of each kind on the agenda and one open
 * electronic round. Through the hub operations only. */
int demo_gov(struct hub *h, struct err *e);

/* ---- hub-minutes.c: the minutes of a meeting ---- */
/* Markdown (ready to email) or one JSON document; read only. Every stored
 * string is sanitised in Markdown. */
int hub_minutes(struct hub *h, uint64_t meeting, int json, struct buf *out,
    struct err *e);

/* ---- hub-dot.c: needs prioritisation, themes, workstreams ---- */
/* Facilitator opens a dot-voting round over needs, or over categories of
 * the hub's configuration (exactly one of the two lists is non-empty);
 * budget points each. In a category round the items are numbered 1..n in
 * the order given. */
int hub_round_open(struct hub *h, struct actor *who, const char *title,
    uint64_t budget, const struct u64_list *needs,
    const struct str_list *categories, uint64_t *id, struct err *e);
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
int hub_ustate_save(struct hub *h, struct actor *who, const char *pane,
    const char *ctx, const char *draft, struct err *e);
/* Read a member's saved state (ERR_NOTFOUND when none). */
int hub_ustate_get(struct store_txn *t, uint64_t member, struct ustate *u,
    struct err *e);

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
 * sessions go on; its head in *seq/hex, also written to dir/HEAD. */
int hub_backup(struct hub *h, const char *dir, uint64_t *seq, char hex[65],
    struct err *e);
/* Put the copy in place of the database in live: refused (ERR_REFUSED)
 * when the copy does not verify, when it is older than the live hub's head
 * or another history, or when it lacks an expected head, unless force;
 * and always while any process has live open. Progress into report. */
int hub_restore(const char *live, const char *copy, int force,
    const struct store_expect *ex, size_t nex, struct buf *report,
    struct err *e);
/* Who is told when a write waits for another process (store.h). */
void hub_set_wait_hook(void (*hook)(const char *msg, void *arg), void *arg);

#endif
