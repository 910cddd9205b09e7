/* cli-gov.c: commands for governance: tensions, agenda, meetings,
 * proposals, positions, decisions, actions, minutes, dot voting. Bodies
 * parse, call the hub, print; no rule lives here. */
#include "cli.h"
#include "codec.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static int
read_begin(struct cli *c, struct store_txn **t)
{
	if (hub_read(c->h, t, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
get_rec(struct cli *c, struct store_txn *t, int rt, uint64_t id, void *rec)
{
	int rc = store_get(t, rt, id, rec, &c->e);

	/* Users know a dot-voting round as a "round" (cercle round show). */
	if (rc == ERR_NOTFOUND)
		err_set(&c->e, ERR_REFUSED, "no %s #%llu", rt == RT_DOTROUND ?
		    "round" : model_rtype_name(rt), (unsigned long long)id);
	return rc;
}

static void
put_login(struct buf *b, struct store_txn *t, uint64_t id, int json)
{
	char l[64], s[128];

	hub_login_of(t, id, l, sizeof l);
	if (json)
		json_str(b, l);
	else
		buf_puts(b, util_safe(l, s, sizeof s));
}

static void
put_logins(struct buf *b, struct store_txn *t, const struct u64_list *l,
    int json)
{
	if (json)
		buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(b, json ? "," : ", ");
		put_login(b, t, l->v[i], json);
	}
	if (json)
		buf_puts(b, "]");
	else if (l->n == 0)
		buf_puts(b, "-");
}

/* Sanitised multiline text, each line indented. */
static void
put_text(struct buf *b, const char *s, const char *indent)
{
	struct buf t = { 0 };

	if (s == NULL)
		return;
	util_sanitize(&t, s, strlen(s), 1);
	buf_puts(b, indent);
	for (const char *p = t.p ? t.p : ""; *p; p++) {
		buf_add(b, p, 1);
		if (*p == '\n')
			buf_puts(b, indent);
	}
	buf_puts(b, "\n");
	buf_free(&t);
}

static int
print_id(uint64_t id)
{
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

/* Repeatable --need ID options into a list. */
static int
opt_ids(struct cli *c, const char *name, struct u64_list *out)
{
	const char *v[64];
	size_t n = cli_opt_all(c, name, v, 64);
	uint64_t id;

	for (size_t i = 0; i < n; i++) {
		if (util_parse_u64(v[i], &id) != 0 || id == 0)
			return cli_usage(c, "--%s takes an id, not '%.40s'",
			    name, v[i]);
		u64_list_push(out, id);
	}
	return 0;
}

static int
opt_date(struct cli *c, const char *name, int64_t *out)
{
	const char *v = cli_opt(c, name);

	*out = 0;
	if (v == NULL)
		return 0;
	if ((*out = util_parse_date(v)) <= 0)
		return cli_usage(c, "--%s takes a date YYYY-MM-DD [HH:MM], "
		    "not '%.40s'", name, v);
	return 0;
}

/* ---- tensions and the agenda ---- */

static int
c_tension_add(struct cli *c)
{
	const char *kind = cli_opt(c, "kind"), *title = cli_opt(c, "title");
	struct u64_list needs = { 0 };
	uint64_t id;
	int k, rc;

	if (kind == NULL || (k = model_tension_kind_parse(kind)) < 0)
		return cli_usage(c, "--kind is project, chamber or position");
	if (title == NULL)
		return cli_usage(c, "--title is required");
	if ((rc = opt_ids(c, "need", &needs)) != 0)
		return rc;
	rc = hub_tension_add(c->h, &c->who, k, title,
	    cli_opt(c, "description"), &needs, &id, &c->e);
	u64_list_free(&needs);
	if (rc != 0)
		return cli_fail(c);
	return print_id(id);
}

static void
tension_json(struct buf *b, struct store_txn *t, const struct tension *tn,
    size_t place)
{
	char iso[32];

	buf_printf(b, "{\"id\":%llu,", (unsigned long long)tn->id);
	if (place)
		buf_printf(b, "\"place\":%zu,", place);
	buf_printf(b, "\"kind\":\"%s\",\"status\":\"%s\",\"title\":",
	    model_tension_kind_name((int)tn->kind),
	    model_tension_status_name((int)tn->status));
	json_str(b, tn->title);
	buf_puts(b, ",\"description\":");
	json_str(b, tn->description);
	buf_puts(b, ",\"author\":");
	put_login(b, t, tn->author, 1);
	buf_puts(b, ",\"needs\":");
	json_u64_list(b, &tn->needs);
	buf_printf(b, ",\"rank\":%llu,\"created\":\"%s\",\"acknowledged_by\":",
	    (unsigned long long)tn->rank,
	    util_fmt_iso(tn->created, iso, sizeof iso));
	put_logins(b, t, &tn->acks, 1);
	buf_puts(b, ",\"questions\":");
	json_str_list(b, &tn->questions);
	buf_puts(b, ",\"blockers_reasons\":");
	json_str_list(b, &tn->blocker_reasons);
	buf_puts(b, "}");
}

static int
c_agenda(struct cli *c)
{
	struct store_txn *t;
	struct u64_list ids = { 0 };
	struct tension tn;
	struct buf b = { 0 };
	char s[400];
	int rc;

	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if ((rc = hub_agenda(t, &ids, &c->e)) != 0)
		goto out;
	if (c->json)
		buf_puts(&b, "[");
	else if (ids.n == 0)
		buf_puts(&b, "the agenda is empty\n");
	for (size_t i = 0; i < ids.n; i++) {
		if ((rc = get_rec(c, t, RT_TENSION, ids.v[i], &tn)) != 0)
			goto out;
		if (c->json) {
			if (i)
				buf_puts(&b, ",");
			tension_json(&b, t, &tn, i + 1);
		} else {
			buf_printf(&b, "%3zu. #%-4llu %-9s %-11s %s (by ", i + 1,
			    (unsigned long long)tn.id,
			    model_tension_kind_name((int)tn.kind),
			    model_tension_status_name((int)tn.status),
			    util_safe(tn.title, s, sizeof s));
			put_login(&b, t, tn.author, 0);
			buf_puts(&b, ")\n");
		}
		codec_free(RT_TENSION, &tn);
	}
	if (c->json)
		buf_puts(&b, "]\n");
out:
	hub_read_end(t);
	u64_list_free(&ids);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

static int
c_agenda_move(struct cli *c)
{
	uint64_t id, pos;

	if (cli_arg_id(c, 0, "tension id", &id) != 0 ||
	    cli_arg_id(c, 1, "place", &pos) != 0)
		return ERR_USAGE;
	if (hub_agenda_move(c->h, &c->who, id, pos, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_tension_show(struct cli *c)
{
	struct store_txn *t;
	struct tension tn;
	struct u64_list ps = { 0 };
	struct buf b = { 0 };
	char s[400], ts[32];
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if ((rc = get_rec(c, t, RT_TENSION, id, &tn)) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	hub_proposals_of(t, id, &ps, &c->e);
	if (c->json) {
		tension_json(&b, t, &tn, 0);
		b.len--;	/* reopen the object to add the proposals */
		buf_puts(&b, ",\"proposals\":");
		json_u64_list(&b, &ps);
		buf_puts(&b, "}\n");
	} else {
		buf_printf(&b, "tension %llu (%s): %s\n",
		    (unsigned long long)tn.id,
		    model_tension_kind_name((int)tn.kind),
		    util_safe(tn.title, s, sizeof s));
		buf_printf(&b, "status:    %s\nbrought by: ",
		    model_tension_status_name((int)tn.status));
		put_login(&b, t, tn.author, 0);
		buf_printf(&b, " on %s\n", util_fmt_time(tn.created, ts,
		    sizeof ts));
		if (tn.description)
			put_text(&b, tn.description, "  ");
		if (tn.needs.n) {
			buf_puts(&b, "needs:     ");
			for (size_t i = 0; i < tn.needs.n; i++)
				buf_printf(&b, "%s#%llu", i ? ", " : "",
				    (unsigned long long)tn.needs.v[i]);
			buf_puts(&b, "\n");
		}
		buf_puts(&b, "understood by: ");
		put_logins(&b, t, &tn.acks, 0);
		buf_puts(&b, "\n");
		for (size_t i = 0; i < tn.questions.n; i++)
			buf_printf(&b, "question:  %s\n", util_safe(
			    tn.questions.v[i], s, sizeof s));
		for (size_t i = 0; i < tn.blocker_reasons.n; i++)
			buf_printf(&b, "blocked:   %s\n", util_safe(
			    tn.blocker_reasons.v[i], s, sizeof s));
		for (size_t i = 0; i < ps.n; i++)
			buf_printf(&b, "proposal:  %llu\n",
			    (unsigned long long)ps.v[i]);
	}
	hub_read_end(t);
	codec_free(RT_TENSION, &tn);
	u64_list_free(&ps);
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_tension_drop(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	if (hub_tension_drop(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- meetings ---- */

static int
c_meeting_plan(struct cli *c)
{
	uint64_t id;

	if (hub_meeting_plan(c->h, &c->who, cli_opt(c, "title"), &id,
	    &c->e) != 0)
		return cli_fail(c);
	return print_id(id);
}

static int
c_meeting_open(struct cli *c)
{
	uint64_t id = 0, out;

	if (c->argc > 0 && cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if (hub_meeting_open(c->h, &c->who, id, cli_opt(c, "title"), &out,
	    &c->e) != 0)
		return cli_fail(c);
	return print_id(out);
}

static int
c_meeting_present(struct cli *c)
{
	if (hub_meeting_present(c->h, &c->who, (const char *const *)c->argv,
	    (size_t)c->argc, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_join(struct cli *c)
{
	if (hub_meeting_join(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int action_plan(struct cli *c, int open_only);

/* Recording the review shows the plan reviewed: open actions, overdue
 * ones marked. */
static int
c_meeting_review(struct cli *c)
{
	if (hub_meeting_review(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return action_plan(c, 1);
}

static int
c_meeting_next(struct cli *c)
{
	uint64_t id = 0, taken;

	if (c->argc > 0 && cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	if (hub_meeting_take(c->h, &c->who, id, &taken, &c->e) != 0)
		return cli_fail(c);
	return print_id(taken);
}

static int
c_meeting_ack(struct cli *c)
{
	if (hub_meeting_ack(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_question(struct cli *c)
{
	const char *q = cli_opt(c, "text");

	if (q == NULL)
		return cli_usage(c, "--text is required");
	if (hub_meeting_question(c->h, &c->who, q, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_meeting_close(struct cli *c)
{
	if (hub_meeting_close(c->h, &c->who, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

struct last_id {
	uint64_t id;
};

static int
last_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	((struct last_id *)arg)->id = id;
	return 1;
}

struct flag_list {
	struct buf *b;
	int json;
	size_t n;
	int bad;
	struct err e;
};

static int
flag_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct flag_list *f = arg;
	struct member m;
	char s[200];

	if (codec_decode(RT_MEMBER, data, len, &m, &f->e) != 0) {
		f->bad = 1;
		return 1;
	}
	m.id = id;
	if (model_watch_flagged(&m)) {
		if (f->json) {
			buf_puts(f->b, f->n ? ",{\"login\":" : "{\"login\":");
			json_str(f->b, m.login);
			buf_printf(f->b, ",\"blocks\":%llu,\"withdrawals\":"
			    "%llu,\"last_note\":",
			    (unsigned long long)m.watch_blocks,
			    (unsigned long long)m.watch_withdrawals);
			json_str(f->b, m.watch_note);
			buf_puts(f->b, "}");
		} else
			buf_printf(f->b, "%s%s (%llu block%s, %llu "
			    "withdrawal%s)", f->n ? ", " : "",
			    util_safe(m.login, s, sizeof s),
			    (unsigned long long)m.watch_blocks,
			    m.watch_blocks == 1 ? "" : "s",
			    (unsigned long long)m.watch_withdrawals,
			    m.watch_withdrawals == 1 ? "" : "s");
		f->n++;
	}
	codec_free(RT_MEMBER, &m);
	return 0;
}

static int
flagged(struct cli *c, struct store_txn *t, struct buf *b, int json)
{
	struct flag_list f;

	memset(&f, 0, sizeof f);
	f.b = b;
	f.json = json;
	if (store_scan(t, RT_MEMBER, 0, 0, flag_cb, &f, &c->e) != 0)
		return -1;
	if (f.bad) {
		c->e = f.e;
		return -1;
	}
	return (int)f.n;
}

static int
c_meeting_show(struct cli *c)
{
	struct store_txn *t;
	struct meeting m;
	struct tension tn;
	struct buf b = { 0 };
	struct last_id last = { 0 };
	char s[400], ts[32], iso[32];
	struct hub_quorum q;
	uint64_t id = 0;
	int rc;

	if (c->argc > 0 && cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if (id != 0)
		rc = get_rec(c, t, RT_MEETING, id, &m);
	else if ((rc = hub_meeting_open_get(t, &m, &c->e)) == ERR_NOTFOUND) {
		store_scan(t, RT_MEETING, 0, 1, last_cb, &last, &c->e);
		rc = last.id ? get_rec(c, t, RT_MEETING, last.id, &m) :
		    err_set(&c->e, ERR_REFUSED, "there is no meeting yet");
	}
	if (rc != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	if (hub_meeting_quorum(t, &m, &q, &c->e) != 0) {
		codec_free(RT_MEETING, &m);
		hub_read_end(t);
		return cli_fail(c);
	}
	memset(&tn, 0, sizeof tn);
	if (m.current_tension)
		store_get(t, RT_TENSION, m.current_tension, &tn, &c->e);
	if (c->json) {
		buf_printf(&b, "{\"id\":%llu,\"title\":",
		    (unsigned long long)m.id);
		json_str(&b, m.title);
		buf_printf(&b, ",\"status\":\"%s\",\"facilitator\":",
		    model_meeting_status_name((int)m.status));
		put_login(&b, t, m.facilitator, 1);
		buf_printf(&b, ",\"opened\":\"%s\"", util_fmt_iso(m.opened,
		    iso, sizeof iso));
		buf_printf(&b, ",\"closed\":\"%s\",\"room\":",
		    util_fmt_iso(m.closed, iso, sizeof iso));
		put_logins(&b, t, &m.room, 1);
		buf_puts(&b, ",\"remote\":");
		put_logins(&b, t, &m.remote, 1);
		buf_printf(&b, ",\"present\":%llu,\"members\":%llu,"
		    "\"needed\":%llu,\"quorum_reached\":%s,\"review_done\":%s,"
		    "\"current_tension\":%llu,\"tensions\":",
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed, q.reached ? "true" : "false",
		    m.review_done ? "true" : "false",
		    (unsigned long long)m.current_tension);
		json_u64_list(&b, &m.tensions);
		buf_puts(&b, ",\"acknowledged_by\":");
		put_logins(&b, t, &tn.acks, 1);
		buf_puts(&b, ",\"watch\":[");
		rc = flagged(c, t, &b, 1);
		buf_puts(&b, "]}\n");
	} else {
		buf_printf(&b, "meeting %llu%s%s\n", (unsigned long long)m.id,
		    m.title ? ": " : "", m.title ? util_safe(m.title, s,
		    sizeof s) : "");
		buf_printf(&b, "status:      %s", model_meeting_status_name(
		    (int)m.status));
		if (m.opened)
			buf_printf(&b, " (opened %s)", util_fmt_time(m.opened,
			    ts, sizeof ts));
		buf_puts(&b, "\nfacilitator: ");
		put_login(&b, t, m.facilitator, 0);
		buf_printf(&b, "\nquorum:      %llu of %llu present, %llu "
		    "needed (%s)\n", (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed,
		    q.reached ? "reached" : "not reached");
		buf_puts(&b, "in the room: ");
		put_logins(&b, t, &m.room, 0);
		buf_puts(&b, "\nremote:      ");
		put_logins(&b, t, &m.remote, 0);
		buf_printf(&b, "\nreview:      %s\n", m.review_done ?
		    "action plan reviewed" : "not yet: the action-plan review "
		    "is the first item");
		if (m.current_tension) {
			buf_printf(&b, "current:     tension %llu: %s\n",
			    (unsigned long long)m.current_tension,
			    util_safe(tn.title ? tn.title : "", s, sizeof s));
			buf_printf(&b, "understood:  %zu of %llu present (",
			    tn.acks.n, (unsigned long long)q.present);
			put_logins(&b, t, &tn.acks, 0);
			buf_printf(&b, "); %zu question%s\n", tn.questions.n,
			    tn.questions.n == 1 ? "" : "s");
		}
		struct buf w = { 0 };
		rc = flagged(c, t, &w, 0);
		if (rc > 0)
			buf_printf(&b, "watch:       %s\n", w.p);
		buf_free(&w);
	}
	hub_read_end(t);
	codec_free(RT_TENSION, &tn);
	codec_free(RT_MEETING, &m);
	if (rc < 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	cli_write(&b);
	buf_free(&b);
	return 0;
}

/* ---- proposals and positions ---- */

static int
c_proposal_add(struct cli *c)
{
	const char *text = cli_opt(c, "text");
	uint64_t tension, id;
	int64_t closes;
	int rc;

	if (cli_arg_id(c, 0, "tension id", &tension) != 0)
		return ERR_USAGE;
	if (text == NULL)
		return cli_usage(c, "--text is required");
	if ((rc = opt_date(c, "closes", &closes)) != 0)
		return rc;
	if (hub_proposal_add(c->h, &c->who, tension, text,
	    cli_flag(c, "unanimity"), closes, cli_flag(c, "hidden"), &id,
	    &c->e) != 0)
		return cli_fail(c);
	return print_id(id);
}

/* A proposal id and a required --text: amend, the sages' answer. */
static int
text_prop(struct cli *c, int (*fn)(struct hub *, struct actor *, uint64_t,
    const char *, struct err *))
{
	const char *text = cli_opt(c, "text");
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (text == NULL)
		return cli_usage(c, "--text is required");
	if (fn(c->h, &c->who, id, text, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_amend(struct cli *c)
{
	return text_prop(c, hub_proposal_amend);
}

static int
c_position(struct cli *c)
{
	uint64_t id;
	int k;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if ((k = model_position_parse(c->argv[1])) < 0)
		return cli_usage(c, "a position is approve, alert, withdraw or "
		    "block, not '%.40s'", c->argv[1]);
	if (hub_position_set(c->h, &c->who, id, k, cli_opt(c, "reason"),
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_close(struct cli *c)
{
	struct hub_close r;
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (hub_proposal_close(c->h, &c->who, id, &r, &c->e) != 0)
		return cli_fail(c);
	printf("quorum: %s\n", r.note);
	if (r.decision)
		printf("decision: %llu\n", (unsigned long long)r.decision);
	printf("%s\n", model_outcome_name(r.outcome));
	return 0;
}

static int
simple_prop(struct cli *c, int (*fn)(struct hub *, struct actor *, uint64_t,
    struct err *))
{
	uint64_t id;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if (fn(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_proposal_adjourn(struct cli *c)
{
	return simple_prop(c, hub_proposal_adjourn);
}

static int
c_proposal_escalate(struct cli *c)
{
	return simple_prop(c, hub_proposal_escalate);
}

static int
c_proposal_unanimity(struct cli *c)
{
	return simple_prop(c, hub_proposal_unanimity);
}

static int
c_proposal_ack(struct cli *c)
{
	return simple_prop(c, hub_proposal_ack);
}

static int
c_proposal_answer(struct cli *c)
{
	return text_prop(c, hub_proposal_answer);
}

/* Who looks: the --as member, to show their own position in a hidden
 * round. 0 for the console. */
static uint64_t
viewer_id(struct cli *c, struct store_txn *t)
{
	struct member m;
	struct err e;
	uint64_t id = 0;

	if (c->who.login[0] && hub_member_by_login(t, c->who.login, &m,
	    &e) == 0) {
		id = m.id;
		codec_free(RT_MEMBER, &m);
	}
	return id;
}

static void
show_positions(struct buf *b, struct store_txn *t, const struct proposal *p,
    const struct hub_positions *ps, int masked, uint64_t viewer, int json)
{
	char r[MAX_REASON + 64];

	if (json)
		buf_puts(b, "[");
	for (size_t i = 0; i < ps->n; i++) {
		const struct position *x = &ps->v[i];
		int counted = x->version == p->versions.n;
		int hide = masked && x->member != viewer;
		if (json) {
			buf_puts(b, i ? ",{\"member\":" : "{\"member\":");
			put_login(b, t, x->member, 1);
			if (hide) {
				buf_puts(b, ",\"hidden\":true}");
				continue;
			}
			buf_printf(b, ",\"position\":\"%s\",\"reason\":",
			    model_position_name((int)x->kind));
			json_str(b, x->reason);
			buf_printf(b, ",\"version\":%llu,\"counted\":%s}",
			    (unsigned long long)x->version,
			    counted ? "true" : "false");
			continue;
		}
		buf_puts(b, "  ");
		put_login(b, t, x->member, 0);
		if (hide) {
			buf_puts(b, ": hidden until closed\n");
			continue;
		}
		buf_printf(b, ": %s", model_position_name((int)x->kind));
		if (x->reason)
			buf_printf(b, " (%s)", util_safe(x->reason, r,
			    sizeof r));
		if (!counted)
			buf_printf(b, " [on version %llu: not counted]",
			    (unsigned long long)x->version);
		buf_puts(b, "\n");
	}
	if (json)
		buf_puts(b, "]");
	else if (ps->n == 0)
		buf_puts(b, "  none yet\n");
}

static int
c_proposal_show(struct cli *c)
{
	struct store_txn *t;
	struct proposal p;
	struct tension tn;
	struct hub_positions ps = { 0 };
	struct tally tl;
	struct buf b = { 0 };
	char s[400], ts[32], iso[32];
	uint64_t id, viewer, thr;
	int rc, masked, open;

	if (cli_arg_id(c, 0, "proposal id", &id) != 0)
		return ERR_USAGE;
	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if ((rc = get_rec(c, t, RT_PROPOSAL, id, &p)) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	memset(&tn, 0, sizeof tn);
	store_get(t, RT_TENSION, p.tension, &tn, &c->e);
	if ((rc = hub_positions_load(t, id, &ps, &c->e)) != 0)
		goto out;
	viewer = viewer_id(c, t);
	open = p.status == PS_OPEN;
	masked = open && p.hidden;
	hub_proposal_tally(&p, &ps, &tl);
	thr = model_block_threshold((int)p.unanimity);
	if (c->json) {
		buf_printf(&b, "{\"id\":%llu,\"tension\":%llu,\"supporter\":",
		    (unsigned long long)p.id, (unsigned long long)p.tension);
		put_login(&b, t, p.supporter, 1);
		buf_printf(&b, ",\"status\":\"%s\",\"live\":%s,\"meeting\":"
		    "%llu,\"closes\":\"%s\",\"unanimity\":%s,\"hidden\":%s,"
		    "\"version\":%zu,\"versions\":",
		    model_proposal_status_name((int)p.status),
		    p.closes ? "false" : "true",
		    (unsigned long long)p.meeting,
		    util_fmt_iso(p.closes, iso, sizeof iso),
		    p.unanimity ? "true" : "false",
		    p.hidden ? "true" : "false", p.versions.n);
		json_str_list(&b, &p.versions);
		buf_puts(&b, ",\"positions\":");
		show_positions(&b, t, &p, &ps, masked, viewer, 1);
		if (masked)
			buf_printf(&b, ",\"tally\":null,\"answered\":%llu",
			    (unsigned long long)(tl.approve + tl.alert +
			    tl.withdraw + tl.block));
		else
			buf_printf(&b, ",\"tally\":{\"approve\":%llu,"
			    "\"alert\":%llu,\"withdraw\":%llu,\"block\":%llu,"
			    "\"blocks_to_reject\":%llu}",
			    (unsigned long long)tl.approve,
			    (unsigned long long)tl.alert,
			    (unsigned long long)tl.withdraw,
			    (unsigned long long)tl.block,
			    (unsigned long long)thr);
		buf_puts(&b, ",\"outcome\":");
		if (open)
			buf_puts(&b, "null");
		else
			json_str(&b, model_proposal_status_name((int)
			    p.status));
		buf_puts(&b, ",\"quorum\":");
		json_str(&b, p.close_note);
		buf_printf(&b, ",\"decision\":%llu,\"decision_text\":",
		    (unsigned long long)p.decision);
		json_str(&b, p.decision_text);
		buf_puts(&b, ",\"sages_answer\":");
		json_str(&b, p.sages_answer);
		buf_puts(&b, ",\"blockers_agreed\":");
		put_logins(&b, t, &p.blockers_ack, 1);
		buf_puts(&b, "}\n");
		goto out;
	}
	buf_printf(&b, "proposal %llu on tension %llu: %s\n",
	    (unsigned long long)p.id, (unsigned long long)p.tension,
	    util_safe(tn.title ? tn.title : "", s, sizeof s));
	buf_puts(&b, "supporter: ");
	put_login(&b, t, p.supporter, 0);
	buf_printf(&b, "\nstatus:    %s", model_proposal_status_name(
	    (int)p.status));
	if (p.closes)
		buf_printf(&b, "; electronic round, closes %s",
		    util_fmt_time(p.closes, ts, sizeof ts));
	else
		buf_printf(&b, "; live in meeting %llu",
		    (unsigned long long)p.meeting);
	buf_printf(&b, "\nrule:      %s%s\n", p.unanimity ? "unanimity "
	    "required: 1 block rejects" : "2 blocks from distinct members "
	    "reject", p.hidden ? "; positions hidden until closed" : "");
	for (size_t i = 0; i < p.versions.n; i++) {
		buf_printf(&b, "version %zu%s:\n", i + 1,
		    i + 1 == p.versions.n ? " (current)" : "");
		put_text(&b, p.versions.v[i], "  ");
	}
	buf_puts(&b, "positions:\n");
	show_positions(&b, t, &p, &ps, masked, viewer, 0);
	if (masked)
		buf_printf(&b, "tally:     hidden until closed (%llu "
		    "answered)\n", (unsigned long long)(tl.approve + tl.alert +
		    tl.withdraw + tl.block));
	else
		buf_printf(&b, "tally:     %llu approve, %llu alert, %llu "
		    "withdraw, %llu block (%llu block%s reject%s; %llu so "
		    "far)\n", (unsigned long long)tl.approve,
		    (unsigned long long)tl.alert,
		    (unsigned long long)tl.withdraw,
		    (unsigned long long)tl.block, (unsigned long long)thr,
		    thr == 1 ? "" : "s", thr == 1 ? "s" : "",
		    (unsigned long long)tl.blockers);
	if (open) {
		if (!masked)
			buf_printf(&b, "if closed now: %s\n",
			    model_outcome_name(model_outcome(&tl,
			    (int)p.unanimity)));
	} else {
		buf_printf(&b, "outcome:   %s", model_proposal_status_name(
		    (int)p.status));
		if (p.close_note)
			buf_printf(&b, " (%s)", util_safe(p.close_note, s,
			    sizeof s));
		buf_puts(&b, "\n");
	}
	if (p.decision_text) {
		buf_printf(&b, "decision %llu:\n", (unsigned long long)
		    p.decision);
		put_text(&b, p.decision_text, "  ");
	}
	if (p.status == PS_RETAINED && tl.block > 0) {
		for (size_t i = 0; i < ps.n; i++)
			if (ps.v[i].version == p.versions.n &&
			    ps.v[i].kind == POS_BLOCK) {
				buf_puts(&b, "block on record (below the "
				    "threshold): ");
				put_login(&b, t, ps.v[i].member, 0);
				buf_printf(&b, ": %s\n", util_safe(
				    ps.v[i].reason ? ps.v[i].reason : "", s,
				    sizeof s));
			}
	}
	if (p.status == PS_REJECTED) {
		buf_puts(&b, "blockers agreed to adjourn: ");
		put_logins(&b, t, &p.blockers_ack, 0);
		buf_puts(&b, "\n");
	}
	if (p.status == PS_ESCALATED) {
		buf_puts(&b, "sages:     ");
		if (p.sages_answer) {
			buf_puts(&b, "\n");
			put_text(&b, p.sages_answer, "  ");
		} else
			buf_puts(&b, "answer awaited\n");
	}
out:
	hub_read_end(t);
	hub_positions_free(&ps);
	codec_free(RT_TENSION, &tn);
	codec_free(RT_PROPOSAL, &p);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

/* ---- watch ---- */

static int
c_watch_list(struct cli *c)
{
	struct store_txn *t;
	struct buf b = { 0 };
	int n, rc;

	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if (c->json)
		buf_puts(&b, "[");
	n = flagged(c, t, &b, c->json);
	hub_read_end(t);
	if (n < 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&b, "]");
	else if (n == 0)
		buf_puts(&b, "nobody is flagged");
	buf_puts(&b, "\n");
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_watch_clear(struct cli *c)
{
	const char *note = cli_opt(c, "note");

	if (note == NULL)
		return cli_usage(c, "--note is required: what was agreed");
	if (hub_watch_clear(c->h, &c->who, c->argv[0], note, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- decisions and actions ---- */

static int
c_action_add(struct cli *c)
{
	const char *owner = cli_opt(c, "owner"), *title = cli_opt(c, "title");
	uint64_t dec, id;
	int64_t due;
	int rc;

	if (cli_arg_id(c, 0, "decision id", &dec) != 0)
		return ERR_USAGE;
	if (owner == NULL || title == NULL)
		return cli_usage(c, "--owner and --title are required");
	if ((rc = opt_date(c, "due", &due)) != 0)
		return rc;
	if (hub_action_add(c->h, &c->who, dec, owner, title, due, &id,
	    &c->e) != 0)
		return cli_fail(c);
	return print_id(id);
}

static int
c_action_status(struct cli *c)
{
	uint64_t id;
	int s;

	if (cli_arg_id(c, 0, "action id", &id) != 0)
		return ERR_USAGE;
	if ((s = model_action_status_parse(c->argv[1])) < 0)
		return cli_usage(c, "the status is todo, doing, done or "
		    "dropped, not '%.40s'", c->argv[1]);
	if (hub_action_status(c->h, &c->who, id, s, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

struct alist {
	struct cli *c;
	struct store_txn *t;
	struct buf b;
	size_t n, late;
	int64_t now;
	int open_only;
	int bad;
	struct err e;
};

static int
action_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct alist *al = arg;
	struct action a;
	char s[400], d[32], iso[32];
	int late;

	if (codec_decode(RT_ACTION, data, len, &a, &al->e) != 0) {
		al->bad = 1;
		return 1;
	}
	a.id = id;
	if (al->open_only && a.status != AS_TODO && a.status != AS_DOING) {
		codec_free(RT_ACTION, &a);
		return 0;
	}
	late = model_action_overdue(&a, al->now);
	al->late += late;
	if (al->c->json) {
		buf_printf(&al->b, "%s{\"id\":%llu,\"decision\":%llu,"
		    "\"title\":", al->n ? "," : "", (unsigned long long)id,
		    (unsigned long long)a.decision);
		json_str(&al->b, a.title);
		buf_puts(&al->b, ",\"owner\":");
		put_login(&al->b, al->t, a.owner, 1);
		buf_printf(&al->b, ",\"due\":\"%s\",\"status\":\"%s\","
		    "\"overdue\":%s}", util_fmt_iso(a.due, iso, sizeof iso),
		    model_action_status_name((int)a.status),
		    late ? "true" : "false");
	} else {
		buf_printf(&al->b, "%s#%-4llu %-7s %-10s ", late ? "! " : "  ",
		    (unsigned long long)id,
		    model_action_status_name((int)a.status),
		    a.due ? util_fmt_date(a.due, d, sizeof d) : "-");
		put_login(&al->b, al->t, a.owner, 0);
		buf_printf(&al->b, "  %s (decision %llu)%s\n",
		    util_safe(a.title, s, sizeof s),
		    (unsigned long long)a.decision, late ? "  OVERDUE" : "");
	}
	al->n++;
	codec_free(RT_ACTION, &a);
	return 0;
}

static int
action_plan(struct cli *c, int open_only)
{
	struct alist al;
	int rc;

	memset(&al, 0, sizeof al);
	al.c = c;
	al.open_only = open_only;
	al.now = util_now();
	if ((rc = read_begin(c, &al.t)) != 0)
		return rc;
	if (c->json)
		buf_puts(&al.b, "[");
	rc = store_scan(al.t, RT_ACTION, 0, 0, action_cb, &al, &c->e);
	hub_read_end(al.t);
	if (rc != 0 || al.bad) {
		if (al.bad)
			c->e = al.e;
		buf_free(&al.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&al.b, "]\n");
	else if (al.n == 0)
		buf_puts(&al.b, open_only ? "no open action\n" :
		    "the action plan is empty\n");
	else if (al.late)
		buf_printf(&al.b, "%zu overdue\n", al.late);
	cli_write(&al.b);
	buf_free(&al.b);
	return 0;
}

static int
c_action_list(struct cli *c)
{
	return action_plan(c, cli_flag(c, "open"));
}

struct dlist {
	struct cli *c;
	struct buf b;
	size_t n;
	int bad;
	struct err e;
};

static int
decision_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct dlist *dl = arg;
	struct decision d;
	char ts[32], iso[32];

	if (codec_decode(RT_DECISION, data, len, &d, &dl->e) != 0) {
		dl->bad = 1;
		return 1;
	}
	if (dl->c->json) {
		buf_printf(&dl->b, "%s{\"id\":%llu,\"proposal\":%llu,"
		    "\"tension\":%llu,\"meeting\":%llu,\"decided\":\"%s\","
		    "\"text\":", dl->n ? "," : "", (unsigned long long)id,
		    (unsigned long long)d.proposal,
		    (unsigned long long)d.tension,
		    (unsigned long long)d.meeting,
		    util_fmt_iso(d.decided, iso, sizeof iso));
		json_str(&dl->b, d.text);
		buf_puts(&dl->b, "}");
	} else {
		buf_printf(&dl->b, "decision %llu (%s, proposal %llu, tension "
		    "%llu):\n", (unsigned long long)id,
		    util_fmt_time(d.decided, ts, sizeof ts),
		    (unsigned long long)d.proposal,
		    (unsigned long long)d.tension);
		put_text(&dl->b, d.text, "  ");
	}
	dl->n++;
	codec_free(RT_DECISION, &d);
	return 0;
}

static int
c_decision_list(struct cli *c)
{
	struct store_txn *t;
	struct dlist dl;
	int rc;

	memset(&dl, 0, sizeof dl);
	dl.c = c;
	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if (c->json)
		buf_puts(&dl.b, "[");
	rc = store_scan(t, RT_DECISION, 0, 0, decision_cb, &dl, &c->e);
	hub_read_end(t);
	if (rc != 0 || dl.bad) {
		if (dl.bad)
			c->e = dl.e;
		buf_free(&dl.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&dl.b, "]\n");
	else if (dl.n == 0)
		buf_puts(&dl.b, "no decision yet\n");
	cli_write(&dl.b);
	buf_free(&dl.b);
	return 0;
}

static int
c_minutes(struct cli *c)
{
	const char *f = cli_opt(c, "format");
	struct buf b = { 0 };
	uint64_t id;
	int json;

	if (cli_arg_id(c, 0, "meeting id", &id) != 0)
		return ERR_USAGE;
	if (f == NULL || strcmp(f, "md") == 0)
		json = c->json;
	else if (strcmp(f, "json") == 0)
		json = 1;
	else
		return cli_usage(c, "--format is md or json");
	if (hub_minutes(c->h, id, json, &b, &c->e) != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	cli_write(&b);
	buf_free(&b);
	return 0;
}

/* ---- dot voting, themes, workstreams ---- */

static int
c_round_open(struct cli *c)
{
	const char *title = cli_opt(c, "title"), *cv[64];
	struct u64_list needs = { 0 };
	struct str_list cats = { 0 };
	uint64_t budget = 10, id, n;
	size_t nc;
	int rc;

	if (title == NULL)
		return cli_usage(c, "--title is required");
	nc = cli_opt_all(c, "category", cv, 64);
	if ((nc > 0) == (c->argc > 0))
		return cli_usage(c, "give need ids or --category names");
	for (size_t i = 0; i < nc; i++)
		str_list_push(&cats, cv[i]);
	if ((rc = cli_opt_u64(c, "budget", &budget)) < 0)
		return -rc;
	for (int i = 0; i < c->argc; i++) {
		if (util_parse_u64(c->argv[i], &n) != 0 || n == 0) {
			u64_list_free(&needs);
			str_list_free(&cats);
			return cli_usage(c, "need ids are numbers, not "
			    "'%.40s'", c->argv[i]);
		}
		u64_list_push(&needs, n);
	}
	rc = hub_round_open(c->h, &c->who, title, budget, &needs, &cats, &id,
	    &c->e);
	u64_list_free(&needs);
	str_list_free(&cats);
	if (rc != 0)
		return cli_fail(c);
	return print_id(id);
}

static int
c_round_ballot(struct cli *c)
{
	struct u64_list needs = { 0 }, points = { 0 };
	uint64_t round, n, p;
	int rc = 0;

	if (cli_arg_id(c, 0, "round id", &round) != 0)
		return ERR_USAGE;
	for (int i = 1; i < c->argc && rc == 0; i++) {
		char buf[64];
		char *eq;
		snprintf(buf, sizeof buf, "%s", c->argv[i]);
		eq = strchr(buf, '=');
		if (eq == NULL)
			rc = cli_usage(c, "give points as ITEM=POINTS, not "
			    "'%.40s'", c->argv[i]);
		else {
			*eq = '\0';
			if (util_parse_u64(buf, &n) != 0 || n == 0 ||
			    util_parse_u64(eq + 1, &p) != 0)
				rc = cli_usage(c, "give points as "
				    "ITEM=POINTS, not '%.40s'", c->argv[i]);
			u64_list_push(&needs, n);
			u64_list_push(&points, p);
		}
	}
	if (rc == 0 && hub_round_ballot(c->h, &c->who, round, &needs,
	    &points, &c->e) != 0)
		rc = cli_fail(c);
	u64_list_free(&needs);
	u64_list_free(&points);
	return rc;
}

static int
round_show(struct cli *c, uint64_t id)
{
	struct store_txn *t;
	struct dotround r;
	struct need n;
	struct buf b = { 0 };
	char s[400];
	int rc;

	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if (get_rec(c, t, RT_DOTROUND, id, &r) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	if (c->json) {
		buf_printf(&b, "{\"id\":%llu,\"title\":",
		    (unsigned long long)r.id);
		json_str(&b, r.title);
		buf_printf(&b, ",\"budget\":%llu,\"status\":\"%s\","
		    "\"needs\":", (unsigned long long)r.budget,
		    r.status ? "closed" : "open");
		json_u64_list(&b, &r.needs);
		buf_puts(&b, ",\"categories\":");
		json_str_list(&b, &r.categories);
		buf_puts(&b, ",\"ranking\":[");
		for (size_t i = 0; i < r.ranking.n && i < r.scores.n; i++) {
			uint64_t it = r.ranking.v[i];
			if (r.categories.n) {
				buf_puts(&b, i ? ",{\"category\":" :
				    "{\"category\":");
				json_str(&b, it >= 1 && it <= r.categories.n ?
				    r.categories.v[it - 1] : "");
			} else
				buf_printf(&b, "%s{\"need\":%llu", i ? "," :
				    "", (unsigned long long)it);
			buf_printf(&b, ",\"points\":%llu}",
			    (unsigned long long)r.scores.v[i]);
		}
		buf_puts(&b, "]}\n");
	} else {
		buf_printf(&b, "round %llu: %s (%s, %llu points each)\n",
		    (unsigned long long)r.id, util_safe(r.title, s, sizeof s),
		    r.status ? "closed" : "open",
		    (unsigned long long)r.budget);
		struct u64_list cn = { 0 };
		const struct u64_list *l = r.status ? &r.ranking : &r.needs;
		if (r.categories.n && !r.status) {
			for (size_t i = 0; i < r.categories.n; i++)
				u64_list_push(&cn, i + 1);
			l = &cn;
		}
		for (size_t i = 0; r.categories.n && i < l->n; i++) {
			uint64_t it = l->v[i];
			const char *name = it >= 1 && it <= r.categories.n ?
			    r.categories.v[it - 1] : "";
			if (r.status && i < r.scores.n)
				buf_printf(&b, "%3zu. category %llu: %llu "
				    "points  %s\n", i + 1,
				    (unsigned long long)it,
				    (unsigned long long)r.scores.v[i],
				    util_safe(name, s, sizeof s));
			else
				buf_printf(&b, "  category %llu  %s\n",
				    (unsigned long long)it, util_safe(name, s,
				    sizeof s));
		}
		u64_list_free(&cn);
		for (size_t i = 0; !r.categories.n && i < l->n; i++) {
			memset(&n, 0, sizeof n);
			store_get(t, RT_NEED, l->v[i], &n, &c->e);
			if (r.status && i < r.scores.n)
				buf_printf(&b, "%3zu. need %llu: %llu points  "
				    "%s\n", i + 1, (unsigned long long)l->v[i],
				    (unsigned long long)r.scores.v[i],
				    util_safe(n.title ? n.title : "", s,
				    sizeof s));
			else
				buf_printf(&b, "  need %llu  %s\n",
				    (unsigned long long)l->v[i], util_safe(
				    n.title ? n.title : "", s, sizeof s));
			codec_free(RT_NEED, &n);
		}
	}
	hub_read_end(t);
	codec_free(RT_DOTROUND, &r);
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_round_show(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "round id", &id) != 0)
		return ERR_USAGE;
	return round_show(c, id);
}

static int
c_round_close(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "round id", &id) != 0)
		return ERR_USAGE;
	if (hub_round_close(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return round_show(c, id);
}

static int
c_theme_add(struct cli *c)
{
	const char *title = cli_opt(c, "title"), *spec = cli_opt(c, "spec");
	struct u64_list needs = { 0 };
	struct store_txn *t;
	struct dotround r;
	uint64_t round = 0, top = 0, id;
	int rc;

	if (title == NULL || spec == NULL)
		return cli_usage(c, "--title and --spec are required");
	if ((rc = cli_opt_u64(c, "round", &round)) < 0 ||
	    (rc = cli_opt_u64(c, "top", &top)) < 0)
		return -rc;
	if ((rc = opt_ids(c, "need", &needs)) != 0)
		return rc;
	if (top > 0) {
		/* The round's best needs, read from its ranking. */
		if (round == 0) {
			u64_list_free(&needs);
			return cli_usage(c, "--top needs --round");
		}
		if ((rc = read_begin(c, &t)) != 0)
			return rc;
		if (get_rec(c, t, RT_DOTROUND, round, &r) != 0) {
			hub_read_end(t);
			u64_list_free(&needs);
			return cli_fail(c);
		}
		for (size_t i = 0; i < r.ranking.n && i < top; i++) {
			uint64_t it = r.ranking.v[i];
			if (r.categories.n == 0) {
				if (!u64_list_has(&needs, it))
					u64_list_push(&needs, it);
			} else if (it >= 1 && it <= r.categories.n &&
			    hub_needs_in_category(t, r.categories.v[it - 1],
			    &needs, &c->e) != 0) {
				hub_read_end(t);
				codec_free(RT_DOTROUND, &r);
				u64_list_free(&needs);
				return cli_fail(c);
			}
		}
		hub_read_end(t);
		codec_free(RT_DOTROUND, &r);
	}
	rc = hub_theme_add(c->h, &c->who, title, spec, round, &needs,
	    cli_opt(c, "switch"), &id, &c->e);
	u64_list_free(&needs);
	if (rc != 0)
		return cli_fail(c);
	return print_id(id);
}

struct wlist {
	struct cli *c;
	struct store_txn *t;
	struct buf *b;
	uint64_t theme;
	size_t n;
	int bad;
	struct err e;
};

static int
ws_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct wlist *w = arg;
	struct workstream ws;
	char s[400];

	if (codec_decode(RT_WORKSTREAM, data, len, &ws, &w->e) != 0) {
		w->bad = 1;
		return 1;
	}
	if (ws.theme == w->theme) {
		if (w->c->json) {
			buf_printf(w->b, "%s{\"id\":%llu,\"title\":",
			    w->n ? "," : "", (unsigned long long)id);
			json_str(w->b, ws.title);
			buf_puts(w->b, ",\"members\":");
			put_logins(w->b, w->t, &ws.members, 1);
			buf_puts(w->b, "}");
		} else {
			buf_printf(w->b, "  workstream %llu: %s (",
			    (unsigned long long)id, util_safe(ws.title, s,
			    sizeof s));
			put_logins(w->b, w->t, &ws.members, 0);
			buf_puts(w->b, ")\n");
		}
		w->n++;
	}
	codec_free(RT_WORKSTREAM, &ws);
	return 0;
}

static int
c_theme_show(struct cli *c)
{
	struct store_txn *t;
	struct theme th;
	struct buf b = { 0 };
	struct wlist w;
	char s[400];
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "theme id", &id) != 0)
		return ERR_USAGE;
	if ((rc = read_begin(c, &t)) != 0)
		return rc;
	if (get_rec(c, t, RT_THEME, id, &th) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	memset(&w, 0, sizeof w);
	w.c = c;
	w.t = t;
	w.b = &b;
	w.theme = id;
	if (c->json) {
		buf_printf(&b, "{\"id\":%llu,\"title\":",
		    (unsigned long long)id);
		json_str(&b, th.title);
		buf_puts(&b, ",\"spec\":");
		json_str(&b, th.spec);
		buf_puts(&b, ",\"switch\":");
		json_str(&b, th.switch_name);
		buf_printf(&b, ",\"round\":%llu,\"needs\":",
		    (unsigned long long)th.round);
		json_u64_list(&b, &th.needs);
		buf_puts(&b, ",\"workstreams\":[");
	} else {
		buf_printf(&b, "theme %llu: %s\n", (unsigned long long)id,
		    util_safe(th.title, s, sizeof s));
		if (th.switch_name)
			buf_printf(&b, "switch: %s\n", util_safe(
			    th.switch_name, s, sizeof s));
		buf_puts(&b, "needs:");
		for (size_t i = 0; i < th.needs.n; i++)
			buf_printf(&b, " %llu", (unsigned long long)
			    th.needs.v[i]);
		buf_puts(&b, "\nspecification:\n");
		put_text(&b, th.spec, "  ");
	}
	rc = store_scan(t, RT_WORKSTREAM, 0, 0, ws_cb, &w, &c->e);
	hub_read_end(t);
	codec_free(RT_THEME, &th);
	if (rc != 0 || w.bad) {
		if (w.bad)
			c->e = w.e;
		buf_free(&b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&b, "]}\n");
	cli_write(&b);
	buf_free(&b);
	return 0;
}

static int
c_workstream_add(struct cli *c)
{
	const char *title = cli_opt(c, "title");
	uint64_t theme, id;

	if (cli_arg_id(c, 0, "theme id", &theme) != 0)
		return ERR_USAGE;
	if (title == NULL)
		return cli_usage(c, "--title is required");
	if (hub_workstream_add(c->h, &c->who, theme, title, &id, &c->e) != 0)
		return cli_fail(c);
	return print_id(id);
}

static int
c_workstream_join(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "workstream id", &id) != 0)
		return ERR_USAGE;
	if (hub_workstream_join(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- listings ---- */

struct plist {
	struct cli *c;
	struct store_txn *t;
	struct buf b;
	size_t n;
	int open_only;
	int bad;
	struct err e;
};

static int
proposal_list_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct plist *pl = arg;
	struct proposal p;
	char s[200], ts[32], iso[32];

	if (codec_decode(RT_PROPOSAL, data, len, &p, &pl->e) != 0) {
		pl->bad = 1;
		return 1;
	}
	if (pl->open_only && p.status != PS_OPEN)
		goto out;
	if (pl->c->json) {
		buf_printf(&pl->b, "%s{\"id\":%llu,\"tension\":%llu,"
		    "\"status\":\"%s\",\"live\":%s,\"meeting\":%llu,"
		    "\"closes\":\"%s\",\"versions\":%zu,\"supporter\":",
		    pl->n ? "," : "", (unsigned long long)id,
		    (unsigned long long)p.tension,
		    model_proposal_status_name((int)p.status),
		    p.closes ? "false" : "true", (unsigned long long)p.meeting,
		    util_fmt_iso(p.closes, iso, sizeof iso), p.versions.n);
		put_login(&pl->b, pl->t, p.supporter, 1);
		buf_puts(&pl->b, ",\"text\":");
		json_str(&pl->b, p.versions.n ? p.versions.v[p.versions.n -
		    1] : "");
		buf_puts(&pl->b, "}");
	} else {
		buf_printf(&pl->b, "#%-4llu tension %-4llu %-11s ",
		    (unsigned long long)id, (unsigned long long)p.tension,
		    model_proposal_status_name((int)p.status));
		if (p.closes)
			buf_printf(&pl->b, "closes %s  ", util_fmt_time(
			    p.closes, ts, sizeof ts));
		else
			buf_printf(&pl->b, "meeting %llu  ",
			    (unsigned long long)p.meeting);
		buf_printf(&pl->b, "%s\n", util_safe(p.versions.n ?
		    p.versions.v[p.versions.n - 1] : "", s, sizeof s));
	}
	pl->n++;
out:
	codec_free(RT_PROPOSAL, &p);
	return 0;
}

static int
c_proposal_list(struct cli *c)
{
	struct plist pl;
	int rc;

	memset(&pl, 0, sizeof pl);
	pl.c = c;
	pl.open_only = cli_flag(c, "open");
	if ((rc = read_begin(c, &pl.t)) != 0)
		return rc;
	if (c->json)
		buf_puts(&pl.b, "[");
	rc = store_scan(pl.t, RT_PROPOSAL, 0, 0, proposal_list_cb, &pl,
	    &c->e);
	hub_read_end(pl.t);
	if (rc != 0 || pl.bad) {
		if (pl.bad)
			c->e = pl.e;
		buf_free(&pl.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&pl.b, "]\n");
	else if (pl.n == 0)
		buf_puts(&pl.b, pl.open_only ? "no open proposal\n" :
		    "no proposal yet\n");
	cli_write(&pl.b);
	buf_free(&pl.b);
	return 0;
}

struct mlist {
	struct cli *c;
	struct store_txn *t;
	struct buf b;
	size_t n;
	int bad;
	struct err e;
};

static int
meeting_list_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mlist *ml = arg;
	struct meeting m;
	struct hub_quorum q;
	char s[200], ts[32], iso[32];

	if (codec_decode(RT_MEETING, data, len, &m, &ml->e) != 0) {
		ml->bad = 1;
		return 1;
	}
	if (hub_meeting_quorum(ml->t, &m, &q, &ml->e) != 0) {
		codec_free(RT_MEETING, &m);
		ml->bad = 1;
		return 1;
	}
	if (ml->c->json) {
		buf_printf(&ml->b, "%s{\"id\":%llu,\"status\":\"%s\","
		    "\"opened\":\"%s\",\"present\":%llu,\"members\":%llu,"
		    "\"needed\":%llu,\"title\":", ml->n ? "," : "",
		    (unsigned long long)id,
		    model_meeting_status_name((int)m.status),
		    util_fmt_iso(m.opened, iso, sizeof iso),
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed);
		json_str(&ml->b, m.title);
		buf_puts(&ml->b, "}");
	} else
		buf_printf(&ml->b, "#%-4llu %-7s %-16s %llu of %llu present, "
		    "%llu needed  %s\n", (unsigned long long)id,
		    model_meeting_status_name((int)m.status),
		    m.opened ? util_fmt_time(m.opened, ts, sizeof ts) : "-",
		    (unsigned long long)q.present,
		    (unsigned long long)q.members,
		    (unsigned long long)q.needed,
		    util_safe(m.title ? m.title : "", s, sizeof s));
	ml->n++;
	codec_free(RT_MEETING, &m);
	return 0;
}

static int
c_meeting_list(struct cli *c)
{
	struct mlist ml;
	int rc;

	memset(&ml, 0, sizeof ml);
	ml.c = c;
	if ((rc = read_begin(c, &ml.t)) != 0)
		return rc;
	if (c->json)
		buf_puts(&ml.b, "[");
	rc = store_scan(ml.t, RT_MEETING, 0, 0, meeting_list_cb, &ml, &c->e);
	hub_read_end(ml.t);
	if (rc != 0 || ml.bad) {
		if (ml.bad)
			c->e = ml.e;
		buf_free(&ml.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&ml.b, "]\n");
	else if (ml.n == 0)
		buf_puts(&ml.b, "no meeting yet\n");
	cli_write(&ml.b);
	buf_free(&ml.b);
	return 0;
}

const struct cli_cmd cli_gov_cmds[] = {
	{ "tension add", "--as LOGIN --kind project|chamber|position --title T "
	    "[--description D] [--need ID]...",
	    "as:,kind:,title:,description:,need:", 0, 0, 0,
	    "put a tension on the agenda; prints its id", c_tension_add },
	{ "tension show", "ID [--json]", "json", 1, 1, 0,
	    "show a tension: status, understanding, questions, proposals",
	    c_tension_show },
	{ "tension drop", "ID --as LOGIN", "as:", 1, 1, 0,
	    "withdraw a tension from the agenda (author or facilitator)",
	    c_tension_drop },
	{ "agenda", "[--json]", "json", 0, 0, 0,
	    "the tension agenda, in order", c_agenda },
	{ "agenda move", "TENSION_ID PLACE --as FACILITATOR", "as:", 2, 2, 0,
	    "move a tension to a place on the agenda (1 = first)",
	    c_agenda_move },
	{ "meeting plan", "[--title T] --as FACILITATOR", "as:,title:", 0, 0,
	    0, "plan a meeting; prints its id", c_meeting_plan },
	{ "meeting open", "[ID] [--title T] --as FACILITATOR", "as:,title:",
	    0, 1, 0, "open a meeting (one at a time); prints its id",
	    c_meeting_open },
	{ "meeting present", "LOGIN... --as FACILITATOR", "as:", 1, -1, 0,
	    "mark members present in the room", c_meeting_present },
	{ "meeting join", "--as LOGIN", "as:", 0, 0, 0,
	    "check in remotely to the open meeting", c_meeting_join },
	{ "meeting review", "--as FACILITATOR [--json]", "as:,json", 0, 0, 0,
	    "record the action-plan review, the first item; prints the open "
	    "actions", c_meeting_review },
	{ "meeting next", "[TENSION_ID] --as FACILITATOR", "as:", 0, 1, 0,
	    "take up a tension (default: the next on the agenda)",
	    c_meeting_next },
	{ "meeting ack", "--as LOGIN", "as:", 0, 0, 0,
	    "acknowledge that the current tension is understood",
	    c_meeting_ack },
	{ "meeting question", "--text Q --as LOGIN", "as:,text:", 0, 0, 0,
	    "record a question on the current tension", c_meeting_question },
	{ "meeting show", "[ID] [--json]", "json", 0, 1, 0,
	    "presence, quorum, current tension, watch flags",
	    c_meeting_show },
	{ "meeting list", "[--json]", "json", 0, 0, 0,
	    "every meeting with its presence and quorum", c_meeting_list },
	{ "meeting close", "--as FACILITATOR", "as:", 0, 0, 0,
	    "close the open meeting", c_meeting_close },
	{ "proposal add", "TENSION_ID --as LOGIN --text T [--unanimity] "
	    "[--closes DATE] [--hidden]",
	    "as:,text:,unanimity,closes:,hidden", 1, 1, 0,
	    "carry a proposal (live, or electronic until DATE); prints its id",
	    c_proposal_add },
	{ "proposal list", "[--open] [--json]", "open,json", 0, 0, 0,
	    "proposals with their status (--open: still open)",
	    c_proposal_list },
	{ "proposal amend", "ID --as LOGIN --text T", "as:,text:", 1, 1, 0,
	    "a new version (the supporter); positions start again",
	    c_proposal_amend },
	{ "proposal show", "ID [--json] [--as LOGIN]", "json,as:", 1, 1, 0,
	    "versions, positions, tally, outcome, decision", c_proposal_show },
	{ "proposal close", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "close the round; last line: retained|rejected|no-decision",
	    c_proposal_close },
	{ "proposal unanimity", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "require unanimity: one block will reject", c_proposal_unanimity },
	{ "proposal ack", "ID --as BLOCKER", "as:", 1, 1, 0,
	    "a blocker agrees to adjourn a rejected proposal",
	    c_proposal_ack },
	{ "proposal adjourn", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "back on the agenda with the blockers' reasons", c_proposal_adjourn },
	{ "proposal escalate", "ID --as FACILITATOR", "as:", 1, 1, 0,
	    "blocked for good: send to the sages", c_proposal_escalate },
	{ "proposal answer", "ID --text T --as SAGE", "as:,text:", 1, 1, 0,
	    "record the sages' answer", c_proposal_answer },
	{ "position", "PROPOSAL_ID approve|alert|withdraw|block [--reason R] "
	    "--as LOGIN", "as:,reason:", 2, 2, 0,
	    "take or change your position", c_position },
	{ "watch list", "[--json]", "json", 0, 0, 0,
	    "members flagged by the watch rule", c_watch_list },
	{ "watch clear", "LOGIN --note N --as FACILITATOR", "as:,note:", 1, 1,
	    0, "record the concertation, which clears the flag",
	    c_watch_clear },
	{ "decision list", "[--json]", "json", 0, 0, 0,
	    "the decision register", c_decision_list },
	{ "action add", "DECISION_ID --as LOGIN --owner LOGIN --title T "
	    "[--due DATE]", "as:,owner:,title:,due:", 1, 1, 0,
	    "add an action to a decision; prints its id", c_action_add },
	{ "action list", "[--open] [--json]", "open,json", 0, 0, 0,
	    "the action plan; overdue actions stand out", c_action_list },
	{ "action status", "ID todo|doing|done|dropped --as LOGIN", "as:", 2,
	    2, 0, "change an action's status (owner or facilitator)",
	    c_action_status },
	{ "minutes", "MEETING_ID [--format md|json]", "format:,json", 1, 1, 0,
	    "the minutes of a meeting, ready to email", c_minutes },
	{ "round open", "NEED_ID...|--category C... --title T [--budget N] "
	    "--as FACILITATOR", "as:,title:,budget:,category:", 0, 64, 0,
	    "open a dot-voting round over needs or categories; prints its id",
	    c_round_open },
	{ "round ballot", "ROUND_ID ITEM=POINTS... --as LOGIN", "as:", 2, 65,
	    0, "spread your points (replaces your ballot)", c_round_ballot },
	{ "round close", "ROUND_ID --as FACILITATOR", "as:", 1, 1, 0,
	    "close the round and print the ranking", c_round_close },
	{ "round show", "ROUND_ID [--json]", "json", 1, 1, 0,
	    "a round's needs, or its ranking once closed", c_round_show },
	{ "theme add", "--title T --spec S [--round R [--top N]] [--need ID]... "
	    "[--switch NAME] --as FACILITATOR",
	    "as:,title:,spec:,round:,top:,need:,switch:", 0, 0, 0,
	    "chosen needs become a theme for a Switch; prints its id",
	    c_theme_add },
	{ "theme show", "ID [--json]", "json", 1, 1, 0,
	    "a theme, its specification and workstreams", c_theme_show },
	{ "workstream add", "THEME_ID --title T --as FACILITATOR",
	    "as:,title:", 1, 1, 0, "open a workstream (chantier); prints "
	    "its id", c_workstream_add },
	{ "workstream join", "ID --as LOGIN", "as:", 1, 1, 0,
	    "sign up for a workstream", c_workstream_join },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
