/* cli-mail.c: mail for members who cannot stay connected: `mail prefs`
 * (a member's address and digest frequency), `mail digest` (show one),
 * `mail minutes ID` (send now) and `mail run` (for cron: the minutes of
 * every meeting closed since, and the digests that are due). Texts come
 * from the hub; mail.c hands them to the host's sendmail. */
#include "cli.h"
#include "codec.h"
#include "mail.h"
#include "i18n.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* gettext's cache is keyed on the language only through this counter. */
extern int _nl_msg_cat_cntr;

/* A mail is in its reader's language, else the hub's. */
static void
mail_lang(struct cli *c, const char *lang)
{
	i18n_setup(NULL, lang, c->hub_lang);
	++_nl_msg_cat_cntr;
}

struct mail_opts {
	const char *sendmail, *from, *ssh;
	char from_buf[128], ssh_buf[160];
};

static int
mail_opts(struct cli *c, struct mail_opts *o)
{
	char host[64];

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	o->sendmail = cli_opt(c, "sendmail");
	if (o->sendmail == NULL)
		o->sendmail = getenv("CERCLE_SENDMAIL");
	if (o->sendmail == NULL)
		o->sendmail = MAIL_SENDMAIL_DEFAULT;
	o->from = cli_opt(c, "from");
	if (o->from == NULL) {
		snprintf(o->from_buf, sizeof o->from_buf, "cercle@%s", host);
		o->from = o->from_buf;
	}
	if (hub_email_check(o->from, &c->e) != 0)
		return cli_usage(c, "--from: %s", c->e.msg);
	o->ssh = cli_opt(c, "ssh");
	if (o->ssh == NULL) {
		snprintf(o->ssh_buf, sizeof o->ssh_buf, "ssh -p 2222 %s", host);
		o->ssh = o->ssh_buf;
	}
	for (const char *p = o->ssh; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cli_usage(c, "--ssh holds a control character");
	return 0;
}

static int
c_mail_prefs(struct cli *c)
{
	const char *email = cli_opt(c, "email"), *dg = cli_opt(c, "digest");
	int digest = -1;

	if (dg != NULL && (digest = hub_digest_parse(dg)) < 0)
		return cli_usage(c, "--digest is off, daily or weekly, not "
		    "'%.20s'", dg);
	if (email == NULL && dg == NULL)
		return cli_usage(c, "give --email ADDRESS and/or --digest "
		    "off|daily|weekly");
	if (hub_mail_prefs(c->h, &c->who, email, digest, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_mail_digest(struct cli *c)
{
	struct mail_opts o;
	struct buf body = { 0 }, subj = { 0 };
	struct hub_member_view mv;
	struct hub_rd *r;
	int64_t now = util_now(), since;

	if (c->who.login[0] == '\0')
		return cli_usage(c, "--as LOGIN: whose digest");
	if (mail_opts(c, &o) != 0)
		return ERR_USAGE;
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_view_get(r, c->who.login, &mv, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	since = hub_digest_due(&mv.m, now);
	if (since < 0)
		since = mv.m.digest_last ? mv.m.digest_last : now - 86400;
	mail_lang(c, mv.m.lang);
	hub_member_view_free(&mv);
	if (hub_digest(c->h, c->who.login, since, now, o.ssh, &body, &subj,
	    &c->e) != 0) {
		buf_free(&body);
		buf_free(&subj);
		return cli_fail(c);
	}
	printf("Subject: %.*s\n\n", (int)subj.len, subj.p ? subj.p : "");
	fflush(stdout);
	cli_write(&body);
	buf_free(&body);
	buf_free(&subj);
	return 0;
}

struct send_ctx {
	struct cli *c;
	struct mail_opts *o;
	const char *subject, *body;	/* minutes: the same for all */
	uint64_t meeting;
	int64_t now;
	int sent, failed, digests;
};

static int
send_minutes_cb(const struct member *m, void *arg)
{
	struct send_ctx *s = arg;
	struct err e;

	err_clear(&e);
	if (mail_send(s->o->sendmail, s->o->from, m->email, s->subject,
	    s->body, &e) != 0) {
		fprintf(stderr, "cercle: %s\n", e.msg);
		s->failed++;
	} else
		s->sent++;
	return 0;
}

static int
send_minutes(struct cli *c, struct mail_opts *o, uint64_t id, int64_t now)
{
	struct buf md = { 0 }, subj = { 0 };
	struct send_ctx s;
	int rc;

	if ((rc = hub_minutes(c->h, id, 0, &md, &c->e)) != 0)
		return rc;
	buf_add(&md, "", 1);
	/* The subject, as the minutes, in the hub's language. */
	i18n_push_lang(c->hub_lang);
	buf_printf(&subj, _("Minutes of meeting %llu"),
	    (unsigned long long)id);
	i18n_pop_lang();
	buf_add(&subj, "", 1);
	memset(&s, 0, sizeof s);
	s.c = c;
	s.o = o;
	s.subject = subj.p;
	s.body = md.p;
	rc = hub_mail_recipients(c->h, send_minutes_cb, &s, &c->e);
	buf_free(&md);
	buf_free(&subj);
	if (rc != 0)
		return rc;
	printf(ngettext("minutes of meeting %llu: sent to %d member%s\n",
	    "minutes of meeting %llu: sent to %d members%s\n", s.sent),
	    (unsigned long long)id, s.sent, s.failed ? _(" (some failed)") :
	    "");
	if (s.failed)
		return err_setn(&c->e, ERR_SYSTEM, (unsigned long)s.failed,
		    "%d message could not be handed to %s",
		    "%d messages could not be handed to %s", s.failed,
		    o->sendmail);
	return hub_minutes_mailed(c->h, &c->who, id, now, &c->e);
}

static int
c_mail_minutes(struct cli *c)
{
	struct mail_opts o;
	uint64_t id;

	if (cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if (mail_opts(c, &o) != 0)
		return ERR_USAGE;
	if (send_minutes(c, &o, id, util_now()) != 0)
		return cli_fail(c);
	return 0;
}

/* Digests: recipients are collected first (the read ends before any
 * write), then each due one is built, sent and recorded. */
struct due {
	char login[MAX_LOGIN + 1];
	char email[256];
	char lang[8];
	int64_t since;
};

struct due_list {
	struct due *v;
	size_t n, cap;
	int64_t now;
};

static int
due_cb(const struct member *m, void *arg)
{
	struct due_list *l = arg;
	int64_t since = hub_digest_due(m, l->now);

	if (since < 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	snprintf(l->v[l->n].login, sizeof l->v[l->n].login, "%s", m->login);
	snprintf(l->v[l->n].email, sizeof l->v[l->n].email, "%s", m->email);
	snprintf(l->v[l->n].lang, sizeof l->v[l->n].lang, "%s",
	    m->lang ? m->lang : "");
	l->v[l->n].since = since;
	l->n++;
	return 0;
}

static volatile sig_atomic_t mail_stop;

static void
on_mail_stop(int sig)
{
	(void)sig;
	mail_stop = 1;
}

/* One pass: minutes of meetings closed since, then due digests.
 * Returns how many mailings failed. */
static int
mail_pass(struct cli *c, struct mail_opts *o, int digests)
{
	struct u64_list ids = { 0 };
	struct due_list due = { NULL, 0, 0, util_now() };
	int failed = 0, sent = 0;

	if (hub_meetings_unmailed(c->h, &ids, &c->e) != 0) {
		fprintf(stderr, "cercle: %s\n", c->e.msg);
		return 1;
	}
	for (size_t i = 0; i < ids.n; i++)
		if (send_minutes(c, o, ids.v[i], due.now) != 0) {
			fprintf(stderr, "cercle: %s\n", c->e.msg);
			failed++;
		}
	u64_list_free(&ids);
	if (!digests)
		return failed;
	if (hub_mail_recipients(c->h, due_cb, &due, &c->e) != 0) {
		fprintf(stderr, "cercle: %s\n", c->e.msg);
		free(due.v);
		return failed + 1;
	}
	for (size_t i = 0; i < due.n; i++) {
		struct buf body = { 0 }, subj = { 0 };
		struct err e;

		err_clear(&e);
		mail_lang(c, due.v[i].lang);
		if (hub_digest(c->h, due.v[i].login, due.v[i].since, due.now,
		    o->ssh, &body, &subj, &e) == 0) {
			buf_add(&body, "", 1);
			buf_add(&subj, "", 1);
			if (mail_send(o->sendmail, o->from, due.v[i].email,
			    subj.p, body.p, &e) == 0 &&
			    hub_digest_sent(c->h, &c->who, due.v[i].login,
			    due.now, &e) == 0)
				sent++;
		}
		if (e.code) {
			fprintf(stderr, _("cercle: digest for %s: %s\n"),
			    due.v[i].login, e.msg);
			failed++;
		}
		buf_free(&body);
		buf_free(&subj);
	}
	if (sent)
		printf(ngettext("digests: %d sent\n", "digests: %d sent\n",
		    sent), sent);
	fflush(stdout);
	free(due.v);
	return failed;
}

/* --watch: stay up (a systemd service instead of cron): minutes go as
 * soon as a meeting is closed (any commit wakes a pass within 2 s),
 * digests are looked at every minute. Stops on SIGTERM or SIGINT. */
static int
mail_watch(struct cli *c, struct mail_opts *o)
{
	struct sigaction sa;
	uint64_t seen = 0;
	time_t last_digest = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_mail_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!mail_stop) {
		uint64_t now_id = hub_last_change(c->h);
		time_t now = time(NULL);
		int digests = now - last_digest >= 60;

		if (now_id != seen || digests) {
			mail_pass(c, o, digests);
			/* Our own records of what was sent are commits too. */
			seen = hub_last_change(c->h);
			if (digests)
				last_digest = now;
		}
		for (int i = 0; i < 20 && !mail_stop; i++)
			usleep(100000);
	}
	return 0;
}

static int
c_mail_run(struct cli *c)
{
	struct mail_opts o;
	int failed;

	if (mail_opts(c, &o) != 0)
		return ERR_USAGE;
	if (cli_flag(c, "watch"))
		return mail_watch(c, &o);
	failed = mail_pass(c, &o, 1);
	if (failed)
		return err_setn(&c->e, ERR_SYSTEM, (unsigned long)failed,
		    "%d mailing failed", "%d mailings failed", failed),
		    cli_fail(c);
	return 0;
}

#define MAIL_OPTS "sendmail:,from:,ssh:"
#define MAIL_USAGE "[--sendmail CMD] [--from ADDR] [--ssh 'ssh -p 2222 HOST']"

const struct cli_cmd cli_mail_cmds[] = {
	{ "mail prefs", "--as LOGIN [--email ADDR] [--digest off|daily|weekly]",
	    "as:,email:,digest:", 0, 0, 0,
	    N_("your address for minutes and digests, and how often"),
	    c_mail_prefs },
	{ "mail digest", "--as LOGIN " MAIL_USAGE, "as:," MAIL_OPTS, 0, 0, 0,
	    N_("print the digest a member would receive now"), c_mail_digest },
	{ "mail minutes", "MEETING_ID " MAIL_USAGE, MAIL_OPTS, 1, 1, 0,
	    N_("mail a meeting's minutes to every member with an address"),
	    c_mail_minutes },
	{ "mail run", MAIL_USAGE " [--watch]", MAIL_OPTS ",watch", 0, 0, 0,
	    N_("mail the minutes of meetings closed since, and the digests "
	    "that are due (once, for cron; or --watch)"), c_mail_run },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
