/* hub-digest.c: what is mailed to members who cannot stay connected:
 * their mail preferences, the digest (new tensions, open electronic
 * rounds with the one-line ssh command that answers each, actions due)
 * and the bookkeeping of what was sent. Builds text; never sends it (the
 * CLI hands it to the host's sendmail, mail.c). Texts members read go
 * through gettext. */
#include "hub.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* ---- preferences ---- */

int
hub_email_check(const char *s, struct err *e)
{
	const char *at;
	char safe[80];
	size_t n;

	if (s == NULL || *s == '\0')
		return 0;
	n = strlen(s);
	at = strchr(s, '@');
	if (n > 254 || at == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return err_set(e, ERR_USAGE, "'%s' is not a mail address "
		    "(name@domain.example)", util_safe(s, safe, sizeof safe));
	/* Nothing a header or a command line could act on. */
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[],;:\\\"'`$|&", *p) != NULL)
			return err_set(e, ERR_USAGE, "a mail address holds "
			    "plain ASCII letters, digits and . _ + - @ only");
	return 0;
}

int
hub_digest_parse(const char *s)
{
	if (strcmp(s, "off") == 0)
		return DIGEST_OFF;
	if (strcmp(s, "daily") == 0)
		return DIGEST_DAILY;
	if (strcmp(s, "weekly") == 0)
		return DIGEST_WEEKLY;
	return -1;
}

const char *
hub_digest_name(int f)
{
	return f == DIGEST_DAILY ? "daily" : f == DIGEST_WEEKLY ? "weekly" :
	    "off";
}

struct mprefs_arg {
	const char *email;
	int digest;
};

static int
op_mail_prefs(struct hub_ctx *c, void *argp)
{
	struct mprefs_arg *a = argp;
	struct member m;
	int rc;

	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "mail preferences belong to "
		    "a member: use --as LOGIN");
	if ((rc = store_get(c->t, RT_MEMBER, c->who->id, &m, c->e)) != 0)
		return rc;
	if (a->email != NULL)
		str_replace(&m.email, a->email[0] ? a->email : NULL);
	if (a->digest >= 0) {
		if (m.digest != (uint64_t)a->digest)
			m.digest_last = 0;
		m.digest = (uint64_t)a->digest;
	}
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_mail_prefs(struct hub *h, struct actor *who, const char *email,
    int digest, struct err *e)
{
	struct mprefs_arg a = { email, digest };

	if (hub_email_check(email, e) != 0)
		return e->code;
	return hub_run(h, who, "member.mail", NULL, op_mail_prefs, &a, e);
}

/* ---- who gets mail ---- */

struct rcpt_walk {
	hub_rcpt_cb cb;
	void *arg;
	struct err *e;
	int bad;
};

static int
rcpt_cb(uint64_t id, const void *data, size_t len, void *argp)
{
	struct rcpt_walk *w = argp;
	struct member m;
	int stop = 0;

	(void)id;
	if (codec_decode(RT_MEMBER, data, len, &m, w->e) != 0)
		return w->bad = 1;
	if (!m.disabled && m.email != NULL && m.email[0] && m.login != NULL)
		stop = w->cb(&m, w->arg);
	codec_free(RT_MEMBER, &m);
	return stop;
}

int
hub_mail_recipients(struct hub *h, hub_rcpt_cb cb, void *arg, struct err *e)
{
	struct rcpt_walk w = { cb, arg, e, 0 };
	struct store_txn *t;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_scan(t, RT_MEMBER, 0, 0, rcpt_cb, &w, e);
	hub_read_end(t);
	if (rc == 0 && w.bad)
		rc = e->code ? e->code : ERR_SYSTEM;
	return rc;
}

/* ---- meetings whose minutes are not mailed yet ---- */

struct unmailed {
	struct u64_list *ids;
	struct err *e;
	int bad;
};

static int
unmailed_cb(uint64_t id, const void *data, size_t len, void *argp)
{
	struct unmailed *u = argp;
	struct meeting m;

	if (codec_decode(RT_MEETING, data, len, &m, u->e) != 0)
		return u->bad = 1;
	if (m.status == MS_CLOSED && m.minutes_mailed == 0)
		u64_list_push(u->ids, id);
	codec_free(RT_MEETING, &m);
	return 0;
}

int
hub_meetings_unmailed(struct hub *h, struct u64_list *ids, struct err *e)
{
	struct unmailed u = { ids, e, 0 };
	struct store_txn *t;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_scan(t, RT_MEETING, 0, 0, unmailed_cb, &u, e);
	hub_read_end(t);
	if (rc == 0 && u.bad)
		rc = e->code ? e->code : ERR_SYSTEM;
	return rc;
}

struct mark_arg {
	uint64_t id;
	int64_t when;
	const char *login;
};

static int
op_minutes_mailed(struct hub_ctx *c, void *argp)
{
	struct mark_arg *a = argp;
	struct meeting m;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "record mailed minutes")) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_MEETING, a->id, &m, c->e)) != 0)
		return rc;
	m.minutes_mailed = a->when;
	rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_minutes_mailed(struct hub *h, struct actor *who, uint64_t meeting,
    int64_t when, struct err *e)
{
	struct mark_arg a = { meeting, when, NULL };

	return hub_run(h, who, "mail.minutes", NULL, op_minutes_mailed, &a, e);
}

static int
op_digest_sent(struct hub_ctx *c, void *argp)
{
	struct mark_arg *a = argp;
	struct member m;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "record a sent digest")) != 0)
		return rc;
	if ((rc = hub_member_by_login(c->t, a->login, &m, c->e)) != 0)
		return rc;
	m.digest_last = a->when;
	rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_digest_sent(struct hub *h, struct actor *who, const char *login,
    int64_t when, struct err *e)
{
	struct mark_arg a = { 0, when, login };

	return hub_run(h, who, "mail.digest", login, op_digest_sent, &a, e);
}

/* ---- the digest ---- */

int64_t
hub_digest_due(const struct member *m, int64_t now)
{
	int64_t period = m->digest == DIGEST_DAILY ? 86400 :
	    m->digest == DIGEST_WEEKLY ? 7 * 86400 : 0;

	if (period == 0)
		return -1;
	if (m->digest_last == 0)
		return now - period;	/* first digest: the last period */
	/* A few minutes early is on time: cron does not run to the second. */
	if (now - m->digest_last < period - 600)
		return -1;
	return m->digest_last;
}

struct dg {
	struct buf *b;
	struct store_txn *t;
	const struct member *m;
	int64_t since, now;
	const char *ssh;
	struct err *e;
	int n, bad;
};

static void
put_line(struct buf *b, const char *s)
{
	util_sanitize(b, s ? s : "", strlen(s ? s : ""), 0);
}

static int
dg_tension(uint64_t id, const void *data, size_t len, void *argp)
{
	struct dg *d = argp;
	struct tension t;
	char who[MAX_LOGIN + 2];

	if (codec_decode(RT_TENSION, data, len, &t, d->e) != 0)
		return d->bad = 1;
	if (t.created > d->since && t.created <= d->now) {
		buf_printf(d->b, "  #%llu ", (unsigned long long)id);
		put_line(d->b, t.title);
		buf_printf(d->b, _(" (%s, by %s)\n"), hub_tension_kind_label(
		    (int)t.kind), hub_login_of(d->t, t.author, who,
		    sizeof who));
		d->n++;
	}
	codec_free(RT_TENSION, &t);
	return 0;
}

static int
dg_round(uint64_t id, const void *data, size_t len, void *argp)
{
	struct dg *d = argp;
	struct proposal p;
	struct hub_positions ps;
	char when[40];
	const char *mine = NULL;

	if (codec_decode(RT_PROPOSAL, data, len, &p, d->e) != 0)
		return d->bad = 1;
	if (p.status != PS_OPEN || p.closes == 0) {
		codec_free(RT_PROPOSAL, &p);
		return 0;
	}
	if (hub_positions_load(d->t, id, &ps, d->e) == 0) {
		for (size_t i = 0; i < ps.n; i++)
			if (ps.v[i].member == d->m->id &&
			    ps.v[i].version == p.versions.n)
				mine = hub_position_label((int)ps.v[i].kind);
		hub_positions_free(&ps);
	}
	buf_printf(d->b, _("  Proposal #%llu (tension #%llu): "),
	    (unsigned long long)id, (unsigned long long)p.tension);
	put_line(d->b, p.versions.n ? p.versions.v[p.versions.n - 1] : "");
	buf_printf(d->b, _("\n    closes %s; your position: %s\n"),
	    i18n_date(p.closes, when, sizeof when), mine ? mine :
	    _("none yet"));
	buf_printf(d->b, _("    to answer: %s position %llu approve\n"),
	    d->ssh, (unsigned long long)id);
	buf_printf(d->b, _("    (or alert, withdraw or block followed by "
	    "your reason: %s position %llu block REASON)\n"), d->ssh,
	    (unsigned long long)id);
	d->n++;
	codec_free(RT_PROPOSAL, &p);
	return 0;
}

static int
dg_action(uint64_t id, const void *data, size_t len, void *argp)
{
	struct dg *d = argp;
	struct action a;
	char when[40];

	if (codec_decode(RT_ACTION, data, len, &a, d->e) != 0)
		return d->bad = 1;
	if (a.owner == d->m->id && (a.status == AS_TODO ||
	    a.status == AS_DOING) && a.due != 0 &&
	    a.due <= d->now + 14 * 86400) {
		buf_printf(d->b, "  #%llu ", (unsigned long long)id);
		put_line(d->b, a.title);
		buf_printf(d->b, _(" - due %s%s\n"), i18n_day(a.due,
		    when, sizeof when), a.due < d->now ? _(" (overdue)") :
		    "");
		d->n++;
	}
	codec_free(RT_ACTION, &a);
	return 0;
}

int
hub_digest(struct hub *h, const char *login, int64_t since, int64_t now,
    const char *ssh, struct buf *out, struct buf *subject, struct err *e)
{
	struct store_txn *t;
	struct member m;
	struct config cfg;
	struct dg d;
	char day[40], from[40];
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	if ((rc = hub_member_by_login(t, login, &m, e)) != 0) {
		hub_read_end(t);
		return rc;
	}
	memset(&cfg, 0, sizeof cfg);
	hub_config_get(t, &cfg, e);
	memset(&d, 0, sizeof d);
	d.b = out;
	d.t = t;
	d.m = &m;
	d.since = since;
	d.now = now;
	d.ssh = ssh;
	d.e = e;
	buf_printf(subject, _("[%s] Digest of %s"), cfg.hub_name ?
	    cfg.hub_name : "cercle", i18n_day(now, day, sizeof day));
	buf_puts(out, _("Hello "));
	put_line(out, m.name ? m.name : m.login);
	buf_printf(out, _(",\n\nWhat happened on the hub since %s.\n\n"),
	    i18n_date(since, from, sizeof from));

	buf_puts(out, _("New tensions:\n"));
	rc = store_scan(t, RT_TENSION, 0, 0, dg_tension, &d, e);
	if (rc == 0 && d.n == 0)
		buf_puts(out, _("  (none)\n"));
	d.n = 0;
	buf_puts(out, _("\nOpen electronic rounds:\n"));
	if (rc == 0)
		rc = store_scan(t, RT_PROPOSAL, 0, 0, dg_round, &d, e);
	if (rc == 0 && d.n == 0)
		buf_puts(out, _("  (none)\n"));
	d.n = 0;
	buf_puts(out, _("\nYour actions due:\n"));
	if (rc == 0)
		rc = store_scan(t, RT_ACTION, 0, 0, dg_action, &d, e);
	if (rc == 0 && d.n == 0)
		buf_puts(out, _("  (none)\n"));
	buf_printf(out, _("\n-- \nYou receive this digest (%s) because you "
	    "asked for it; to stop it: cercle mail prefs --as %s --digest "
	    "off\n"), m.digest == DIGEST_WEEKLY ? P_("digest", "weekly") :
	    P_("digest", "daily"), m.login);
	if (rc == 0 && d.bad)
		rc = e->code ? e->code : ERR_SYSTEM;
	codec_free(RT_CONFIG, &cfg);
	codec_free(RT_MEMBER, &m);
	hub_read_end(t);
	return rc;
}

uint64_t
hub_last_change(struct hub *h)
{
	return store_last_txnid(h->st);
}
