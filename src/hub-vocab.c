/* hub-vocab.c: the national vocabularies a hub maps its words to, as
 * tables, and the INSEE commune code check. Pure data, no I/O: the tables
 * are the CSV files of contrib/vocab/ (first two columns) word for word, which
 * tests/e2e/test-opendata-vocab.sh checks. */
#include "hub.h"

#include <string.h>

/* contrib/vocab/thematiques-mediation-numerique.csv (code, label_fr). */
const struct hub_vocab_term hub_vocab_thematiques[] = {
	{ "diagnostic_numerique", "Diagnostic numérique" },
	{ "prendre_en_main_du_materiel", "Prendre en main du matériel" },
	{ "maintenance_de_materiel", "Maintenance de matériel" },
	{ "gere_ses_contenus_numeriques", "Gérer ses contenus numériques" },
	{ "navigation_sur_internet", "Navigation sur internet" },
	{ "email", "E-mail" },
	{ "bureautique", "Bureautique" },
	{ "reseaux_sociaux", "Réseaux sociaux communication" },
	{ "sante", "Santé" },
	{ "banque_et_achats_en_ligne", "Banque et achats en ligne" },
	{ "entrepreneuriat", "Accompagner un professionnel" },
	{ "insertion_professionnelle", "Insertion professionnelle" },
	{ "securite_numerique", "Prévention en sécurité numérique" },
	{ "parentalite", "Parentalité" },
	{ "scolarite_et_numerique", "Scolarité et numérique" },
	{ "creer_avec_le_numerique", "Créer avec le numérique" },
	{ "culture_numerique", "Culture numérique" },
	{ "intelligence_artificielle", "Intelligence artificielle (IA)" },
	{ "aide_aux_demarches_administratives", "Aide aux démarches administratives" },
	{ "papiers_elections_citoyennete", "Papiers - Élections - Citoyenneté" },
	{ "famille_scolarite", "Famille - Scolarité" },
	{ "social_sante", "Social - Santé" },
	{ "travail_formation", "Travail - Formation - Entreprise" },
	{ "logement", "Logement" },
	{ "transports_mobilite", "Transports - Mobilité" },
	{ "argent_impots", "Argent - Impôts" },
	{ "justice", "Justice" },
	{ "etrangers_europe", "Étrangers - Europe" },
	{ "loisirs_sports_culture", "Loisirs - Sports - Culture" },
	{ "associations", "Associations" },
	{ NULL, NULL }
};

/* contrib/vocab/thematiques-data-inclusion-numerique.csv (value, label). */
const struct hub_vocab_term hub_vocab_di_thematiques[] = {
	{ "numerique--acceder-a-des-services-en-ligne", "Accéder à des services en ligne" },
	{ "numerique--acceder-a-une-connexion-internet", "Accéder à une connexion Internet" },
	{ "numerique--acquerir-un-equipement", "Acquérir un équipement" },
	{ "numerique--maitriser-les-fondamentaux-du-numerique", "Maîtriser les fondamentaux du numérique" },
	{ NULL, NULL }
};

/* contrib/vocab/publics-data-inclusion.csv (value, label). */
const struct hub_vocab_term hub_vocab_publics[] = {
	{ "actifs", "Actifs" },
	{ "beneficiaires-des-minimas-sociaux", "Bénéficiaires des minimas sociaux" },
	{ "demandeurs-emploi", "Demandeurs d’emploi" },
	{ "etudiants", "Étudiants" },
	{ "familles", "Familles" },
	{ "femmes", "Femmes" },
	{ "jeunes", "Jeunes" },
	{ "personnes-en-situation-de-handicap", "Personnes en situation de handicap" },
	{ "personnes-en-situation-durgence", "Personnes en situation d’urgence" },
	{ "personnes-en-situation-juridique-specifique", "Personnes en situation juridique spécifique" },
	{ "personnes-exilees", "Personnes exilées" },
	{ "residents-qpv-frr", "Résidents en QPV ou FRR" },
	{ "seniors", "Séniors" },
	{ "tous-publics", "Tous publics" },
	{ NULL, NULL }
};

const struct hub_vocab_term *
hub_vocab_find(const struct hub_vocab_term *v, const char *code)
{
	for (; code != NULL && v->code != NULL; v++)
		if (strcmp(v->code, code) == 0)
			return v;
	return NULL;
}

/* ^([013-9]\d|2[AB1-9])\d{3}$: a department (2A and 2B for Corsica, no
 * 20) then three digits. */
int
hub_insee_ok(const char *s)
{
	if (s == NULL || strlen(s) != 5)
		return 0;
	if (s[0] == '2') {
		if (!(s[1] == 'A' || s[1] == 'B' || (s[1] >= '1' &&
		    s[1] <= '9')))
			return 0;
	} else if (!(s[0] >= '0' && s[0] <= '9') || s[0] == '2' ||
	    !(s[1] >= '0' && s[1] <= '9'))
		return 0;
	for (int i = 2; i < 5; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}
