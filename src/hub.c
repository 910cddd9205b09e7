/* hub.c: running operations (one write transaction each), actors and
 * roles, the hub configuration, and members with their SSH keys.
 * Must not print or read the terminal: callers show the errors. */
#include "hub.h"
#include "hub-batch.h"
#include "codec.h"
#include "i18n.h"

#include <openssl/sha.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
hub_actor_console(struct actor *a, const char *login)
{
	struct passwd *pw;
	const char *user = NULL;

	memset(a, 0, sizeof *a);
	pw = getpwuid(getuid());
	if (pw != NULL)
		user = pw->pw_name;
	if (user == NULL)
		user = "unknown";
	if (login != NULL) {
		snprintf(a->login, sizeof a->login, "%s", login);
		snprintf(a->label, sizeof a->label, "%s", login);
	} else {
		a->console = 1;
		snprintf(a->label, sizeof a->label, "console:%.60s", user);
	}
}

void
hub_actor_member(struct actor *a, const char *login)
{
	memset(a, 0, sizeof *a);
	snprintf(a->login, sizeof a->login, "%s", login);
	snprintf(a->label, sizeof a->label, "%s", login);
}

int
hub_open(const char *dir, int create, struct hub **out, struct err *e)
{
	struct hub *h = xcalloc(1, sizeof *h);
	int rc;

	if ((rc = store_open(dir, create, &h->st, e)) != 0) {
		free(h);
		return rc;
	}
	*out = h;
	return 0;
}

void
hub_close(struct hub *h)
{
	if (h == NULL)
		return;
	store_close(h->st);
	free(h);
}

int
hub_actor_resolve(struct store_txn *t, struct actor *a, struct err *e)
{
	struct member m;
	int rc;

	a->id = 0;
	a->roles = 0;
	if (a->console && a->login[0] == '\0') {
		a->roles = ROLE_ADMIN;
		return 0;
	}
	rc = hub_member_by_login(t, a->login, &m, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_REFUSED, "no member '%s'", a->login);
	if (rc != 0)
		return rc;
	if (m.disabled) {
		codec_free(RT_MEMBER, &m);
		return err_set(e, ERR_REFUSED, "member '%s' is disabled",
		    a->login);
	}
	a->id = m.id;
	a->roles = m.roles;
	codec_free(RT_MEMBER, &m);
	return 0;
}

int
hub_call(struct hub_ctx *c, struct hub *h, struct store_txn *t,
    struct actor *who, const char *op, const char *summary, hub_op_fn fn,
    void *arg, int *full, struct err *e)
{
	int rc;

	c->h = h;
	c->t = t;
	c->who = who;
	c->e = e;
	*full = 0;
	store_txn_set_op(t, who->label, op, summary);
	rc = hub_actor_resolve(t, who, e);
	if (rc == 0)
		rc = fn(c, arg);
	if (rc == 0)
		return 0;
	/* Only a store write that hit the map's end means "grow and
	 * redo"; never a message's wording (a refusal may quote member
	 * text). */
	*full = store_txn_map_full(t);
	store_abort(t);
	return err_exit_code(e) == 0 ? ERR_SYSTEM : rc;
}

/* Every process alone (CERCLE_GROUP_COMMIT=0, or no queue): hub_run
 * and hub_run_batch in hub-batch.c come here then. */
int
hub_run_direct(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, void *arg, struct err *e)
{
	struct hub_ctx c;
	struct store_txn *t;
	int rc, full, tries;

	for (tries = 0; tries < 12; tries++) {
		err_clear(e);
		if ((rc = store_begin(h->st, 1, &t, e)) != 0)
			return rc;
		if ((rc = hub_call(&c, h, t, who, op, summary, fn, arg, &full,
		    e)) != 0) {
			if (!full)
				return rc;
		} else if ((rc = store_commit(c.t, &full, e)) == 0)
			return 0;
		else if (!full)
			return rc;
		/* The map is full: grow it and redo the whole operation. */
		if ((rc = store_grow(h->st, e)) != 0)
			return rc;
	}
	return err_set(e, ERR_SYSTEM, "the database cannot grow any more");
}

int
hub_require(struct hub_ctx *c, uint64_t roles, const char *what)
{
	return hub_role_check(c->who, roles, what, c->e);
}

int
hub_push_lang(struct hub_ctx *c)
{
	struct config cfg;
	int rc;

	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	i18n_push_lang(hub_config_lang(&cfg));
	codec_free(RT_CONFIG, &cfg);
	return 0;
}

void
hub_set_summary(struct hub_ctx *c, const char *summary)
{
	store_txn_set_op(c->t, c->who->label,
	    NULL, summary);
}

void
hub_set_op(struct hub_ctx *c, const char *op, const char *summary)
{
	store_txn_set_op(c->t, c->who->label, op, summary);
}

int
hub_read(struct hub *h, struct store_txn **t, struct err *e)
{
	return store_begin(h->st, 0, t, e);
}

void
hub_read_end(struct store_txn *t)
{
	store_abort(t);
}

int
hub_member_by_login(struct store_txn *t, const char *login, struct member *m,
    struct err *e)
{
	uint64_t id;
	int rc;

	rc = store_ix_get(t, IX_MEMBER_LOGIN, login, strlen(login), &id, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no member '%.40s'", login);
	if (rc != 0)
		return rc;
	return store_get(t, RT_MEMBER, id, m, e);
}

int
hub_member_by_fp(struct store_txn *t, const char *fp, struct member *m,
    struct err *e)
{
	uint64_t id;
	int rc;

	rc = store_ix_get(t, IX_KEY_FP, fp, strlen(fp), &id, e);
	if (rc != 0)
		return rc;
	return store_get(t, RT_MEMBER, id, m, e);
}

const char *
hub_login_of(struct store_txn *t, uint64_t id, char *out, size_t n)
{
	struct member m;
	struct err e;

	if (id != 0 && store_get(t, RT_MEMBER, id, &m, &e) == 0) {
		snprintf(out, n, "%s", m.login ? m.login : "?");
		codec_free(RT_MEMBER, &m);
	} else
		snprintf(out, n, "#%llu", (unsigned long long)id);
	return out;
}

int
hub_config_get(struct store_txn *t, struct config *cfg, struct err *e)
{
	int rc = store_get(t, RT_CONFIG, 1, cfg, e);

	if (rc == ERR_NOTFOUND) {
		err_set(e, ERR_SYSTEM, "this database has no hub "
		    "configuration");
		err_hint(e, N_("run 'cercle init'"));
		return ERR_SYSTEM;
	}
	return rc;
}

/* Offered: the configured values at most one edit in three away from
 * what was typed (at least one edit), on the folded forms, and those that
 * begin with it; the nearest three at most. */
#define MATCH_SHOWN 3

int
hub_config_match(const struct str_list *l, const char *what,
    const char *value, struct err *e)
{
	char fv[4 * MAX_SHORT + 8], fc[4 * MAX_SHORT + 8], s[MAX_SHORT + 8];
	size_t best[MATCH_SHOWN], dist[MATCH_SHOWN], nb = 0, fl;
	struct buf b = { 0 };

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], value) == 0)
			return (int)i;
	util_fold(value, fv, sizeof fv);
	fl = strlen(fv);
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(util_fold(l->v[i], fc, sizeof fc), fv) == 0)
			return (int)i;
	/* The nearest few, nearest first (ties in configuration order). */
	for (size_t i = 0; i < l->n; i++) {
		size_t d = util_edit_distance(fv, util_fold(l->v[i], fc,
		    sizeof fc)), j;
		if (fl > 0 && strncmp(fc, fv, fl) == 0)
			d = 0;
		if (d > (fl >= 6 ? fl / 3 : 1))
			continue;
		for (j = nb; j > 0 && dist[j - 1] > d; j--)
			if (j < MATCH_SHOWN) {
				best[j] = best[j - 1];
				dist[j] = dist[j - 1];
			}
		if (j < MATCH_SHOWN) {
			best[j] = i;
			dist[j] = d;
			if (nb < MATCH_SHOWN)
				nb++;
		}
	}
	for (size_t j = 0; j < nb; j++) {
		/* TRANSLATORS: between the last two values offered. */
		buf_puts(&b, j == 0 ? "" : j + 1 == nb ? _(" or ") : ", ");
		/* TRANSLATORS: a value offered, quoted (« %s »). */
		buf_printf(&b, _("'%s'"), util_safe(l->v[best[j]], s,
		    sizeof s));
	}
	util_safe(value, s, sizeof s);
	/* One whole sentence per list, so that each language can agree
	 * its words (une catégorie inconnue, un territoire inconnu). */
	static const char *const fmts[][3] = {
		{ "territory", N_("unknown territory '%s'"),
		    N_("unknown territory '%s': did you mean %s?") },
		{ "category", N_("unknown category '%s'"),
		    N_("unknown category '%s': did you mean %s?") },
		{ "public", N_("unknown public '%s'"),
		    N_("unknown public '%s': did you mean %s?") },
		{ "source", N_("unknown source '%s'"),
		    N_("unknown source '%s': did you mean %s?") },
		{ "", N_("unknown value '%s'"),
		    N_("unknown value '%s': did you mean %s?") },
	};
	size_t f = 0;

	while (fmts[f][0][0] != '\0' && strcmp(fmts[f][0], what) != 0)
		f++;
	if (nb)
		err_set(e, ERR_REFUSED, fmts[f][2], s, b.p);
	else
		err_set(e, ERR_REFUSED, fmts[f][1], s);
	/* The list is the CLI's to name; the interface offers its own. */
	err_hint(e, N_("see 'cercle config show'"));
	buf_free(&b);
	return -1;
}

/* ---- set-up ---- */

static const char *default_territories[] = {
	"Aix-Marseille", "Alpes", "Avignon", "Azur", NULL
};
static const char *default_categories[] = {
	"accès aux droits", "équipement", "connexion", "compétences de base",
	"accompagnement", "parentalité numérique", "emploi et insertion",
	"santé", "éducation", "administration en ligne", "sécurité et "
	"confiance", "mobilité", "inclusion des personnes âgées",
	"médiation et formation des aidants", NULL
};
static const char *default_publics[] = {
	"particulier", "jeune", "senior", "personne en emploi",
	"demandeur d'emploi", "petite structure", "service public",
	"association", "entreprise", NULL
};
static const char *default_sources[] = {
	"observation de terrain", "statistiques pass numérique",
	"étude nationale", "étude locale", "focus group",
	"porteurs de parole", NULL
};

struct init_arg {
	const char *name;
};

static void
list_fill(struct str_list *l, const char **v)
{
	for (; *v; v++)
		str_list_push(l, *v);
}

static int
op_init(struct hub_ctx *c, void *argp)
{
	struct init_arg *a = argp;
	struct config cfg;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "create the hub")) != 0)
		return rc;
	rc = store_get(c->t, RT_CONFIG, 1, &cfg, c->e);
	if (rc == 0) {
		codec_free(RT_CONFIG, &cfg);
		return err_set(c->e, ERR_REFUSED, "this database already "
		    "holds a hub");
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	memset(&cfg, 0, sizeof cfg);
	cfg.id = 1;
	cfg.hub_name = xstrdup(a->name);
	cfg.created = util_now();
	list_fill(&cfg.territories, default_territories);
	list_fill(&cfg.categories, default_categories);
	list_fill(&cfg.publics, default_publics);
	list_fill(&cfg.sources, default_sources);
	cfg.lang = xstrdup("fr");
	hub_opendata_defaults(&cfg);
	rc = store_put(c->t, RT_CONFIG, 1, &cfg, c->e);
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

int
hub_init(struct hub *h, struct actor *who, const char *name, struct err *e)
{
	struct init_arg a = { name ? name : "Hub du Sud" };

	if (text_check("hub name", a.name, MAX_NAME, 0, e) != 0)
		return e->code;
	if (a.name[0] == '\0')
		return err_set(e, ERR_USAGE, "the hub name is empty");
	if (hub_run(h, who, "hub.init", a.name, op_init, &a, e) != 0)
		return e->code;
	/* The key that signs the journal's checkpoints (and that `serve`
	 * uses): without it the checkpoints go unsigned, nothing fails. */
	store_host_key_ensure(h->st, &(struct err){ 0 });
	return 0;
}

struct cfg_arg {
	const char *list;
	int add;
	const char *value;
	const char *name;
	const char *lang;
};

static struct str_list *
cfg_list(struct config *cfg, const char *name)
{
	if (strcmp(name, "territories") == 0)
		return &cfg->territories;
	if (strcmp(name, "categories") == 0)
		return &cfg->categories;
	if (strcmp(name, "publics") == 0)
		return &cfg->publics;
	if (strcmp(name, "sources") == 0)
		return &cfg->sources;
	return NULL;
}

/* One value of the list: "territory" for territories. */
static const char *
cfg_what(const char *list)
{
	static const char *w[][2] = { { "territories", "territory" },
	    { "categories", "category" }, { "publics", "public" },
	    { "sources", "source" } };

	for (size_t i = 0; i < 4; i++)
		if (strcmp(list, w[i][0]) == 0)
			return w[i][1];
	return list;
}

static int
op_config_edit(struct hub_ctx *c, void *argp)
{
	struct cfg_arg *a = argp;
	struct config cfg;
	struct str_list *l;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "edit the hub "
	    "configuration")) != 0)
		return rc;
	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	if (a->name != NULL) {
		str_replace(&cfg.hub_name, a->name);
		goto write;
	}
	if (a->lang != NULL) {
		str_replace(&cfg.lang, a->lang);
		goto write;
	}
	l = cfg_list(&cfg, a->list);
	if (a->add) {
		char fv[4 * MAX_SHORT + 8], fc[4 * MAX_SHORT + 8];
		util_fold(a->value, fv, sizeof fv);
		for (size_t i = 0; i < l->n; i++)
			if (strcmp(util_fold(l->v[i], fc, sizeof fc),
			    fv) == 0) {
				rc = err_set(c->e, ERR_REFUSED, "'%s' is "
				    "already in %s as '%s' (values are "
				    "matched ignoring case and accents)",
				    a->value, a->list, l->v[i]);
				goto out;
			}
		if (l->n >= 200) {
			rc = err_set(c->e, ERR_REFUSED, "%s holds 200 values "
			    "already", a->list);
			goto out;
		}
		str_list_push(l, a->value);
	} else {
		int k = hub_config_match(l, cfg_what(a->list), a->value,
		    c->e);
		size_t i = (size_t)k;
		if (k < 0) {
			rc = ERR_REFUSED;
			goto out;
		}
		free(l->v[i]);
		memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
		l->n--;
	}
write:
	rc = store_put(c->t, RT_CONFIG, 1, &cfg, c->e);
out:
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

int
hub_config_edit(struct hub *h, struct actor *who, const char *list, int add,
    const char *value, struct err *e)
{
	struct cfg_arg a = { list, add, value, NULL, NULL };
	struct config dummy;

	memset(&dummy, 0, sizeof dummy);
	if (cfg_list(&dummy, list) == NULL)
		return err_set(e, ERR_USAGE, "unknown list '%.40s' "
		    "(territories, categories, publics, sources)", list);
	if (text_check(list, value, MAX_SHORT, 0, e) != 0)
		return e->code;
	if (value[0] == '\0')
		return err_set(e, ERR_USAGE, "the value is empty");
	return hub_run(h, who, add ? "config.add" : "config.remove", value,
	    op_config_edit, &a, e);
}

int
hub_config_rename(struct hub *h, struct actor *who, const char *name,
    struct err *e)
{
	struct cfg_arg a = { NULL, 0, NULL, name, NULL };

	if (text_check("hub name", name, MAX_NAME, 0, e) != 0)
		return e->code;
	if (name[0] == '\0')
		return err_set(e, ERR_USAGE, "the hub name is empty");
	return hub_run(h, who, "config.rename", name, op_config_edit, &a, e);
}

int
hub_config_set_lang(struct hub *h, struct actor *who, const char *lang,
    struct err *e)
{
	struct cfg_arg a = { NULL, 0, NULL, NULL, lang };

	if (lang == NULL || (strcmp(lang, "fr") != 0 &&
	    strcmp(lang, "en") != 0))
		return err_set(e, ERR_USAGE, "the hub's language must be fr "
		    "or en");
	return hub_run(h, who, "config.lang", lang, op_config_edit, &a, e);
}

const char *
hub_config_lang(const struct config *cfg)
{
	return cfg->lang != NULL && cfg->lang[0] != '\0' ? cfg->lang : "fr";
}

int
hub_lang_prefs(struct hub *h, const char *login, char member[8],
    char hub[8], struct err *e)
{
	struct store_txn *t;
	struct config cfg;
	struct member m;
	struct err ignored;
	int rc;

	member[0] = hub[0] = '\0';
	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	/* No hub yet, or no such member: nothing to choose from. */
	if (hub_config_get(t, &cfg, &ignored) == 0) {
		snprintf(hub, 8, "%s", hub_config_lang(&cfg));
		codec_free(RT_CONFIG, &cfg);
	}
	if (login != NULL && login[0] != '\0' &&
	    hub_member_by_login(t, login, &m, &ignored) == 0) {
		snprintf(member, 8, "%s", m.lang != NULL ? m.lang : "");
		codec_free(RT_MEMBER, &m);
	}
	hub_read_end(t);
	return 0;
}

/* ---- members ---- */

struct member_arg {
	const char *login, *name, *territory, *org;
	uint64_t roles;
	uint64_t id;
	int disabled;
	const char *keyline;
	char canon[MAX_KEYLINE + 1];
	char fp[64];
	const char *which;
	int low_bandwidth;
	const char *lang;
};

/* The configured spelling of territory into out (n bytes). */
static int
check_territory(struct hub_ctx *c, const char *territory, char *out,
    size_t n)
{
	struct config cfg;
	int rc, ok;

	if (territory == NULL)
		return 0;
	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	ok = hub_config_match(&cfg.territories, "territory", territory,
	    c->e);
	if (ok >= 0)
		snprintf(out, n, "%s", cfg.territories.v[ok]);
	codec_free(RT_CONFIG, &cfg);
	return ok >= 0 ? 0 : ERR_REFUSED;
}

static int
op_member_add(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m;
	char terr[MAX_SHORT + 1];
	uint64_t id;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "add a member")) != 0)
		return rc;
	if ((rc = check_territory(c, a->territory, terr,
	    sizeof terr)) != 0)
		return rc;
	if (store_ix_get(c->t, IX_MEMBER_LOGIN, a->login, strlen(a->login),
	    &id, c->e) == 0)
		return err_set(c->e, ERR_REFUSED, "login '%s' is already "
		    "taken", a->login);
	if ((rc = store_next_id(c->t, RT_MEMBER, &id, c->e)) != 0)
		return rc;
	memset(&m, 0, sizeof m);
	m.login = (char *)a->login;
	m.name = (char *)a->name;
	m.territory = a->territory != NULL ? terr : NULL;
	m.org = (char *)a->org;
	m.roles = a->roles;
	m.created = util_now();
	rc = store_put(c->t, RT_MEMBER, id, &m, c->e);
	a->id = id;
	return rc;
}

static void
member_add_enc(const void *argp, struct bq_enc *pk)
{
	const struct member_arg *a = argp;

	bq_array(pk, 5);
	bq_str(pk, a->login);
	bq_str(pk, a->name);
	bq_str(pk, a->territory);
	bq_str(pk, a->org);
	bq_u64(pk, a->roles);
}

static int
member_add_dec(struct bq_dec *d, void *argp)
{
	struct member_arg *a = argp;

	a->login = bd_str(d);
	a->name = bd_str(d);
	a->territory = bd_str(d);
	a->org = bd_str(d);
	a->roles = bd_u64(d);
	return a->login != NULL && a->name != NULL ? 0 : -1;
}

static void
member_add_out_get(const void *argp, uint64_t out[SQ_OUT])
{
	out[0] = ((const struct member_arg *)argp)->id;
}

static void
member_add_out_put(void *argp, const uint64_t out[SQ_OUT])
{
	((struct member_arg *)argp)->id = out[0];
}

const struct hub_bop hub_bop_member_add = {
	BOP_MEMBER_ADD, op_member_add, sizeof(struct member_arg),
	member_add_enc, member_add_dec, member_add_out_get, member_add_out_put
};

int
hub_member_add(struct hub *h, struct actor *who, const char *login,
    const char *name, uint64_t roles, const char *territory, const char *org,
    uint64_t *id, struct err *e)
{
	struct member_arg a;

	memset(&a, 0, sizeof a);
	a.login = login;
	a.name = name;
	a.roles = roles;
	a.territory = territory;
	a.org = org;
	if (login_check(login, e) != 0 ||
	    text_check("name", name, MAX_NAME, 0, e) != 0 ||
	    text_check("territory", territory, MAX_SHORT, 0, e) != 0 ||
	    text_check("organisation", org, MAX_SHORT, 0, e) != 0)
		return e->code;
	if (name == NULL || name[0] == '\0')
		return err_set(e, ERR_USAGE, "a member needs a name (--name)");
	/* member forget renames to "former-ID" (model-redact.c). */
	if (strncmp(login, "former-", 7) == 0)
		return err_set(e, ERR_USAGE, "logins starting with 'former-' "
		    "are kept for forgotten members");
	if (roles == 0 || (roles & ~(uint64_t)ROLE_ALL))
		return err_set(e, ERR_USAGE, "a member needs a valid role");
	if (hub_run_batch(h, who, &hub_bop_member_add, "member.add", login,
	    &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
member_load(struct hub_ctx *c, const char *login, struct member *m)
{
	int rc = hub_member_by_login(c->t, login, m, c->e);

	if (rc == ERR_NOTFOUND)
		return err_set(c->e, ERR_REFUSED, "no member '%.40s'", login);
	return rc;
}

static int
op_member_roles(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "change roles")) != 0)
		return rc;
	if ((rc = member_load(c, a->login, &m)) != 0)
		return rc;
	m.roles = a->roles;
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_set_roles(struct hub *h, struct actor *who, const char *login,
    uint64_t roles, struct err *e)
{
	struct member_arg a;

	memset(&a, 0, sizeof a);
	a.login = login;
	a.roles = roles;
	if (roles == 0 || (roles & ~(uint64_t)ROLE_ALL))
		return err_set(e, ERR_USAGE, "a member needs a valid role");
	return hub_run(h, who, "member.roles", login, op_member_roles, &a, e);
}

static int
op_member_disable(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, a->disabled ?
	    N_("disable a member") : N_("enable a member"))) != 0)
		return rc;
	if ((rc = member_load(c, a->login, &m)) != 0)
		return rc;
	if ((m.disabled != 0) == (a->disabled != 0)) {
		rc = err_set(c->e, ERR_REFUSED, "member '%s' is already %s",
		    a->login, a->disabled ? "disabled" : "enabled");
		codec_free(RT_MEMBER, &m);
		return rc;
	}
	if (a->disabled && c->who->id == m.id) {
		codec_free(RT_MEMBER, &m);
		return err_set(c->e, ERR_REFUSED, "you may not disable "
		    "yourself");
	}
	m.disabled = a->disabled ? 1 : 0;
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_set_disabled(struct hub *h, struct actor *who, const char *login,
    int disabled, struct err *e)
{
	struct member_arg a;

	memset(&a, 0, sizeof a);
	a.login = login;
	a.disabled = disabled;
	return hub_run(h, who, disabled ? "member.disable" : "member.enable",
	    login, op_member_disable, &a, e);
}

/* ---- SSH public keys ---- */

static int
b64_val(int ch)
{
	if (ch >= 'A' && ch <= 'Z') return ch - 'A';
	if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9') return ch - '0' + 52;
	if (ch == '+') return 62;
	if (ch == '/') return 63;
	return -1;
}

/* Strict base64 decoding; returns the length or -1. */
static long
b64_decode(const char *s, size_t n, uint8_t *out, size_t outn)
{
	size_t o = 0, i;
	uint32_t acc = 0;
	int bits = 0, pad = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '=') {
			pad++;
			continue;
		}
		int v = b64_val((unsigned char)s[i]);
		if (v < 0 || pad)
			return -1;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == outn)
				return -1;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	if (pad > 2 || (n % 4) != 0)
		return -1;
	return (long)o;
}

static void
b64_encode_nopad(const uint8_t *p, size_t n, char *out, size_t outn)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && o + 2 < outn; i++) {
		acc = (acc << 8) | p[i];
		bits += 8;
		while (bits >= 6 && o + 1 < outn) {
			bits -= 6;
			out[o++] = tab[(acc >> bits) & 63];
		}
	}
	if (bits > 0 && o + 1 < outn)
		out[o++] = tab[(acc << (6 - bits)) & 63];
	out[o] = '\0';
}

static const char *key_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
	"ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
	NULL
};

int
hub_key_parse(const char *line, char *canon, size_t cn, char *fp, size_t fpn,
    struct err *e)
{
	char type[64];
	const char *p = line, *b64, *comment;
	size_t tn, bn, i;
	uint8_t *blob;
	long blen;
	uint8_t h[32];
	char enc[64];

	if (text_check("key", line, MAX_KEYLINE, 0, e) != 0)
		return e->code;
	while (*p == ' ')
		p++;
	tn = strcspn(p, " ");
	if (tn == 0 || tn >= sizeof type)
		return err_set(e, ERR_USAGE, "not an OpenSSH public key line "
		    "(expected 'ssh-ed25519 AAAA... comment')");
	memcpy(type, p, tn);
	type[tn] = '\0';
	for (i = 0; key_types[i]; i++)
		if (strcmp(key_types[i], type) == 0)
			break;
	if (key_types[i] == NULL)
		return err_set(e, ERR_USAGE, "unsupported key type '%.40s' "
		    "(ssh-ed25519, ssh-rsa, ecdsa-sha2-*, sk-*)", type);
	b64 = p + tn;
	while (*b64 == ' ')
		b64++;
	bn = strcspn(b64, " ");
	comment = b64 + bn;
	while (*comment == ' ')
		comment++;
	blob = xmalloc(bn);
	blen = b64_decode(b64, bn, blob, bn);
	if (blen < 4 + (long)tn) {
		free(blob);
		return err_set(e, ERR_USAGE, "the key's base64 part is "
		    "damaged");
	}
	uint32_t inner = ((uint32_t)blob[0] << 24) | ((uint32_t)blob[1] << 16) |
	    ((uint32_t)blob[2] << 8) | blob[3];
	if (inner != tn || memcmp(blob + 4, type, tn) != 0) {
		free(blob);
		return err_set(e, ERR_USAGE, "the key's data does not match "
		    "its type '%s'", type);
	}
	SHA256(blob, (size_t)blen, h);
	free(blob);
	b64_encode_nopad(h, 32, enc, sizeof enc);
	snprintf(fp, fpn, "SHA256:%s", enc);
	if (*comment)
		snprintf(canon, cn, "%s %.*s %s", type, (int)bn, b64, comment);
	else
		snprintf(canon, cn, "%s %.*s", type, (int)bn, b64);
	return 0;
}

static int
op_key_add(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m, other;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "add a key")) != 0)
		return rc;
	if ((rc = member_load(c, a->login, &m)) != 0)
		return rc;
	rc = hub_member_by_fp(c->t, a->fp, &other, c->e);
	if (rc == 0) {
		rc = err_set(c->e, ERR_REFUSED, "this key (%s) already "
		    "belongs to '%s'", a->fp, other.login);
		codec_free(RT_MEMBER, &other);
		goto out;
	}
	if (rc != ERR_NOTFOUND)
		goto out;
	if (m.keys.n >= 16) {
		rc = err_set(c->e, ERR_REFUSED, "'%s' has 16 keys already",
		    a->login);
		goto out;
	}
	str_list_push(&m.keys, a->canon);
	str_list_push(&m.key_fps, a->fp);
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
out:
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_key_add(struct hub *h, struct actor *who, const char *login,
    const char *keyline, char *fp_out, size_t fpn, struct err *e)
{
	struct member_arg a;
	int rc;

	memset(&a, 0, sizeof a);
	a.login = login;
	if ((rc = hub_key_parse(keyline, a.canon, sizeof a.canon, a.fp,
	    sizeof a.fp, e)) != 0)
		return rc;
	if ((rc = hub_run(h, who, "member.key.add", a.fp, op_key_add, &a,
	    e)) != 0)
		return rc;
	if (fp_out)
		snprintf(fp_out, fpn, "%s", a.fp);
	return 0;
}

static int
op_key_remove(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m;
	uint64_t idx = 0;
	size_t i;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "remove a key")) != 0)
		return rc;
	if ((rc = member_load(c, a->login, &m)) != 0)
		return rc;
	if (util_parse_u64(a->which, &idx) == 0 && idx >= 1 &&
	    idx <= m.key_fps.n)
		i = (size_t)idx - 1;
	else {
		for (i = 0; i < m.key_fps.n; i++)
			if (strcmp(m.key_fps.v[i], a->which) == 0)
				break;
	}
	if (i >= m.key_fps.n) {
		rc = err_set(c->e, ERR_REFUSED, "'%s' has no key '%.60s'",
		    a->login, a->which);
		goto out;
	}
	free(m.keys.v[i]);
	free(m.key_fps.v[i]);
	memmove(&m.keys.v[i], &m.keys.v[i + 1],
	    (m.keys.n - i - 1) * sizeof *m.keys.v);
	memmove(&m.key_fps.v[i], &m.key_fps.v[i + 1],
	    (m.key_fps.n - i - 1) * sizeof *m.key_fps.v);
	m.keys.n--;
	m.key_fps.n--;
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
out:
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_key_remove(struct hub *h, struct actor *who, const char *login,
    const char *which, struct err *e)
{
	struct member_arg a;

	memset(&a, 0, sizeof a);
	a.login = login;
	a.which = which;
	return hub_run(h, who, "member.key.remove", which, op_key_remove, &a,
	    e);
}

static int
op_prefs(struct hub_ctx *c, void *argp)
{
	struct member_arg *a = argp;
	struct member m;
	int rc;

	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "preferences belong to a "
		    "member: use --as LOGIN");
	if ((rc = store_get(c->t, RT_MEMBER, c->who->id, &m, c->e)) != 0)
		return rc;
	if (a->low_bandwidth >= 0)
		m.low_bandwidth = a->low_bandwidth ? 1 : 0;
	if (a->lang != NULL)
		str_replace(&m.lang, a->lang[0] ? a->lang : NULL);
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_member_set_prefs(struct hub *h, struct actor *who, int low_bandwidth,
    const char *lang, struct err *e)
{
	struct member_arg a;

	memset(&a, 0, sizeof a);
	a.low_bandwidth = low_bandwidth;
	a.lang = lang;
	if (lang != NULL && lang[0] && strcmp(lang, "fr") != 0 &&
	    strcmp(lang, "en") != 0)
		return err_set(e, ERR_USAGE, "language must be fr or en");
	return hub_run(h, who, "member.prefs", NULL, op_prefs, &a, e);
}
