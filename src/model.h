/* model.h: the records of cercle as plain structs, their enums, and the
 * pure rules of DOMAIN.md (consent outcome, quorum, watch rule, status
 * paths). No I/O here: everything is a function of its arguments. */
#ifndef CERCLE_MODEL_H
#define CERCLE_MODEL_H

#include <stdint.h>
#include "util.h"

/* Field size limits, in bytes of UTF-8. */
#define MAX_LOGIN	32
#define MAX_NAME	120
#define MAX_TITLE	200
#define MAX_SHORT	120	/* territory, category, public, source, org */
#define MAX_TEXT	8000	/* descriptions, proposal texts */
#define MAX_REASON	2000
#define MAX_KEYLINE	8192

/* Roles: a member holds a set. */
enum role {
	ROLE_MEMBER = 1 << 0,
	ROLE_FACILITATOR = 1 << 1,
	ROLE_ADMIN = 1 << 2,
	ROLE_CORRESPONDENT = 1 << 3,
	ROLE_SAGE = 1 << 4,
	ROLE_OBSERVER = 1 << 5,
};
#define ROLE_ALL 0x3f

/* Parse "member,facilitator" into a role set; -1 on an unknown name. */
int model_roles_parse(const char *s, uint64_t *out, struct err *e);
/* Write "member,facilitator" into out. */
void model_roles_fmt(uint64_t roles, char *out, size_t n);
/* The same roles as people read them, in the interface language
 * ("membre, facilitateur"): for messages and screens, never for JSON,
 * CSV or anything parsed. */
void model_roles_label(uint64_t roles, char *out, size_t n);

/* Record types; the number is stored in the journal: never reuse one. */
enum rtype {
	RT_CONFIG = 1,
	RT_MEMBER = 2,
	RT_NEED = 3,
	RT_SUPPORT = 4,
	RT_TENSION = 5,
	RT_MEETING = 6,
	RT_PROPOSAL = 7,
	RT_POSITION = 8,
	RT_DECISION = 9,
	RT_ACTION = 10,
	RT_JOURNAL = 11,
	RT_DOTROUND = 12,
	RT_BALLOT = 13,
	RT_THEME = 14,
	RT_WORKSTREAM = 15,
	RT_USTATE = 16,
	RT_FLAG = 17,		/* moderation: a text flagged (issue 16) */
	RT__COUNT
};
const char *model_rtype_name(int rt);
/* The same record type as a noun people read, in the current language
 * ("proposition"): for sentences; the name above is the stable token.
 * model_rtype_noun: that noun for a type's name ("proposal"), else the
 * name itself. */
const char *model_rtype_label(int rt);
const char *model_rtype_noun(const char *name);

/* The hub's configuration: data, not code. */
struct config {
	uint64_t id; /* always 1 */
	char *hub_name;
	struct str_list territories;
	struct str_list categories;
	struct str_list publics;
	struct str_list sources;
	int64_t created;
	char *lang;	/* the hub's default language: "fr", "en"; NULL
			 * (a database older than the field) reads as "fr" */
	/* Open data (hub-opendata.c): "word\tcode;code" entries mapping a
	 * category to national thematiques and a public to data·inclusion
	 * publics; the export's licence and producer; whether positions
	 * may be exported (0: never). Absent in older databases. */
	struct str_list catmap, pubmap;
	char *licence, *producer;
	uint64_t open_votes;
};

struct member {
	uint64_t id;
	char *login;
	char *name;
	char *org;
	char *territory;
	uint64_t roles;
	uint64_t disabled;
	int64_t created;
	struct str_list keys;	  /* "type base64 [comment]" */
	struct str_list key_fps;  /* "SHA256:..." parallel to keys */
	/* Watch rule counters, reset when a concertation is recorded. */
	uint64_t watch_blocks;
	uint64_t watch_withdrawals;
	char *watch_note;	  /* last concertation note */
	uint64_t low_bandwidth;	  /* per-member preference */
	char *lang;		  /* "fr", "en" or NULL */
	char *email;		  /* for minutes and digests, or NULL */
	uint64_t digest;	  /* DIGEST_OFF, _DAILY, _WEEKLY */
	int64_t digest_last;	  /* last digest sent (the period's end) */
	uint64_t screen_reader;	  /* the interface in screen-reader mode */
};

enum digest_freq { DIGEST_OFF = 0, DIGEST_DAILY, DIGEST_WEEKLY };

enum need_status {
	NEED_REPORTED = 0,
	NEED_QUALIFIED,
	NEED_PRIORITISED,
	NEED_IN_SWITCH,
	NEED_ADDRESSED,
	NEED_MERGED,
	NEED_ARCHIVED,
	NEED__COUNT
};
const char *model_need_status_name(int s);
int model_need_status_parse(const char *s);
/* 1 if a need may go from one status to another by `need status`.
 * Merging goes through its own operation. */
int model_need_transition_ok(int from, int to);

struct need {
	uint64_t id;
	char *title;
	char *description;
	char *territory;
	char *category;
	char *public_;
	char *source;
	uint64_t reporter;		/* member id */
	char *round;			/* collection round "2026-B6" */
	int64_t created;
	int64_t updated;
	uint64_t status;
	uint64_t merged_into;		/* survivor's id when merged */
	struct str_list practices;	/* good practices: text or link */
	struct str_list territories;	/* distinct territories seen in */
	uint64_t supports;		/* number of supports */
	struct u64_list merged_from;	/* needs merged into this one */
	char *insee;			/* INSEE code of the commune, or NULL */
	char *external_id;		/* id in the source it came from */
};

/* "Seen here too": one per member per need. */
struct support {
	uint64_t id;
	uint64_t need;
	uint64_t member;
	char *territory;
	char *note;
	int64_t created;
};

enum tension_kind { TK_PROJECT = 0, TK_CHAMBER, TK_POSITION, TK__COUNT };
const char *model_tension_kind_name(int k);
int model_tension_kind_parse(const char *s);

enum tension_status {
	TS_AGENDA = 0,	/* on the agenda */
	TS_PROCESS,	/* being processed in a meeting */
	TS_DECIDED,
	TS_ADJOURNED,	/* back on the agenda to be reworked */
	TS_ESCALATED,	/* sent to the sages */
	TS_DROPPED,
	TS__COUNT
};
const char *model_tension_status_name(int s);
int model_tension_status_parse(const char *s);

struct tension {
	uint64_t id;
	uint64_t kind;
	char *title;
	char *description;
	uint64_t author;
	uint64_t status;
	struct u64_list needs;
	int64_t created;
	int64_t updated;
	uint64_t rank;			/* agenda order, smaller first */
	struct u64_list acks;		/* members who understood it */
	struct str_list questions;	/* "login: question" */
	struct str_list blocker_reasons; /* attached when adjourned */
};

enum meeting_status { MS_PLANNED = 0, MS_OPEN, MS_CLOSED, MS__COUNT };
const char *model_meeting_status_name(int s);

struct meeting {
	uint64_t id;
	uint64_t status;
	uint64_t facilitator;
	int64_t created;
	int64_t opened;
	int64_t closed;
	struct u64_list room;		/* marked present by the facilitator */
	struct u64_list remote;		/* checked in themselves */
	uint64_t current_tension;
	uint64_t members_total;		/* voting members when opened */
	uint64_t quorum;		/* needed, when opened */
	struct u64_list tensions;	/* tensions taken up */
	uint64_t review_done;		/* action plan reviewed */
	uint64_t review_next_action;	/* first action id after the review */
	char *title;
	int64_t minutes_mailed;		/* minutes sent by mail at, 0: not */
	/* Arrivals and departures, oldest first, as triples (member id,
	 * time, PE_*): room and remote hold who is present now. Empty in
	 * a meeting written before departures existed. */
	struct u64_list presence_log;
	uint64_t closed_present;	/* voting members present at close */
	uint64_t frozen;		/* 1: the close stored its figures */
	struct u64_list review_decisions; /* due for review, taken up */
	struct u64_list sages;		/* the sages named in it */
	uint64_t sages_named;		/* 1: it named the sages' set */
};

/* A presence event of a meeting's presence_log. */
enum presence_event {
	PE_ROOM = 1,		/* marked present in the room */
	PE_REMOTE,		/* checked in remotely */
	PE_LEFT,		/* checked out themself */
	PE_LEFT_MARKED,		/* marked as gone by the facilitator */
	PE__COUNT
};
/* "room", "remote", "left", "left-marked"; "unknown" otherwise. */
const char *model_presence_event_name(int ev);

enum proposal_status {
	PS_OPEN = 0,
	PS_RETAINED,
	PS_REJECTED,
	PS_NO_DECISION,
	PS_ADJOURNED,	/* rejected, then adjourned */
	PS_ESCALATED,	/* rejected, then blocked for good: to the sages */
	PS__COUNT
};
const char *model_proposal_status_name(int s);

struct proposal {
	uint64_t id;
	uint64_t tension;
	uint64_t supporter;
	struct str_list versions;	/* every text; the last is current */
	uint64_t unanimity;
	uint64_t hidden;		/* positions hidden until closed */
	int64_t closes;			/* 0: live in a meeting */
	uint64_t meeting;		/* live: the meeting it belongs to */
	uint64_t status;
	int64_t created;
	int64_t closed_at;
	char *decision_text;
	char *sages_answer;
	struct u64_list blockers_ack;	/* blockers who agreed to adjourn */
	uint64_t decision;		/* decision id once retained */
	char *close_note;		/* quorum at close: "4 of 6 present..." */
	uint64_t unanimity_req;		/* UR_*: the supporter's request */
	/* Frozen at the close (frozen 1): the figures the round had, which
	 * later member changes never alter. A round closed by an older
	 * cercle has frozen 0 (its figures are recomputed as it counted
	 * them: every last position on the current version). */
	uint64_t frozen;
	uint64_t c_approve, c_alert, c_withdraw, c_block, c_blockers;
	uint64_t c_present;		/* present (live) or answered */
	uint64_t c_members, c_needed;	/* who counted, quorum needed */
	struct u64_list counted;	/* ids of the positions counted */
};

/* Unanimity asked by the supporter, then granted or declined by the
 * facilitator (DOMAIN.md §1: only the facilitator requires it). */
enum unanimity_req { UR_NONE = 0, UR_ASKED, UR_GRANTED, UR_DECLINED,
	UR__COUNT };
const char *model_unanimity_req_name(int r);

enum position_kind {
	POS_APPROVE = 0,
	POS_ALERT,
	POS_WITHDRAW,
	POS_BLOCK,
	POS__COUNT
};
const char *model_position_name(int k);
int model_position_parse(const char *s);

/* One position taken: every change is its own record, never
 * overwritten (a database from an older cercle holds one record per
 * member, its last change). The current position of a member is their
 * last record (model_positions_current). */
struct position {
	uint64_t id;
	uint64_t proposal;
	uint64_t member;
	uint64_t version;	/* proposal version it answers (1-based) */
	uint64_t kind;
	char *reason;
	int64_t created;
	int64_t updated;	/* when this change was made */
	uint64_t by;		/* member who recorded it; 0: the member */
};

struct decision {
	uint64_t id;
	uint64_t proposal;
	uint64_t tension;
	uint64_t meeting;
	char *text;
	int64_t decided;
	int64_t review;		/* to be reviewed on; 0: never */
	uint64_t reviewed_in;	/* meeting whose review took it up; 0 not */
};
/* 1 when decision d is due for review at now: a review date passed and
 * no meeting's action-plan review took it up yet. */
int model_decision_review_due(const struct decision *d, int64_t now);

enum action_status { AS_TODO = 0, AS_DOING, AS_DONE, AS_DROPPED, AS__COUNT };
const char *model_action_status_name(int s);
int model_action_status_parse(const char *s);

struct action {
	uint64_t id;
	uint64_t decision;
	uint64_t owner;
	char *title;
	int64_t due;
	uint64_t status;
	int64_t created;
	int64_t updated;
};

/* Needs prioritisation by dot voting. */
struct dotround {
	uint64_t id;
	char *title;
	uint64_t budget;		/* points per voter */
	struct u64_list needs;
	uint64_t status;		/* 0 open, 1 closed */
	int64_t opened;
	int64_t closed;
	struct u64_list ranking;	/* items, best first, when closed */
	struct u64_list scores;		/* parallel to ranking */
	/* A round over categories instead of needs: its items are the
	 * 1-based indexes into this list (ballots and ranking hold them). */
	struct str_list categories;
	/* Hidden: nobody sees the points given (nor a live ranking) until
	 * the close. 0 in rounds made before the field. */
	uint64_t hidden;
};

struct ballot {
	uint64_t id;
	uint64_t round;
	uint64_t member;
	struct u64_list needs;		/* items: need ids, or category numbers */
	struct u64_list points;
	int64_t updated;
};

/* A theme worked on at a Switch, with its specification. */
struct theme {
	uint64_t id;
	char *title;
	char *spec;			/* cahier des charges */
	struct u64_list needs;
	uint64_t round;
	char *switch_name;
	int64_t created;
};

/* A chantier of a Switch: people sign up for it. */
struct workstream {
	uint64_t id;
	uint64_t theme;
	char *title;
	struct u64_list members;
	int64_t created;
};

/* Per-member interface state: the pane and draft to come back to. */
struct ustate {
	uint64_t id;			/* member id */
	char *pane;
	char *draft_ctx;		/* what the draft is for */
	char *draft;
	int64_t updated;
	/* Each part carries when the member changed it (unix ms, in the
	 * session that did), so a late save from an older session (a dead
	 * link closing minutes later) never overwrites a newer one. */
	int64_t draft_at;		/* the draft was typed or dropped at */
	uint64_t draft_ver;		/* +1 at every draft change stored */
	int64_t pane_at;		/* pane or selection changed at */
	uint64_t sel;			/* selected row in that pane */
};

/* Moderation: a text a member flagged for the admins (issue 16). */
enum flag_status { FS_OPEN = 0, FS_DISMISSED, FS_REDACTED, FS__COUNT };
const char *model_flag_status_name(int s);
struct flag {
	uint64_t id;
	uint64_t rtype, rid;		/* the record */
	char *field;			/* "description", "practices.2" */
	char *reason;			/* one line, by the flagger */
	uint64_t by;			/* member who flagged; 0: console */
	int64_t created;
	uint64_t status;		/* FS_* */
	uint64_t closed_by;		/* admin who redacted or dismissed */
	int64_t closed_at;
};

/* The journal: append-only, chained by SHA-256. */
struct jentry {
	uint64_t id;			/* sequence number, from 1 */
	int64_t time;
	char *actor;			/* login, or "console:USER" */
	char *op;			/* "need.add", ... */
	uint64_t rtype;
	uint64_t rid;
	char *summary;
	uint8_t prev[32];
	uint8_t rec_hash[32];		/* SHA-256 of the record written */
	uint8_t hash[32];		/* SHA-256 of this entry */
	/* Moderation (store.c, "redactable entries"); absent in entries
	 * written before it. The personal fields (actor, summary) are
	 * committed with a random salt instead of being hashed: */
	char *salt;		/* hex, 16 random bytes; gone once redacted */
	char *commit;		/* hex SHA-256(salt || actor || 0 || summary) */
	uint64_t redacted_by;	/* the entry that redacted this one */
	struct u64_list redacts;	/* a redaction: the entries it redacted */
	struct str_list holds;		/* and their hashes after it, hex */
};

/* ---- pure rules ---- */

/*
 * Quorum: two thirds of the voting members, rounded up (DOMAIN.md §3):
 * ceil(2n/3), so 6 -> 4, 7 -> 5, 3 -> 2, 1 -> 1, 0 -> 0. "Voting members"
 * are the active (not disabled) members holding the member role; the hub
 * counts them when a meeting opens, or when an asynchronous round closes.
 */
uint64_t model_quorum(uint64_t members);
/* 1 when count people (present, or who answered) reach the quorum of
 * members; never with no member at all. */
int model_quorum_met(uint64_t count, uint64_t members);

/* Outcome of a closed consent round. */
enum outcome { OUT_RETAINED = 0, OUT_REJECTED, OUT_NO_DECISION };
const char *model_outcome_name(int o);

struct tally {
	uint64_t approve, alert, withdraw, block;
	uint64_t blockers;		/* distinct members who blocked */
};
/* kinds[i] is the position of distinct member i (one each); kinds outside
 * approve..block are ignored (not counted at all). */
void model_tally(const int *kinds, size_t n, struct tally *t);
/*
 * DOMAIN.md §4.4, as a pure function of the tally and the unanimity flag:
 * rejected when at least model_block_threshold() distinct members blocked
 * (2, or 1 with unanimity); otherwise retained when at least one member
 * approved or alerted (a lone block below the threshold stays on record,
 * it does not stop the decision); otherwise no decision (nobody answered,
 * or everybody withdrew: the tension goes back on the agenda).
 * Unanimity only lowers the block threshold: withdrawals never reject.
 */
int model_outcome(const struct tally *t, int unanimity);
/* Blocks from distinct members needed to reject: 2, or 1 with unanimity. */
uint64_t model_block_threshold(int unanimity);

/*
 * Who counts (DOMAIN.md §3, §4): an active (not disabled) member holding
 * the member role. One definition for the quorum, the answers and the
 * outcome alike; for a closed round it is read at the close and frozen
 * there. A position of a member who does not count stays on record, not
 * counted.
 */
int model_member_counts(const struct member *m);

/*
 * A round's history: h[0..n) every position ever taken, oldest first
 * (record id order). Writes into cur the indexes of each member's last
 * position (their current one), in the order of h; returns how many.
 * A member's last position on an older version is current but not
 * counted; every earlier one is superseded.
 */
size_t model_positions_current(const struct position *h, size_t n,
    size_t *cur);
/* Reorder cur[0..k) (indexes into h, one per member, as
 * model_positions_current gives) by the member's first position in h:
 * the order in which members first took one. */
void model_positions_by_first(const struct position *h, size_t n,
    size_t *cur, size_t k);
/* The index in h of member's last position on version, or -1. */
long model_position_last_on(const struct position *h, size_t n,
    uint64_t member, uint64_t version);
/* The tally of a round from its history: the current positions on
 * version whose member counts (counts[i] for h[i], 1 or 0; NULL: all). */
void model_round_tally(const struct position *h, size_t n, uint64_t version,
    const int *counts, struct tally *t);

/* Watch rule (DOMAIN.md §4.6): flagged after one block, or after three
 * withdrawals, counted in closed rounds since the last concertation.
 * What a closed round adds is model_watch_uses(). */
int model_watch_flagged(const struct member *m);
/*
 * The uses a closed round adds to member's watch counters, from its
 * history h (oldest first) and its last version: one block for each
 * version on which the member's last position was a block ("l'usage du
 * blocage": a block cast, then changed on the same version before the
 * close, was not used; a block on version 1 that stood until the
 * amendment was); one withdrawal when the member's position at the close
 * (on the last version) is a withdrawal.
 */
void model_watch_uses(const struct position *h, size_t n, uint64_t versions,
    uint64_t member, uint64_t *blocks, uint64_t *withdrawals);

/*
 * Tension status path:
 *   agenda -> in-process (taken up in a meeting, or a proposal opened)
 *   in-process -> decided (retained) | agenda (no decision, or the meeting
 *     closed before a proposal) | adjourned | escalated
 *   adjourned -> in-process (reworked: a new proposal)
 *   agenda, adjourned -> dropped (withdrawn from the agenda)
 * decided, escalated and dropped are final.
 */
int model_tension_transition_ok(int from, int to);
/* 1 when a tension in status s is on the agenda (agenda, in-process,
 * adjourned). */
int model_tension_on_agenda(int s);

/* An action is overdue when it has a due date before now and is still to
 * do or doing. */
int model_action_overdue(const struct action *a, int64_t now);

/* Dot voting: order n needs by score, best first, ties by smaller need id
 * (the older need first). Writes the order into rank_needs/rank_scores. */
void model_dot_rank(const uint64_t *needs, const uint64_t *scores, size_t n,
    uint64_t *rank_needs, uint64_t *rank_scores);

/* ---- moderation (model-redact.c; issue 16) ----
 * The texts an admin may redact: typed by people in the field, they may
 * name a person or give a health detail that the open data must not
 * carry. Redaction replaces the text by a marker saying who, when and
 * why; nothing else of a record is redacted (figures stay counted). */
struct redact_field {
	int rtype;
	const char *field;	/* the codec field name: "title" */
	const char *alias;	/* as people type it: "practice" (or NULL) */
	int list;		/* a list: FIELD.N names its Nth item */
};
/* Every redactable field, ending with a { 0 } entry. */
extern const struct redact_field model_redact_fields[];
/* Parse "title", "practices.2" or "practice.2" for a record type: the
 * field and (lists) its 1-based item, 0 for a plain field. -1 if the
 * field is unknown or not redactable, or a list has no valid N. */
int model_redact_parse(int rtype, const char *field,
    const struct redact_field **f, uint64_t *item);
/* Only admins redact and forget (DOMAIN.md: admins moderate). */
#define MODEL_MODERATE_ROLES ((uint64_t)ROLE_ADMIN)
int model_may_moderate(uint64_t roles);
/* A record type by name ("need"), -1 if unknown. */
int model_rtype_parse(const char *s);
/* A copy of a redacted text elsewhere is replaced too when it is at least
 * this long (a shorter text is replaced only where it is the whole
 * field, so that "oui" is not cut out of every record). */
#define MODEL_REDACT_COPY_MIN 6
/* Member forget (personal data on request): the member keeps their id,
 * roles, territory and everything they did, under the login "former-ID"
 * (model_forgotten_login); name, organisation, keys, e-mail go. Only a
 * member who has left (disabled) is forgotten, once: 0 when m may be, 1
 * when m is still active, 2 when m is forgotten already. */
void model_forgotten_login(uint64_t id, char *out, size_t n);
int model_forget_check(const struct member *m);

#endif
