/* hub-view-int.h: helpers shared by the hub's view files (hub-view-*.c)
 * only; surfaces never include it. */
#ifndef CERCLE_HUB_VIEW_INT_H
#define CERCLE_HUB_VIEW_INT_H

#include "hub.h"

/* store_get with ERR_NOTFOUND worded "no WHAT #ID" (ERR_REFUSED). */
int view_get(struct store_txn *t, int rt, uint64_t id, void *rec,
    const char *what, struct err *e);
/* Copy every string of src onto the end of dst. */
void view_strs_copy(struct str_list *dst, const struct str_list *src);
/* The logins of ids, onto the end of dst. */
void view_logins(struct store_txn *t, const struct u64_list *ids,
    struct str_list *dst);
/* Record the answer of one act's check: rc 0 offers the act, else the
 * first refusal's line is kept in a->why. */
void view_act(struct hub_acts *a, uint32_t act, int rc, const struct err *e);
/* An id cursor ("42": the last id given). NULL or "" is the start (0).
 * ERR_USAGE on junk (hub-read.c). */
int hub_cursor_id(const char *after, uint64_t *id, struct err *e);
void hub_cursor_set(char next[HUB_CURSOR_MAX], uint64_t id);
/* One page of the records of type rtype in id order (or reverse), after
 * the cursor, at most limit (0: all): rec gets each raw record (valid
 * during the call) and returns 0 to go on, 1 to stop there, or -ERR_* to
 * fail with its message in its err. next: the cursor of the following
 * page, "" when nothing follows or rec stopped. Errors: ERR_USAGE (bad
 * cursor), ERR_SYSTEM (parked handle, storage), rec's (hub-read.c). */
typedef int (*hub_page_rec_fn)(uint64_t id, const void *data, size_t len,
    void *arg);
int hub_page_scan(struct hub_rd *r, int rtype, int reverse,
    const char *after, size_t limit, hub_page_rec_fn rec, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e);

/* printf into the text (and Markdown) of em: program text only, with
 * stored strings already through util_safe (emit_text's rule). */
void hv_text(struct emit *em, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Stored text s sanitised, each line after indent, in text and Markdown;
 * nl: end with a newline (0 where the record's end writes one). */
/* A state's word: the label (hub_*_label) for people (text, Markdown),
 * the model's token for JSON and CSV. */
const char *hv_word(const struct emit *em, const char *token,
    const char *label);
/* s padded (or cut) to width code points, as a text column. */
void hv_col(struct emit *em, const char *s, size_t width);
void hv_text_block(struct emit *em, const char *s, const char *indent,
    int nl);

/* The fields of an action and of a decision, in the one order every
 * writer uses (hub-view-plan.c); no text layout. */
void hv_action_fields(struct emit *em, uint64_t id, uint64_t decision,
    const char *owner, const char *title, int64_t due, int status,
    int64_t created, int64_t updated);
void hv_decision_fields(struct emit *em, uint64_t id, uint64_t proposal,
    uint64_t tension, uint64_t meeting, const char *text, int64_t decided);

#endif
