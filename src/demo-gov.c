/* demo-gov.c: governance content for the demo hub: tensions of each kind,
 * a past meeting with its rounds, decisions and actions, an open
 * electronic round. Goes through the hub operations only, so every rule
 * and journal entry holds; must not be used on a real hub. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_DAY	86400

struct demo_people {
	char facil[MAX_LOGIN + 1];
	char sage[MAX_LOGIN + 1];
	char voters[32][MAX_LOGIN + 1];
	size_t nvoters;
	uint64_t needs[2];
	size_t nneeds;
};

static int
people_cb(const struct hub_roster_row *m, void *arg)
{
	struct demo_people *p = arg;

	if ((m->roles & ROLE_FACILITATOR) && p->facil[0] == '\0')
		snprintf(p->facil, sizeof p->facil, "%s", m->login);
	else if ((m->roles & ROLE_MEMBER) && p->nvoters < 32)
		snprintf(p->voters[p->nvoters++], MAX_LOGIN + 1, "%s",
		    m->login);
	if ((m->roles & ROLE_SAGE) && p->sage[0] == '\0')
		snprintf(p->sage, sizeof p->sage, "%s", m->login);
	return 0;
}

/* Who the demo has; adds a facilitator, members and a sage if missing. */
static int
demo_people(struct hub *h, struct demo_people *p, struct err *e)
{
	static const char *extra[] = { "urbanprod", "irts", "zinc", "adrets",
	    "arsenic", "thecamp" };
	struct hub_rd *r;
	struct actor con;
	int rc;

	memset(p, 0, sizeof *p);
	hub_actor_console(&con, NULL);
	if ((rc = hub_rd_open(h, &con, &r, e)) != 0)
		return rc;
	rc = hub_roster_list(r, people_cb, p, e);
	if (rc == 0)
		rc = hub_needs_oldest(r, p->needs, 2, &p->nneeds, e);
	hub_rd_close(r);
	if (rc != 0)
		return rc;
	if (p->facil[0] == '\0') {
		if ((rc = hub_member_add(h, &con, "facilitatrice",
		    "Camille Facilitatrice", ROLE_FACILITATOR, NULL, "Hub du Sud",
		    NULL, e)) != 0)
			return rc;
		snprintf(p->facil, sizeof p->facil, "facilitatrice");
	}
	for (size_t i = 0; p->nvoters < 6 && i < 6; i++) {
		char login[MAX_LOGIN + 1];
		snprintf(login, sizeof login, "demo-%s", extra[i]);
		if ((rc = hub_member_add(h, &con, login, extra[i],
		    ROLE_MEMBER, NULL, extra[i], NULL, e)) != 0)
			return rc;
		snprintf(p->voters[p->nvoters++], MAX_LOGIN + 1, "%s", login);
	}
	if (p->sage[0] == '\0') {
		if ((rc = hub_member_add(h, &con, "sages", "Collège des sages",
		    ROLE_SAGE, NULL, NULL, NULL, e)) != 0)
			return rc;
		snprintf(p->sage, sizeof p->sage, "sages");
	}
	return 0;
}

char *
demo_clock_keep(void)
{
	const char *v = getenv("CERCLE_NOW");

	return v ? xstrdup(v) : NULL;
}

void
demo_clock(int64_t t)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)t);
	setenv("CERCLE_NOW", v, 1);
}

void
demo_clock_restore(char *kept)
{
	if (kept) {
		setenv("CERCLE_NOW", kept, 1);
		free(kept);
	} else
		unsetenv("CERCLE_NOW");
}

struct demo {
	struct hub *h;
	struct demo_people p;
	struct actor fac, v[32], sage;
	struct err *e;
};

static int
pos(struct demo *d, uint64_t prop, size_t who, int kind, const char *why)
{
	return hub_position_set(d->h, &d->v[who], prop, kind, why, d->e);
}

static int
past_meeting(struct demo *d, int64_t start)
{
	struct hub_close r;
	const char *room[4];
	uint64_t t1, t2, t3, p1, p2, p3, mid, a;
	struct u64_list needs = { 0 };
	int rc;

	for (size_t i = 0; i < d->p.nneeds; i++)
		u64_list_push(&needs, d->p.needs[i]);
	demo_clock(start - 3 * DEMO_DAY);
	rc = hub_tension_add(d->h, &d->v[2], TK_PROJECT, "Budget 2027 des "
	    "tiers-lieux des Alpes", "Arbitrer la répartition de 40 000 € "
	    "entre les tiers-lieux de Digne, Gap et Briançon.", &needs, &t1,
	    d->e);
	u64_list_free(&needs);
	if (rc == 0)
		rc = hub_tension_add(d->h, &d->v[1], TK_CHAMBER, "Intégrer "
		    "Médiaterre au consortium", "Médiaterre demande à "
		    "rejoindre la chambre des membres.", NULL, &t2, d->e);
	if (rc == 0)
		rc = hub_tension_add(d->h, &d->v[4], TK_CHAMBER, "Exclure un "
		    "membre inactif depuis un an", NULL, NULL, &t3, d->e);
	if (rc != 0)
		return rc;
	demo_clock(start);
	if ((rc = hub_meeting_open(d->h, &d->fac, 0, "Chambre d'octobre",
	    &mid, d->e)) != 0)
		return rc;
	for (size_t i = 0; i < 4; i++)
		room[i] = d->p.voters[i];
	if ((rc = hub_meeting_present(d->h, &d->fac, room, 4, d->e)) != 0)
		return rc;
	for (size_t i = 4; i < d->p.nvoters && rc == 0; i++)
		rc = hub_meeting_join(d->h, &d->v[i], d->e);
	if (rc == 0)
		rc = hub_meeting_review(d->h, &d->fac, d->e);
	/* Tension 1: retained with an alert and a lone block. */
	demo_clock(start + 600);
	if (rc == 0)
		rc = hub_meeting_take(d->h, &d->fac, t1, NULL, d->e);
	if (rc == 0)
		rc = hub_meeting_ack(d->h, &d->v[0], d->e);
	if (rc == 0)
		rc = hub_meeting_question(d->h, &d->v[3], "Le tiers-lieu de "
		    "Briançon a-t-il déjà un local ?", d->e);
	if (rc == 0)
		rc = hub_proposal_add(d->h, &d->v[2], t1, "Répartir 40 000 € : "
		    "Digne 15 000, Gap 15 000, Briançon 10 000.", 0, 0, 0, &p1,
		    d->e);
	if (rc == 0)
		rc = hub_proposal_amend(d->h, &d->v[2], p1, "Répartir "
		    "40 000 € : Digne 14 000, Gap 14 000, Briançon 12 000.",
		    d->e);
	if (rc == 0) rc = pos(d, p1, 0, POS_APPROVE, NULL);
	if (rc == 0) rc = pos(d, p1, 1, POS_ALERT, "Prévoir un bilan à six "
	    "mois pour Briançon.");
	if (rc == 0) rc = pos(d, p1, 2, POS_APPROVE, NULL);
	if (rc == 0) rc = pos(d, p1, 3, POS_WITHDRAW, "Conflit d'intérêts : "
	    "nous gérons le lieu de Gap.");
	if (rc == 0) rc = pos(d, p1, 4, POS_BLOCK, "Rien pour la vallée de "
	    "l'Ubaye.");
	if (rc == 0) rc = pos(d, p1, 5, POS_APPROVE, NULL);
	if (rc == 0)
		rc = hub_proposal_close(d->h, &d->fac, p1, &r, d->e);
	if (rc == 0)
		rc = hub_action_add(d->h, &d->fac, r.decision, d->p.voters[2],
		    "Signer les conventions avec les trois lieux",
		    start + 20 * DEMO_DAY, &a, d->e);
	if (rc == 0)
		rc = hub_action_status(d->h, &d->fac, a, AS_DONE, d->e);
	if (rc == 0)
		rc = hub_action_add(d->h, &d->fac, r.decision, d->p.voters[1],
		    "Bilan à six mois du lieu de Briançon",
		    start + 25 * DEMO_DAY, NULL, d->e);
	if (rc == 0)
		rc = hub_action_add(d->h, &d->fac, r.decision, d->p.voters[0],
		    "Verser la première tranche", start + 60 * DEMO_DAY, &a,
		    d->e);
	if (rc == 0)
		rc = hub_action_status(d->h, &d->fac, a, AS_DOING, d->e);
	/* Tension 2: rejected by two blocks, adjourned with their
	 * agreement. */
	demo_clock(start + 2400);
	if (rc == 0)
		rc = hub_meeting_take(d->h, &d->fac, t2, NULL, d->e);
	if (rc == 0)
		rc = hub_proposal_add(d->h, &d->v[1], t2, "Accueillir "
		    "Médiaterre comme membre dès janvier.", 0, 0, 0, &p2, d->e);
	if (rc == 0) rc = pos(d, p2, 0, POS_BLOCK, "Leur territoire "
	    "recouvre celui d'un membre ; en parler d'abord.");
	if (rc == 0) rc = pos(d, p2, 1, POS_APPROVE, NULL);
	if (rc == 0) rc = pos(d, p2, 3, POS_BLOCK, "Nous n'avons pas lu "
	    "leur projet associatif.");
	if (rc == 0) rc = pos(d, p2, 5, POS_APPROVE, NULL);
	if (rc == 0)
		rc = hub_proposal_close(d->h, &d->fac, p2, &r, d->e);
	if (rc == 0)
		rc = hub_proposal_ack(d->h, &d->v[0], p2, d->e);
	if (rc == 0)
		rc = hub_proposal_ack(d->h, &d->v[3], p2, d->e);
	if (rc == 0)
		rc = hub_proposal_adjourn(d->h, &d->fac, p2, d->e);
	/* Tension 3: unanimity, one block, sent to the sages. */
	demo_clock(start + 4200);
	if (rc == 0)
		rc = hub_meeting_take(d->h, &d->fac, t3, NULL, d->e);
	if (rc == 0)
		rc = hub_proposal_add(d->h, &d->v[4], t3, "Exclure le membre "
		    "absent des quatre dernières chambres.", 0, 0, 0, &p3,
		    d->e);
	if (rc == 0) rc = pos(d, p3, 4, POS_APPROVE, NULL);
	if (rc == 0) rc = pos(d, p3, 2, POS_BLOCK, "Il faut d'abord le "
	    "rencontrer.");
	if (rc == 0) rc = pos(d, p3, 5, POS_BLOCK, "Les statuts ne prévoient "
	    "pas ce cas.");
	if (rc == 0)
		rc = hub_proposal_close(d->h, &d->fac, p3, &r, d->e);
	if (rc == 0 && r.outcome == OUT_REJECTED) {
		rc = hub_proposal_escalate(d->h, &d->fac, p3, d->e);
		if (rc == 0)
			rc = hub_proposal_answer(d->h, &d->sage, p3, "Les "
			    "sages proposent une rencontre avec ce membre "
			    "avant la prochaine chambre.", d->e);
	}
	demo_clock(start + 7200);
	if (rc == 0)
		rc = hub_meeting_close(d->h, &d->fac, d->e);
	return rc;
}

static int
today(struct demo *d, int64_t now)
{
	uint64_t t, p;
	int rc;

	demo_clock(now - 2 * DEMO_DAY);
	rc = hub_tension_add(d->h, &d->v[0], TK_PROJECT, "Former les "
	    "médiateurs d'Avignon aux démarches en ligne", "Trois sessions "
	    "d'une journée au premier trimestre.", NULL, &t, d->e);
	if (rc == 0)
		rc = hub_tension_add(d->h, &d->v[5], TK_CHAMBER, "Tenir une "
		    "chambre sur deux à distance", "Les membres des Alpes "
		    "font trois heures de route.", NULL, &t, d->e);
	if (rc == 0)
		rc = hub_tension_add(d->h, &d->v[1], TK_POSITION, "Soutenir "
		    "le pass numérique départemental", NULL, NULL, &t, d->e);
	if (rc == 0)
		rc = hub_tension_add(d->h, &d->v[3], TK_POSITION, "Publier "
		    "une tribune sur la fermeture des guichets", "Une "
		    "tribune commune dans la presse régionale.", NULL, &t,
		    d->e);
	/* An electronic round, open for ten more days. */
	if (rc == 0)
		rc = hub_proposal_add(d->h, &d->v[3], t, "Publier la tribune "
		    "jointe, signée par les six membres.", 0,
		    now + 10 * DEMO_DAY, 0, &p, d->e);
	if (rc == 0) rc = pos(d, p, 3, POS_APPROVE, NULL);
	if (rc == 0) rc = pos(d, p, 0, POS_ALERT, "Citer les chiffres de "
	    "l'étude locale.");
	if (rc == 0) rc = pos(d, p, 5, POS_APPROVE, NULL);
	if (rc == 0)
		rc = hub_agenda_move(d->h, &d->fac, t, 1, d->e);
	return rc;
}

int
demo_gov(struct hub *h, struct err *e)
{
	struct demo d;
	char *keep = demo_clock_keep();
	int64_t now = util_now();
	int rc;

	memset(&d, 0, sizeof d);
	d.h = h;
	d.e = e;
	if ((rc = demo_people(h, &d.p, e)) != 0)
		goto out;
	hub_actor_member(&d.fac, d.p.facil);
	hub_actor_member(&d.sage, d.p.sage);
	for (size_t i = 0; i < d.p.nvoters; i++)
		hub_actor_member(&d.v[i], d.p.voters[i]);
	if ((rc = past_meeting(&d, now - 30 * DEMO_DAY)) == 0)
		rc = today(&d, now);
out:
	demo_clock_restore(keep);
	return rc;
}
