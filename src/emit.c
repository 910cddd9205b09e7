/* emit.c: the one output emitter (see emit.h): record begin / field /
 * record end, laid out by a text, JSON, CSV or Markdown backend. Must not
 * know any record type, read the store or write anywhere but its buf. */
#include "emit.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* What a frame is, once its parent is known. */
enum {
	R_JSON,		/* JSON: every frame nests */
	R_LIST,		/* a top-level list: its records are rows */
	R_ROW,		/* a record written as one row */
	R_BLOCK,	/* a top-level record, text/Markdown: label: value */
	R_NLIST,	/* a list inside a block */
	R_NREC,		/* a record of that list: one labelled line */
	R_PROSE,	/* emit_prose: JSON structure, only its text shown */
};

int
emit_fmt_parse(const char *s)
{
	static const char *const names[] = { "text", "json", "csv", "md" };

	if (s == NULL)
		return -1;
	for (int i = 0; i < EMIT__COUNT; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	if (strcmp(s, "markdown") == 0)
		return EMIT_MD;
	return -1;
}

void
emit_init(struct emit *em, int fmt, struct buf *out)
{
	memset(em, 0, sizeof *em);
	em->fmt = fmt;
	em->out = out;
	em->label = 13;
}

void
emit_free(struct emit *em)
{
	buf_free(&em->head);
	buf_free(&em->row);
}

void
emit_widths(struct emit *em, const int *w, size_t n)
{
	if (n > EMIT_WIDTHS)
		n = EMIT_WIDTHS;
	memcpy(em->widths, w, n * sizeof *w);
	em->nwidths = n;
}

void
emit_header_only(struct emit *em)
{
	em->dry = 1;
}

void
emit_prose(struct emit *em, int on)
{
	em->prose = on;
}

static const char *label_of(const char *name);

/* emit_prose: a frame nested under the top-level block (or under
 * another such frame) whose name has no label. */
static int
prose_frame(struct emit *em, const struct emit_frame *p, const char *name)
{
	return em->prose && p != NULL && (em->fmt == EMIT_TEXT ||
	    em->fmt == EMIT_MD) && (p->role == R_BLOCK || p->role == R_PROSE) &&
	    (name == NULL || label_of(name) == NULL);
}

void
emit_label_width(struct emit *em, int w)
{
	em->label = w < 0 ? 0 : w;
}

static void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* The JSON key of "json|label" into k. */
static const char *
key_of(const char *name, char *k, size_t n)
{
	const char *bar = strchr(name, '|');
	size_t len = bar ? (size_t)(bar - name) : strlen(name);

	if (len >= n)
		len = n - 1;
	memcpy(k, name, len);
	k[len] = '\0';
	return k;
}

/* The text label, or NULL when the field is left out of text. */
static const char *
label_of(const char *name)
{
	const char *bar = strchr(name, '|');

	if (bar == NULL)
		return name;
	return bar[1] ? bar + 1 : NULL;
}

/* s then spaces to w code points (labels line up with accented ones). */
static void
pad(struct buf *b, const char *s, int w)
{
	int n = 0;

	buf_puts(b, s);
	for (const char *q = s; *q; q++)
		n += ((unsigned char)*q & 0xc0) != 0x80;
	for (; n < w; n++)
		buf_add(b, " ", 1);
}

/* The label people read (text and Markdown), in the current language:
 * a field's name is its msgid (`make pot` extracts the names given to
 * emit_*), "created|since" translated as "created|depuis"; the JSON key,
 * before '|', is never translated. NULL when the field has no label. */
static const char *
label_shown(const char *name)
{
	const char *t;

	if (label_of(name) == NULL)
		return NULL;
	t = gettext(name);
	return label_of(t) != NULL ? label_of(t) : label_of(name);
}

static struct emit_frame *
top(struct emit *em)
{
	return em->depth > 0 ? &em->f[em->depth - 1] : NULL;
}

/* ---- escaping ---- */

static void
md_escape(struct buf *b, const char *s, size_t n, int multiline)
{
	struct buf t = { 0 };

	util_sanitize(&t, s, n, multiline);
	for (size_t i = 0; i < t.len; i++) {
		char ch = t.p[i];
		if (strchr("\\`*_[]<>|~#", ch) != NULL)
			buf_add(b, "\\", 1);
		if (ch == '\n')
			buf_puts(b, "\n  ");
		else
			buf_add(b, &ch, 1);
	}
	buf_free(&t);
}

void
emit_csv_cell(struct buf *b, const char *s)
{
	struct buf t = { 0 };

	if (s == NULL || *s == '\0')
		return;
	/* Spreadsheets run a cell that starts like a formula (OWASP, CSV
	 * injection): a leading quote makes it text. */
	if (strchr("=+-@\t\r", s[0]) != NULL)
		buf_add(&t, "'", 1);
	util_sanitize(&t, s, strlen(s), 1);
	csv_field(b, t.p);
	buf_free(&t);
}

/* ---- frames ---- */

static void
json_sep_key(struct emit *em, const char *name)
{
	struct emit_frame *f = top(em);
	char k[64];

	if (f == NULL)
		return;
	if (f->n++)
		buf_add(em->out, ",", 1);
	if (!f->list && name != NULL) {
		json_str(em->out, key_of(name, k, sizeof k));
		buf_add(em->out, ":", 1);
	}
}

static int
push(struct emit *em, int list, int role)
{
	struct emit_frame *f;

	if (em->depth >= EMIT_DEPTH) {
		em->mute++;
		return -1;
	}
	f = &em->f[em->depth++];
	memset(f, 0, sizeof *f);
	f->list = list;
	f->role = role;
	return 0;
}

void
emit_list_begin(struct emit *em, const char *name)
{
	struct emit_frame *p = top(em);
	char k[64];

	if (em->mute) {
		em->mute++;
		return;
	}
	if (em->fmt == EMIT_JSON) {
		json_sep_key(em, name);
		buf_add(em->out, "[", 1);
		push(em, 1, R_JSON);
		return;
	}
	if (prose_frame(em, p, name)) {
		p->n++;
		push(em, 1, R_PROSE);
		return;
	}
	if (p == NULL) {
		if (em->fmt == EMIT_MD && name != NULL) {
			buf_puts(em->out, "## ");
			key_of(name, k, sizeof k);
			md_escape(em->out, k, strlen(k), 0);
			buf_puts(em->out, "\n\n");
		}
		em->head_done = 0;
		push(em, 1, R_LIST);
		return;
	}
	if (p->role == R_BLOCK && em->fmt != EMIT_CSV) {
		em->nest = name ? label_shown(name) : NULL;
		if (em->nest == NULL) {
			em->mute++;
			return;
		}
		push(em, 1, R_NLIST);
		return;
	}
	em->mute++;
}

void
emit_list_end(struct emit *em)
{
	struct emit_frame *f;

	if (em->mute) {
		em->mute--;
		return;
	}
	if ((f = top(em)) == NULL)
		return;
	em->depth--;
	if (em->fmt == EMIT_JSON) {
		buf_add(em->out, "]", 1);
		if (em->depth == 0)
			buf_add(em->out, "\n", 1);
		return;
	}
	if (f->role == R_LIST && em->fmt == EMIT_MD && f->n > 0)
		buf_add(em->out, "\n", 1);
}

void
emit_rec_begin(struct emit *em, const char *name)
{
	struct emit_frame *p = top(em);
	int role;

	if (em->mute) {
		em->mute++;
		return;
	}
	if (em->dry && (em->head_done || (em->fmt != EMIT_CSV &&
	    em->fmt != EMIT_MD))) {
		em->dry = 0;
		em->mute++;
		return;
	}
	if (em->fmt == EMIT_JSON) {
		json_sep_key(em, name);
		buf_add(em->out, "{", 1);
		push(em, 0, R_JSON);
		return;
	}
	if (prose_frame(em, p, name)) {
		p->n++;
		push(em, 0, R_PROSE);
		return;
	}
	if (p == NULL)
		role = em->fmt == EMIT_CSV ? R_ROW : R_BLOCK;
	else if (p->role == R_LIST)
		role = R_ROW;
	else if (p->role == R_NLIST)
		role = R_NREC;
	else {
		em->mute++;
		return;
	}
	if (p != NULL)
		p->n++;
	buf_reset(&em->row);
	if (role == R_ROW && !em->head_done)
		buf_reset(&em->head);
	if (role == R_NREC) {
		char lab[64];
		snprintf(lab, sizeof lab, _("%s %zu:"), em->nest ? em->nest :
		    "", p->n);
		if (em->fmt == EMIT_MD) {
			buf_puts(&em->row, "  - ");
			md_escape(&em->row, lab, strlen(lab), 0);
		} else
			pad(&em->row, lab, em->label);
	}
	push(em, 0, role);
}

void
emit_rec_end(struct emit *em)
{
	struct emit_frame *f;

	if (em->mute) {
		em->mute--;
		return;
	}
	if ((f = top(em)) == NULL)
		return;
	em->depth--;
	switch (f->role) {
	case R_JSON:
		buf_add(em->out, "}", 1);
		if (em->depth == 0)
			buf_add(em->out, "\n", 1);
		break;
	case R_ROW:
		if (em->fmt == EMIT_TEXT) {
			buf_add(em->out, "\n", 1);
			break;
		}
		if (!em->head_done) {
			em->head_done = 1;
			buf_add(em->out, em->head.p ? em->head.p : "",
			    em->head.len);
			if (em->fmt == EMIT_CSV)
				buf_puts(em->out, "\r\n");
			else {
				buf_puts(em->out, "|\n");
				for (size_t i = 0; i < f->n; i++)
					buf_puts(em->out, "|---");
				buf_puts(em->out, "|\n");
			}
		}
		if (em->dry) {
			em->dry = 0;
			break;
		}
		buf_add(em->out, em->row.p ? em->row.p : "", em->row.len);
		buf_puts(em->out, em->fmt == EMIT_CSV ? "\r\n" : "|\n");
		break;
	case R_NREC:
		buf_add(em->out, em->row.p ? em->row.p : "", em->row.len);
		buf_add(em->out, "\n", 1);
		break;
	default:
		break;
	}
}

/* ---- fields ---- */

/* One field whose text form is txt (stored text when user is set, NULL
 * when absent) and whose JSON form is json (already encoded). multi: a
 * string list, shown one per line in a text block. */
static void
field(struct emit *em, const char *name, const char *txt, int user,
    const char *json, int multi)
{
	struct emit_frame *f = top(em);
	const char *lab = em->fmt == EMIT_TEXT || em->fmt == EMIT_MD ?
	    label_shown(name) : label_of(name);
	char k[64];

	if (em->mute || f == NULL || f->list)
		return;
	if (em->fmt == EMIT_JSON) {
		json_sep_key(em, name);
		buf_puts(em->out, json);
		return;
	}
	switch (f->role) {
	case R_ROW:
		if (em->fmt == EMIT_CSV) {
			if (f->n++)
				buf_add(&em->row, ",", 1);
			if (!em->head_done) {
				if (em->head.len)
					buf_add(&em->head, ",", 1);
				csv_field(&em->head, key_of(name, k,
				    sizeof k));
			}
			if (user)
				emit_csv_cell(&em->row, txt);
			else
				csv_field(&em->row, txt ? txt : "");
			return;
		}
		if (em->fmt == EMIT_MD) {
			f->n++;
			if (!em->head_done) {
				buf_puts(&em->head, "| ");
				key_of(name, k, sizeof k);
				md_escape(&em->head, k, strlen(k), 0);
				buf_puts(&em->head, " ");
			}
			buf_puts(&em->row, "| ");
			md_escape(&em->row, txt ? txt : "", txt ? strlen(txt) :
			    0, 0);
			buf_puts(&em->row, " ");
			return;
		}
		if (lab == NULL)
			return;
		{
			size_t i = f->shown++;
			int w = i < em->nwidths ? em->widths[i] : 0;
			if (w < 0)
				return;
			if (f->n++)
				buf_add(em->out, " ", 1);
			util_col(em->out, txt, (size_t)w);
		}
		return;
	case R_BLOCK:
		if (lab == NULL)
			return;
		if (em->fmt == EMIT_MD) {
			buf_puts(em->out, "- **");
			md_escape(em->out, lab, strlen(lab), 0);
			buf_puts(em->out, "**: ");
			if (multi && txt && *txt)
				buf_puts(em->out, "\n  ");
			md_escape(em->out, txt ? txt : "-", txt ? strlen(txt) :
			    1, 1);
			buf_add(em->out, "\n", 1);
			return;
		}
		if (multi || (txt && strchr(txt, '\n'))) {
			struct buf t = { 0 };
			buf_printf(em->out, _("%s:"), lab);
			buf_add(em->out, "\n", 1);
			if (txt && *txt) {
				util_sanitize(&t, txt, strlen(txt), 1);
				for (char *p = t.p, *q; p && *p; p = q) {
					q = p + strcspn(p, "\n");
					buf_printf(em->out, "  %.*s\n",
					    (int)(q - p), p);
					if (*q)
						q++;
				}
			}
			buf_free(&t);
			return;
		}
		{
			char l[80];
			/* TRANSLATORS: a label and its colon ("since:"). */
			snprintf(l, sizeof l, _("%s:"), lab);
			pad(em->out, l, em->label);
			buf_add(em->out, " ", 1);
		}
		util_col(em->out, txt, 0);
		buf_add(em->out, "\n", 1);
		return;
	case R_NREC:
		if (lab == NULL || txt == NULL)
			return;
		buf_add(&em->row, " ", 1);
		if (em->fmt == EMIT_MD)
			md_escape(&em->row, txt, strlen(txt), 0);
		else
			util_col(&em->row, txt, 0);
		return;
	default:
		return;
	}
}

void
emit_str(struct emit *em, const char *name, const char *v)
{
	struct buf j = { 0 };

	if (em->fmt == EMIT_JSON) {
		if (v != NULL)
			json_str(&j, v);
		else
			buf_puts(&j, "null");
	}
	field(em, name, v, 1, j.p, 0);
	buf_free(&j);
}

void
emit_u64(struct emit *em, const char *name, uint64_t v)
{
	char s[32];

	snprintf(s, sizeof s, "%llu", (unsigned long long)v);
	field(em, name, s, 0, s, 0);
}

void
emit_id(struct emit *em, const char *name, uint64_t v)
{
	char s[32];

	if (v == 0) {
		field(em, name, NULL, 0, "null", 0);
		return;
	}
	snprintf(s, sizeof s, "%llu", (unsigned long long)v);
	field(em, name, s, 0, s, 0);
}

void
emit_i64(struct emit *em, const char *name, int64_t v)
{
	char s[32];

	snprintf(s, sizeof s, "%lld", (long long)v);
	field(em, name, s, 0, s, 0);
}

void
emit_bool(struct emit *em, const char *name, int v)
{
	const char *t = em->fmt == EMIT_TEXT || em->fmt == EMIT_MD ?
	    (v ? _("yes") : _("no")) : (v ? "true" : "false");

	field(em, name, t, 0, v ? "true" : "false", 0);
}

void
emit_time(struct emit *em, const char *name, int64_t t)
{
	char s[40], j[48];

	if (t == 0) {
		field(em, name, NULL, 0, "null", 0);
		return;
	}
	if (em->fmt == EMIT_TEXT || em->fmt == EMIT_MD)
		i18n_date(t, s, sizeof s);
	else
		util_fmt_iso(t, s, sizeof s);
	snprintf(j, sizeof j, "\"%s\"", s);
	field(em, name, s, 0, j, 0);
}

static void
strs(struct emit *em, const char *name, const struct str_list *l,
    int lines)
{
	struct buf t = { 0 }, j = { 0 };
	struct emit_frame *f = top(em);
	const char *sep = em->fmt == EMIT_CSV ? (lines ? " | " : ",") :
	    lines && f && f->role == R_BLOCK ? "\n" : ", ";

	if (em->fmt == EMIT_JSON)
		json_str_list(&j, l);
	else
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				buf_puts(&t, sep);
			buf_puts(&t, l->v[i]);
		}
	/* An empty list reads as an absent value: "-" in text, on its
	 * label's line. */
	field(em, name, l->n ? t.p : NULL, 1, j.p, l->n ? lines : 0);
	buf_free(&t);
	buf_free(&j);
}

void
emit_strs(struct emit *em, const char *name, const struct str_list *l)
{
	strs(em, name, l, 1);
}

void
emit_words(struct emit *em, const char *name, const struct str_list *l)
{
	strs(em, name, l, 0);
}

void
emit_u64s(struct emit *em, const char *name, const struct u64_list *l)
{
	struct buf t = { 0 }, j = { 0 };

	if (em->fmt == EMIT_JSON)
		json_u64_list(&j, l);
	else
		for (size_t i = 0; i < l->n; i++)
			buf_printf(&t, "%s%llu", i ? " " : "",
			    (unsigned long long)l->v[i]);
	field(em, name, l->n ? t.p : NULL, 0, j.p, 0);
	buf_free(&t);
	buf_free(&j);
}

void
emit_text(struct emit *em, const char *s)
{
	struct emit_frame *f = top(em);

	if (em->mute || f == NULL || s == NULL)
		return;
	if (em->fmt == EMIT_TEXT && (f->role == R_ROW || f->role == R_BLOCK ||
	    f->role == R_PROSE))
		buf_puts(em->out, s);
	else if (em->fmt == EMIT_MD && (f->role == R_BLOCK ||
	    f->role == R_PROSE))
		buf_puts(em->out, s);
}

void
emit_inline(struct emit *em, const char *s)
{
	struct emit_frame *f = top(em);

	if (em->mute || f == NULL || s == NULL)
		return;
	if (f->role != R_BLOCK && f->role != R_PROSE &&
	    !(em->fmt == EMIT_TEXT && f->role == R_ROW))
		return;
	if (em->fmt == EMIT_MD)
		md_escape(em->out, s, strlen(s), 1);
	else if (em->fmt == EMIT_TEXT)
		util_sanitize(em->out, s, strlen(s), 1);
}
