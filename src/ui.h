/* ui.h: the terminal interface: curses start and stop, safe drawing of
 * stored text, keymaps, themes, the text editor, the pane manager and its
 * panes. Calls only the hub layer (operations, and reads via hub_read). */
#ifndef CERCLE_UI_H
#define CERCLE_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdint.h>
#include "hub.h"
#include "i18n.h"	/* _(), N_(), P_() and the language */

/* ---- keys: an int per key press ---- */
/* A character is its code point; a curses KEY_* code carries KEYC_FN;
 * Alt (ESC then a key) adds KEYC_META. */
#define KEYC_FN		0x01000000
#define KEYC_META	0x02000000
#define KEYC_PASTE	0x04000000	/* bracketed paste start/end marks */
#define KEYC_PASTE_BEGIN (KEYC_PASTE | 1)
#define KEYC_PASTE_END	(KEYC_PASTE | 2)
/* A byte that is no UTF-8 (the byte in the low 8 bits): refused, said. */
#define KEYC_BADBYTE	0x08000000
#define KEYC_CTRL(c)	((c) & 0x1f)
#define KEYC_C_LEFT	(KEYC_FN | 0xf00)
#define KEYC_C_RIGHT	(KEYC_FN | 0xf01)

/* Where a binding applies: the global scope, the editor, or one pane:
 * a pane's scope is SC_PANE + its tab - 1, and its name in keymap files
 * is the pane class's name (ui_scope_parse). */
enum { SC_GLOBAL = 0, SC_EDIT = 1, SC_PANE = 2 };
#define UI_PANES_MAX 10	/* tabs 1-10 (the key 0 is tab 10) */
#define SC__COUNT (SC_PANE + UI_PANES_MAX)
/* "global", "edit" or a registered pane's name -> scope; -1 if unknown. */
int ui_scope_parse(const char *s);
const char *ui_scope_name(int scope);

/* Every action of the interface: one enum, a name for keymap files and a
 * help text for the overlay (ui-keys.c holds the table). */
enum ui_action {
	AC_NONE = 0,
	AC_QUIT, AC_HELP, AC_NEXT_PANE, AC_PREV_PANE, AC_OTHER, AC_SPLIT,
	AC_UP, AC_DOWN, AC_PAGE_UP, AC_PAGE_DOWN, AC_TOP, AC_BOTTOM, AC_OPEN,
	AC_BACK, AC_REDRAW,
	/* needs */
	AC_NEED_ADD, AC_NEED_SUPPORT, AC_NEED_MERGE, AC_NEED_STATUS, AC_FILTER,
	AC_SORT,
	/* agenda */
	AC_TENSION_ADD, AC_TENSION_UP, AC_TENSION_DOWN, AC_PROPOSE,
	/* voting */
	AC_APPROVE, AC_ALERT, AC_WITHDRAW, AC_BLOCK, AC_AMEND, AC_AGREE_ADJOURN,
	AC_VERSION_PREV,
	AC_VERSION_NEXT,
	/* meeting console */
	AC_MEETING_OPEN, AC_REVIEW, AC_PRESENT, AC_CHECKIN, AC_TAKE_UP, AC_ACK, AC_QUESTION,
	AC_CLOSE_ROUND, AC_ADJOURN, AC_ESCALATE, AC_MEETING_CLOSE, AC_CONCERT,
	/* action plan */
	AC_ACTION_STATUS,
	/* the meeting side, whole: actions, minutes, facilitator and sages */
	AC_ACTION_ADD, AC_ACTION_EDIT, AC_MINUTES, AC_MINUTES_SAVE,
	AC_UNANIMITY, AC_SAGE_ANSWER, AC_MEETING_LEAVE,
	/* moderation (issue 16): flag a text; the admins' queue */
	AC_FLAG, AC_MODERATION, AC_REDACT, AC_DISMISS,
	/* the members pane, for admins (issue 16) */
	AC_MEMBER_ADD, AC_MEMBER_ROLES, AC_MEMBER_PLACE, AC_KEY_ADD,
	AC_KEY_REMOVE, AC_MEMBER_DISABLE,
	/* needs, whole (issue 10 item 4) */
	AC_NEED_EDIT, AC_PRACTICE_ADD, AC_NEED_LINK,
	/* indicators */
	AC_IND_EARLIER, AC_IND_LATER, AC_IND_ALL,
	/* prioritisation and the Switch (issue 10 item 5) */
	AC_ROUND_OPEN, AC_DOT_ADD, AC_DOT_REMOVE, AC_ROUND_CLOSE,
	AC_THEME_ADD, AC_WORKSTREAM_ADD, AC_WORKSTREAM_JOIN,
	/* the contribution ledger in the members pane (issue 17 item 5) */
	AC_LEDGER,
	/* the editor */
	AC_E_LEFT, AC_E_RIGHT, AC_E_UP, AC_E_DOWN, AC_E_HOME, AC_E_END,
	AC_E_WORD_LEFT, AC_E_WORD_RIGHT, AC_E_BACKSPACE, AC_E_DELETE,
	AC_E_DELETE_WORD, AC_E_KILL_LINE, AC_E_KILL_START, AC_E_NEWLINE,
	AC_E_CONFIRM, AC_E_CANCEL,
	AC__COUNT
};
struct ui_action_def {
	const char *name;	/* "approve" */
	const char *help;	/* N_("approve the proposal") */
	const char *hint;	/* short, for the status line; NULL: help */
};
extern const struct ui_action_def ui_actions[AC__COUNT];
/* Showing a pane is an action per registered pane, "pane-NAME" in keymap
 * files, numbered after the others: AC_PANE + tab - 1. */
#define AC_PANE AC__COUNT
#define UI_ACTIONS (AC_PANE + UI_PANES_MAX)
/* Name, help (a msgid) and short hint (may be NULL) of any action,
 * pane actions included. */
const char *ui_action_name(int a, char *buf, size_t n);
const char *ui_action_help(int a);
const char *ui_action_hint(int a);
/* An editor action (bound only in the "edit" scope). */
int ui_action_is_edit(int a);
/* The roles that may ever take action a (ROLE_* bits; 0: anyone): the
 * help overlay leaves out the keys of roles the viewer does not hold. */
uint64_t ui_action_roles(int a);

/* ---- ui-keys.c: keymaps ---- */
struct ui_binding {
	int scope;
	int key;
	int action;
};
struct ui_keymap {
	struct ui_binding *v;
	size_t n, cap;
	struct str_list errors;	/* "file:line: what", shown, not fatal */
};
/* The built-in default: keymaps/default.keys compiled in. */
extern const char ui_default_keys[];
void keys_init(struct ui_keymap *km);
void keys_free(struct ui_keymap *km);
/* Parse text (name is for messages); bad lines go to km->errors.
 * Returns the number of bad lines. */
int keys_load_text(struct ui_keymap *km, const char *name, const char *text);
/* Each line of a keymap or theme text to fn (NULL: too long); returns the
 * count fn found bad. */
typedef int (*ui_line_fn)(void *obj, const char *name, int lineno,
    char *line);
int ui_each_line(const char *text, const char *name, void *obj,
    ui_line_fn fn);
/* Load a file; -1 if it cannot be read (reported), else bad lines. */
int keys_load_file(struct ui_keymap *km, const char *path);
/* Action for key in scope, falling back to the global scope. */
int keys_lookup(const struct ui_keymap *km, int scope, int key);
/* First key bound to action in scope (or global); 0 if none. */
int keys_find(const struct ui_keymap *km, int scope, int action);
int keys_parse_name(const char *s, int *key);
const char *keys_name(int key, char *out, size_t n);
int keys_action_parse(const char *s);

/* ---- ui-theme.c: colour themes ---- */
enum ui_elem {
	E_NORMAL = 0, E_TITLE, E_TAB, E_TAB_ACTIVE, E_STATUS, E_STATUS_OK,
	E_STATUS_ERR, E_SELECTED, E_HEADER, E_DIM, E_BORDER, E_APPROVE,
	E_ALERT, E_WITHDRAW, E_BLOCK, E_EDIT, E_HELP, E_MARK, E__COUNT
};
struct ui_style {
	short fg, bg;		/* -1: terminal default */
	unsigned attrs;		/* A_BOLD ... */
};
struct ui_theme {
	struct ui_style s[E__COUNT];
	attr_t attr[E__COUNT];	/* ready to use, after theme_apply */
	struct str_list errors;
};
extern const char ui_default_theme[];
extern const char *const ui_elem_names[E__COUNT];
void theme_init(struct ui_theme *th);
void theme_free(struct ui_theme *th);
int theme_load_text(struct ui_theme *th, const char *name, const char *text);
int theme_load_file(struct ui_theme *th, const char *path);
/* Make colour pairs (or attributes only when colour is off). */
void theme_apply(struct ui_theme *th, int colour);

/* Find NAME under $XDG_CONFIG_HOME/cercle/, the installed data directory
 * (sub = "keymaps" or "themes"), then the source tree. 0 if found. */
int ui_find_file(const char *sub, const char *name, char *out, size_t n);
/* Check shipped or user files; prints file:line errors to stderr. */
int ui_check_files(int argc, char **argv);

/* ---- ui-edit.c: the UTF-8 line and multi-line editor ---- */
struct ui_edit {
	uint32_t *c;		/* code points */
	size_t n, cap, cur;
	int multi;
	size_t maxbytes;
	int top;		/* first visual row shown */
	int paste;		/* inside a bracketed paste */
	int last_cr;		/* the last code point was a CR */
	int changed;		/* since the last draft save */
	int64_t changed_ms;
};
void edit_init(struct ui_edit *ed, const char *text, int multi,
    size_t maxbytes);
void edit_free(struct ui_edit *ed);
/* Insert a typed or pasted code point (controls are dropped). */
void edit_insert(struct ui_edit *ed, uint32_t cp);
/* Apply an editor action; returns 1 when the action was for the editor. */
int edit_action(struct ui_edit *ed, int action, int width);
/* The text as UTF-8 (buffer is reset first). */
void edit_text(const struct ui_edit *ed, struct buf *out);
size_t edit_bytes(const struct ui_edit *ed);
/* Draw into the rectangle; puts the cursor at the insertion point. */
void edit_draw(struct ui_edit *ed, WINDOW *w, int y, int x, int h,
    int width, attr_t attr);

/* ---- the interface state ---- */
struct ui;
struct ui_pane;

/* Handler results. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,
	UI_RELOAD = 1 << 2,	/* reread data */
};

struct ui_rect {
	int y, x, h, w;
};

/* ---- ui-form.c: a pane's small form ---- */
struct ui;
enum { UF_TEXT = 0, UF_MULTI, UF_PICK, UF_SET };
#define UF_MAX 12		/* fields in a form */
#define UF_CHOICES 64		/* values a list offers */
struct ui_form_field {
	const char *label;	/* a msgid, translated when drawn */
	int kind, required;
	size_t max;		/* text: bytes */
	char *text;		/* UF_TEXT, UF_MULTI: NULL when empty */
	struct str_list choices;	/* UF_PICK, UF_SET: from the hub */
	int sel;		/* UF_PICK: index, -1 none */
	unsigned char *on;	/* UF_SET: one flag per choice */
};
struct ui_form;
/* Called on save once required fields are filled: 0 closes the form,
 * else it stays open (the callback said why on the status line). */
typedef int (*ui_form_done_fn)(struct ui *ui, struct ui_form *f);
struct ui_form {
	int open;
	char title[200];
	struct ui_form_field f[UF_MAX];
	int n, cur;		/* cur == n: the Save line */
	int picking;		/* a list is shown for field cur */
	size_t psel, ptop;
	int editing;		/* the field the editor is open for */
	int pane;
	uint64_t arg;
	ui_form_done_fn done;
};
void form_open(struct ui_form *f, int pane, const char *title,
    ui_form_done_fn done, uint64_t arg);
void form_free(struct ui_form *f);
/* Add a field (label a msgid); returns its index. */
int form_add(struct ui_form *f, const char *label, int kind, int required,
    size_t max);
void form_choice(struct ui_form *f, int i, const char *s);
void form_set_text(struct ui_form *f, int i, const char *s);
/* Select s in a list (set: take it); its index, or -1 if not offered. */
int form_pick(struct ui_form *f, int i, const char *s);
/* A text field's text or a list's pick; NULL when empty. */
const char *form_text(const struct ui_form *f, int i);
void form_draw(struct ui *ui, struct ui_form *f, struct ui_rect r);
int form_action(struct ui *ui, struct ui_form *f, int a);
/* Ids typed as "12 14 #15, 16", added to out; -1 on anything else. */
int form_parse_ids(const char *s, struct u64_list *out);

/* A pane class, htop PanelClass style: it carries its name (its keymap
 * scope and "pane-NAME" action, its saved state), its tab number and the
 * help of the action that shows it. Adding a pane is its file, one line
 * in the registration table (ui-pane.c), its keys in keymaps/ and its
 * strings in po/. */
struct ui_pane_class {
	const char *name;	/* "vote" */
	const char *title;	/* N_("Vote"): the tab */
	int tab;		/* 1-9: its place and number key in the tabs */
	const char *help;	/* N_("the proposal and positions") */
	const int *hints;	/* actions shown in the status line, AC_NONE ended */
	void (*init)(struct ui_pane *p);
	void (*done)(struct ui_pane *p);
	/* Read what the screen shows, through views of the read handle
	 * (live during the call, parked after it). */
	void (*load)(struct ui_pane *p, struct ui *ui, struct hub_rd *r);
	void (*draw)(struct ui_pane *p, struct ui *ui, struct ui_rect r);
	int (*action)(struct ui_pane *p, struct ui *ui, int action);
	/* Re-open an editor for a saved draft context; 1 if it was ours. */
	int (*resume)(struct ui_pane *p, struct ui *ui, const char *ctx,
	    const char *text);
	/* May the viewer take this action now (the view's acts)? NULL: any
	 * hinted action. Hints the pane cannot take are not shown. */
	int (*can)(struct ui_pane *p, struct ui *ui, int action);
	/* Why the viewer may not take action now, in the operation's words
	 * (the view's acts), NULL if it may or the pane does not know: asked
	 * before the action runs, so a refused act opens no editor. */
	const char *(*why)(struct ui_pane *p, struct ui *ui, int action);
};
#define UI_PANE_SCOPE(cls) (SC_PANE + (cls)->tab - 1)

struct ui_pane {
	const struct ui_pane_class *cls;
	void *data;
	int stale;		/* data must be reread before drawing */
	int changed;		/* changed while out of view: marked in tabs */
	size_t sel, top;	/* list cursor */
	size_t count;		/* rows in the list */
	int rows;		/* list rows last shown */
};

/* The registered panes, by tab - 1 (NULL past the last), and their
 * number (ui-pane.c). */
extern const struct ui_pane_class *const ui_panes[UI_PANES_MAX];
int ui_pane_count(void);
/* A pane's index in ui->panes, from its class (cross-pane references). */
#define P_NEEDS (ui_needs_class.tab - 1)
#define P_AGENDA (ui_agenda_class.tab - 1)
#define P_VOTE (ui_vote_class.tab - 1)
#define P_MEETING (ui_meeting_class.tab - 1)
#define P_MEMBERS (ui_members_class.tab - 1)
#define P_ACTIONS (ui_actions_class.tab - 1)
#define P_ROUNDS (ui_rounds_class.tab - 1)
#define P_SWITCH (ui_switch_class.tab - 1)

/* The modal editor: what it edits and what confirming does. */
typedef int (*ui_edit_done_fn)(struct ui *ui, const char *text,
    uint64_t arg);
struct ui_modal {
	int open;
	struct ui_edit ed;
	char title[200];
	char ctx[64];		/* draft context, "block:12" */
	ui_edit_done_fn done;
	uint64_t arg;
	int pane;
	size_t bad;		/* bytes refused (not UTF-8), not said yet */
	int bad_first;		/* the first of them */
};

/* A one-key choice shown on the status line. */
typedef void (*ui_choice_fn)(struct ui *ui, int choice, uint64_t arg);
struct ui_choice {
	int open;
	char prompt[120];
	const char *const *labels;	/* translated when shown */
	const char *keys;		/* one key per label */
	ui_choice_fn fn;
	uint64_t arg;
};

struct ui {
	struct hub *h;
	struct actor who;
	uint64_t me;		/* member id; 0 for the bare console */
	uint64_t roles;
	char login[MAX_LOGIN + 1];
	struct hub_rd *rd;	/* the parked read handle (ui-pane.c) */
	uint64_t seen_txn;
	uint64_t seen_journal;	/* last journal entry the panes show */
	int live_retries;
	int64_t last_load_ms;
	struct ui_keymap keys;
	struct ui_theme theme;
	struct ui_pane panes[UI_PANES_MAX];
	int npanes;
	int focus, other, split, split_auto;
	int low_bw, colour, ascii, lang_en;
	/* Screen-reader mode: the terminal's cursor on the focused row
	 * (marked ">"), no lines drawn, no colour, one pane at a time. sr_y
	 * is the focused row of the frame being drawn, -1 if none. */
	int sr, sr_y;
	int rows, cols;
	char status[300];
	int last_key;		/* the key being handled, for refusals */
	int status_elem;
	int64_t status_ms;	/* when the status message was set */
	int help, help_top;
	struct ui_modal modal;
	struct ui_choice choice;
	int quit;
	int dirty;		/* the frame must be drawn */
	uint64_t start_proposal;
	char saved_pane[32];	/* last pane saved in ustate */
	int64_t draft_saved_ms;
	/* When this session changed its pane or row, and its draft (unix
	 * ms, 0: never): a save carries them so the newer change wins. */
	char seen_pane[32];
	size_t seen_sel;
	int64_t pane_at, draft_at;
	int64_t frame_count;
};

/* ---- ui-crt.c: the terminal ---- */
int crt_start(struct ui *ui);
void crt_stop(void);
/* Restore the terminal, print the message, exit with status 3. */
void crt_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2),
    noreturn));
/* Next key within timeout_ms (-1: ERR on timeout). */
int crt_getkey(int timeout_ms);
int64_t crt_now_ms(void);
/* Set by signal handlers. */
int crt_hangup(void);

/* ---- ui-draw.c: drawing sanitised text ---- */
/* Put s (any stored text: sanitised here) at y,x clipped to w columns;
 * returns the columns used. */
int ui_put(struct ui *ui, int y, int x, int w, int elem, const char *s);
/* Same, then fill with spaces up to w. */
void ui_line(struct ui *ui, int y, int x, int w, int elem, const char *s);
void ui_printf(struct ui *ui, int y, int x, int w, int elem,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void ui_fill(struct ui *ui, int y, int x, int w, int elem);
/* Fill a wide cell with attr, colour pair included (setcchar needs the
 * pair apart). */
int ui_cchar(cchar_t *cc, const wchar_t *wc, attr_t attr);
void ui_hline(struct ui *ui, int y, int x, int w);
void ui_vline(struct ui *ui, int y, int x, int h);
/* Word-wrap s into the rectangle, skipping the first skip rows; returns
 * the rows the whole text needs. */
int ui_wrap(struct ui *ui, struct ui_rect r, int skip, int elem,
    const char *s);
/* s cut or padded with spaces to exactly w columns (by display width,
 * never inside a character), into out. */
const char *ui_pad(const char *s, int w, char *out, size_t n);
/* Display width of a (sanitised) string. */
int ui_width(const char *s);
/* Dates in the chosen language's usual form. */
const char *ui_date(struct ui *ui, int64_t t, char *out, size_t n);
/* The day alone (15/01/2027 in French, 2027-01-15 in English). */
const char *ui_day(struct ui *ui, int64_t t, char *out, size_t n);
/* A day typed as the language writes it (15/01/2027), or in ISO form
 * (2027-01-15), at the end of that day; -1 if it is not a date. */
int64_t ui_parse_date(struct ui *ui, const char *s);

/* ---- ui-help.c: the help overlay ---- */
/* Draw the keys of the focused pane (the editor's while it is open) and
 * the global ones that the viewer's roles may take, fitted to the
 * screen: any key closes it. */
void ui_help_draw(struct ui *ui);

/* ---- ui-pane.c: the pane manager and the event loop ---- */
int ui_main(struct ui *ui);
void ui_status(struct ui *ui, int elem, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report a hub error on the status line. */
void ui_error(struct ui *ui, const struct err *e);
/* A refusal of the key being handled: "KEY: why", one line. */
void ui_refuse(struct ui *ui, const char *why);
void ui_edit_open(struct ui *ui, int pane, const char *title,
    const char *ctx, const char *text, int multi, size_t max,
    ui_edit_done_fn done, uint64_t arg);
void ui_focus(struct ui *ui, int pane);
/* Ask for one key among keys (labels[i] for keys[i]); fn gets the index. */
void ui_choose(struct ui *ui, const char *prompt, const char *const *labels,
    const char *keys, ui_choice_fn fn, uint64_t arg);
/* Mark every pane's data stale (after our own write). */
void ui_reload_all(struct ui *ui);
/* List movement shared by panes: returns UI_* flags. */
int ui_list_action(struct ui_pane *p, int action);
/* Keep sel visible in rows lines. */
void ui_list_fit(struct ui_pane *p, int rows);

/* Ids an index holds under a u64 key (big-endian) or a status byte. */
void ui_ix_ids(struct store_txn *t, int ix, uint64_t key,
    struct u64_list *out);
void ui_ix_ids_byte(struct store_txn *t, int ix, uint8_t key,
    struct u64_list *out);

/* Panes other files refer to (P_* above). */
extern const struct ui_pane_class ui_needs_class;	/* ui-needs.c */
extern const struct ui_pane_class ui_agenda_class;	/* ui-agenda.c */
extern const struct ui_pane_class ui_vote_class;	/* ui-vote.c */
extern const struct ui_pane_class ui_meeting_class;	/* ui-meeting.c */
extern const struct ui_pane_class ui_members_class;	/* ui-members.c */
extern const struct ui_pane_class ui_actions_class;	/* ui-actions.c */
extern const struct ui_pane_class ui_rounds_class;	/* ui-rounds.c */
extern const struct ui_pane_class ui_switch_class;	/* ui-switch.c */

/* ---- ui-moderation.c: the moderation queue, a view of the members
 * pane for admins (issue 16) ---- */
struct ui_moderation;
struct ui_moderation *ui_mod_new(void);
void ui_mod_free(struct ui_moderation *m);
/* Read the flags (open first) into m; the open count. */
size_t ui_mod_load(struct ui_moderation *m, struct hub_rd *rd);
void ui_mod_draw(struct ui *ui, struct ui_moderation *m, struct ui_rect r);
/* Move, redact (asks the reason), dismiss (asks to confirm); UI_* flags. */
int ui_mod_action(struct ui *ui, struct ui_moderation *m, int a);
/* Flag a text (a record's field as hub_redact names it): asks the reason
 * line on pane's editor, then flags. */
void ui_flag_ask(struct ui *ui, int pane, const char *type, uint64_t id,
    const char *field);
/* An admin redacts a text directly: asks the reason line, then redacts. */
void ui_redact_ask(struct ui *ui, int pane, const char *type, uint64_t id,
    const char *field);

/* ui-vote.c: show the voting pane on a proposal. */
void ui_vote_show(struct ui *ui, uint64_t proposal);
/* ---- ui-minutes.c: a meeting's minutes, shown and saved ---- */
struct ui_minutes {
	uint64_t id;		/* the meeting shown; 0: none */
	struct buf text;	/* hub_minutes(), Markdown */
	int top, rows, need;	/* first row shown, rows shown, rows needed */
	char path[512];		/* the file being saved to */
};
/* Ask which meeting's minutes to show (the last one offered), then show
 * them on the meeting pane. */
void ui_minutes_ask(struct ui *ui);
/* (Re)read meeting id's minutes into m; -1 on error (on the status line). */
int ui_minutes_fetch(struct ui *ui, struct ui_minutes *m, uint64_t id);
void ui_minutes_draw(struct ui *ui, struct ui_minutes *m, struct ui_rect r);
/* Scroll, save (a member's session: a plain new file name only), ask for
 * another meeting, or go back; UI_* flags. */
int ui_minutes_action(struct ui *ui, struct ui_minutes *m, int a);
void ui_minutes_free(struct ui_minutes *m);
/* The meeting pane's minutes (ui-meeting.c). */
struct ui_minutes *ui_meeting_minutes(struct ui *ui);

#endif
