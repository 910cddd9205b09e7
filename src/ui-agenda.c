/* ui-agenda.c: the agenda pane (being built). Reads only what it shows;
 * writes only through hub operations. */
#include "ui.h"

static const int agenda_hints[] = { AC_NONE };

static void
agenda_load(struct ui_pane *p, struct ui *ui, struct store_txn *t)
{
	(void)p;
	(void)ui;
	(void)t;
}

static void
agenda_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	(void)p;
	ui_line(ui, r.y, r.x, r.w, E_TITLE, _("Agenda"));
}

static int
agenda_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_agenda_class = {
	"agenda", N_("Agenda"), SC_AGENDA, agenda_hints, NULL, NULL, agenda_load, agenda_draw,
	agenda_action, NULL
};
