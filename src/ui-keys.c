/* ui-keys.c: the action table, key names, and keymap files
 * (`bind PANE KEY ACTION`). Parsing never fails as a whole: a bad line is
 * reported as file:line and skipped, the bindings already loaded stay. */
#include "ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-defaults.h"

const struct ui_action_def ui_actions[AC__COUNT] = {
	[AC_NONE] = { "none", N_("nothing"), NULL },
	[AC_QUIT] = { "quit", N_("quit"), NULL },
	[AC_HELP] = { "help", N_("help: the keys of this pane"), NULL },
	[AC_NEXT_PANE] = { "next-pane", N_("next pane"), NULL },
	[AC_PREV_PANE] = { "prev-pane", N_("previous pane"), NULL },
	[AC_OTHER] = { "other-pane", N_("swap with the other pane shown"), NULL },
	[AC_SPLIT] = { "split", N_("show one or two panes"), NULL },
	[AC_UP] = { "up", N_("move up"), NULL },
	[AC_DOWN] = { "down", N_("move down"), NULL },
	[AC_PAGE_UP] = { "page-up", N_("page up"), NULL },
	[AC_PAGE_DOWN] = { "page-down", N_("page down"), N_("older") },
	[AC_TOP] = { "top", N_("first line"), N_("newest") },
	[AC_BOTTOM] = { "bottom", N_("last line"), NULL },
	[AC_OPEN] = { "open", N_("open the selected line"), N_("open") },
	[AC_BACK] = { "back", N_("back to the list"), N_("back") },
	[AC_REDRAW] = { "redraw", N_("redraw the screen"), NULL },
	[AC_NEED_ADD] = { "need-add", N_("report a need"), N_("new") },
	[AC_NEED_SUPPORT] = { "support", N_("support: seen here too"), N_("support") },
	[AC_NEED_MERGE] = { "merge", N_("merge into another need"), N_("merge") },
	[AC_NEED_STATUS] = { "need-status", N_("change the status"), N_("status") },
	[AC_FILTER] = { "filter", N_("filter the list"), N_("filter") },
	[AC_SORT] = { "sort", N_("change the order"), N_("sort") },
	[AC_TENSION_ADD] = { "tension-add", N_("add a tension"), N_("new tension") },
	[AC_TENSION_UP] = { "tension-up", N_("move the tension up"), N_("move up") },
	[AC_TENSION_DOWN] = { "tension-down", N_("move the tension down"), NULL },
	[AC_PROPOSE] = { "propose", N_("make a proposal"), N_("propose") },
	[AC_APPROVE] = { "approve", N_("approve"), NULL },
	[AC_ALERT] = { "alert", N_("alert (point of vigilance)"), N_("alert") },
	[AC_WITHDRAW] = { "withdraw", N_("withdraw (stand aside)"), N_("withdraw") },
	[AC_BLOCK] = { "block", N_("block, with reasons"), N_("block") },
	[AC_AMEND] = { "amend", N_("amend the proposal"), N_("amend") },
	[AC_AGREE_ADJOURN] = { "agree-adjourn", N_("as a blocker, agree to "
	    "adjourn"), N_("agree to adjourn") },
	[AC_VERSION_PREV] = { "version-prev", N_("previous version"), NULL },
	[AC_VERSION_NEXT] = { "version-next", N_("next version"), NULL },
	[AC_MEETING_OPEN] = { "meeting-open", N_("open a meeting"), N_("open meeting") },
	[AC_REVIEW] = { "review", N_("action plan reviewed (first item)"),
	    N_("reviewed") },
	[AC_PRESENT] = { "present", N_("mark present in the room"), N_("present") },
	[AC_CHECKIN] = { "check-in", N_("check in remotely"), N_("check in") },
	[AC_TAKE_UP] = { "take-up", N_("take up the next tension"), N_("take up") },
	[AC_ACK] = { "ack", N_("I understood the tension"), N_("understood") },
	[AC_QUESTION] = { "question", N_("ask a question on the tension"),
	    N_("question") },
	[AC_CLOSE_ROUND] = { "close-round", N_("close the round"), N_("close round") },
	[AC_ADJOURN] = { "adjourn", N_("adjourn the rejected proposal"), N_("adjourn") },
	[AC_ESCALATE] = { "escalate", N_("send to the sages"), N_("sages") },
	[AC_MEETING_CLOSE] = { "meeting-close", N_("close the meeting"), NULL },
	[AC_CONCERT] = { "concertation", N_("record a concertation"), NULL },
	[AC_FLAG] = { "flag", N_("flag this text for the admins (one reason "
	    "line)"), N_("flag") },
	[AC_MODERATION] = { "moderation", N_("the moderation queue: flagged "
	    "texts (admins)"), N_("moderation") },
	[AC_REDACT] = { "redact", N_("redact the flagged text (asks the "
	    "reason)"), N_("redact") },
	[AC_DISMISS] = { "dismiss", N_("dismiss the flag, keeping the text"),
	    N_("dismiss") },
	[AC_MEMBER_ADD] = { "member-add", N_("add a member (login and name; "
	    "the role to change after)"), N_("new member") },
	[AC_MEMBER_ROLES] = { "member-roles", N_("change the member's roles"),
	    N_("roles") },
	[AC_MEMBER_PLACE] = { "member-place", N_("change the member's "
	    "territory and organisation"), N_("territory") },
	[AC_KEY_ADD] = { "key-add", N_("add an SSH key (paste the "
	    "ssh-ed25519 line)"), N_("add key") },
	[AC_KEY_REMOVE] = { "key-remove", N_("remove one of the member's SSH "
	    "keys"), N_("remove key") },
	[AC_MEMBER_DISABLE] = { "member-disable", N_("disable the member, or "
	    "enable them again"), N_("disable") },
	[AC_ACTION_STATUS] = { "action-status", N_("change the status"), N_("status") },
	[AC_ACTION_ADD] = { "action-add", N_("add an action to the decision "
	    "(title, owner, due date)"), N_("new action") },
	[AC_ACTION_EDIT] = { "action-edit", N_("edit the action (title, "
	    "owner, due date)"), N_("edit") },
	[AC_MINUTES] = { "minutes", N_("the minutes of a meeting (open or "
	    "past)"), N_("minutes") },
	[AC_MINUTES_SAVE] = { "minutes-save", N_("save the minutes shown to "
	    "a Markdown file"), N_("save") },
	[AC_UNANIMITY] = { "unanimity", N_("require unanimity on the open "
	    "round"), N_("unanimity") },
	[AC_SAGE_ANSWER] = { "sage-answer", N_("record the sages' answer "
	    "(escalated proposal)"), N_("sages' answer") },
	[AC_MEETING_LEAVE] = { "meeting-leave", N_("leave the meeting (the "
	    "facilitator: mark who left)"), N_("leave") },
	[AC_NEED_EDIT] = { "need-edit", N_("edit the need (every field)"),
	    N_("edit") },
	[AC_PRACTICE_ADD] = { "practice-add", N_("link a good practice (a "
	    "text or a link)"), N_("practice") },
	[AC_NEED_LINK] = { "need-link", N_("link the tension to needs"),
	    N_("link needs") },
	[AC_IND_EARLIER] = { "indicators-earlier", N_("the previous "
	    "collection round"), N_("earlier") },
	[AC_IND_LATER] = { "indicators-later", N_("the next collection "
	    "round"), N_("later") },
	[AC_IND_ALL] = { "indicators-all", N_("every collection round"),
	    N_("all") },
	[AC_ROUND_OPEN] = { "round-open", N_("open a prioritisation round "
	    "over needs or categories"), N_("new round") },
	[AC_DOT_ADD] = { "dot-add", N_("give one of your points to the "
	    "selected item"), N_("give") },
	[AC_DOT_REMOVE] = { "dot-remove", N_("take back one of your points "
	    "from the selected item"), N_("take back") },
	[AC_ROUND_CLOSE] = { "round-close", N_("close the prioritisation "
	    "round: the ranking"), N_("close and rank") },
	[AC_THEME_ADD] = { "theme-add", N_("make a theme of chosen needs, "
	    "with its specification"), N_("new theme") },
	[AC_WORKSTREAM_ADD] = { "workstream-add", N_("open a workstream "
	    "on the theme"), N_("new workstream") },
	[AC_WORKSTREAM_JOIN] = { "workstream-join", N_("sign up for the "
	    "selected workstream"), N_("sign up") },
	[AC_LEDGER] = { "ledger", N_("contribution ledger per member (again: "
	    "all time or this year)"), N_("ledger") },
	[AC_E_LEFT] = { "edit-left", N_("cursor left"), NULL },
	[AC_E_RIGHT] = { "edit-right", N_("cursor right"), NULL },
	[AC_E_UP] = { "edit-up", N_("cursor up"), NULL },
	[AC_E_DOWN] = { "edit-down", N_("cursor down"), NULL },
	[AC_E_HOME] = { "edit-home", N_("start of line"), NULL },
	[AC_E_END] = { "edit-end", N_("end of line"), NULL },
	[AC_E_WORD_LEFT] = { "edit-word-left", N_("word left"), NULL },
	[AC_E_WORD_RIGHT] = { "edit-word-right", N_("word right"), NULL },
	[AC_E_BACKSPACE] = { "edit-backspace", N_("delete before"), NULL },
	[AC_E_DELETE] = { "edit-delete", N_("delete after"), NULL },
	[AC_E_DELETE_WORD] = { "edit-delete-word", N_("delete a word"), N_("delete word") },
	[AC_E_KILL_LINE] = { "edit-kill-line", N_("delete to end of line"), NULL },
	[AC_E_KILL_START] = { "edit-kill-start",
	    N_("delete to start of line"), NULL },
	[AC_E_NEWLINE] = { "edit-newline", N_("new line (confirm a line)"), NULL },
	[AC_E_CONFIRM] = { "edit-confirm", N_("confirm"), N_("confirm") },
	[AC_E_CANCEL] = { "edit-cancel", N_("cancel"), N_("cancel") },
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\r' }, { "Escape", 0x1b }, { "Tab", '\t' },
	{ "BTab", KEYC_FN | KEY_BTAB }, { "Space", ' ' },
	{ "BSpace", 0x7f }, { "DC", KEYC_FN | KEY_DC },
	{ "IC", KEYC_FN | KEY_IC }, { "Up", KEYC_FN | KEY_UP },
	{ "Down", KEYC_FN | KEY_DOWN }, { "Left", KEYC_FN | KEY_LEFT },
	{ "Right", KEYC_FN | KEY_RIGHT }, { "Home", KEYC_FN | KEY_HOME },
	{ "End", KEYC_FN | KEY_END }, { "PPage", KEYC_FN | KEY_PPAGE },
	{ "PageUp", KEYC_FN | KEY_PPAGE }, { "NPage", KEYC_FN | KEY_NPAGE },
	{ "PageDown", KEYC_FN | KEY_NPAGE },
	/* Ctrl+arrows: ui-crt.c maps the terminal's codes to these. */
	{ "C-Left", KEYC_C_LEFT }, { "C-Right", KEYC_C_RIGHT },
};

/* A pane's class by scope or pane action, NULL if none is registered. */
static const struct ui_pane_class *
pane_at(int i)
{
	return i >= 0 && i < UI_PANES_MAX ? ui_panes[i] : NULL;
}

int
keys_action_parse(const char *s)
{
	for (int i = 1; i < AC__COUNT; i++)
		if (ui_actions[i].name && strcmp(ui_actions[i].name, s) == 0)
			return i;
	if (strncmp(s, "pane-", 5) == 0)
		for (int i = 0; i < UI_PANES_MAX; i++)
			if (pane_at(i) && strcmp(pane_at(i)->name, s + 5) == 0)
				return AC_PANE + i;
	return -1;
}

const char *
ui_action_name(int a, char *buf, size_t n)
{
	if (a >= AC_PANE && pane_at(a - AC_PANE)) {
		snprintf(buf, n, "pane-%s", pane_at(a - AC_PANE)->name);
		return buf;
	}
	return a >= 0 && a < AC__COUNT && ui_actions[a].name ?
	    ui_actions[a].name : "none";
}

const char *
ui_action_help(int a)
{
	if (a >= AC_PANE)
		return pane_at(a - AC_PANE) ? pane_at(a - AC_PANE)->help : "";
	return a >= 0 && a < AC__COUNT && ui_actions[a].help ?
	    ui_actions[a].help : "";
}

const char *
ui_action_hint(int a)
{
	return a >= 0 && a < AC__COUNT ? ui_actions[a].hint : NULL;
}

int
ui_action_is_edit(int a)
{
	return a >= AC_E_LEFT && a < AC__COUNT;
}

/* Acts only some roles ever take (what their operations check first);
 * every other action is anyone's. */
static const struct {
	int action;
	uint64_t roles;
} action_roles[] = {
	{ AC_MEETING_OPEN, ROLE_FACILITATOR }, { AC_REVIEW, ROLE_FACILITATOR },
	{ AC_PRESENT, ROLE_FACILITATOR }, { AC_TAKE_UP, ROLE_FACILITATOR },
	{ AC_CLOSE_ROUND, ROLE_FACILITATOR }, { AC_ADJOURN, ROLE_FACILITATOR },
	{ AC_ESCALATE, ROLE_FACILITATOR },
	{ AC_MEETING_CLOSE, ROLE_FACILITATOR },
	{ AC_CONCERT, ROLE_FACILITATOR }, { AC_UNANIMITY, ROLE_FACILITATOR },
	{ AC_TENSION_UP, ROLE_FACILITATOR },
	{ AC_TENSION_DOWN, ROLE_FACILITATOR },
	{ AC_SAGE_ANSWER, ROLE_SAGE },
	{ AC_APPROVE, ROLE_MEMBER }, { AC_ALERT, ROLE_MEMBER },
	{ AC_WITHDRAW, ROLE_MEMBER }, { AC_BLOCK, ROLE_MEMBER },
	{ AC_AGREE_ADJOURN, ROLE_MEMBER }, { AC_ACK, ROLE_MEMBER },
	{ AC_CHECKIN, ROLE_MEMBER }, { AC_QUESTION, ROLE_MEMBER },
	{ AC_MEETING_LEAVE, ROLE_MEMBER | ROLE_FACILITATOR },
	{ AC_ACTION_ADD, ROLE_MEMBER | ROLE_FACILITATOR },
	{ AC_MODERATION, ROLE_ADMIN }, { AC_REDACT, ROLE_ADMIN },
	{ AC_DISMISS, ROLE_ADMIN }, { AC_MEMBER_ADD, ROLE_ADMIN },
	{ AC_MEMBER_ROLES, ROLE_ADMIN }, { AC_MEMBER_PLACE, ROLE_ADMIN },
	{ AC_KEY_ADD, ROLE_ADMIN }, { AC_KEY_REMOVE, ROLE_ADMIN },
	{ AC_MEMBER_DISABLE, ROLE_ADMIN },
	{ AC_ROUND_OPEN, ROLE_FACILITATOR },
	{ AC_ROUND_CLOSE, ROLE_FACILITATOR },
	{ AC_DOT_ADD, ROLE_MEMBER }, { AC_DOT_REMOVE, ROLE_MEMBER },
	{ AC_THEME_ADD, ROLE_FACILITATOR },
	{ AC_WORKSTREAM_ADD, ROLE_FACILITATOR },
	{ AC_WORKSTREAM_JOIN, ROLE_ALL & ~(uint64_t)ROLE_OBSERVER },
};

uint64_t
ui_action_roles(int a)
{
	for (size_t i = 0; i < sizeof action_roles / sizeof action_roles[0];
	    i++)
		if (action_roles[i].action == a)
			return action_roles[i].roles;
	return 0;
}

int
ui_scope_parse(const char *s)
{
	if (strcmp(s, "global") == 0)
		return SC_GLOBAL;
	if (strcmp(s, "edit") == 0)
		return SC_EDIT;
	for (int i = 0; i < UI_PANES_MAX; i++)
		if (pane_at(i) && strcmp(pane_at(i)->name, s) == 0)
			return SC_PANE + i;
	return -1;
}

const char *
ui_scope_name(int scope)
{
	if (scope == SC_GLOBAL)
		return "global";
	if (scope == SC_EDIT)
		return "edit";
	return pane_at(scope - SC_PANE) ? pane_at(scope - SC_PANE)->name :
	    "?";
}

int
keys_parse_name(const char *s, int *key)
{
	int meta = 0;
	uint32_t cp;
	size_t k, n;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(key_names[i].name, s) == 0) {
			*key = key_names[i].key;
			return 0;
		}
	if (strncmp(s, "M-", 2) == 0 && s[2] != '\0') {
		if (keys_parse_name(s + 2, key) != 0)
			return -1;
		*key |= KEYC_META;
		return 0;
	}
	if (strncmp(s, "C-", 2) == 0 && s[2] != '\0' && s[3] == '\0') {
		char ch = s[2];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (!((ch >= 'a' && ch <= 'z') || ch == '@' || ch == '[' ||
		    ch == '\\' || ch == ']' || ch == '^' || ch == '_'))
			return -1;
		*key = KEYC_CTRL(ch) | meta;
		return 0;
	}
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		char *end;
		long f = strtol(s + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 12) {
			*key = KEYC_FN | KEY_F(f);
			return 0;
		}
	}
	n = strlen(s);
	k = utf8_decode(s, n, &cp);
	if (k == 0 || k != n || cp <= 0x20 || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0))
		return -1;
	*key = (int)cp;
	return 0;
}

const char *
keys_name(int key, char *out, size_t n)
{
	const char *meta = (key & KEYC_META) ? "M-" : "";
	int base = key & ~KEYC_META;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == base) {
			snprintf(out, n, "%s%s", meta, key_names[i].name);
			return out;
		}
	if (base & KEYC_FN) {
		int c = base & ~KEYC_FN;
		if (c >= KEY_F(1) && c <= KEY_F(12))
			snprintf(out, n, "%sF%d", meta, c - KEY_F(0));
		else
			snprintf(out, n, "%skey%d", meta, c);
	} else if (base >= 0 && base < 0x20)
		/* C-a..C-z, and C-@ C-\\ C-] C-^ C-_ for 0 and 0x1c..0x1f,
		 * the names keys_parse_name() reads back. */
		snprintf(out, n, "%sC-%c", meta,
		    base >= 1 && base <= 26 ? base + 0x60 : base + 0x40);
	else {
		char u[5] = { 0 };
		utf8_encode((uint32_t)base, u);
		snprintf(out, n, "%s%s", meta, u);
	}
	return out;
}

void
keys_init(struct ui_keymap *km)
{
	memset(km, 0, sizeof *km);
	keys_load_text(km, "(built-in default.keys)", ui_default_keys);
}

void
keys_free(struct ui_keymap *km)
{
	free(km->v);
	str_list_free(&km->errors);
	memset(km, 0, sizeof *km);
}

static void
keys_set(struct ui_keymap *km, int scope, int key, int action)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].scope == scope && km->v[i].key == key) {
			if (action == AC_NONE) {
				km->v[i] = km->v[--km->n];
				return;
			}
			km->v[i].action = action;
			return;
		}
	if (action == AC_NONE)
		return;
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n].scope = scope;
	km->v[km->n].key = key;
	km->v[km->n].action = action;
	km->n++;
}

static void
keys_error(struct ui_keymap *km, const char *name, int line, const char *what,
    const char *word)
{
	char msg[400], safe[64];

	snprintf(msg, sizeof msg, "%s:%d: %s '%s'", name, line, what,
	    util_safe(word, safe, sizeof safe));
	str_list_push(&km->errors, msg);
}

/* Split a line into at most 8 blank-separated words (in place). */
static int
split_words(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;

	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static int
keys_line(struct ui_keymap *km, const char *name, int lineno, char *line)
{
	char *w[8];
	int n = split_words(line, w, 6), scope, key, action = AC_NONE;

	if (n == 0)
		return 0;
	if (strcmp(w[0], "bind") == 0) {
		if (n != 4) {
			keys_error(km, name, lineno, "expected 'bind PANE KEY "
			    "ACTION', got", w[0]);
			return 1;
		}
	} else if (strcmp(w[0], "unbind") == 0) {
		if (n != 3) {
			keys_error(km, name, lineno, "expected 'unbind PANE "
			    "KEY', got", w[0]);
			return 1;
		}
	} else {
		keys_error(km, name, lineno, "unknown command", w[0]);
		return 1;
	}
	if ((scope = ui_scope_parse(w[1])) < 0) {
		keys_error(km, name, lineno, "unknown pane", w[1]);
		return 1;
	}
	if (keys_parse_name(w[2], &key) != 0) {
		keys_error(km, name, lineno, "unknown key", w[2]);
		return 1;
	}
	if (n == 4 && (action = keys_action_parse(w[3])) < 0) {
		keys_error(km, name, lineno, "unknown action", w[3]);
		return 1;
	}
	if (n == 4 && (scope == SC_EDIT) != ui_action_is_edit(action)) {
		keys_error(km, name, lineno, scope == SC_EDIT ? "not an "
		    "editor action" : "an editor action outside 'edit'",
		    w[3]);
		return 1;
	}
	keys_set(km, scope, key, action);
	return 0;
}

static int
keys_line_cb(void *obj, const char *name, int lineno, char *line)
{
	if (line == NULL) {
		keys_error(obj, name, lineno, "line too long", "...");
		return 1;
	}
	return keys_line(obj, name, lineno, line);
}

int
keys_load_text(struct ui_keymap *km, const char *name, const char *text)
{
	return ui_each_line(text, name, km, keys_line_cb);
}

/* Split a configuration text into lines (a trailing CR dropped) and hand
 * each to fn with its number; a line longer than 511 bytes comes as NULL,
 * for fn to report. Returns the number of lines fn found bad. */
int
ui_each_line(const char *text, const char *name, void *obj, ui_line_fn fn)
{
	char line[512];
	int lineno = 0, bad = 0;
	const char *p = text;

	while (*p) {
		size_t k = strcspn(p, "\n");
		lineno++;
		if (k >= sizeof line)
			bad += fn(obj, name, lineno, NULL);
		else {
			memcpy(line, p, k);
			line[k] = '\0';
			if (k > 0 && line[k - 1] == '\r')
				line[k - 1] = '\0';
			bad += fn(obj, name, lineno, line);
		}
		p += k;
		if (*p == '\n')
			p++;
	}
	return bad;
}

/* Read a small text file whole; NULL with errno on failure. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[4096];
	size_t k;

	if (f == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len < 1024 * 1024)
		buf_add(&b, chunk, k);
	fclose(f);
	if (b.p == NULL)
		return xstrdup("");
	return b.p;
}

int
keys_load_file(struct ui_keymap *km, const char *path)
{
	char *text = slurp(path);
	char msg[600];
	int bad;

	if (text == NULL) {
		snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
		str_list_push(&km->errors, msg);
		return -1;
	}
	bad = keys_load_text(km, path, text);
	free(text);
	return bad;
}

int
keys_lookup(const struct ui_keymap *km, int scope, int key)
{
	int global = AC_NONE;

	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key != key)
			continue;
		if (km->v[i].scope == scope)
			return km->v[i].action;
		if (km->v[i].scope == SC_GLOBAL && scope != SC_EDIT)
			global = km->v[i].action;
	}
	return global;
}

int
keys_find(const struct ui_keymap *km, int scope, int action)
{
	int best = 0;

	/* The pane's own binding wins; prefer the earliest one loaded. */
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].action == action && km->v[i].scope == scope &&
		    keys_lookup(km, scope, km->v[i].key) == action)
			return km->v[i].key;
	for (size_t i = 0; i < km->n && scope != SC_EDIT; i++)
		if (km->v[i].action == action &&
		    km->v[i].scope == SC_GLOBAL &&
		    keys_lookup(km, scope, km->v[i].key) == action) {
			best = km->v[i].key;
			break;
		}
	return best;
}

/* ---- finding files, and checking them ---- */

#include "paths.h"	/* generated: the install paths */

static int
readable(const char *p)
{
	FILE *f = fopen(p, "r");

	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

int
ui_find_file(const char *sub, const char *name, char *out, size_t n)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char exe[2048];
	ssize_t k;

	if (strchr(name, '/') != NULL) {
		snprintf(out, n, "%s", name);
		return readable(out) ? 0 : -1;
	}
	if (x != NULL && *x) {
		snprintf(out, n, "%s/cercle/%s", x, name);
		if (readable(out))
			return 0;
	} else if (home != NULL && *home) {
		snprintf(out, n, "%s/.config/cercle/%s", home, name);
		if (readable(out))
			return 0;
	}
	snprintf(out, n, "%s/%s/%s", CERCLE_DATADIR, sub, name);
	if (readable(out))
		return 0;
	/* The source tree: the binary is build/<kind>/cercle. */
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(out, n, "%s/../../%s/%s", exe, sub, name);
			if (readable(out))
				return 0;
		}
	}
	return -1;
}

int
ui_check_files(int argc, char **argv)
{
	int bad = 0;

	for (int i = 0; i < argc; i++) {
		const char *f = argv[i];
		size_t n = strlen(f);
		struct ui_keymap km;
		struct ui_theme th;
		struct str_list *errs;
		int rc;

		memset(&km, 0, sizeof km);
		theme_init(&th);
		if (n > 5 && strcmp(f + n - 5, ".keys") == 0) {
			rc = keys_load_file(&km, f);
			errs = &km.errors;
		} else if (n > 6 && strcmp(f + n - 6, ".theme") == 0) {
			rc = theme_load_file(&th, f);
			errs = &th.errors;
		} else {
			fprintf(stderr, "%s: not a .keys or .theme file\n", f);
			bad++;
			continue;
		}
		for (size_t j = 0; j < errs->n; j++)
			fprintf(stderr, "%s\n", errs->v[j]);
		if (rc != 0)
			bad++;
		else
			printf("%s: ok\n", f);
		keys_free(&km);
		theme_free(&th);
	}
	return bad ? ERR_USAGE : 0;
}
