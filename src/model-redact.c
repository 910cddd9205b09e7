/* model-redact.c: the moderation rules (issue 16): which texts may be
 * redacted and who moderates. Pure: no I/O, no store. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct redact_field model_redact_fields[] = {
	{ RT_NEED, "title", NULL, 0 },
	{ RT_NEED, "description", NULL, 0 },
	{ RT_NEED, "practices", "practice", 1 },
	{ RT_SUPPORT, "note", NULL, 0 },
	{ RT_TENSION, "title", NULL, 0 },
	{ RT_TENSION, "description", NULL, 0 },
	{ RT_TENSION, "questions", "question", 1 },
	{ RT_TENSION, "blocker_reasons", "blocker_reason", 1 },
	{ RT_PROPOSAL, "versions", "version", 1 },
	{ RT_PROPOSAL, "decision_text", NULL, 0 },
	{ RT_PROPOSAL, "sages_answer", NULL, 0 },
	{ RT_POSITION, "reason", NULL, 0 },
	{ RT_DECISION, "text", NULL, 0 },
	{ RT_ACTION, "title", NULL, 0 },
	{ RT_MEETING, "title", NULL, 0 },
	{ RT_THEME, "title", NULL, 0 },
	{ RT_THEME, "spec", NULL, 0 },
	{ RT_WORKSTREAM, "title", NULL, 0 },
	/* Where a text may be copied too: a draft, a flag's reason. */
	{ RT_USTATE, "draft", NULL, 0 },
	{ RT_FLAG, "reason", NULL, 0 },
	{ 0, NULL, NULL, 0 }
};

int
model_redact_parse(int rtype, const char *field,
    const struct redact_field **f, uint64_t *item)
{
	const char *dot = strchr(field, '.');
	size_t n = dot ? (size_t)(dot - field) : strlen(field);

	*item = 0;
	for (const struct redact_field *r = model_redact_fields;
	    r->field != NULL; r++) {
		if (r->rtype != rtype)
			continue;
		if (!(strlen(r->field) == n && strncmp(r->field, field, n) == 0)
		    && !(r->alias != NULL && strlen(r->alias) == n &&
		    strncmp(r->alias, field, n) == 0))
			continue;
		if (r->list != (dot != NULL))
			return -1;
		if (dot != NULL) {
			char *end;
			unsigned long long v;

			if (dot[1] < '1' || dot[1] > '9')
				return -1;
			v = strtoull(dot + 1, &end, 10);
			if (*end != '\0' || v == 0)
				return -1;
			*item = v;
		}
		*f = r;
		return 0;
	}
	return -1;
}

int
model_may_moderate(uint64_t roles)
{
	return (roles & MODEL_MODERATE_ROLES) != 0;
}

int
model_rtype_parse(const char *s)
{
	for (int rt = 1; rt < RT__COUNT; rt++)
		if (strcmp(model_rtype_name(rt), s) == 0)
			return rt;
	return -1;
}

void
model_forgotten_login(uint64_t id, char *out, size_t n)
{
	snprintf(out, n, "former-%llu", (unsigned long long)id);
}

int
model_forget_check(const struct member *m)
{
	char l[32];

	model_forgotten_login(m->id, l, sizeof l);
	if (m->login != NULL && strcmp(m->login, l) == 0)
		return 2;
	return m->disabled ? 0 : 1;
}

static const char *const flag_status_names[FS__COUNT] = {
	"open", "dismissed", "redacted"
};

const char *
model_flag_status_name(int s)
{
	return s >= 0 && s < FS__COUNT ? flag_status_names[s] : "unknown";
}
