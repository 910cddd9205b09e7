/* ui-vote.c: the vote pane (being built). Reads only what it shows;
 * writes only through hub operations. */
#include "ui.h"

static const int vote_hints[] = { AC_NONE };

static void
vote_load(struct ui_pane *p, struct ui *ui, struct store_txn *t)
{
	(void)p;
	(void)ui;
	(void)t;
}

static void
vote_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	(void)p;
	ui_line(ui, r.y, r.x, r.w, E_TITLE, _("Vote"));
}

static int
vote_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_vote_class = {
	"vote", N_("Vote"), SC_VOTE, vote_hints, NULL, NULL, vote_load, vote_draw,
	vote_action, NULL
};

void
ui_vote_show(struct ui *ui, uint64_t proposal)
{
	(void)proposal;
	ui_focus(ui, P_VOTE);
}
