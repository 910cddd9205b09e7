/* hub-view-datapackage.c: the open data as a Frictionless data package: one
 * table of fields drives the CSV rows, datapackage.json and the README.
 * Read only, through a read handle; writes no file (the CLI does). */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the schema: every resource and its fields ---- */

enum { F_REQ = 1, F_UNIQ = 2, F_MIN0 = 4 };

struct dp_field {
	const char *name, *type, *format;
	int flags;
	const char *pattern;		/* constraints.pattern, or NULL */
	const char *const *enums;	/* constraints.enum, or NULL */
	const char *fr;			/* the description, in French */
};

struct dp_fkey {
	const char *field, *resource, *ref;	/* resource "": itself */
};

struct dp_res {
	const char *name, *title_fr;
	const struct dp_field *fields;
	const char *pkey[2];
	struct dp_fkey fkeys[6];
};

static const char *const need_status[] = { "reported", "qualified",
	"prioritised", "in-switch", "addressed", "merged", "archived", NULL };
static const char *const action_status[] = { "todo", "doing", "done",
	"dropped", NULL };
static const char *const results[] = { "retained", "rejected",
	"no-decision", NULL };
static const char *const options[] = { "approve", "alert", "withdraw",
	"block", NULL };
static const char *const round_kinds[] = { "needs", "categories", NULL };
static const char *const motion_status[] = { "open", "retained",
	"rejected", "no-decision", "adjourned", "escalated", NULL };

#define ROUND_RE "^[0-9]{4}-B[1-6]$"
#define INSEE_RE "^([013-9][0-9]|2[AB1-9])[0-9]{3}$"
#define SEP " (plusieurs valeurs séparées par « ; »)"

static const struct dp_field f_terr[] = {
	{ "value", "string", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Nom du territoire tel que le hub l’écrit." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_cat[] = {
	{ "value", "string", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Catégorie de besoin telle que le hub l’écrit." },
	{ "thematiques", "string", NULL, 0, NULL, NULL,
	    "Codes des thématiques nationales de la médiation numérique "
	    "(La Coop de la médiation numérique, ou data·inclusion "
	    "« numerique--… ») correspondant à la catégorie" SEP "." },
	{ "thematiques_labels", "string", NULL, 0, NULL, NULL,
	    "Libellés de ces thématiques" SEP "." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_pub[] = {
	{ "value", "string", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Public tel que le hub l’écrit." },
	{ "publics", "string", NULL, 0, NULL, NULL,
	    "Codes du référentiel « publics » de data·inclusion (v1) "
	    "correspondant" SEP "." },
	{ "publics_labels", "string", NULL, 0, NULL, NULL,
	    "Libellés de ces publics" SEP "." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_need[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant du besoin dans le hub." },
	{ "title", "string", NULL, F_REQ, NULL, NULL, "Intitulé du besoin." },
	{ "description", "string", NULL, 0, NULL, NULL,
	    "Description (texte libre, peut tenir sur plusieurs lignes)." },
	{ "territory", "string", NULL, F_REQ, NULL, NULL,
	    "Territoire où le besoin a été signalé (voir territoires)." },
	{ "category", "string", NULL, 0, NULL, NULL,
	    "Catégorie du hub (voir categories)." },
	{ "thematiques", "string", NULL, 0, NULL, NULL,
	    "Codes nationaux de la catégorie" SEP "." },
	{ "public", "string", NULL, 0, NULL, NULL,
	    "Public concerné, mot du hub (voir publics)." },
	{ "publics", "string", NULL, 0, NULL, NULL,
	    "Codes data·inclusion du public" SEP "." },
	{ "source", "string", NULL, 0, NULL, NULL,
	    "Origine de l’information (observation de terrain, étude, "
	    "focus group…)." },
	{ "round", "string", NULL, F_REQ, ROUND_RE, NULL,
	    "Campagne de collecte : AAAA-Bn, n de 1 (janvier-février) à 6."},
	{ "status", "string", NULL, F_REQ, NULL, need_status,
	    "État : reported (signalé), qualified (qualifié), prioritised "
	    "(priorisé), in-switch (en Switch), addressed (traité), merged "
	    "(fusionné dans un autre), archived (archivé)." },
	{ "created", "datetime", "default", F_REQ, NULL, NULL,
	    "Date de signalement (ISO 8601, UTC)." },
	{ "updated", "datetime", "default", 0, NULL, NULL,
	    "Dernière modification (ISO 8601, UTC)." },
	{ "supports", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Nombre de soutiens « vu ici aussi »." },
	{ "territories", "string", NULL, 0, NULL, NULL,
	    "Territoires où le besoin a été vu" SEP "." },
	{ "practices", "string", NULL, 0, NULL, NULL,
	    "Bonnes pratiques liées (texte ou lien)" SEP " ; un « ; » "
	    "dans une pratique est écrit « , »." },
	{ "merged_into", "integer", NULL, 0, NULL, NULL,
	    "Besoin dans lequel celui-ci a été fusionné (doublon)." },
	{ "insee", "string", NULL, 0, INSEE_RE, NULL,
	    "Code INSEE de la commune." },
	{ "external_id", "string", NULL, 0, NULL, NULL,
	    "Identifiant du besoin dans la source d’où il a été importé." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_sup[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant du soutien." },
	{ "need", "integer", NULL, F_REQ, NULL, NULL, "Besoin soutenu." },
	{ "territory", "string", NULL, F_REQ, NULL, NULL,
	    "Territoire d’où vient le soutien." },
	{ "round", "string", NULL, F_REQ, ROUND_RE, NULL,
	    "Campagne de collecte de la date du soutien." },
	{ "created", "datetime", "default", F_REQ, NULL, NULL,
	    "Date du soutien (ISO 8601, UTC)." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_cround[] = {
	{ "round", "string", NULL, F_REQ | F_UNIQ, ROUND_RE, NULL,
	    "Campagne de collecte (tous les deux mois)." },
	{ "start", "date", "default", F_REQ, NULL, NULL,
	    "Premier jour de la campagne." },
	{ "end", "date", "default", F_REQ, NULL, NULL,
	    "Dernier jour de la campagne." },
	{ "needs", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Besoins signalés pendant la campagne." },
	{ "supports", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Soutiens donnés pendant la campagne." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_pround[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant du tour de priorisation (vote par points)." },
	{ "title", "string", NULL, F_REQ, NULL, NULL, "Intitulé du tour." },
	{ "kind", "string", NULL, F_REQ, NULL, round_kinds,
	    "Objet du vote : needs (des besoins) ou categories (des "
	    "catégories)." },
	{ "budget", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Points que chaque votant répartit." },
	{ "closed", "boolean", NULL, F_REQ, NULL, NULL,
	    "Le tour est clos (true) et son classement publié." },
	{ "opened", "datetime", "default", 0, NULL, NULL, "Ouverture." },
	{ "closed_at", "datetime", "default", 0, NULL, NULL, "Clôture." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_presult[] = {
	{ "round", "integer", NULL, F_REQ, NULL, NULL,
	    "Tour de priorisation (clos)." },
	{ "rank", "integer", NULL, F_REQ, NULL, NULL,
	    "Rang dans le classement (1 : le premier)." },
	{ "need", "integer", NULL, 0, NULL, NULL,
	    "Besoin classé (tour sur des besoins)." },
	{ "category", "string", NULL, 0, NULL, NULL,
	    "Catégorie classée (tour sur des catégories)." },
	{ "points", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Points reçus." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_theme[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant de la thématique de travail." },
	{ "title", "string", NULL, F_REQ, NULL, NULL, "Intitulé." },
	{ "round", "integer", NULL, 0, NULL, NULL,
	    "Tour de priorisation d’où elle vient." },
	{ "switch", "string", NULL, 0, NULL, NULL,
	    "Switch (hackathon de 48 heures) où elle est travaillée." },
	{ "needs", "string", NULL, 0, NULL, NULL,
	    "Besoins qu’elle regroupe (identifiants)" SEP "." },
	{ "spec", "string", NULL, 0, NULL, NULL, "Cahier des charges." },
	{ "created", "datetime", "default", 0, NULL, NULL, "Création." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_motion[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant de la proposition (motion, au sens de Popolo)." },
	{ "tension", "integer", NULL, 0, NULL, NULL,
	    "Tension (point de l’ordre du jour) qu’elle traite." },
	{ "text", "string", NULL, F_REQ, NULL, NULL,
	    "Texte de la dernière version." },
	{ "versions", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Nombre de versions (amendements compris)." },
	{ "requirement", "string", NULL, F_REQ, NULL, NULL,
	    "Règle : consent (rejetée par deux blocages) ou unanimity (un "
	    "blocage suffit)." },
	{ "status", "string", NULL, F_REQ, NULL, motion_status,
	    "État : open (ouverte), retained (retenue), rejected "
	    "(rejetée), no-decision, adjourned (ajournée), escalated "
	    "(transmise aux sages)." },
	{ "meeting", "integer", NULL, 0, NULL, NULL,
	    "Réunion (proposition en séance)." },
	{ "closes", "datetime", "default", 0, NULL, NULL,
	    "Clôture prévue d’un tour électronique." },
	{ "created", "datetime", "default", F_REQ, NULL, NULL, "Dépôt." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_vevent[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant du tour de consentement (vote event), celui de "
	    "la proposition ; seuls les tours clos sont publiés." },
	{ "motion", "integer", NULL, F_REQ, NULL, NULL, "Proposition." },
	{ "result", "string", NULL, F_REQ, NULL, results,
	    "Issue : retained, rejected ou no-decision." },
	{ "approve", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Positions « approuver » sur la dernière version." },
	{ "alert", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Positions « alerter »." },
	{ "withdraw", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Positions « se mettre en retrait »." },
	{ "block", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Positions « bloquer »." },
	{ "decision", "integer", NULL, 0, NULL, NULL,
	    "Décision qui en résulte (si retenue)." },
	{ "end_date", "datetime", "default", 0, NULL, NULL, "Clôture." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_vote[] = {
	{ "vote_event", "integer", NULL, F_REQ, NULL, NULL,
	    "Tour de consentement." },
	{ "voter", "string", NULL, F_REQ, NULL, NULL,
	    "Membre (identifiant de connexion) ; publié seulement si le hub "
	    "l’autorise (config set votes public)." },
	{ "option", "string", NULL, F_REQ, NULL, options,
	    "Position : approve, alert, withdraw ou block (sans les "
	    "raisons)." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_decision[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant de la décision." },
	{ "motion", "integer", NULL, F_REQ, NULL, NULL,
	    "Proposition retenue." },
	{ "tension", "integer", NULL, 0, NULL, NULL, "Tension traitée." },
	{ "meeting", "integer", NULL, 0, NULL, NULL, "Réunion." },
	{ "text", "string", NULL, F_REQ, NULL, NULL,
	    "Texte de la décision (la proposition et ses alertes)." },
	{ "decided", "datetime", "default", F_REQ, NULL, NULL, "Date." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct dp_field f_action[] = {
	{ "id", "integer", NULL, F_REQ | F_UNIQ, NULL, NULL,
	    "Identifiant de l’action du plan d’action." },
	{ "decision", "integer", NULL, F_REQ, NULL, NULL,
	    "Décision qu’elle met en œuvre." },
	{ "title", "string", NULL, F_REQ, NULL, NULL, "Intitulé." },
	{ "status", "string", NULL, F_REQ, NULL, action_status,
	    "Avancement : todo (à faire), doing (en cours), done "
	    "(faite), dropped (abandonnée)." },
	{ "progress", "integer", NULL, F_REQ | F_MIN0, NULL, NULL,
	    "Avancement en pour cent : 0 à faire, 50 en cours, 100 faite "
	    "ou abandonnée." },
	{ "due", "date", "default", 0, NULL, NULL, "Échéance." },
	{ "overdue", "boolean", NULL, F_REQ, NULL, NULL,
	    "En retard à la date de l’export." },
	{ "created", "datetime", "default", F_REQ, NULL, NULL, "Création." },
	{ "updated", "datetime", "default", 0, NULL, NULL,
	    "Dernière modification." },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct dp_res resources[HUB_DP__COUNT] = {
	[HUB_DP_TERRITORIES] = { "territoires", "Territoires du hub", f_terr,
	    { "value" }, { { 0 } } },
	[HUB_DP_CATEGORIES] = { "categories", "Catégories de besoins et "
	    "thématiques nationales", f_cat, { "value" }, { { 0 } } },
	[HUB_DP_PUBLICS] = { "publics", "Publics et référentiel "
	    "data·inclusion", f_pub, { "value" }, { { 0 } } },
	[HUB_DP_NEEDS] = { "besoins", "Besoins", f_need, { "id" }, {
	    { "territory", "territoires", "value" },
	    { "category", "categories", "value" },
	    { "public", "publics", "value" },
	    { "round", "campagnes", "round" },
	    { "merged_into", "", "id" } } },
	[HUB_DP_SUPPORTS] = { "soutiens", "Soutiens « vu ici aussi » (sans "
	    "les personnes)", f_sup, { "id" }, {
	    { "need", "besoins", "id" },
	    { "territory", "territoires", "value" },
	    { "round", "campagnes", "round" } } },
	[HUB_DP_COLLECTION] = { "campagnes", "Campagnes de collecte",
	    f_cround, { "round" }, { { 0 } } },
	[HUB_DP_PRIO] = { "tours-priorisation", "Tours de priorisation",
	    f_pround, { "id" }, { { 0 } } },
	[HUB_DP_PRIO_RESULTS] = { "resultats-priorisation", "Classements des "
	    "tours de priorisation clos", f_presult, { "round", "rank" }, {
	    { "round", "tours-priorisation", "id" },
	    { "need", "besoins", "id" } } },
	[HUB_DP_THEMES] = { "thematiques", "Thématiques de travail (Switch)",
	    f_theme, { "id" }, { { "round", "tours-priorisation", "id" } } },
	[HUB_DP_MOTIONS] = { "propositions", "Propositions (motions)",
	    f_motion, { "id" }, { { 0 } } },
	[HUB_DP_VOTE_EVENTS] = { "tours-consentement", "Tours de "
	    "consentement clos (vote events)", f_vevent, { "id" }, {
	    { "motion", "propositions", "id" },
	    { "decision", "decisions", "id" } } },
	[HUB_DP_VOTES] = { "positions", "Positions (votes), si le hub les "
	    "publie", f_vote, { "vote_event", "voter" }, {
	    { "vote_event", "tours-consentement", "id" } } },
	[HUB_DP_DECISIONS] = { "decisions", "Registre des décisions",
	    f_decision, { "id" }, { { "motion", "propositions", "id" } } },
	[HUB_DP_ACTIONS] = { "plan-action", "Plan d’action", f_action,
	    { "id" }, { { "decision", "decisions", "id" } } },
};

static int
res_index(const char *name)
{
	for (int i = 0; i < HUB_DP__COUNT; i++)
		if (strcmp(resources[i].name, name) == 0)
			return i;
	return -1;
}

const char *
hub_dp_name(int res)
{
	return res >= 0 && res < HUB_DP__COUNT ? resources[res].name : "";
}

/* ---- the export's state ---- */

#define DP_ROUNDS 512

struct dp_round {
	char round[16];
	uint64_t needs, supports;
};

struct hub_dp {
	struct hub_rd *r;
	struct config cfg;
	char producer[64];
	char date[16];			/* AAAAMMJJ */
	int64_t now;
	struct dp_round rounds[DP_ROUNDS];
	size_t nrounds;
	int rounds_full;
};

int
hub_dp_open(struct hub_rd *r, int64_t now, struct hub_dp **out,
    struct err *e)
{
	struct hub_dp *d = xcalloc(1, sizeof *d);
	time_t t = (time_t)now;
	struct tm tm;

	if (hub_config_view(r, &d->cfg, e) != 0) {
		free(d);
		return e->code;
	}
	d->r = r;
	d->now = now;
	hub_config_producer(&d->cfg, d->producer, sizeof d->producer);
	gmtime_r(&t, &tm);
	strftime(d->date, sizeof d->date, "%Y%m%d", &tm);
	*out = d;
	return 0;
}

void
hub_dp_close(struct hub_dp *d)
{
	if (d == NULL)
		return;
	codec_free(RT_CONFIG, &d->cfg);
	free(d);
}

int
hub_dp_included(const struct hub_dp *d, int res)
{
	return res != HUB_DP_VOTES || d->cfg.open_votes != 0;
}

const char *
hub_dp_file(const struct hub_dp *d, int res, char *out, size_t n)
{
	snprintf(out, n, "%s_%s_%s.csv", d->date, d->producer,
	    hub_dp_name(res));
	return out;
}

static void
round_count(struct hub_dp *d, const char *round, int support)
{
	size_t i;

	if (round == NULL || round[0] == '\0')
		return;
	for (i = 0; i < d->nrounds; i++)
		if (strcmp(d->rounds[i].round, round) == 0)
			break;
	if (i == d->nrounds) {
		if (d->nrounds == DP_ROUNDS) {
			d->rounds_full = 1;
			return;
		}
		snprintf(d->rounds[i].round, sizeof d->rounds[i].round, "%s",
		    round);
		d->nrounds++;
	}
	if (support)
		d->rounds[i].supports++;
	else
		d->rounds[i].needs++;
}

/* ---- rows ---- */

struct dp_rows {
	struct hub_dp *d;
	struct emit *em;
	void (*flush)(void *);
	void *arg;
	struct err *e;
	struct buf tmp;
	uint64_t n;
};

/* items joined by ";" (a ";" inside one becomes ","), into b. */
static const char *
join(struct buf *b, const struct str_list *l)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_add(b, ";", 1);
		for (const char *p = l->v[i]; *p; p++)
			buf_add(b, *p == ';' ? "," : p, 1);
	}
	return l->n ? b->p : NULL;
}

static const char *
join_ids(struct buf *b, const struct u64_list *l)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%llu", i ? ";" : "",
		    (unsigned long long)l->v[i]);
	return l->n ? b->p : NULL;
}

/* The labels of codes "a;b" in the vocabularies, ";"-joined. */
static const char *
labels(struct buf *b, const char *codes, int public_)
{
	char one[80];

	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	if (codes == NULL)
		return NULL;
	for (const char *p = codes; *p; ) {
		size_t l = strcspn(p, ";");
		const struct hub_vocab_term *t;
		snprintf(one, sizeof one, "%.*s", (int)l, p);
		t = public_ ? hub_vocab_find(hub_vocab_publics, one) :
		    hub_vocab_find(hub_vocab_thematiques, one);
		if (t == NULL && !public_)
			t = hub_vocab_find(hub_vocab_di_thematiques, one);
		buf_printf(b, "%s%s", b->len ? ";" : "", t ? t->label : one);
		p += l;
		if (*p == ';')
			p++;
	}
	return b->p;
}

static void
date_cell(struct emit *em, const char *name, int64_t t)
{
	char s[16];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0) {
		emit_str(em, name, NULL);
		return;
	}
	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	emit_str(em, name, s);
}

static void
row_end(struct dp_rows *w)
{
	emit_rec_end(w->em);
	w->n++;
	if (w->flush)
		w->flush(w->arg);
}

static void
words_rows(struct dp_rows *w, const struct str_list *words,
    const struct str_list *map, int kind)
{
	for (size_t i = 0; i < words->n; i++) {
		const char *codes = map ? hub_config_codes(map,
		    words->v[i]) : NULL;
		emit_rec_begin(w->em, NULL);
		emit_str(w->em, "value", words->v[i]);
		if (map != NULL) {
			emit_str(w->em, kind ? "publics" : "thematiques",
			    codes);
			emit_str(w->em, kind ? "publics_labels" :
			    "thematiques_labels", labels(&w->tmp, codes,
			    kind));
		}
		row_end(w);
	}
}

static void
need_row(struct dp_rows *w, const struct need *n)
{
	const struct config *cfg = &w->d->cfg;
	struct emit *em = w->em;

	emit_rec_begin(em, NULL);
	emit_u64(em, "id", n->id);
	emit_str(em, "title", n->title);
	emit_str(em, "description", n->description);
	emit_str(em, "territory", n->territory);
	emit_str(em, "category", n->category);
	emit_str(em, "thematiques", hub_config_codes(&cfg->catmap,
	    n->category));
	emit_str(em, "public", n->public_);
	emit_str(em, "publics", hub_config_codes(&cfg->pubmap, n->public_));
	emit_str(em, "source", n->source);
	emit_str(em, "round", n->round);
	emit_str(em, "status", n->id ? model_need_status_name(
	    (int)n->status) : NULL);
	emit_time(em, "created", n->created);
	emit_time(em, "updated", n->updated);
	emit_u64(em, "supports", n->supports);
	emit_str(em, "territories", join(&w->tmp, &n->territories));
	emit_str(em, "practices", join(&w->tmp, &n->practices));
	emit_id(em, "merged_into", n->merged_into);
	emit_str(em, "insee", n->insee);
	emit_str(em, "external_id", n->external_id);
	row_end(w);
}

static int
need_cb(struct hub_rd *r, const struct hub_need_view *v, void *arg)
{
	struct dp_rows *w = arg;

	(void)r;
	need_row(w, v->n);
	round_count(w->d, v->n->round, 0);
	return 0;
}

static void
support_row(struct dp_rows *w, const struct support *s)
{
	char round[16] = "";

	if (s->created)
		util_round_of(s->created, round, sizeof round);
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", s->id);
	emit_u64(w->em, "need", s->need);
	emit_str(w->em, "territory", s->territory);
	emit_str(w->em, "round", round[0] ? round : NULL);
	emit_time(w->em, "created", s->created);
	row_end(w);
	round_count(w->d, round[0] ? round : NULL, 1);
}

static void
cround_row(struct dp_rows *w, const struct dp_round *c)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	char s[16] = "", e[16] = "";
	int y = 0, b = 0;

	/* Bn covers months 2n-1 and 2n. */
	if (c != NULL && sscanf(c->round, "%4d-B%1d", &y, &b) == 2 &&
	    b >= 1 && b <= 6) {
		int m = 2 * b, ld = mdays[m - 1];
		if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
			ld = 29;
		snprintf(s, sizeof s, "%04d-%02d-01", y, m - 1);
		snprintf(e, sizeof e, "%04d-%02d-%02d", y, m, ld);
	}
	emit_rec_begin(w->em, NULL);
	emit_str(w->em, "round", c ? c->round : NULL);
	emit_str(w->em, "start", s[0] ? s : NULL);
	emit_str(w->em, "end", e[0] ? e : NULL);
	emit_u64(w->em, "needs", c ? c->needs : 0);
	emit_u64(w->em, "supports", c ? c->supports : 0);
	row_end(w);
}

static void
pround_row(struct dp_rows *w, const struct dotround *d)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", d->id);
	emit_str(w->em, "title", d->title);
	emit_str(w->em, "kind", d->id == 0 ? NULL : d->categories.n ?
	    "categories" : "needs");
	emit_u64(w->em, "budget", d->budget);
	emit_bool(w->em, "closed", d->status != 0);
	emit_time(w->em, "opened", d->opened);
	emit_time(w->em, "closed_at", d->closed);
	row_end(w);
}

static void
presult_rows(struct dp_rows *w, const struct dotround *d, int header)
{
	for (size_t i = 0; header || (d->status != 0 && i < d->ranking.n);
	    i++) {
		uint64_t it = header ? 0 : d->ranking.v[i];
		int cat = d->categories.n > 0;
		emit_rec_begin(w->em, NULL);
		emit_u64(w->em, "round", d->id);
		emit_u64(w->em, "rank", header ? 0 : i + 1);
		emit_id(w->em, "need", cat ? 0 : it);
		emit_str(w->em, "category", cat && it >= 1 &&
		    it <= d->categories.n ? d->categories.v[it - 1] : NULL);
		emit_u64(w->em, "points", !header && i < d->scores.n ?
		    d->scores.v[i] : 0);
		row_end(w);
		if (header)
			break;
	}
}

static void
theme_row(struct dp_rows *w, const struct theme *t)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", t->id);
	emit_str(w->em, "title", t->title);
	emit_id(w->em, "round", t->round);
	emit_str(w->em, "switch", t->switch_name);
	emit_str(w->em, "needs", join_ids(&w->tmp, &t->needs));
	emit_str(w->em, "spec", t->spec);
	emit_time(w->em, "created", t->created);
	row_end(w);
}

static void
motion_row(struct dp_rows *w, const struct proposal *p)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", p->id);
	emit_id(w->em, "tension", p->tension);
	emit_str(w->em, "text", p->versions.n ?
	    p->versions.v[p->versions.n - 1] : NULL);
	emit_u64(w->em, "versions", p->versions.n);
	emit_str(w->em, "requirement", p->id == 0 ? NULL : p->unanimity ?
	    "unanimity" : "consent");
	emit_str(w->em, "status", p->id == 0 ? NULL :
	    model_proposal_status_name((int)p->status));
	emit_id(w->em, "meeting", p->meeting);
	emit_time(w->em, "closes", p->closes);
	emit_time(w->em, "created", p->created);
	row_end(w);
}

/* The outcome word of a closed round: adjourned and escalated proposals
 * were rejected. */
static const char *
result_of(const struct proposal *p)
{
	switch ((int)p->status) {
	case PS_RETAINED:
		return "retained";
	case PS_NO_DECISION:
		return "no-decision";
	case PS_OPEN:
		return NULL;
	default:
		return "rejected";
	}
}

/* A closed round only: an open one, hidden or not, has no count here. */
static int
vevent_row(struct dp_rows *w, const struct proposal *p)
{
	struct hub_positions ps = { 0 };
	struct tally t = { 0 };
	int rc;

	if (p->id != 0) {
		if ((rc = hub_positions_load(hub_rd_txn(w->d->r), p->id, &ps,
		    w->e)) != 0)
			return rc;
		hub_proposal_tally(p, &ps, &t);
		hub_positions_free(&ps);
	}
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", p->id);
	emit_u64(w->em, "motion", p->id);
	emit_str(w->em, "result", result_of(p));
	emit_u64(w->em, "approve", t.approve);
	emit_u64(w->em, "alert", t.alert);
	emit_u64(w->em, "withdraw", t.withdraw);
	emit_u64(w->em, "block", t.block);
	emit_id(w->em, "decision", p->decision);
	emit_time(w->em, "end_date", p->closed_at);
	row_end(w);
	return 0;
}

/* The positions on the current version of a closed round, no reason. */
static int
votes_rows(struct dp_rows *w, const struct proposal *p)
{
	struct hub_positions ps = { 0 };
	char login[MAX_LOGIN + 8];
	int rc;

	if ((rc = hub_positions_load(hub_rd_txn(w->d->r), p->id, &ps,
	    w->e)) != 0)
		return rc;
	for (size_t i = 0; i < ps.n; i++) {
		if (ps.v[i].version != p->versions.n)
			continue;
		emit_rec_begin(w->em, NULL);
		emit_u64(w->em, "vote_event", p->id);
		emit_str(w->em, "voter", hub_rd_login(w->d->r, ps.v[i].member,
		    login, sizeof login));
		emit_str(w->em, "option", model_position_name(
		    (int)ps.v[i].kind));
		row_end(w);
	}
	hub_positions_free(&ps);
	return 0;
}

static void
decision_row(struct dp_rows *w, const struct decision *d)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", d->id);
	emit_u64(w->em, "motion", d->proposal);
	emit_id(w->em, "tension", d->tension);
	emit_id(w->em, "meeting", d->meeting);
	emit_str(w->em, "text", d->text);
	emit_time(w->em, "decided", d->decided);
	row_end(w);
}

static void
action_row(struct dp_rows *w, const struct action *a)
{
	static const int progress[AS__COUNT] = { 0, 50, 100, 100 };

	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", a->id);
	emit_u64(w->em, "decision", a->decision);
	emit_str(w->em, "title", a->title);
	emit_str(w->em, "status", a->id ? model_action_status_name(
	    (int)a->status) : NULL);
	emit_u64(w->em, "progress", a->status < AS__COUNT ?
	    (uint64_t)progress[a->status] : 0);
	date_cell(w->em, "due", a->due);
	emit_bool(w->em, "overdue", a->id ? model_action_overdue(a,
	    util_now()) : 0);
	emit_time(w->em, "created", a->created);
	emit_time(w->em, "updated", a->updated);
	row_end(w);
}

/* One record of a scanned type, decoded, to its row writer. */
struct dp_scan {
	struct dp_rows *w;
	int res, rtype;
};

static int
scan_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct dp_scan *s = arg;
	struct dp_rows *w = s->w;
	void *rec = codec_new(s->rtype);
	int rc = 0;

	if ((rc = codec_decode(s->rtype, data, len, rec, w->e)) != 0) {
		free(rec);
		return -rc;
	}
	*(uint64_t *)rec = id;	/* every record starts with its id */
	switch (s->res) {
	case HUB_DP_SUPPORTS:
		support_row(w, rec);
		break;
	case HUB_DP_PRIO:
		pround_row(w, rec);
		break;
	case HUB_DP_PRIO_RESULTS:
		presult_rows(w, rec, 0);
		break;
	case HUB_DP_THEMES:
		theme_row(w, rec);
		break;
	case HUB_DP_MOTIONS:
		motion_row(w, rec);
		break;
	case HUB_DP_VOTE_EVENTS:
		if (((struct proposal *)rec)->status != PS_OPEN)
			rc = vevent_row(w, rec);
		break;
	case HUB_DP_VOTES:
		if (((struct proposal *)rec)->status != PS_OPEN)
			rc = votes_rows(w, rec);
		break;
	case HUB_DP_DECISIONS:
		decision_row(w, rec);
		break;
	case HUB_DP_ACTIONS:
		action_row(w, rec);
		break;
	}
	codec_free_rec(s->rtype, rec);
	return rc ? -rc : 0;
}

static const int res_rtype[HUB_DP__COUNT] = {
	[HUB_DP_SUPPORTS] = RT_SUPPORT, [HUB_DP_PRIO] = RT_DOTROUND,
	[HUB_DP_PRIO_RESULTS] = RT_DOTROUND, [HUB_DP_THEMES] = RT_THEME,
	[HUB_DP_MOTIONS] = RT_PROPOSAL, [HUB_DP_VOTE_EVENTS] = RT_PROPOSAL,
	[HUB_DP_VOTES] = RT_PROPOSAL, [HUB_DP_DECISIONS] = RT_DECISION,
	[HUB_DP_ACTIONS] = RT_ACTION,
};

/* A header with no row: one zeroed record of the resource's fields. */
static void
header_only(struct dp_rows *w, int res)
{
	union {
		struct need n;
		struct support s;
		struct dotround d;
		struct theme t;
		struct proposal p;
		struct decision c;
		struct action a;
	} z;
	struct str_list none = { 0 };

	memset(&z, 0, sizeof z);
	emit_header_only(w->em);
	switch (res) {
	case HUB_DP_TERRITORIES:
	case HUB_DP_CATEGORIES:
	case HUB_DP_PUBLICS:
		str_list_push(&none, "");
		words_rows(w, &none, res == HUB_DP_TERRITORIES ? NULL :
		    &none, res == HUB_DP_PUBLICS);
		str_list_free(&none);
		break;
	case HUB_DP_NEEDS:
		need_row(w, &z.n);
		break;
	case HUB_DP_SUPPORTS:
		support_row(w, &z.s);
		break;
	case HUB_DP_COLLECTION:
		cround_row(w, NULL);
		break;
	case HUB_DP_PRIO:
		pround_row(w, &z.d);
		break;
	case HUB_DP_PRIO_RESULTS:
		presult_rows(w, &z.d, 1);
		break;
	case HUB_DP_THEMES:
		theme_row(w, &z.t);
		break;
	case HUB_DP_MOTIONS:
		motion_row(w, &z.p);
		break;
	case HUB_DP_VOTE_EVENTS:
		vevent_row(w, &z.p);
		break;
	case HUB_DP_VOTES:
		emit_rec_begin(w->em, NULL);
		emit_str(w->em, "vote_event", NULL);
		emit_str(w->em, "voter", NULL);
		emit_str(w->em, "option", NULL);
		row_end(w);
		break;
	case HUB_DP_DECISIONS:
		decision_row(w, &z.c);
		break;
	case HUB_DP_ACTIONS:
		action_row(w, &z.a);
		break;
	}
}

int
hub_dp_rows(struct hub_dp *d, int res, struct emit *em,
    void (*flush)(void *), void *arg, uint64_t *rows, struct err *e)
{
	struct dp_rows w = { d, em, flush, arg, e, { 0 }, 0 };
	struct need_filter f;
	int rc = 0;

	emit_list_begin(em, NULL);
	switch (res) {
	case HUB_DP_TERRITORIES:
		words_rows(&w, &d->cfg.territories, NULL, 0);
		break;
	case HUB_DP_CATEGORIES:
		words_rows(&w, &d->cfg.categories, &d->cfg.catmap, 0);
		break;
	case HUB_DP_PUBLICS:
		words_rows(&w, &d->cfg.publics, &d->cfg.pubmap, 1);
		break;
	case HUB_DP_NEEDS:
		hub_need_filter_init(&f);
		d->nrounds = 0;
		rc = hub_need_page(d->r, &f, NEED_SORT_NEWEST, NULL, 0,
		    need_cb, &w, NULL, e);
		break;
	case HUB_DP_COLLECTION:
		for (size_t i = 0; i < d->nrounds; i++)
			cround_row(&w, &d->rounds[i]);
		if (d->rounds_full)
			rc = err_set(e, ERR_SYSTEM, "more than %d collection "
			    "rounds: the export stops", DP_ROUNDS);
		break;
	default: {
		struct dp_scan s = { &w, res, res_rtype[res] };
		if (res < 0 || res >= HUB_DP__COUNT)
			rc = err_set(e, ERR_USAGE, "no such resource");
		else
			rc = hub_page_scan(d->r, s.rtype, 0, NULL, 0,
			    scan_rec, &s, NULL, e);
	}
	}
	if (rc == 0 && w.n == 0)
		header_only(&w, res);
	emit_list_end(em);
	buf_free(&w.tmp);
	if (rows != NULL)
		*rows = w.n;
	return rc;
}

/* ---- datapackage.json ---- */

static void
field_desc(struct emit *em, const struct dp_field *f)
{
	struct str_list l = { 0 };

	emit_rec_begin(em, NULL);
	emit_str(em, "name", f->name);
	emit_str(em, "type", f->type);
	if (f->format != NULL)
		emit_str(em, "format", f->format);
	emit_str(em, "description", f->fr);
	emit_rec_begin(em, "constraints");
	emit_bool(em, "required", (f->flags & F_REQ) != 0);
	if (f->flags & F_UNIQ)
		emit_bool(em, "unique", 1);
	if (f->flags & F_MIN0)
		emit_u64(em, "minimum", 0);
	if (f->pattern != NULL)
		emit_str(em, "pattern", f->pattern);
	if (f->enums != NULL) {
		for (const char *const *p = f->enums; *p; p++)
			str_list_push(&l, *p);
		emit_strs(em, "enum", &l);
		str_list_free(&l);
	}
	emit_rec_end(em);
	emit_rec_end(em);
}

void
hub_dp_descriptor(const struct hub_dp *d, struct emit *em)
{
	struct str_list l = { 0 };
	char path[128];

	emit_rec_begin(em, NULL);
	emit_str(em, "profile", "tabular-data-package");
	emit_str(em, "name", d->producer);
	emit_str(em, "title", d->cfg.hub_name);
	emit_str(em, "description", "Besoins du numérique inclusif recensés "
	    "par le hub, leur priorisation et les décisions du consortium "
	    "(voir README.md).");
	emit_time(em, "created", d->now);
	emit_list_begin(em, "licenses");
	emit_rec_begin(em, NULL);
	if (strcmp(hub_config_licence(&d->cfg), HUB_LICENCE_DEFAULT) == 0) {
		emit_str(em, "name", "etalab-2.0");
		emit_str(em, "path", "https://www.etalab.gouv.fr/licence-"
		    "ouverte-open-licence/");
	}
	emit_str(em, "title", hub_config_licence(&d->cfg));
	emit_rec_end(em);
	emit_list_end(em);
	emit_list_begin(em, "resources");
	for (int res = 0; res < HUB_DP__COUNT; res++) {
		const struct dp_res *r = &resources[res];
		if (!hub_dp_included(d, res))
			continue;
		emit_rec_begin(em, NULL);
		emit_str(em, "name", r->name);
		emit_str(em, "title", r->title_fr);
		emit_str(em, "path", hub_dp_file(d, res, path, sizeof path));
		emit_str(em, "profile", "tabular-data-resource");
		emit_str(em, "format", "csv");
		emit_str(em, "mediatype", "text/csv");
		emit_str(em, "encoding", "utf-8");
		emit_rec_begin(em, "dialect");
		emit_str(em, "delimiter", ",");
		emit_str(em, "lineTerminator", "\r\n");
		emit_rec_end(em);
		emit_rec_begin(em, "schema");
		emit_list_begin(em, "fields");
		for (const struct dp_field *f = r->fields; f->name; f++)
			field_desc(em, f);
		emit_list_end(em);
		for (int k = 0; k < 2 && r->pkey[k]; k++)
			str_list_push(&l, r->pkey[k]);
		emit_strs(em, "primaryKey", &l);
		str_list_free(&l);
		emit_list_begin(em, "foreignKeys");
		for (int k = 0; k < 6 && r->fkeys[k].field; k++) {
			const struct dp_fkey *fk = &r->fkeys[k];
			if (fk->resource[0] && !hub_dp_included(d,
			    res_index(fk->resource)))
				continue;
			emit_rec_begin(em, NULL);
			emit_str(em, "fields", fk->field);
			emit_rec_begin(em, "reference");
			emit_str(em, "resource", fk->resource);
			emit_str(em, "fields", fk->ref);
			emit_rec_end(em);
			emit_rec_end(em);
		}
		emit_list_end(em);
		str_list_push(&l, "");
		emit_strs(em, "missingValues", &l);
		str_list_free(&l);
		emit_rec_end(em);
		emit_rec_end(em);
	}
	emit_list_end(em);
	emit_rec_end(em);
}

/* ---- README.md, in French ---- */

static void
md_cell(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_add(b, *s == '|' ? "\\|" : s, *s == '|' ? 2 : 1);
}

void
hub_dp_readme(const struct hub_dp *d, struct buf *b)
{
	char path[128], ts[32];

	buf_puts(b, "# ");
	util_col(b, d->cfg.hub_name, 0);
	buf_printf(b, " : données ouvertes\n\n"
	    "Paquet de données Frictionless (`datapackage.json`, Table "
	    "Schema) exporté par cercle le %s. Licence : %s.\n\n",
	    util_fmt_iso(d->now, ts, sizeof ts), hub_config_licence(&d->cfg));
	buf_puts(b, "## Format\n\n"
	    "- Fichiers CSV en UTF-8, séparateur virgule, guillemets doubles "
	    "(RFC 4180), fins de ligne CRLF, une ligne d’en-tête ; noms "
	    "`AAAAMMJJ_<producteur>_<ressource>.csv`.\n"
	    "- Dates et heures en ISO 8601 (UTC : `2026-11-23T09:30:00Z`, "
	    "dates seules `2026-11-23`).\n"
	    "- Une cellule à plusieurs valeurs les sépare par « ; ».\n"
	    "- Une cellule vide est une valeur absente.\n"
	    "- **Tableurs sûrs** : une cellule qui commence par `=`, `+`, "
	    "`-`, `@`, une tabulation ou un retour chariot est précédée "
	    "d’une apostrophe `'` (recommandation OWASP contre l’injection "
	    "de formules) ; `cercle need import` la retire. Les caractères "
	    "de contrôle sont écrits `^X`, les contrôles bidirectionnels "
	    "(U+202A–U+202E, U+2066–U+2069…) sont remplacés par U+FFFD et "
	    "les caractères invisibles (U+200B…) sont écrits `⟨U+200B⟩` : "
	    "aucun n’est écrit tel quel.\n"
	    "- Aucune donnée personnelle : ni auteurs, ni soutiens nommés, "
	    "ni raisons des positions. Les positions nominatives ne sont "
	    "publiées que si le hub l’autorise, et seulement pour les tours "
	    "clos ; les décomptes d’un tour encore ouvert ne le sont "
	    "jamais.\n"
	    "- Les catégories et publics du hub sont reliés aux "
	    "référentiels nationaux : thématiques de La Coop de la "
	    "médiation numérique (et data·inclusion « numerique--… »), "
	    "publics de data·inclusion (v1).\n\n");
	for (int res = 0; res < HUB_DP__COUNT; res++) {
		const struct dp_res *r = &resources[res];
		if (!hub_dp_included(d, res))
			continue;
		buf_printf(b, "## %s (`%s`)\n\nFichier `%s`. Clé primaire : "
		    "`%s%s%s`.\n\n| Champ | Type | Obligatoire | Description "
		    "|\n|---|---|---|---|\n", r->title_fr, r->name,
		    hub_dp_file(d, res, path, sizeof path), r->pkey[0],
		    r->pkey[1] ? "`, `" : "", r->pkey[1] ? r->pkey[1] : "");
		for (const struct dp_field *f = r->fields; f->name; f++) {
			buf_printf(b, "| `%s` | %s | %s | ", f->name, f->type,
			    f->flags & F_REQ ? "oui" : "non");
			md_cell(b, f->fr);
			if (f->pattern != NULL)
				buf_printf(b, " Motif : `%s`.", f->pattern);
			buf_puts(b, " |\n");
		}
		for (int k = 0; k < 6 && r->fkeys[k].field; k++)
			buf_printf(b, "%s`%s` → `%s.%s`", k ? ", " :
			    "\nClés étrangères : ", r->fkeys[k].field,
			    r->fkeys[k].resource[0] ? r->fkeys[k].resource :
			    r->name, r->fkeys[k].ref);
		buf_puts(b, r->fkeys[0].field ? ".\n\n" : "\n");
	}
}
