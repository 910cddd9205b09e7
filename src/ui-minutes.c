/* ui-minutes.c: a meeting's minutes in the interface: the hub's minutes
 * text (hub_minutes) in a scrolling view on the meeting pane, and saving
 * it as Markdown to a file. Reads only through the hub; writes no record. */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
ui_minutes_draw(struct ui *ui, struct ui_minutes *m, struct ui_rect r)
{
	struct ui_rect tr = { r.y + 1, r.x + 1, r.h - 1, r.w - 2 };
	char s[300], k1[32], k2[32];
	int ks = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
	    AC_MINUTES_SAVE);
	int kb = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
	    AC_BACK);

	snprintf(s, sizeof s, _(" Minutes of meeting #%llu (%s saves, %s "
	    "back)"), (unsigned long long)m->id, ks ? keys_name(ks, k1,
	    sizeof k1) : "-", kb ? keys_name(kb, k2, sizeof k2) : "-");
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	m->rows = tr.h;
	m->need = ui_wrap(ui, tr, m->top, E_NORMAL, m->text.p ?
	    m->text.p : "");
	if (m->top > 0 && m->top >= m->need)
		m->top = m->need > 0 ? m->need - 1 : 0;
}

int
ui_minutes_fetch(struct ui *ui, struct ui_minutes *m, uint64_t id)
{
	struct buf b = { 0 };
	struct err e;

	if (hub_minutes(ui->h, id, 0, &b, &e) != 0) {
		buf_free(&b);
		ui_error(ui, &e);
		return -1;
	}
	if (m->id != id)
		m->top = 0;
	buf_free(&m->text);
	m->text = b;
	m->id = id;
	ui->dirty = 1;
	return 0;
}

static int
minutes_id_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct ui_minutes *m = ui_meeting_minutes(ui);
	uint64_t id;

	(void)arg;
	while (*text == ' ' || *text == '#')
		text++;
	if (util_parse_u64(text, &id) != 0 || id == 0) {
		ui_status(ui, E_STATUS_ERR, _("\"%s\" is not a meeting number "
		    "(Escape cancels)."), text);
		return -1;
	}
	if (ui_minutes_fetch(ui, m, id) != 0)
		return -1;
	ui_focus(ui, P_MEETING);
	return 0;
}

void
ui_minutes_ask(struct ui *ui)
{
	struct hub_rd *r;
	struct err e;
	uint64_t id = 0;
	char pre[32] = "";

	if (hub_rd_open(ui->h, &ui->who, &r, &e) == 0) {
		if (hub_meeting_latest(r, &id, &e) != 0)
			id = 0;
		hub_rd_close(r);
	}
	if (id == 0) {
		ui_status(ui, E_STATUS_ERR, "%s", _("There is no meeting yet: "
		    "no minutes."));
		return;
	}
	snprintf(pre, sizeof pre, "%llu", (unsigned long long)id);
	ui_edit_open(ui, P_MEETING, _("Minutes of meeting number (the last "
	    "one is offered)"), "", pre, 0, 20, minutes_id_done, 0);
}

/* Write the minutes shown to path through a temporary file renamed over
 * it: a reader never sees half a file, a failure leaves none. */
static int
minutes_write(struct ui *ui, struct ui_minutes *m, const char *path)
{
	char tmp[600];
	size_t off = 0;
	int fd, err = 0;

	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		ui_status(ui, E_STATUS_ERR, _("Cannot write %s: %s."), path,
		    strerror(errno));
		return -1;
	}
	while (off < m->text.len) {
		ssize_t w = write(fd, m->text.p + off, m->text.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err = errno ? errno : EIO;
			break;
		}
		off += (size_t)w;
	}
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	/* A member never replaces a file, even one made since the check:
	 * link() refuses an existing name where rename() would replace it. */
	if (!err && ui->me != 0) {
		if (link(tmp, path) != 0)
			err = errno;
		unlink(tmp);
	} else if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		ui_status(ui, E_STATUS_ERR, _("Cannot write %s: %s."), path,
		    strerror(err));
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Minutes of meeting #%llu saved to %s."),
	    (unsigned long long)m->id, path);
	return 0;
}

static const char *const overwrite_labels[] = { N_("overwrite"),
    N_("keep it") };

static void
overwrite_chosen(struct ui *ui, int k, uint64_t arg)
{
	struct ui_minutes *m = ui_meeting_minutes(ui);

	(void)arg;
	if (k == 0)
		minutes_write(ui, m, m->path);
	else
		ui_status(ui, E_STATUS, "%s", _("Not saved: the file is kept."));
}

static int
save_path_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct ui_minutes *m = ui_meeting_minutes(ui);
	char prompt[600];

	(void)arg;
	if (text[0] == '\0') {
		ui_status(ui, E_STATUS_ERR, "%s", _("A file name is needed "
		    "(Escape cancels)."));
		return -1;
	}
	/* A member's session may run on the server (SSH): it writes a plain
	 * file name in the directory the interface started in, and never
	 * over a file; the console (the hub's own user) writes any path. */
	if (ui->me != 0 && (strchr(text, '/') != NULL || text[0] == '.')) {
		ui_status(ui, E_STATUS_ERR, "%s", _("A file name without '/', "
		    "not starting with '.' (Escape cancels)."));
		return -1;
	}
	snprintf(m->path, sizeof m->path, "%s", text);
	if (ui->me != 0 && access(m->path, F_OK) == 0) {
		ui_status(ui, E_STATUS_ERR, _("%s exists: choose another name "
		    "(Escape cancels)."), m->path);
		return -1;
	}
	if (access(m->path, F_OK) == 0) {
		snprintf(prompt, sizeof prompt, _("%s exists:"), m->path);
		ui_choose(ui, prompt, overwrite_labels, "yn", overwrite_chosen,
		    0);
		return 0;
	}
	minutes_write(ui, m, m->path);
	return 0;
}

int
ui_minutes_action(struct ui *ui, struct ui_minutes *m, int a)
{
	int page = m->rows > 2 ? m->rows - 1 : 1;
	char def[64];

	switch (a) {
	case AC_MINUTES_SAVE:
		snprintf(def, sizeof def, _("minutes-%llu.md"),
		    (unsigned long long)m->id);
		ui_edit_open(ui, P_MEETING, _("Save the minutes to the file"),
		    "", def, 0, sizeof m->path - 1, save_path_done, 0);
		return UI_HANDLED;
	case AC_MINUTES:
		ui_minutes_ask(ui);
		return UI_HANDLED;
	case AC_BACK:
		m->id = 0;
		buf_free(&m->text);
		return UI_HANDLED | UI_REDRAW | UI_RELOAD;
	case AC_UP:
		m->top -= m->top > 0;
		break;
	case AC_DOWN:
		m->top += m->top + m->rows < m->need;
		break;
	case AC_PAGE_UP:
		m->top = m->top > page ? m->top - page : 0;
		break;
	case AC_PAGE_DOWN:
		if (m->top + page < m->need)
			m->top += page;
		break;
	case AC_TOP:
		m->top = 0;
		break;
	case AC_BOTTOM:
		m->top = m->need > m->rows ? m->need -
		    m->rows : 0;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED | UI_REDRAW;
}


void
ui_minutes_free(struct ui_minutes *m)
{
	buf_free(&m->text);
	m->id = 0;
	m->top = 0;
}
