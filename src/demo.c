/* demo.c: the demo Hub du Sud: members of the six founding organisations
 * and a few hundred needs, composed from French phrase parts without any
 * randomness. Writes only through hub operations; must not print.
 * To extend (tensions, meetings, proposals): add a step to demo_create()
 * after demo_needs(), using the hub_* operations. */
#include "demo.h"
#include "codec.h"

#include <stdio.h>
#include <string.h>

struct demo_member {
	const char *login, *name, *org, *territory, *roles;
};

static const struct demo_member demo_members[] = {
	{ "lea", "Léa Martin", "Urban Prod", "Aix-Marseille", "member" },
	{ "karim", "Karim Benali", "IRTS PACA et Corse", "Aix-Marseille",
	    "member" },
	{ "camille", "Camille Roux", "Zinc", "Aix-Marseille", "member" },
	{ "julien", "Julien Faure", "ADRETS", "Alpes", "member" },
	{ "sophie", "Sophie Garcia", "Arsenic PACA", "Avignon", "member" },
	{ "nicolas", "Nicolas Lambert", "The Camp", "Aix-Marseille",
	    "member" },
	{ "claire", "Claire Fontaine", "Urban Prod", "Aix-Marseille",
	    "facilitator" },
	{ "marc", "Marc Olivier", "Urban Prod", "Aix-Marseille", "admin" },
	{ "yasmine", "Yasmine Haddad", "Urban Prod", "Aix-Marseille",
	    "correspondent" },
	{ "pierre", "Pierre Arnaud", "ADRETS", "Alpes", "correspondent" },
	{ "ines", "Inès Moreau", "Arsenic PACA", "Avignon", "correspondent" },
	{ "thomas", "Thomas Blanc", "Zinc", "Azur", "correspondent" },
	{ "helene", "Hélène Duval", NULL, "Avignon", "sage" },
	{ "bernard", "Bernard Giraud", NULL, "Azur", "sage" },
	{ "emma", "Emma Petit", NULL, "Alpes", "observer" },
};
#define N_MEMBERS (sizeof demo_members / sizeof demo_members[0])
/* Reporters: the four correspondents (index 8..11) and the six members. */
#define FIRST_CORR 8

#define DEMO_NEEDS 320

static const char *const territories[] = {
	"Aix-Marseille", "Alpes", "Avignon", "Azur"
};

static const char *const places[4][6] = {
	{ "Marseille 3e", "Aubagne", "Vitrolles", "Aix-en-Provence",
	    "La Ciotat", "Martigues" },
	{ "Gap", "Briançon", "Digne-les-Bains", "Embrun", "Sisteron",
	    "Barcelonnette" },
	{ "Avignon", "Carpentras", "Cavaillon", "Orange", "Apt",
	    "L'Isle-sur-la-Sorgue" },
	{ "Nice", "Cannes", "Grasse", "Draguignan", "Fréjus", "Menton" },
};

static const char *const prefixes[] = {
	"Difficulté à ", "Besoin d'accompagnement pour ",
	"Manque de solutions pour ", "Demandes répétées d'aide pour ",
	"Peu de lieux où apprendre à ", "Personne pour aider à ",
	"Renoncement fréquent à ",
};

/* An object of need and the category it belongs to. */
static const struct {
	const char *what, *category;
} objects[] = {
	{ "déclarer ses revenus en ligne", "administration en ligne" },
	{ "prendre rendez-vous chez un médecin sur internet", "santé" },
	{ "suivre la scolarité des enfants sur l'ENT",
	    "parentalité numérique" },
	{ "créer et gérer une adresse e-mail", "compétences de base" },
	{ "s'actualiser sur le site de France Travail",
	    "emploi et insertion" },
	{ "obtenir un ordinateur reconditionné à bas prix", "équipement" },
	{ "garder une connexion stable en zone de montagne", "connexion" },
	{ "repérer les arnaques par SMS et par e-mail",
	    "sécurité et confiance" },
	{ "demander la prime d'activité", "accès aux droits" },
	{ "réserver un transport à la demande", "mobilité" },
	{ "utiliser la tablette offerte par la famille",
	    "inclusion des personnes âgées" },
	{ "former les bénévoles à l'accompagnement numérique",
	    "médiation et formation des aidants" },
	{ "trouver une permanence numérique ouverte le samedi",
	    "accompagnement" },
	{ "déposer un CV sur les plateformes d'emploi",
	    "emploi et insertion" },
	{ "ouvrir son espace santé et lire ses résultats", "santé" },
	{ "faire une demande de logement social en ligne",
	    "accès aux droits" },
	{ "payer la cantine scolaire sur le portail de la commune",
	    "administration en ligne" },
	{ "suivre une formation à distance", "éducation" },
	{ "recharger un forfait mobile sans carte bancaire", "connexion" },
	{ "numériser et envoyer des justificatifs", "compétences de base" },
	{ "accompagner les usages des écrans des adolescents",
	    "parentalité numérique" },
	{ "sécuriser les comptes d'une petite association",
	    "sécurité et confiance" },
	{ "passer le code de la route en ligne", "mobilité" },
};
#define N_OBJECTS (sizeof objects / sizeof objects[0])

static const char *const openings[] = {
	"Lors des permanences du mardi, ", "Au guichet de la mairie, ",
	"Pendant l'atelier collectif, ", "À l'espace France Services, ",
	"Au local de l'association, ",
	"Lors d'une enquête porteurs de parole au marché, ",
	"Au centre social, ",
	"Pendant le focus group de juin, ",
};
static const char *const people[] = {
	"plusieurs personnes âgées", "des jeunes sans ordinateur",
	"des parents d'élèves", "des demandeurs d'emploi",
	"des bénévoles", "des habitants allophones",
	"des salariés à temps partiel", "des agents d'accueil",
};
static const char *const issues[] = {
	"nous ont dit ne pas savoir par où commencer.",
	"renoncent faute d'équipement adapté.",
	"perdent leurs identifiants d'une fois sur l'autre.",
	"attendent parfois trois semaines un rendez-vous d'accompagnement.",
	"demandent à un proche de faire la démarche à leur place.",
	"n'ont qu'un téléphone avec un petit forfait.",
	"se découragent devant les messages d'erreur.",
};
static const char *const follows[] = {
	"Les démarches prennent souvent plus d'une heure.",
	"La structure la plus proche est à quarante minutes en car.",
	"Les aidants manquent de temps pour expliquer pas à pas.",
	"Le besoin revient à chaque campagne de déclaration.",
	"Aucune solution locale n'a été identifiée pour l'instant.",
	"Une fiche pratique simple aiderait déjà beaucoup.",
};
static const char *const practices[] = {
	("Atelier mensuel « premiers pas » animé par un médiateur, avec "
	"prêt de tablettes."),
	"https://www.pix.fr : parcours d'autoévaluation utilisé en atelier.",
	"Fiche pas à pas imprimée, laissée à l'accueil de la mairie.",
	"Permanence itinérante dans les villages une fois par mois.",
	"https://lesbonsclics.fr : ressources pour les aidants.",
};

/* A deterministic sequence: the same on every run and every machine. */
static uint32_t
mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

#define PICK(arr, seed) (arr)[mix(seed) % (sizeof(arr) / sizeof((arr)[0]))]

struct demo_state {
	struct actor actors[N_MEMBERS];
	uint64_t ids[DEMO_NEEDS];
	int64_t base;
	struct demo_stats *st;
	char title[300];
	char desc[1200];
	char sum[300];
};

static void
as(struct hub_ctx *c, struct demo_state *d, size_t who, const char *op,
    const char *summary)
{
	c->who = &d->actors[who];
	snprintf(d->sum, sizeof d->sum, "%s", summary ? summary : "");
	hub_set_op(c, op, d->sum);
}

static int
actors_load(struct hub_ctx *c, struct demo_state *d)
{
	for (size_t i = 0; i < N_MEMBERS; i++) {
		struct member m;
		int rc;

		hub_actor_member(&d->actors[i], demo_members[i].login);
		if ((rc = hub_member_by_login(c->t, demo_members[i].login, &m,
		    c->e)) != 0)
			return rc;
		d->actors[i].id = m.id;
		d->actors[i].roles = m.roles;
		codec_free(RT_MEMBER, &m);
	}
	return 0;
}

static size_t
terr_index(const char *t)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(territories[i], t) == 0)
			return i;
	return 0;
}

static int
demo_add_needs(struct hub_ctx *c, struct demo_state *d)
{
	static const char *const publics[] = {
		"particulier", "jeune", "senior", "demandeur d'emploi",
		"personne en emploi", "association", "petite structure",
		"service public", "entreprise"
	};
	static const char *const sources[] = {
		"observation de terrain", "statistiques pass numérique",
		"étude locale", "focus group", "porteurs de parole",
		"étude nationale"
	};
	/* A year of collection, oldest first so ids follow time. */
	int64_t span = 365 * 86400, step = span / DEMO_NEEDS;

	for (uint32_t i = 0; i < DEMO_NEEDS; i++) {
		struct need_input in;
		size_t rep = (i % 5 == 4) ? (size_t)(i / 5 % 6) :
		    FIRST_CORR + (size_t)(i % 4);
		size_t tix = terr_index(demo_members[rep].territory);
		int rc;

		if (rep < FIRST_CORR)
			tix = mix(i * 7 + 1) % 4;
		memset(&in, 0, sizeof in);
		snprintf(d->title, sizeof d->title, "%s%s à %s",
		    PICK(prefixes, i * 3 + 2), objects[i % N_OBJECTS].what,
		    places[tix][mix(i * 5 + 3) % 6]);
		snprintf(d->desc, sizeof d->desc, "%s%s %s\n%s",
		    PICK(openings, i * 11 + 4), PICK(people, i * 13 + 5),
		    PICK(issues, i * 17 + 6), PICK(follows, i * 19 + 7));
		in.title = d->title;
		in.description = d->desc;
		in.territory = territories[tix];
		in.category = objects[i % N_OBJECTS].category;
		in.public_ = PICK(publics, i * 23 + 8);
		in.source = PICK(sources, i * 29 + 9);
		in.created = d->base - span + (int64_t)i * step;
		as(c, d, rep, "need.add", d->title);
		if ((rc = hub_need_add_in(c, &in, &d->ids[i])) != 0)
			return rc;
		d->st->needs++;
	}
	return 0;
}

/* Supports come from the correspondents of other territories and from
 * members: about one need in two is seen elsewhere too. */
static int
demo_supports(struct hub_ctx *c, struct demo_state *d)
{
	for (uint32_t i = 0; i < DEMO_NEEDS; i++) {
		uint32_t k = mix(i * 31 + 10) % 7;
		size_t n = k < 3 ? 0 : k < 5 ? 1 : k < 6 ? 2 : 4;
		for (size_t j = 0; j < n; j++) {
			size_t who = (j < 3) ? FIRST_CORR + (i + j + 1) % 4 :
			    (size_t)(mix(i + 40) % 6);
			struct need nd;
			int rc;

			if ((rc = hub_need_get(c->t, d->ids[i], &nd,
			    c->e)) != 0)
				return rc;
			rc = nd.reporter == d->actors[who].id;
			codec_free(RT_NEED, &nd);
			if (rc)
				continue;
			as(c, d, who, "need.support", NULL);
			if ((rc = hub_need_support_in(c, d->ids[i], NULL,
			    j == 0 ? "Même constat chez nous." : NULL,
			    d->base - (DEMO_NEEDS - (int64_t)i) * 86400 / 2,
			    NULL)) != 0)
				return rc;
			d->st->supports++;
		}
	}
	return 0;
}

/* Two pairs of duplicates (same object, a round apart) are merged. */
static int
demo_merges(struct hub_ctx *c, struct demo_state *d)
{
	static const uint32_t pairs[][2] = {
		{ 3 + N_OBJECTS, 3 }, { 7 + 2 * N_OBJECTS, 7 },
		{ 12 + N_OBJECTS, 12 },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		int rc;

		as(c, d, 6, "need.merge", "demo duplicates");
		if ((rc = hub_need_merge_in(c, d->ids[pairs[i][0]],
		    d->ids[pairs[i][1]])) != 0)
			return rc;
		d->st->merges++;
	}
	return 0;
}

/* Older needs went further along the path; a few were archived. */
static int
demo_statuses(struct hub_ctx *c, struct demo_state *d)
{
	for (uint32_t i = 0; i < DEMO_NEEDS; i++) {
		struct need nd;
		int steps, rc;

		if ((rc = hub_need_get(c->t, d->ids[i], &nd, c->e)) != 0)
			return rc;
		rc = nd.status == NEED_MERGED;
		codec_free(RT_NEED, &nd);
		if (rc)
			continue;
		if (i % 29 == 5) {
			as(c, d, 6, "need.status", NULL);
			if ((rc = hub_need_status_in(c, d->ids[i],
			    NEED_ARCHIVED)) != 0)
				return rc;
			continue;
		}
		/* Oldest third: up to addressed; then fewer steps. */
		steps = (int)(mix(i * 37 + 11) % 5);
		if (i > DEMO_NEEDS / 3)
			steps = steps > 2 ? 1 : 0;
		if (i > 2 * DEMO_NEEDS / 3)
			steps = steps > 0 && i % 3 == 0;
		for (int s = 1; s <= steps; s++) {
			as(c, d, 6, "need.status", NULL);
			if ((rc = hub_need_status_in(c, d->ids[i], s)) != 0)
				return rc;
		}
		if (i % 23 == 2) {
			as(c, d, FIRST_CORR + i % 4, "need.practice", NULL);
			if ((rc = hub_need_practice_in(c, d->ids[i],
			    PICK(practices, i))) != 0)
				return rc;
		}
	}
	return 0;
}

static int
op_demo_needs(struct hub_ctx *c, void *arg)
{
	struct demo_state *d = arg;
	struct actor *outer = c->who;
	int rc;

	/* hub_run may run this again after growing the map. */
	memset(d->st, 0, sizeof *d->st);
	d->st->members = N_MEMBERS;
	if ((rc = actors_load(c, d)) == 0 &&
	    (rc = demo_add_needs(c, d)) == 0 &&
	    (rc = demo_supports(c, d)) == 0 &&
	    (rc = demo_merges(c, d)) == 0)
		rc = demo_statuses(c, d);
	c->who = outer;
	return rc;
}

static int
demo_people(struct hub *h, struct actor *who, struct err *e)
{
	for (size_t i = 0; i < N_MEMBERS; i++) {
		const struct demo_member *m = &demo_members[i];
		uint64_t roles;

		if (model_roles_parse(m->roles, &roles, e) != 0 ||
		    hub_member_add(h, who, m->login, m->name, roles,
		    m->territory, m->org, NULL, e) != 0)
			return e->code;
	}
	return 0;
}

int
demo_create(struct hub *h, struct actor *who, struct demo_stats *st,
    struct err *e)
{
	struct demo_state d;
	int rc;

	memset(&d, 0, sizeof d);
	memset(st, 0, sizeof *st);
	d.st = st;
	d.base = util_now();
	if ((rc = hub_init(h, who, "Hub du Sud", e)) != 0)
		return rc;
	if ((rc = demo_people(h, who, e)) != 0)
		return rc;
	/* One transaction for the whole queue: a few hundred synced commits
	 * would take seconds; each record is still journaled under its
	 * actor and operation. */
	if ((rc = hub_run(h, who, "demo.needs", "demo needs", op_demo_needs,
	    &d, e)) != 0)
		return rc;
	/* Then the governance: tensions, a past meeting, rounds, actions;
	 * and the prioritisation and the Switch. */
	if ((rc = demo_gov(h, e)) != 0)
		return rc;
	return demo_switch(h, e);
}
