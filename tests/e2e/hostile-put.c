/* tests/e2e/hostile-put.c: write hostile text straight into the store, past
 * every check of the hub, as someone holding the database file could. The
 * interface must still show it inert. Test helper only; not installed.
 * usage: hostile-put DB member LOGIN NAME | need ID TITLE | tension ID TITLE
 *        | position ID SUMMARY (rewrites position ID journaled as op
 *        "position" with SUMMARY: an entry as an older cercle wrote it) */
#include <stdio.h>
#include <string.h>

#include "codec.h"
#include "hub.h"

int
main(int argc, char **argv)
{
	struct hub *h;
	struct store_txn *t;
	struct err e;
	uint64_t id = 0;
	int full = 0, rc;

	if (argc != 5) {
		fputs("usage: hostile-put DB member|need|tension|position KEY "
		    "TEXT\n",
		    stderr);
		return 1;
	}
	if (hub_open(argv[1], 0, &h, &e) != 0 ||
	    store_begin(h->st, 1, &t, &e) != 0) {
		fprintf(stderr, "hostile-put: %s\n", e.msg);
		return 3;
	}
	if (strcmp(argv[2], "position") == 0)
		store_txn_set_op(t, "irts", "position", argv[4]);
	else
		store_txn_set_op(t, "attacker", "test.hostile", "hostile text");
	if (strcmp(argv[2], "member") == 0) {
		struct member m;
		if ((rc = hub_member_by_login(t, argv[3], &m, &e)) == 0) {
			str_replace(&m.name, argv[4]);
			rc = store_put(t, RT_MEMBER, m.id, &m, &e);
			codec_free(RT_MEMBER, &m);
		}
	} else if (util_parse_u64(argv[3], &id) != 0) {
		rc = err_set(&e, ERR_USAGE, "bad id");
	} else if (strcmp(argv[2], "position") == 0) {
		struct position pos;
		if ((rc = store_get(t, RT_POSITION, id, &pos, &e)) == 0) {
			rc = store_put(t, RT_POSITION, id, &pos, &e);
			codec_free(RT_POSITION, &pos);
		}
	} else if (strcmp(argv[2], "need") == 0) {
		struct need n;
		if ((rc = store_get(t, RT_NEED, id, &n, &e)) == 0) {
			str_replace(&n.title, argv[4]);
			rc = store_put(t, RT_NEED, id, &n, &e);
			codec_free(RT_NEED, &n);
		}
	} else {
		struct tension tn;
		if ((rc = store_get(t, RT_TENSION, id, &tn, &e)) == 0) {
			str_replace(&tn.title, argv[4]);
			rc = store_put(t, RT_TENSION, id, &tn, &e);
			codec_free(RT_TENSION, &tn);
		}
	}
	if (rc == 0)
		rc = store_commit(t, &full, &e);
	else
		store_abort(t);
	if (rc != 0)
		fprintf(stderr, "hostile-put: %s\n", e.msg);
	hub_close(h);
	return rc;
}
