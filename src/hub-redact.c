/* hub-redact.c: moderation of content (issue 16): `redact` replaces a
 * text by a marker naming who, when and why, wherever the text was copied
 * (decision texts, reasons, drafts) and in the journal summaries that
 * quoted it, in one write transaction. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REDACT_NEEDLE 200	/* a summary quotes at most MAX_TITLE bytes */

/* s with every occurrence of t (as whole words) replaced by m (a new
 * string), or NULL if there is none (or, for a short t, when s is not
 * exactly t). */
/* A byte of a word: a letter, a digit, or part of a UTF-8 character. */
static int
word_byte(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
	    (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

/* 1 when t occurs in s as whole words (as replace_all matches). */
static int
has_words(const char *s, const char *t)
{
	size_t tl = strlen(t);

	if (tl == 0)
		return 0;
	for (const char *q = s; (q = strstr(q, t)) != NULL; q++)
		if (!(word_byte(t[0]) && q > s && word_byte(q[-1])) &&
		    !(word_byte(t[tl - 1]) && word_byte(q[tl])))
			return 1;
	return 0;
}

static char *
replace_all(const char *s, const char *t, const char *m)
{
	size_t tl = strlen(t), ml = strlen(m);
	struct buf b = { 0 };
	const char *p, *q;
	char *out;
	int any = 0;

	if (s == NULL || tl == 0)
		return NULL;
	if (tl < MODEL_REDACT_COPY_MIN)
		return strcmp(s, t) == 0 ? xstrdup(m) : NULL;
	if (strstr(s, t) == NULL)
		return NULL;
	for (p = s; (q = strstr(p, t)) != NULL; p = q + tl) {
		/* Whole words only: "numéro 5000" is not in "numéro 50001". */
		if ((word_byte(t[0]) && q > s && word_byte(q[-1])) ||
		    (word_byte(t[tl - 1]) && word_byte(q[tl]))) {
			buf_add(&b, p, (size_t)(q - p) + 1);
			q = q + 1 - tl;
			continue;
		}
		buf_add(&b, p, (size_t)(q - p));
		buf_add(&b, m, ml);
		any = 1;
	}
	buf_add(&b, p, strlen(p) + 1);
	out = any ? xstrdup((const char *)b.p) : NULL;
	buf_free(&b);
	return out;
}

/* 1 when login occurs in s as a whole word (not inside another login). */
static int
login_in(const char *s, const char *login)
{
	size_t n = strlen(login);

	for (const char *p = s; (p = strstr(p, login)) != NULL; p++) {
		int before = p > s && (p[-1] == '.' || p[-1] == '_' ||
		    p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z') ||
		    (p[-1] >= '0' && p[-1] <= '9'));
		char a = p[n];
		int after = a == '_' || a == '-' || (a >= 'a' && a <= 'z') ||
		    (a >= '0' && a <= '9') || (a == '.' && p[n + 1] != ' ' &&
		    p[n + 1] != '\0');
		if (!before && !after)
			return 1;
	}
	return 0;
}

static const struct field *
field_of(int rtype, const char *name)
{
	const struct rdesc *d = codec_desc(rtype);

	for (size_t i = 0; d != NULL && i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

/* s with login replaced by m where a text names who said it: at its
 * start or after "- ", followed by ":", " (" or a non-breaking space
 * (questions "login: ...", blocker reasons "login (proposal N): ...",
 * the alerts of a decision "- login: ..."); NULL if none. */
static char *
replace_login(const char *s, const char *login, const char *m)
{
	size_t ll = strlen(login);
	struct buf b = { 0 };
	const char *p = s, *q;
	char *out;
	int any = 0;

	if (s == NULL)
		return NULL;
	while ((q = strstr(p, login)) != NULL) {
		const char *a = q + ll;
		int start = q == s || (q - s >= 2 && q[-1] == ' ' &&
		    q[-2] == '-');
		int end = *a == ':' || strncmp(a, " (", 2) == 0 ||
		    strncmp(a, "\xc2\xa0", 2) == 0;

		buf_add(&b, p, (size_t)(q - p));
		if (start && end) {
			buf_add(&b, m, strlen(m));
			any = 1;
		} else
			buf_add(&b, q, ll);
		p = a;
	}
	buf_add(&b, p, strlen(p) + 1);
	out = any ? xstrdup((const char *)b.p) : NULL;
	buf_free(&b);
	return out;
}

typedef char *(*replace_fn)(const char *s, const char *t, const char *m);

/* Replace t by m in every redactable field of rec; 1 if any changed. */
static int
rec_replace_with(replace_fn replace, int rtype, void *rec, const char *t,
    const char *m)
{
	int changed = 0;

	for (const struct redact_field *r = model_redact_fields;
	    r->field != NULL; r++) {
		const struct field *f;
		char *n;

		if (r->rtype != rtype || (f = field_of(rtype, r->field)) ==
		    NULL)
			continue;
		if (f->type == F_STR) {
			char **sp = (char **)((char *)rec + f->off);
			if ((n = replace(*sp, t, m)) != NULL) {
				free(*sp);
				*sp = n;
				changed = 1;
			}
		} else if (f->type == F_STRS) {
			struct str_list *l = (struct str_list *)
			    ((char *)rec + f->off);
			for (size_t i = 0; i < l->n; i++)
				if ((n = replace(l->v[i], t, m)) != NULL) {
					free(l->v[i]);
					l->v[i] = n;
					changed = 1;
				}
		}
	}
	return changed;
}

struct copy_scan {
	replace_fn fn;
	int rtype;
	const char *t, *m;
	struct u64_list ids;
	struct err *e;
	int rc;
};

static int
copy_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct copy_scan *s = arg;
	void *rec = codec_new(s->rtype);

	if ((s->rc = codec_decode(s->rtype, data, len, rec, s->e)) != 0) {
		free(rec);
		return 1;
	}
	if (rec_replace_with(s->fn, s->rtype, rec, s->t, s->m))
		u64_list_push(&s->ids, id);
	codec_free_rec(s->rtype, rec);
	return 0;
}

/* Every record of a redactable type holding t: t replaced by m there. */
static int
redact_copies(struct hub_ctx *c, replace_fn fn, const char *t,
    const char *m)
{
	int done[RT__COUNT] = { 0 };

	for (const struct redact_field *r = model_redact_fields;
	    r->field != NULL; r++) {
		struct copy_scan s = { fn, r->rtype, t, m, { 0 }, c->e, 0 };
		int rc;

		/* Needs and supports hold no copy of another record's text,
		 * and are the many: the redacted record itself is done. */
		if (done[r->rtype]++ || r->rtype == RT_NEED ||
		    r->rtype == RT_SUPPORT)
			continue;
		rc = store_scan(c->t, r->rtype, 0, 0, copy_cb, &s, c->e);
		if (rc == 0)
			rc = s.rc;
		for (size_t i = 0; rc == 0 && i < s.ids.n; i++) {
			void *rec = codec_new(r->rtype);
			if ((rc = store_get(c->t, r->rtype, s.ids.v[i], rec,
			    c->e)) == 0) {
				rec_replace_with(fn, r->rtype, rec, t, m);
				rc = store_put(c->t, r->rtype, s.ids.v[i], rec,
				    c->e);
			}
			codec_free_rec(r->rtype, rec);
		}
		u64_list_free(&s.ids);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Which journal entries quote the text: a summary holding it (or its
 * first REDACT_NEEDLE bytes, as a summary may cut it short); a text too
 * short to be told from common words only in the entries about its own
 * record. */
struct jmatch {
	const char *t;
	char needle[REDACT_NEEDLE + 1];
	int rtype;
	uint64_t rid;
	const char *actor;	/* member forget: the pseudonym, or NULL */
	const char *login;	/* member forget: entries by or naming it */
	const struct str_list *also;	/* and those quoting these */
};

static int
jmatch_cb(const struct jentry *je, void *arg, const char **actor)
{
	struct jmatch *j = arg;

	if (j->login != NULL) {
		if (je->actor != NULL && strcmp(je->actor, j->login) == 0) {
			*actor = j->actor;
			return 1;
		}
		if (je->summary == NULL)
			return 0;
		for (size_t i = 0; j->also != NULL && i < j->also->n; i++)
			if (strlen(j->also->v[i]) >= MODEL_REDACT_COPY_MIN &&
			    strstr(je->summary, j->also->v[i]) != NULL)
				return 1;
		return login_in(je->summary, j->login);
	}
	if (je->summary == NULL || !has_words(je->summary, j->needle))
		return 0;
	if (strlen(j->t) >= MODEL_REDACT_COPY_MIN)
		return 1;
	return (int)je->rtype == j->rtype && je->rid == j->rid;
}

int
hub_journal_forget(struct hub_ctx *c, const char *login, const char *pseudo,
    const struct str_list *also, uint64_t *count)
{
	struct jmatch j;

	memset(&j, 0, sizeof j);
	j.login = login;
	j.actor = pseudo;
	j.also = also;
	return store_journal_redact(c->t, jmatch_cb, &j, count, c->e);
}

struct redact_arg {
	int rtype;
	uint64_t id, item;
	const struct redact_field *f;
	const char *reason;
	uint64_t entries;	/* out: journal entries redacted */
};

/* A list item "login: text" (questions, blocker reasons) keeps its
 * "login: " part: who asked stays known. */
static size_t
item_prefix(const char *s)
{
	const char *p = strstr(s, ": ");

	if (p == NULL || p == s || (size_t)(p - s) > MAX_LOGIN)
		return 0;
	for (const char *q = s; q < p; q++)
		if (*q == ' ')
			return 0;
	return (size_t)(p - s) + 2;
}

static int
op_redact(struct hub_ctx *c, void *argp)
{
	struct redact_arg *a = argp;
	const struct field *f = field_of(a->rtype, a->f->field);
	void *rec;
	char **slot = NULL, *orig = NULL, *marker = NULL, day[32];
	const char *who;
	struct jmatch j;
	size_t keep = 0;
	int rc;

	if (!model_may_moderate(c->who->roles))
		return hub_require(c, MODEL_MODERATE_ROLES, "redact a text");
	if (f == NULL)
		return err_set(c->e, ERR_SYSTEM, "no field %s", a->f->field);
	rec = codec_new(a->rtype);
	if ((rc = store_get(c->t, a->rtype, a->id, rec, c->e)) != 0) {
		free(rec);
		return gov_refused_notfound(c, rc, model_rtype_name(a->rtype),
		    a->id);
	}
	if (f->type == F_STR)
		slot = (char **)((char *)rec + f->off);
	else {
		struct str_list *l = (struct str_list *)((char *)rec + f->off);
		if (a->item > l->n) {
			rc = err_set(c->e, ERR_REFUSED, "%s #%llu has no %s "
			    "number %llu (it has %llu)",
			    model_rtype_name(a->rtype),
			    (unsigned long long)a->id, a->f->field,
			    (unsigned long long)a->item,
			    (unsigned long long)l->n);
			goto out;
		}
		slot = &l->v[a->item - 1];
		if (a->rtype == RT_TENSION)
			keep = item_prefix(*slot);
	}
	if (*slot == NULL || (*slot)[keep] == '\0') {
		rc = err_set(c->e, ERR_REFUSED, "%s #%llu: its %s is empty: "
		    "nothing to redact", model_rtype_name(a->rtype),
		    (unsigned long long)a->id, a->f->field);
		goto out;
	}
	orig = xstrdup(*slot + keep);
	if (strstr(a->reason, orig) != NULL) {
		rc = err_set(c->e, ERR_USAGE, "the reason quotes the text it "
		    "redacts: give a reason without it");
		goto out;
	}
	who = c->who->login[0] ? c->who->login : c->who->label;
	if ((rc = hub_push_lang(c)) != 0)
		goto out;
	i18n_day(util_now(), day, sizeof day);
	{
		struct buf b = { 0 };
		char *n;

		buf_printf(&b, "%.*s", (int)keep, *slot);
		buf_printf(&b, _("[redacted by %s on %s: %s]"), who, day,
		    a->reason);
		i18n_pop_lang();
		marker = xstrdup((const char *)b.p + keep);
		n = xstrdup((const char *)b.p);
		buf_free(&b);
		free(*slot);
		*slot = n;
	}
	/* The journal first: the next entry appended (this record's put)
	 * records what the redaction removed there. */
	memset(&j, 0, sizeof j);
	j.t = orig;
	snprintf(j.needle, sizeof j.needle, "%s", orig);
	j.rtype = a->rtype;
	j.rid = a->id;
	if ((rc = store_journal_redact(c->t, jmatch_cb, &j, &a->entries,
	    c->e)) != 0)
		goto out;
	/* The same text in another field of the record goes too. */
	rec_replace_with(replace_all, a->rtype, rec, orig, marker);
	if ((rc = store_put(c->t, a->rtype, a->id, rec, c->e)) != 0)
		goto out;
	rc = redact_copies(c, replace_all, orig, marker);
out:
	free(orig);
	free(marker);
	codec_free_rec(a->rtype, rec);
	return rc;
}

/* Check what hub_redact is given, into a (no store access). */
static int
redact_arg_set(struct redact_arg *a, const char *type, uint64_t id,
    const char *field, const char *reason, struct err *e)
{
	memset(a, 0, sizeof *a);
	if ((a->rtype = model_rtype_parse(type)) < 0)
		return err_set(e, ERR_USAGE, "unknown record type '%.40s'",
		    type);
	if (model_redact_parse(a->rtype, field, &a->f, &a->item) != 0) {
		err_set(e, ERR_USAGE, "%s has no redactable text '%.40s'",
		    type, field);
		err_hint(e, N_("see 'cercle redact --help'"));
		return ERR_USAGE;
	}
	if (reason == NULL || reason[0] == '\0')
		return err_set(e, ERR_USAGE, "a redaction needs a reason "
		    "(--reason)");
	if (text_check("reason", reason, MAX_TITLE, 0, e) != 0)
		return e->code;
	a->id = id;
	a->reason = reason;
	return 0;
}

static void
redact_summary(const struct redact_arg *a, char *s, size_t n)
{
	const char *type = model_rtype_name(a->rtype);

	if (a->item)
		snprintf(s, n, "%s %llu %s.%llu redacted: %s", type,
		    (unsigned long long)a->id, a->f->field,
		    (unsigned long long)a->item, a->reason);
	else
		snprintf(s, n, "%s %llu %s redacted: %s", type,
		    (unsigned long long)a->id, a->f->field, a->reason);
}

int
hub_redact_in(struct hub_ctx *c, int rtype, uint64_t id, const char *field,
    const char *reason, uint64_t *entries)
{
	struct redact_arg a;
	int rc;

	if ((rc = redact_arg_set(&a, model_rtype_name(rtype), id, field,
	    reason, c->e)) != 0)
		return rc;
	rc = op_redact(c, &a);
	if (entries != NULL)
		*entries = a.entries;
	return rc;
}

int
hub_redact(struct hub *h, struct actor *who, const char *type, uint64_t id,
    const char *field, const char *reason, uint64_t *entries,
    struct err *e)
{
	struct redact_arg a;
	char s[320];
	int rc;

	if ((rc = redact_arg_set(&a, type, id, field, reason, e)) != 0)
		return rc;
	redact_summary(&a, s, sizeof s);
	rc = hub_run(h, who, "redact", s, op_redact, &a, e);
	if (rc == 0 && entries != NULL)
		*entries = a.entries;
	return rc;
}

/* ---- member forget ---- */

struct forget_arg {
	const char *login;
	char former[32];
	uint64_t entries;
};

static int
op_member_forget(struct hub_ctx *c, void *argp)
{
	struct forget_arg *a = argp;
	struct member m;
	char name[96];
	int rc;

	if (!model_may_moderate(c->who->roles))
		return hub_require(c, MODEL_MODERATE_ROLES, "forget a member");
	if ((rc = gov_load_login(c, a->login, &m)) != 0)
		return rc;
	switch (model_forget_check(&m)) {
	case 1:
		rc = err_set(c->e, ERR_REFUSED, "member '%s' is active: "
		    "disable them first (a member is forgotten once they have "
		    "left)", a->login);
		goto out;
	case 2:
		rc = err_set(c->e, ERR_REFUSED, "member '%s' is forgotten "
		    "already", a->login);
		goto out;
	}
	model_forgotten_login(m.id, a->former, sizeof a->former);
	/* The journal first: the member's put below records it. Entries
	 * quoting the member's name, organisation, e-mail or a key's
	 * fingerprint go with those by them. */
	{
		struct str_list also = { 0 };
		const char *v[] = { m.name, m.org, m.email };

		for (size_t i = 0; i < 3; i++)
			if (v[i] != NULL)
				str_list_push(&also, v[i]);
		for (size_t i = 0; i < m.key_fps.n; i++)
			str_list_push(&also, m.key_fps.v[i]);
		rc = hub_journal_forget(c, m.login, a->former, &also,
		    &a->entries);
		str_list_free(&also);
		if (rc != 0)
			goto out;
	}
	if ((rc = hub_push_lang(c)) != 0)
		goto out;
	snprintf(name, sizeof name, _("former member no. %llu"),
	    (unsigned long long)m.id);
	i18n_pop_lang();
	free(m.login);
	m.login = xstrdup(a->former);
	free(m.name);
	m.name = xstrdup(name);
	free(m.org);
	m.org = NULL;
	free(m.email);
	m.email = NULL;
	free(m.watch_note);
	m.watch_note = NULL;
	free(m.lang);
	m.lang = NULL;
	m.digest = DIGEST_OFF;
	str_list_free(&m.keys);
	str_list_free(&m.key_fps);
	if ((rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e)) != 0)
		goto out;
	rc = redact_copies(c, replace_login, a->login, a->former);
out:
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_forget(struct hub *h, struct actor *who, const char *login,
    char *former, size_t fn, uint64_t *entries, struct err *e)
{
	struct forget_arg a;
	char s[96];
	int rc;

	memset(&a, 0, sizeof a);
	if (login_check(login, e) != 0)
		return e->code;
	a.login = login;
	/* The journal names the member by id only: the login goes. */
	snprintf(s, sizeof s, "member forgotten (personal data removed)");
	rc = hub_run(h, who, "member.forget", s, op_member_forget, &a, e);
	if (rc == 0) {
		if (former != NULL)
			snprintf(former, fn, "%s", a.former);
		if (entries != NULL)
			*entries = a.entries;
	}
	return rc;
}
