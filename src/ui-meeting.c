/* ui-meeting.c: the meeting pane (being built). Reads only what it shows;
 * writes only through hub operations. */
#include "ui.h"

static const int meeting_hints[] = { AC_NONE };

static void
meeting_load(struct ui_pane *p, struct ui *ui, struct store_txn *t)
{
	(void)p;
	(void)ui;
	(void)t;
}

static void
meeting_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	(void)p;
	ui_line(ui, r.y, r.x, r.w, E_TITLE, _("Meeting"));
}

static int
meeting_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_meeting_class = {
	"meeting", N_("Meeting"), SC_MEETING, meeting_hints, NULL, NULL, meeting_load, meeting_draw,
	meeting_action, NULL
};
