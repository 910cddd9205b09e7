/* hub-presence.c: who is in the open meeting: the presence log (arrivals
 * and departures with their times) and leaving. Must not print. */
#include "hub.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* Three values an event: a meeting keeps at most this many changes. */
#define PRESENCE_LOG_MAX 10000

int
gov_presence_log(struct hub_ctx *c, struct meeting *m, uint64_t member,
    int ev)
{
	if (m->presence_log.n / 3 >= PRESENCE_LOG_MAX)
		return err_set(c->e, ERR_REFUSED, _("meeting %llu holds %d "
		    "changes of presence already"), (unsigned long long)m->id,
		    PRESENCE_LOG_MAX);
	u64_list_push(&m->presence_log, member);
	u64_list_push(&m->presence_log, (uint64_t)util_now());
	u64_list_push(&m->presence_log, (uint64_t)ev);
	return 0;
}

struct leave_arg {
	const struct u64_list *members;
};

/* Take id out of the meeting's presence, logging ev; refused (naming
 * login) unless present. */
static int
leave_one(struct hub_ctx *c, struct meeting *m, uint64_t id,
    const char *login, int ev)
{
	if (!hub_meeting_is_present(m, id))
		return err_set(c->e, ERR_REFUSED, _("%s is not present in "
		    "meeting %llu"), login, (unsigned long long)m->id);
	u64_list_remove(&m->room, id);
	u64_list_remove(&m->remote, id);
	return gov_presence_log(c, m, id, ev);
}

static int
op_meeting_leave(struct hub_ctx *c, void *argp)
{
	struct leave_arg *a = argp;
	struct meeting m;
	struct member p;
	struct buf s = { 0 };
	int rc;

	if ((rc = hub_meeting_open_get(c->t, &m, c->e)) == ERR_NOTFOUND)
		return gov_check_open_meeting(NULL, c->e);
	if (rc != 0)
		return rc;
	if (a->members == NULL || a->members->n == 0) {
		if ((rc = gov_require_voter(c, "leave a meeting")) == 0)
			rc = leave_one(c, &m, c->who->id, c->who->label,
			    PE_LEFT);
		goto out;
	}
	if ((rc = hub_require(c, ROLE_FACILITATOR, "mark who left the "
	    "room")) != 0)
		goto out;
	for (size_t i = 0; i < a->members->n && rc == 0; i++) {
		uint64_t id = a->members->v[i];

		if ((rc = store_get(c->t, RT_MEMBER, id, &p, c->e)) != 0) {
			rc = gov_refused_notfound(c, rc, "member", id);
			break;
		}
		rc = leave_one(c, &m, id, p.login ? p.login : "?",
		    PE_LEFT_MARKED);
		if (rc == 0 && s.len < 120)
			buf_printf(&s, "%s%s", i ? " " : "", p.login ?
			    p.login : "?");
		codec_free(RT_MEMBER, &p);
	}
	if (rc == 0)
		hub_set_summary(c, s.p);
out:
	if (rc == 0)
		rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	buf_free(&s);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_leave(struct hub *h, struct actor *who,
    const struct u64_list *members, struct err *e)
{
	struct leave_arg a;

	a.members = members;
	if (members != NULL && members->n > 512)
		return err_set(e, ERR_USAGE, _("at most 512 members leave at "
		    "once"));
	return hub_run(h, who, "meeting.leave", NULL, op_meeting_leave, &a,
	    e);
}
