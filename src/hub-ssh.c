/* hub-ssh.c: reads for the SSH access layer: the confirmation line of a
 * one-shot position (the tally as this member may see it) and the keys
 * of enabled members for OpenSSH's AuthorizedKeysCommand. Writes nothing;
 * the ssh-*.c and cli-ssh.c files call these instead of the store. */
#include "hub.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

int
hub_position_line(struct hub *h, struct actor *who, uint64_t proposal,
    struct buf *out, struct err *e)
{
	struct store_txn *t;
	struct proposal p;
	struct hub_positions ps;
	struct member m;
	struct tally tl;
	const char *mine = "?";
	uint64_t answered = 0;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	if ((rc = hub_member_by_login(t, who->login, &m, e)) != 0) {
		hub_read_end(t);
		return rc;
	}
	if ((rc = store_get(t, RT_PROPOSAL, proposal, &p, e)) != 0) {
		codec_free(RT_MEMBER, &m);
		hub_read_end(t);
		return rc;
	}
	if ((rc = hub_positions_load(t, proposal, &ps, e)) != 0)
		goto out;
	hub_proposal_tally(&p, &ps, &tl);
	for (size_t i = 0; i < ps.n; i++)
		if (ps.v[i].member == m.id &&
		    ps.v[i].version == p.versions.n)
			mine = model_position_name((int)ps.v[i].kind);
	answered = tl.approve + tl.alert + tl.withdraw + tl.block;
	buf_printf(out, _("recorded: %s on proposal %llu (version %zu); "),
	    mine, (unsigned long long)proposal, p.versions.n);
	if (p.hidden)
		buf_printf(out, _("positions hidden until the round closes "
		    "(%llu answered)"), (unsigned long long)answered);
	else
		buf_printf(out, _("tally %llu approve, %llu alert, %llu "
		    "withdraw, %llu block"), (unsigned long long)tl.approve,
		    (unsigned long long)tl.alert,
		    (unsigned long long)tl.withdraw,
		    (unsigned long long)tl.block);
	hub_positions_free(&ps);
out:
	codec_free(RT_PROPOSAL, &p);
	codec_free(RT_MEMBER, &m);
	hub_read_end(t);
	return rc;
}

struct keys_walk {
	const char *login;
	hub_key_cb cb;
	void *arg;
	struct err *e;
	int bad;
};

static int
keys_cb(uint64_t id, const void *data, size_t len, void *argp)
{
	struct keys_walk *w = argp;
	struct member m;
	int stop = 0;

	(void)id;
	if (codec_decode(RT_MEMBER, data, len, &m, w->e) != 0) {
		w->bad = 1;
		return 1;
	}
	if (!m.disabled && m.login != NULL && (w->login == NULL ||
	    strcmp(w->login, m.login) == 0))
		for (size_t i = 0; i < m.keys.n && !stop; i++)
			stop = w->cb(m.login, m.keys.v[i], w->arg);
	codec_free(RT_MEMBER, &m);
	return stop;
}

int
hub_member_keys(struct hub *h, const char *login, hub_key_cb cb, void *arg,
    struct err *e)
{
	struct keys_walk w = { login, cb, arg, e, 0 };
	struct store_txn *t;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_scan(t, RT_MEMBER, 0, 0, keys_cb, &w, e);
	hub_read_end(t);
	if (rc == 0 && w.bad)
		rc = e->code ? e->code : ERR_SYSTEM;
	return rc;
}
