/* hub-flag.c: the moderation queue (issue 16 item 5): a member flags a
 * text with one reason line; admins see the open flags first and redact
 * the text or dismiss the flag, each one journaled write. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flag_arg {
	int rtype;
	uint64_t rid, id;
	const char *field, *reason;
	uint64_t entries;
};

/* The text a flag points at, or NULL (and ERR_REFUSED) if there is none;
 * rec is the record, freed by the caller with codec_free_rec. */
static const char *
flag_text(struct store_txn *t, int rtype, uint64_t rid, const char *field,
    void **rec, struct err *e)
{
	const struct redact_field *f;
	const struct rdesc *d = codec_desc(rtype);
	uint64_t item;
	int rc;

	*rec = NULL;
	if (d == NULL || model_redact_parse(rtype, field, &f, &item) != 0) {
		err_set(e, ERR_REFUSED, "%s has no redactable text '%.40s'",
		    model_rtype_name(rtype), field);
		return NULL;
	}
	*rec = codec_new(rtype);
	if ((rc = store_get(t, rtype, rid, *rec, e)) != 0) {
		if (rc == ERR_NOTFOUND)
			err_set(e, ERR_REFUSED, "no %s #%llu",
			    model_rtype_label(rtype), (unsigned long long)rid);
		return NULL;
	}
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *x = &d->fields[i];
		if (strcmp(x->name, f->field) != 0)
			continue;
		if (x->type == F_STR) {
			const char *s = *(char **)((char *)*rec + x->off);
			if (s != NULL && s[0] != '\0')
				return s;
		} else if (x->type == F_STRS) {
			const struct str_list *l = (const struct str_list *)
			    ((char *)*rec + x->off);
			if (item >= 1 && item <= l->n)
				return l->v[item - 1];
		}
	}
	err_set(e, ERR_REFUSED, "%s #%llu has no %s to flag",
	    model_rtype_name(rtype), (unsigned long long)rid, field);
	return NULL;
}

static int
op_flag_add(struct hub_ctx *c, void *argp)
{
	struct flag_arg *a = argp;
	struct flag f;
	void *rec;
	int rc;

	if ((rc = hub_require(c, ROLE_ALL, "flag a text")) != 0)
		return rc;
	if (flag_text(c->t, a->rtype, a->rid, a->field, &rec, c->e) == NULL) {
		if (rec != NULL)
			codec_free_rec(a->rtype, rec);
		return c->e->code ? c->e->code : ERR_REFUSED;
	}
	codec_free_rec(a->rtype, rec);
	if ((rc = store_next_id(c->t, RT_FLAG, &a->id, c->e)) != 0)
		return rc;
	memset(&f, 0, sizeof f);
	f.id = a->id;
	f.rtype = (uint64_t)a->rtype;
	f.rid = a->rid;
	f.field = (char *)a->field;
	f.reason = (char *)a->reason;
	f.by = c->who->id;
	f.created = util_now();
	f.status = FS_OPEN;
	return store_put(c->t, RT_FLAG, f.id, &f, c->e);
}

int
hub_flag_add(struct hub *h, struct actor *who, const char *type,
    uint64_t rid, const char *field, const char *reason, uint64_t *id,
    struct err *e)
{
	struct flag_arg a;
	const struct redact_field *f;
	uint64_t item;
	char s[320];

	memset(&a, 0, sizeof a);
	if ((a.rtype = model_rtype_parse(type)) < 0)
		return err_set(e, ERR_USAGE, "unknown record type '%.40s'",
		    type);
	if (model_redact_parse(a.rtype, field, &f, &item) != 0) {
		err_set(e, ERR_USAGE, "%s has no redactable text '%.40s'",
		    type, field);
		err_hint(e, N_("see 'cercle redact --help'"));
		return ERR_USAGE;
	}
	if (reason == NULL || reason[0] == '\0')
		return err_set(e, ERR_USAGE, "a flag needs a reason "
		    "(--reason)");
	if (text_check("reason", reason, MAX_TITLE, 0, e) != 0)
		return e->code;
	a.rid = rid;
	a.field = field;
	a.reason = reason;
	/* The reason stays out of the journal: it may quote the text. */
	snprintf(s, sizeof s, "%s %llu %s flagged", type,
	    (unsigned long long)rid, field);
	if (hub_run(h, who, "flag.add", s, op_flag_add, &a, e) != 0)
		return e->code;
	if (id != NULL)
		*id = a.id;
	return 0;
}

/* Close an open flag: dismiss it, or redact its text (reason given). */
static int
op_flag_close(struct hub_ctx *c, void *argp)
{
	struct flag_arg *a = argp;
	struct flag f;
	int rc;

	if (!model_may_moderate(c->who->roles))
		return hub_require(c, MODEL_MODERATE_ROLES, a->reason ?
		    N_("redact a text") : N_("dismiss a flag"));
	if ((rc = store_get(c->t, RT_FLAG, a->id, &f, c->e)) != 0)
		return gov_refused_notfound(c, rc, "flag", a->id);
	if (f.status != FS_OPEN) {
		rc = err_set(c->e, ERR_REFUSED, "flag #%llu is %s already",
		    (unsigned long long)f.id,
		    model_flag_status_name((int)f.status));
		goto out;
	}
	if (a->reason != NULL && (rc = hub_redact_in(c, (int)f.rtype, f.rid,
	    f.field, a->reason, &a->entries)) != 0)
		goto out;
	/* The redaction may have rewritten this flag's reason (a copy):
	 * read it again. */
	codec_free(RT_FLAG, &f);
	if ((rc = store_get(c->t, RT_FLAG, a->id, &f, c->e)) != 0)
		return rc;
	f.status = a->reason != NULL ? FS_REDACTED : FS_DISMISSED;
	f.closed_by = c->who->id;
	f.closed_at = util_now();
	rc = store_put(c->t, RT_FLAG, f.id, &f, c->e);
out:
	codec_free(RT_FLAG, &f);
	return rc;
}

int
hub_flag_dismiss(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	struct flag_arg a;
	char s[64];

	memset(&a, 0, sizeof a);
	a.id = id;
	snprintf(s, sizeof s, "flag %llu dismissed", (unsigned long long)id);
	return hub_run(h, who, "flag.dismiss", s, op_flag_close, &a, e);
}

int
hub_flag_redact(struct hub *h, struct actor *who, uint64_t id,
    const char *reason, uint64_t *entries, struct err *e)
{
	struct flag_arg a;
	char s[320];

	if (reason == NULL || reason[0] == '\0')
		return err_set(e, ERR_USAGE, "a redaction needs a reason "
		    "(--reason)");
	if (text_check("reason", reason, MAX_TITLE, 0, e) != 0)
		return e->code;
	memset(&a, 0, sizeof a);
	a.id = id;
	a.reason = reason;
	snprintf(s, sizeof s, "flag %llu: text redacted: %s",
	    (unsigned long long)id, reason);
	if (hub_run(h, who, "redact", s, op_flag_close, &a, e) != 0)
		return e->code;
	if (entries != NULL)
		*entries = a.entries;
	return 0;
}

/* ---- the queue, for admins ---- */

struct fpage {
	struct hub_rd *r;
	struct store_txn *t;
	int all;
	hub_flag_cb cb;
	void *arg;
	struct err *e;
	int rc;
};

static int
fpage_cb(uint64_t id, const void *data, size_t len, void *argp)
{
	struct fpage *p = argp;
	struct hub_flag_view v;
	struct flag f;
	struct err ignored;
	char by[MAX_LOGIN + 2];
	void *rec;
	int stop;

	if ((p->rc = codec_decode(RT_FLAG, data, len, &f, p->e)) != 0)
		return 1;
	if (!p->all && f.status != FS_OPEN) {
		codec_free(RT_FLAG, &f);
		return 0;
	}
	memset(&v, 0, sizeof v);
	v.id = id;
	v.type = model_rtype_name((int)f.rtype);
	v.rid = f.rid;
	v.field = f.field ? f.field : "";
	v.reason = f.reason ? f.reason : "";
	v.by = f.by ? hub_login_of(p->t, f.by, by, sizeof by) : "console";
	v.created = f.created;
	v.status = model_flag_status_name((int)f.status);
	v.text = flag_text(p->t, (int)f.rtype, f.rid, v.field, &rec,
	    &ignored);
	if (v.text == NULL)
		v.text = "";
	stop = p->cb(&v, p->arg);
	if (rec != NULL)
		codec_free_rec((int)f.rtype, rec);
	codec_free(RT_FLAG, &f);
	return stop != 0;
}

int
hub_flag_page(struct hub_rd *r, int all, hub_flag_cb cb, void *arg,
    struct err *e)
{
	struct fpage p = { r, NULL, all, cb, arg, e, 0 };
	int rc;

	if ((p.t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if (!model_may_moderate(hub_rd_viewer(r)->roles))
		return hub_role_check(hub_rd_viewer(r), MODEL_MODERATE_ROLES,
		    "see the moderation queue", e);
	/* Open flags oldest first: the first flagged is the first seen. */
	rc = store_scan(p.t, RT_FLAG, 0, 0, fpage_cb, &p, e);
	return rc != 0 ? rc : p.rc;
}

void
hub_flag_emit(struct emit *em, const struct hub_flag_view *v)
{
	emit_u64(em, "id", v->id);
	emit_str(em, "status", v->status);
	emit_str(em, "record", v->type);
	emit_u64(em, "record_id", v->rid);
	emit_str(em, "field", v->field);
	emit_str(em, "reason", v->reason);
	emit_str(em, "by", v->by);
	emit_time(em, "time", v->created);
	emit_str(em, "text", v->text);
}
