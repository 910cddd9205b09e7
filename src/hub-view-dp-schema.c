/* hub-view-dp-schema.c: the open data package's schema: every resource and
 * its fields (one table drives datapackage.json and the README, in French).
 * Reads no record; the rows are hub-view-dp-rows.c's. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"
#include "hub-view-dp.h"

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

static int
fkey_included(const struct hub_dp *d, const struct dp_fkey *fk)
{
	return fk->resource[0] == '\0' || hub_dp_included(d,
	    res_index(fk->resource));
}

static int
fkeys_of(const struct hub_dp *d, const struct dp_res *r)
{
	int n = 0;

	for (int k = 0; k < 6 && r->fkeys[k].field; k++)
		n += fkey_included(d, &r->fkeys[k]);
	return n;
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
		/* The profile wants at least one foreign key, or none. */
		if (fkeys_of(d, r) > 0)
			emit_list_begin(em, "foreignKeys");
		for (int k = 0; k < 6 && r->fkeys[k].field; k++) {
			const struct dp_fkey *fk = &r->fkeys[k];
			if (!fkey_included(d, fk))
				continue;
			emit_rec_begin(em, NULL);
			emit_str(em, "fields", fk->field);
			emit_rec_begin(em, "reference");
			emit_str(em, "resource", fk->resource);
			emit_str(em, "fields", fk->ref);
			emit_rec_end(em);
			emit_rec_end(em);
		}
		if (fkeys_of(d, r) > 0)
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
