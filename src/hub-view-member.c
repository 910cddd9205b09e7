/* hub-view-member.c: views of members (who sees keys, the watch flag, the
 * acts a viewer may take) and of the hub's configuration. Read only. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <string.h>

/* Fill v from m (taken over: v owns it now) for the handle's viewer. */
static void
member_view(struct hub_rd *r, struct member *m, struct hub_member_view *v)
{
	const struct actor *who = hub_rd_viewer(r);
	int admin = (who->roles & ROLE_ADMIN) != 0;
	int self = who->id != 0 && who->id == m->id;

	memset(v, 0, sizeof *v);
	v->m = *m;
	memset(m, 0, sizeof *m);
	v->nkeys = v->m.keys.n;
	v->watch = model_watch_flagged(&v->m);
	/* Keys are for the console and the member: nobody else needs to
	 * know which machines a member logs in from. */
	v->keys_shown = admin || self;
	if (!v->keys_shown) {
		str_list_free(&v->m.keys);
		str_list_free(&v->m.key_fps);
	}
	if (admin) {
		v->acts |= HUB_MEMBER_ACT_ROLES | HUB_MEMBER_ACT_KEYS;
		v->acts |= v->m.disabled ? HUB_MEMBER_ACT_ENABLE :
		    HUB_MEMBER_ACT_DISABLE;
	}
	if (self && !v->m.disabled)
		v->acts |= HUB_MEMBER_ACT_PREFS;
	if ((who->roles & ROLE_FACILITATOR) && v->watch)
		v->acts |= HUB_MEMBER_ACT_WATCH_CLEAR;
}

int
hub_member_view_get(struct hub_rd *r, const char *login,
    struct hub_member_view *v, struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct member m;
	int rc;

	memset(v, 0, sizeof *v);
	if (t == NULL)
		return e->code;
	rc = hub_member_by_login(t, login, &m, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no member '%.40s'", login);
	if (rc != 0)
		return rc;
	member_view(r, &m, v);
	return 0;
}

void
hub_member_view_free(struct hub_member_view *v)
{
	codec_free(RT_MEMBER, &v->m);
	memset(v, 0, sizeof *v);
}

struct mpage {
	struct hub_rd *r;
	hub_member_view_cb cb;
	void *arg;
	struct err *e;
};

static int
mpage_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mpage *p = arg;
	struct hub_member_view v;
	struct member m;
	int stop, rc;

	if ((rc = codec_decode(RT_MEMBER, data, len, &m, p->e)) != 0)
		return -rc;
	m.id = id;
	member_view(p->r, &m, &v);
	stop = p->cb(&v, p->arg);
	hub_member_view_free(&v);
	return stop != 0;
}

int
hub_member_page(struct hub_rd *r, const char *after, size_t limit,
    hub_member_view_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct mpage p = { r, cb, arg, e };

	return hub_page_scan(r, RT_MEMBER, 0, after, limit, mpage_rec, &p,
	    next, e);
}

uint64_t
hub_member_count(struct hub_rd *r)
{
	struct store_txn *t = hub_rd_txn(r);

	return t ? store_count(t, RT_MEMBER) : 0;
}

struct kwalk {
	hub_member_key_cb cb;
	void *arg;
	struct err *e;
	int rc;
};

static int
keys_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct kwalk *w = arg;
	struct member m;
	int stop = 0;

	(void)id;
	if ((w->rc = codec_decode(RT_MEMBER, data, len, &m, w->e)) != 0)
		return 1;
	if (!m.disabled && m.login != NULL)
		for (size_t i = 0; i < m.keys.n && !stop; i++)
			stop = w->cb(m.login, m.keys.v[i], w->arg);
	codec_free(RT_MEMBER, &m);
	return stop;
}

int
hub_member_keys_all(struct hub_rd *r, hub_member_key_cb cb, void *arg,
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	const struct actor *who = hub_rd_viewer(r);
	struct kwalk w = { cb, arg, e, 0 };
	int rc;

	if (t == NULL)
		return e->code;
	if (!who->console || !(who->roles & ROLE_ADMIN))
		return err_set(e, ERR_REFUSED, "the keys of every member are "
		    "for the host's console (an admin)");
	if ((rc = store_scan(t, RT_MEMBER, 0, 0, keys_cb, &w, e)) != 0)
		return rc;
	return w.rc;
}

void
hub_member_emit(struct emit *em, const struct hub_member_view *v,
    int detail)
{
	const struct member *m = &v->m;
	struct str_list roles = { 0 };
	char r[128];

	/* People read the roles in their language; JSON and CSV keep the
	 * tokens, as typed on the command line. */
	if (em->fmt == EMIT_TEXT || em->fmt == EMIT_MD)
		model_roles_label(m->roles, r, sizeof r);
	else
		model_roles_fmt(m->roles, r, sizeof r);
	for (char *p = r, *q; *p; p = q) {
		q = p + strcspn(p, ",");
		if (*q)
			*q++ = '\0';
		q += strspn(q, " ");
		str_list_push(&roles, p);
	}
	emit_u64(em, "id|", m->id);
	emit_str(em, "login", m->login);
	emit_str(em, "name", m->name);
	emit_str(em, "organisation", m->org);
	emit_str(em, "territory", m->territory);
	emit_words(em, "roles", &roles);
	emit_bool(em, "disabled", m->disabled != 0);
	emit_time(em, "created|since", m->created);
	if (!detail)
		goto out;
	emit_bool(em, "watch", v->watch);
	emit_u64(em, "blocks", m->watch_blocks);
	emit_u64(em, "withdrawals", m->watch_withdrawals);
	if (v->keys_shown) {
		emit_list_begin(em, "keys|key");
		for (size_t i = 0; i < m->keys.n; i++) {
			char type[64];
			snprintf(type, sizeof type, "%s", m->keys.v[i]);
			type[strcspn(type, " ")] = '\0';
			emit_rec_begin(em, NULL);
			emit_str(em, "fingerprint", i < m->key_fps.n ?
			    m->key_fps.v[i] : NULL);
			emit_str(em, "type", type);
			emit_str(em, "key|", m->keys.v[i]);
			emit_rec_end(em);
		}
		emit_list_end(em);
	}
out:
	str_list_free(&roles);
}

/* ---- configuration ---- */

int
hub_config_view(struct hub_rd *r, struct config *cfg, struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);

	memset(cfg, 0, sizeof *cfg);
	if (t == NULL)
		return e->code;
	return hub_config_get(t, cfg, e);
}

void
hub_config_emit(struct emit *em, const struct config *cfg)
{
	emit_str(em, "hub", cfg->hub_name);
	emit_strs(em, "territories", &cfg->territories);
	emit_strs(em, "categories", &cfg->categories);
	emit_strs(em, "publics", &cfg->publics);
	emit_strs(em, "sources", &cfg->sources);
	emit_str(em, "lang|language", hub_config_lang(cfg));
}

int
hub_key_owner(struct hub_rd *r, const char *fp, char *login, size_t n,
    struct err *e)
{
	struct member m;
	int rc;

	if ((rc = hub_member_by_fp(hub_rd_txn(r), fp, &m, e)) != 0)
		return rc;
	snprintf(login, n, "%s", m.login ? m.login : "");
	if (m.disabled)
		rc = err_set(e, ERR_REFUSED, "member %s is disabled", login);
	codec_free(RT_MEMBER, &m);
	return rc;
}
