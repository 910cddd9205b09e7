/* hub-opendata.c: the hub's open-data settings: its categories and publics
 * mapped to national codes, the export's licence and producer, whether
 * positions may be exported. Writes the configuration only; no export. */
#include "hub.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CODES 8

/* The Hub du Sud's default words (hub.c) mapped to the national lists;
 * a word with no fitting code has none (an empty cell, not a guess). */
static const char *const default_catmap[][2] = {
	{ "accès aux droits", "aide_aux_demarches_administratives" },
	{ "équipement", "prendre_en_main_du_materiel;maintenance_de_materiel" },
	{ "connexion", "navigation_sur_internet" },
	{ "compétences de base", "diagnostic_numerique;"
	    "navigation_sur_internet;email" },
	{ "accompagnement", "aide_aux_demarches_administratives" },
	{ "parentalité numérique", "parentalite" },
	{ "emploi et insertion", "insertion_professionnelle;"
	    "travail_formation" },
	{ "santé", "sante;social_sante" },
	{ "éducation", "scolarite_et_numerique" },
	{ "administration en ligne", "aide_aux_demarches_administratives;"
	    "papiers_elections_citoyennete" },
	{ "sécurité et confiance", "securite_numerique" },
	{ "mobilité", "transports_mobilite" },
};
static const char *const default_pubmap[][2] = {
	{ "particulier", "tous-publics" },
	{ "jeune", "jeunes" },
	{ "senior", "seniors" },
	{ "personne en emploi", "actifs" },
	{ "demandeur d'emploi", "demandeurs-emploi" },
};

static void
map_put(struct str_list *map, const char *word, const char *codes)
{
	size_t wl = strlen(word);
	struct buf b = { 0 };

	for (size_t i = 0; i < map->n; i++)
		if (strncmp(map->v[i], word, wl) == 0 &&
		    map->v[i][wl] == '\t') {
			free(map->v[i]);
			memmove(&map->v[i], &map->v[i + 1],
			    (map->n - i - 1) * sizeof *map->v);
			map->n--;
			break;
		}
	if (codes == NULL || codes[0] == '\0')
		return;
	buf_printf(&b, "%s\t%s", word, codes);
	str_list_push(map, b.p);
	buf_free(&b);
}

void
hub_opendata_defaults(struct config *cfg)
{
	for (size_t i = 0; i < sizeof default_catmap / sizeof *default_catmap;
	    i++)
		map_put(&cfg->catmap, default_catmap[i][0],
		    default_catmap[i][1]);
	for (size_t i = 0; i < sizeof default_pubmap / sizeof *default_pubmap;
	    i++)
		map_put(&cfg->pubmap, default_pubmap[i][0],
		    default_pubmap[i][1]);
}

const char *
hub_config_codes(const struct str_list *map, const char *word)
{
	size_t wl;

	if (word == NULL)
		return NULL;
	wl = strlen(word);
	for (size_t i = 0; i < map->n; i++)
		if (strncmp(map->v[i], word, wl) == 0 &&
		    map->v[i][wl] == '\t')
			return map->v[i] + wl + 1;
	return NULL;
}

const char *
hub_config_licence(const struct config *cfg)
{
	return cfg->licence != NULL && cfg->licence[0] != '\0' ?
	    cfg->licence : HUB_LICENCE_DEFAULT;
}

/* The producer in file names: the setting, else the hub's name folded to
 * [a-z0-9-] ("Hub du Sud" -> "hub-du-sud"). */
const char *
hub_config_producer(const struct config *cfg, char *out, size_t n)
{
	const char *src = cfg->producer != NULL && cfg->producer[0] != '\0' ?
	    cfg->producer : cfg->hub_name;
	char f[4 * MAX_NAME + 8];
	size_t k = 0;

	util_fold(src != NULL ? src : "hub", f, sizeof f);
	for (const char *p = f; *p && k + 1 < n; p++) {
		unsigned char ch = (unsigned char)*p;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[k++] = (char)ch;
		else if (ch >= 'A' && ch <= 'Z')
			out[k++] = (char)(ch - 'A' + 'a');
		else if (k > 0 && out[k - 1] != '-')
			out[k++] = '-';
	}
	while (k > 0 && out[k - 1] == '-')
		k--;
	if (k == 0 && n > 3)
		k = (size_t)snprintf(out, n, "hub");
	out[k] = '\0';
	return out;
}

/* Every code of "a;b" in the vocabularies of kind; ERR_USAGE naming the
 * first that is not. */
static int
codes_check(int public_, const char *codes, struct err *e)
{
	char one[80];
	size_t n = 0;

	for (const char *p = codes; *p; ) {
		size_t l = strcspn(p, ";");
		if (l == 0 || l >= sizeof one)
			return err_set(e, ERR_USAGE, "codes are written "
			    "code;code (see contrib/vocab/)");
		memcpy(one, p, l);
		one[l] = '\0';
		if (public_ ? hub_vocab_find(hub_vocab_publics, one) == NULL :
		    hub_vocab_find(hub_vocab_thematiques, one) == NULL &&
		    hub_vocab_find(hub_vocab_di_thematiques, one) == NULL)
			return err_set(e, ERR_USAGE, "'%s' is not a %s code "
			    "(see contrib/vocab/%s)", one, public_ ?
			    "data·inclusion public" : "national thematique",
			    public_ ? "publics-data-inclusion.csv" :
			    "thematiques-mediation-numerique.csv");
		if (++n > MAX_CODES)
			return err_set(e, ERR_USAGE, "at most %d codes",
			    MAX_CODES);
		p += l;
		if (*p == ';')
			p++;
	}
	return 0;
}

struct od_arg {
	int public_;
	const char *word, *codes;	/* map */
	const char *key, *value;	/* set */
};

static int
op_map(struct hub_ctx *c, void *argp)
{
	struct od_arg *a = argp;
	struct config cfg;
	int rc, k;

	if ((rc = hub_require(c, ROLE_ADMIN, "edit the hub "
	    "configuration")) != 0)
		return rc;
	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	k = hub_config_match(a->public_ ? &cfg.publics : &cfg.categories,
	    a->public_ ? "public" : "category", a->word, c->e);
	if (k < 0) {
		codec_free(RT_CONFIG, &cfg);
		return ERR_REFUSED;
	}
	map_put(a->public_ ? &cfg.pubmap : &cfg.catmap,
	    (a->public_ ? cfg.publics.v : cfg.categories.v)[k], a->codes);
	rc = store_put(c->t, RT_CONFIG, 1, &cfg, c->e);
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

int
hub_config_map(struct hub *h, struct actor *who, const char *kind,
    const char *word, const char *codes, struct err *e)
{
	struct od_arg a = { 0 };

	if (strcmp(kind, "category") == 0)
		a.public_ = 0;
	else if (strcmp(kind, "public") == 0)
		a.public_ = 1;
	else
		return err_set(e, ERR_USAGE, "map a category or a public, not "
		    "'%.40s'", kind);
	if (text_check(kind, word, MAX_SHORT, 0, e) != 0 ||
	    text_check("codes", codes, 8 * 80, 0, e) != 0)
		return e->code;
	if (codes[0] != '\0' && codes_check(a.public_, codes, e) != 0)
		return e->code;
	a.word = word;
	a.codes = codes;
	return hub_run(h, who, "config.map", word, op_map, &a, e);
}

static int
op_set(struct hub_ctx *c, void *argp)
{
	struct od_arg *a = argp;
	struct config cfg;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "edit the hub "
	    "configuration")) != 0)
		return rc;
	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	if (strcmp(a->key, "licence") == 0)
		str_replace(&cfg.licence, a->value[0] ? a->value : NULL);
	else if (strcmp(a->key, "producer") == 0)
		str_replace(&cfg.producer, a->value[0] ? a->value : NULL);
	else
		cfg.open_votes = strcmp(a->value, "public") == 0;
	rc = store_put(c->t, RT_CONFIG, 1, &cfg, c->e);
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

int
hub_config_opendata(struct hub *h, struct actor *who, const char *key,
    const char *value, struct err *e)
{
	struct od_arg a = { 0 };

	if (strcmp(key, "licence") != 0 && strcmp(key, "producer") != 0 &&
	    strcmp(key, "votes") != 0)
		return err_set(e, ERR_USAGE, "unknown setting '%.40s' "
		    "(licence, producer, votes)", key);
	if (text_check(key, value, MAX_SHORT, 0, e) != 0)
		return e->code;
	if (strcmp(key, "votes") == 0 && strcmp(value, "public") != 0 &&
	    strcmp(value, "private") != 0)
		return err_set(e, ERR_USAGE, "votes is public (the positions of closed "
		    "rounds are exported) or private (counts only)");
	a.key = key;
	a.value = value;
	return hub_run(h, who, "config.opendata", key, op_set, &a, e);
}
