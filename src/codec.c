/* codec.c: the field tables of every record and the one generic msgpack
 * encoder/decoder over them. Must not touch LMDB: bytes in, structs out. */
#include "codec.h"

#include <msgpack.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define FLD(k, t, S, m) { k, t, (uint16_t)offsetof(S, m), #m }

static const struct field config_fields[] = {
	FLD(1, F_STR, struct config, hub_name),
	FLD(2, F_STRS, struct config, territories),
	FLD(3, F_STRS, struct config, categories),
	FLD(4, F_STRS, struct config, publics),
	FLD(5, F_STRS, struct config, sources),
	FLD(6, F_I64, struct config, created),
	FLD(7, F_STR, struct config, lang),
	FLD(8, F_STRS, struct config, catmap),
	FLD(9, F_STRS, struct config, pubmap),
	FLD(10, F_STR, struct config, licence),
	FLD(11, F_STR, struct config, producer),
	FLD(12, F_U64, struct config, open_votes),
};

static const struct field member_fields[] = {
	FLD(1, F_STR, struct member, login),
	FLD(2, F_STR, struct member, name),
	FLD(3, F_STR, struct member, org),
	FLD(4, F_STR, struct member, territory),
	FLD(5, F_U64, struct member, roles),
	FLD(6, F_U64, struct member, disabled),
	FLD(7, F_I64, struct member, created),
	FLD(8, F_STRS, struct member, keys),
	FLD(9, F_STRS, struct member, key_fps),
	FLD(10, F_U64, struct member, watch_blocks),
	FLD(11, F_U64, struct member, watch_withdrawals),
	FLD(12, F_STR, struct member, watch_note),
	FLD(13, F_U64, struct member, low_bandwidth),
	FLD(14, F_STR, struct member, lang),
	FLD(15, F_STR, struct member, email),
	FLD(16, F_U64, struct member, digest),
	FLD(17, F_I64, struct member, digest_last),
	FLD(18, F_U64, struct member, screen_reader),
};

static const struct field need_fields[] = {
	FLD(1, F_STR, struct need, title),
	FLD(2, F_STR, struct need, description),
	FLD(3, F_STR, struct need, territory),
	FLD(4, F_STR, struct need, category),
	FLD(5, F_STR, struct need, public_),
	FLD(6, F_STR, struct need, source),
	FLD(7, F_U64, struct need, reporter),
	FLD(8, F_STR, struct need, round),
	FLD(9, F_I64, struct need, created),
	FLD(10, F_I64, struct need, updated),
	FLD(11, F_U64, struct need, status),
	FLD(12, F_U64, struct need, merged_into),
	FLD(13, F_STRS, struct need, practices),
	FLD(14, F_STRS, struct need, territories),
	FLD(15, F_U64, struct need, supports),
	FLD(16, F_U64S, struct need, merged_from),
	FLD(17, F_STR, struct need, insee),
	FLD(18, F_STR, struct need, external_id),
};

static const struct field support_fields[] = {
	FLD(1, F_U64, struct support, need),
	FLD(2, F_U64, struct support, member),
	FLD(3, F_STR, struct support, territory),
	FLD(4, F_STR, struct support, note),
	FLD(5, F_I64, struct support, created),
};

static const struct field tension_fields[] = {
	FLD(1, F_U64, struct tension, kind),
	FLD(2, F_STR, struct tension, title),
	FLD(3, F_STR, struct tension, description),
	FLD(4, F_U64, struct tension, author),
	FLD(5, F_U64, struct tension, status),
	FLD(6, F_U64S, struct tension, needs),
	FLD(7, F_I64, struct tension, created),
	FLD(8, F_I64, struct tension, updated),
	FLD(9, F_U64, struct tension, rank),
	FLD(10, F_U64S, struct tension, acks),
	FLD(11, F_STRS, struct tension, questions),
	FLD(12, F_STRS, struct tension, blocker_reasons),
};

static const struct field meeting_fields[] = {
	FLD(1, F_U64, struct meeting, status),
	FLD(2, F_U64, struct meeting, facilitator),
	FLD(3, F_I64, struct meeting, created),
	FLD(4, F_I64, struct meeting, opened),
	FLD(5, F_I64, struct meeting, closed),
	FLD(6, F_U64S, struct meeting, room),
	FLD(7, F_U64S, struct meeting, remote),
	FLD(8, F_U64, struct meeting, current_tension),
	FLD(9, F_U64, struct meeting, members_total),
	FLD(10, F_U64, struct meeting, quorum),
	FLD(11, F_U64S, struct meeting, tensions),
	FLD(12, F_U64, struct meeting, review_done),
	FLD(13, F_STR, struct meeting, title),
	FLD(14, F_U64, struct meeting, review_next_action),
	FLD(15, F_I64, struct meeting, minutes_mailed),
	FLD(16, F_U64S, struct meeting, presence_log),
	FLD(17, F_U64, struct meeting, closed_present),
	FLD(18, F_U64, struct meeting, frozen),
	FLD(19, F_U64S, struct meeting, review_decisions),
	FLD(20, F_U64S, struct meeting, sages),
	FLD(21, F_U64, struct meeting, sages_named),
};

static const struct field proposal_fields[] = {
	FLD(1, F_U64, struct proposal, tension),
	FLD(2, F_U64, struct proposal, supporter),
	FLD(3, F_STRS, struct proposal, versions),
	FLD(4, F_U64, struct proposal, unanimity),
	FLD(5, F_U64, struct proposal, hidden),
	FLD(6, F_I64, struct proposal, closes),
	FLD(7, F_U64, struct proposal, meeting),
	FLD(8, F_U64, struct proposal, status),
	FLD(9, F_I64, struct proposal, created),
	FLD(10, F_I64, struct proposal, closed_at),
	FLD(11, F_STR, struct proposal, decision_text),
	FLD(12, F_STR, struct proposal, sages_answer),
	FLD(13, F_U64S, struct proposal, blockers_ack),
	FLD(14, F_U64, struct proposal, decision),
	FLD(15, F_STR, struct proposal, close_note),
	FLD(16, F_U64, struct proposal, unanimity_req),
	FLD(17, F_U64, struct proposal, frozen),
	FLD(18, F_U64, struct proposal, c_approve),
	FLD(19, F_U64, struct proposal, c_alert),
	FLD(20, F_U64, struct proposal, c_withdraw),
	FLD(21, F_U64, struct proposal, c_block),
	FLD(22, F_U64, struct proposal, c_blockers),
	FLD(23, F_U64, struct proposal, c_present),
	FLD(24, F_U64, struct proposal, c_members),
	FLD(25, F_U64, struct proposal, c_needed),
	FLD(26, F_U64S, struct proposal, counted),
};

static const struct field position_fields[] = {
	FLD(1, F_U64, struct position, proposal),
	FLD(2, F_U64, struct position, member),
	FLD(3, F_U64, struct position, version),
	FLD(4, F_U64, struct position, kind),
	FLD(5, F_STR, struct position, reason),
	FLD(6, F_I64, struct position, created),
	FLD(7, F_I64, struct position, updated),
	FLD(8, F_U64, struct position, by),
};

static const struct field decision_fields[] = {
	FLD(1, F_U64, struct decision, proposal),
	FLD(2, F_U64, struct decision, tension),
	FLD(3, F_U64, struct decision, meeting),
	FLD(4, F_STR, struct decision, text),
	FLD(5, F_I64, struct decision, decided),
	FLD(6, F_I64, struct decision, review),
	FLD(7, F_U64, struct decision, reviewed_in),
};

static const struct field action_fields[] = {
	FLD(1, F_U64, struct action, decision),
	FLD(2, F_U64, struct action, owner),
	FLD(3, F_STR, struct action, title),
	FLD(4, F_I64, struct action, due),
	FLD(5, F_U64, struct action, status),
	FLD(6, F_I64, struct action, created),
	FLD(7, F_I64, struct action, updated),
};

static const struct field jentry_fields[] = {
	FLD(1, F_I64, struct jentry, time),
	FLD(2, F_STR, struct jentry, actor),
	FLD(3, F_STR, struct jentry, op),
	FLD(4, F_U64, struct jentry, rtype),
	FLD(5, F_U64, struct jentry, rid),
	FLD(6, F_STR, struct jentry, summary),
	FLD(7, F_BIN32, struct jentry, prev),
	FLD(8, F_BIN32, struct jentry, rec_hash),
	FLD(9, F_BIN32, struct jentry, hash),
	FLD(10, F_STR, struct jentry, salt),
	FLD(11, F_STR, struct jentry, commit),
	FLD(12, F_U64, struct jentry, redacted_by),
	FLD(13, F_U64S, struct jentry, redacts),
	FLD(14, F_STRS, struct jentry, holds),
};

static const struct field dotround_fields[] = {
	FLD(1, F_STR, struct dotround, title),
	FLD(2, F_U64, struct dotround, budget),
	FLD(3, F_U64S, struct dotround, needs),
	FLD(4, F_U64, struct dotround, status),
	FLD(5, F_I64, struct dotround, opened),
	FLD(6, F_I64, struct dotround, closed),
	FLD(7, F_U64S, struct dotround, ranking),
	FLD(8, F_U64S, struct dotround, scores),
	FLD(9, F_STRS, struct dotround, categories),
	FLD(10, F_U64, struct dotround, hidden),
};

static const struct field ballot_fields[] = {
	FLD(1, F_U64, struct ballot, round),
	FLD(2, F_U64, struct ballot, member),
	FLD(3, F_U64S, struct ballot, needs),
	FLD(4, F_U64S, struct ballot, points),
	FLD(5, F_I64, struct ballot, updated),
};

static const struct field theme_fields[] = {
	FLD(1, F_STR, struct theme, title),
	FLD(2, F_STR, struct theme, spec),
	FLD(3, F_U64S, struct theme, needs),
	FLD(4, F_U64, struct theme, round),
	FLD(5, F_STR, struct theme, switch_name),
	FLD(6, F_I64, struct theme, created),
};

static const struct field workstream_fields[] = {
	FLD(1, F_U64, struct workstream, theme),
	FLD(2, F_STR, struct workstream, title),
	FLD(3, F_U64S, struct workstream, members),
	FLD(4, F_I64, struct workstream, created),
};

static const struct field ustate_fields[] = {
	FLD(1, F_STR, struct ustate, pane),
	FLD(2, F_STR, struct ustate, draft_ctx),
	FLD(3, F_STR, struct ustate, draft),
	FLD(4, F_I64, struct ustate, updated),
	FLD(5, F_I64, struct ustate, draft_at),
	FLD(6, F_U64, struct ustate, draft_ver),
	FLD(7, F_I64, struct ustate, pane_at),
	FLD(8, F_U64, struct ustate, sel),
};

static const struct field flag_fields[] = {
	FLD(1, F_U64, struct flag, rtype),
	FLD(2, F_U64, struct flag, rid),
	FLD(3, F_STR, struct flag, field),
	FLD(4, F_STR, struct flag, reason),
	FLD(5, F_U64, struct flag, by),
	FLD(6, F_I64, struct flag, created),
	FLD(7, F_U64, struct flag, status),
	FLD(8, F_U64, struct flag, closed_by),
	FLD(9, F_I64, struct flag, closed_at),
};

#define DESC(rt, S, f) \
	[rt] = { rt, 1, sizeof(S), f, sizeof(f) / sizeof(f[0]) }

static const struct rdesc descs[RT__COUNT] = {
	DESC(RT_CONFIG, struct config, config_fields),
	DESC(RT_MEMBER, struct member, member_fields),
	DESC(RT_NEED, struct need, need_fields),
	DESC(RT_SUPPORT, struct support, support_fields),
	DESC(RT_TENSION, struct tension, tension_fields),
	DESC(RT_MEETING, struct meeting, meeting_fields),
	DESC(RT_PROPOSAL, struct proposal, proposal_fields),
	DESC(RT_POSITION, struct position, position_fields),
	DESC(RT_DECISION, struct decision, decision_fields),
	DESC(RT_ACTION, struct action, action_fields),
	DESC(RT_JOURNAL, struct jentry, jentry_fields),
	DESC(RT_DOTROUND, struct dotround, dotround_fields),
	DESC(RT_BALLOT, struct ballot, ballot_fields),
	DESC(RT_THEME, struct theme, theme_fields),
	DESC(RT_WORKSTREAM, struct workstream, workstream_fields),
	DESC(RT_USTATE, struct ustate, ustate_fields),
	DESC(RT_FLAG, struct flag, flag_fields),
};

/* The largest list a record may hold; bounds allocation on bad input. */
#define CODEC_MAX_LIST	100000

const struct rdesc *
codec_desc(int rtype)
{
	if (rtype <= 0 || rtype >= RT__COUNT || descs[rtype].fields == NULL)
		return NULL;
	return &descs[rtype];
}

void *
codec_new(int rtype)
{
	const struct rdesc *d = codec_desc(rtype);

	return d ? xcalloc(1, d->size) : NULL;
}

void
codec_free(int rtype, void *rec)
{
	const struct rdesc *d = codec_desc(rtype);
	char *base = rec;

	if (d == NULL || rec == NULL)
		return;
	for (size_t i = 0; i < d->nfields; i++) {
		void *p = base + d->fields[i].off;

		switch (d->fields[i].type) {
		case F_STR:
			free(*(char **)p);
			break;
		case F_STRS:
			str_list_free(p);
			break;
		case F_U64S:
			u64_list_free(p);
			break;
		}
	}
	memset(rec, 0, d->size);
}

void
codec_free_rec(int rtype, void *rec)
{
	codec_free(rtype, rec);
	free(rec);
}

static int
buf_write_cb(void *data, const char *p, size_t n)
{
	buf_add(data, p, n);
	return 0;
}

void
codec_encode(int rtype, const void *rec, struct buf *out)
{
	const struct rdesc *d = codec_desc(rtype);
	const char *base = rec;
	msgpack_packer pk;
	size_t n = 1;

	if (d == NULL || rec == NULL)
		return;
	msgpack_packer_init(&pk, out, buf_write_cb);
	/* Empty strings and lists and zero numbers are left out: a missing
	 * key decodes as zero, which keeps records small. */
	for (size_t i = 0; i < d->nfields; i++) {
		const void *p = base + d->fields[i].off;
		int skip = 0;

		switch (d->fields[i].type) {
		case F_U64: skip = *(const uint64_t *)p == 0; break;
		case F_I64: skip = *(const int64_t *)p == 0; break;
		case F_STR: skip = *(char *const *)p == NULL; break;
		case F_STRS: skip = ((const struct str_list *)p)->n == 0; break;
		case F_U64S: skip = ((const struct u64_list *)p)->n == 0; break;
		case F_BIN32: skip = 0; break;
		}
		n += !skip;
	}
	msgpack_pack_map(&pk, n);
	msgpack_pack_uint8(&pk, 0);
	msgpack_pack_uint64(&pk, d->version);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		const void *p = base + f->off;

		switch (f->type) {
		case F_U64:
			if (*(const uint64_t *)p == 0)
				break;
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_uint64(&pk, *(const uint64_t *)p);
			break;
		case F_I64:
			if (*(const int64_t *)p == 0)
				break;
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_int64(&pk, *(const int64_t *)p);
			break;
		case F_STR: {
			const char *s = *(char *const *)p;
			if (s == NULL)
				break;
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_str_with_body(&pk, s, strlen(s));
			break;
		}
		case F_STRS: {
			const struct str_list *l = p;
			if (l->n == 0)
				break;
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_array(&pk, l->n);
			for (size_t j = 0; j < l->n; j++)
				msgpack_pack_str_with_body(&pk, l->v[j],
				    strlen(l->v[j]));
			break;
		}
		case F_U64S: {
			const struct u64_list *l = p;
			if (l->n == 0)
				break;
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_array(&pk, l->n);
			for (size_t j = 0; j < l->n; j++)
				msgpack_pack_uint64(&pk, l->v[j]);
			break;
		}
		case F_BIN32:
			msgpack_pack_uint8(&pk, f->key);
			msgpack_pack_bin_with_body(&pk, p, 32);
			break;
		}
	}
}

static int
obj_u64(const msgpack_object *o, uint64_t *v)
{
	if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
		*v = o->via.u64;
		return 0;
	}
	return -1;
}

static int
obj_i64(const msgpack_object *o, int64_t *v)
{
	if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
	    o->via.u64 <= INT64_MAX) {
		*v = (int64_t)o->via.u64;
		return 0;
	}
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
		*v = o->via.i64;
		return 0;
	}
	return -1;
}

/* Strings in the store are valid UTF-8 without NUL: anything else is
 * damage, and refusing it keeps garbage off every screen. */
static char *
obj_str(const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_STR)
		return NULL;
	/* msgpack-c may give an empty string a NULL pointer: found by
	 * fuzz-decode (UBSan: NULL passed to memchr). */
	if (o->via.str.size == 0)
		return xstrdup("");
	if (memchr(o->via.str.ptr, '\0', o->via.str.size) != NULL)
		return NULL;
	if (!utf8_valid(o->via.str.ptr, o->via.str.size))
		return NULL;
	return xstrndup(o->via.str.ptr, o->via.str.size);
}

static int
decode_field(const struct field *f, const msgpack_object *o, char *base)
{
	void *p = base + f->off;

	switch (f->type) {
	case F_U64:
		return obj_u64(o, p);
	case F_I64:
		return obj_i64(o, p);
	case F_STR: {
		char *s = obj_str(o);
		if (s == NULL)
			return -1;
		free(*(char **)p);
		*(char **)p = s;
		return 0;
	}
	case F_STRS: {
		struct str_list *l = p;
		if (o->type != MSGPACK_OBJECT_ARRAY ||
		    o->via.array.size > CODEC_MAX_LIST)
			return -1;
		str_list_free(l);
		for (uint32_t j = 0; j < o->via.array.size; j++) {
			char *s = obj_str(&o->via.array.ptr[j]);
			if (s == NULL)
				return -1;
			l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
			l->v[l->n++] = s;
		}
		return 0;
	}
	case F_U64S: {
		struct u64_list *l = p;
		if (o->type != MSGPACK_OBJECT_ARRAY ||
		    o->via.array.size > CODEC_MAX_LIST)
			return -1;
		u64_list_free(l);
		for (uint32_t j = 0; j < o->via.array.size; j++) {
			uint64_t v;
			if (obj_u64(&o->via.array.ptr[j], &v) != 0)
				return -1;
			u64_list_push(l, v);
		}
		return 0;
	}
	case F_BIN32:
		if (o->type != MSGPACK_OBJECT_BIN || o->via.bin.size != 32)
			return -1;
		memcpy(p, o->via.bin.ptr, 32);
		return 0;
	}
	return -1;
}

/* Containers nest at most this deep; records use two levels. */
#define CODEC_MAX_DEPTH	8

static uint64_t
be_n(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Walk one msgpack object at p[0..len) without allocating, checking every
 * length and element count against the bytes left, so that msgpack-c is
 * never asked to allocate for elements that cannot be there (a 5-byte
 * header may claim 2^32 of them). Sets *end to the object's size.
 * Returns NULL or what is wrong. */
static const char *
codec_walk(const uint8_t *p, size_t len, size_t *end)
{
	uint64_t todo[CODEC_MAX_DEPTH + 1];
	size_t off = 0;
	int depth = 0;

	todo[0] = 1;
	for (;;) {
		uint64_t n = 0, skip = 0;
		size_t hl = 1;
		int container = 0;	/* 1 array, 2 map */
		uint8_t b;

		while (todo[depth] == 0) {
			if (depth == 0) {
				*end = off;
				return NULL;
			}
			depth--;
		}
		todo[depth]--;
		if (off >= len)
			return "truncated";
		b = p[off];
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 ||
		    b == 0xc3)
			hl = 1;
		else if (b >= 0x80 && b <= 0x8f) {
			n = b & 0x0f;
			container = 2;
		} else if (b >= 0x90 && b <= 0x9f) {
			n = b & 0x0f;
			container = 1;
		} else if (b >= 0xa0 && b <= 0xbf)
			skip = b & 0x1f;
		else {
			static const uint8_t lenbytes[] = {
				/* c4..c9: bin8/16/32, ext8/16/32 */
				1, 2, 4, 1, 2, 4,
				/* ca..d3: float32/64, uint8..64, int8..64 */
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				/* d4..d8: fixext 1/2/4/8/16 */
				0, 0, 0, 0, 0,
				/* d9..db: str8/16/32 */
				1, 2, 4,
				/* dc..df: array16/32, map16/32 */
				2, 4, 2, 4,
			};
			static const uint8_t fixed[] = {
				0, 0, 0, 0, 0, 0,
				4, 8, 1, 2, 4, 8, 1, 2, 4, 8,
				2, 3, 5, 9, 17,
				0, 0, 0,
				0, 0, 0, 0,
			};
			size_t k, i;

			if (b == 0xc1)
				return "reserved byte 0xc1";
			i = (size_t)(b - 0xc4);
			k = lenbytes[i];
			if (k == 0) {
				skip = fixed[i];
			} else {
				if (len - off - 1 < k)
					return "truncated";
				n = be_n(p + off + 1, k);
				hl = 1 + k;
				if (b >= 0xdc)
					container = (b >= 0xde) ? 2 : 1;
				else if (b >= 0xc7 && b <= 0xc9)
					skip = n + 1;	/* ext type byte */
				else
					skip = n;
				if (container == 0)
					n = 0;
			}
		}
		if (len - off < hl)
			return "truncated";
		off += hl;
		if (container) {
			/* Each element takes at least one byte. */
			if (container == 2 && n > (len - off) / 2)
				return "a map claims more entries than bytes";
			if (n > len - off)
				return "an array claims more items than bytes";
			if (n == 0)
				continue;
			if (depth == CODEC_MAX_DEPTH)
				return "nested too deep";
			todo[++depth] = container == 2 ? n * 2 : n;
			continue;
		}
		if (skip > len - off)
			return "truncated";
		off += (size_t)skip;
	}
}

int
codec_decode(int rtype, const void *data, size_t len, void *rec,
    struct err *e)
{
	const char *why;
	size_t end = 0;
	const struct rdesc *d = codec_desc(rtype);
	msgpack_unpacked u;
	msgpack_object *o;
	size_t off = 0;
	uint64_t version = 0;
	int have_version = 0, rc;

	if (d == NULL)
		return err_set(e, ERR_SYSTEM, "unknown record type %d", rtype);
	memset(rec, 0, d->size);
	if (data == NULL)
		len = 0;
	if ((why = codec_walk(data, len, &end)) != NULL)
		return err_set(e, ERR_SYSTEM, "damaged %s record: %s",
		    model_rtype_name(rtype), why);
	if (end != len)
		return err_set(e, ERR_SYSTEM, "damaged %s record: %zu "
		    "trailing bytes", model_rtype_name(rtype), len - end);
	msgpack_unpacked_init(&u);
	rc = msgpack_unpack_next(&u, data, len, &off);
	if (rc != MSGPACK_UNPACK_SUCCESS) {
		msgpack_unpacked_destroy(&u);
		return err_set(e, ERR_SYSTEM, "damaged %s record: not msgpack",
		    model_rtype_name(rtype));
	}
	if (off != len) {
		msgpack_unpacked_destroy(&u);
		return err_set(e, ERR_SYSTEM, "damaged %s record: %zu "
		    "trailing bytes", model_rtype_name(rtype), len - off);
	}
	o = &u.data;
	if (o->type != MSGPACK_OBJECT_MAP) {
		msgpack_unpacked_destroy(&u);
		return err_set(e, ERR_SYSTEM, "damaged %s record: not a map",
		    model_rtype_name(rtype));
	}
	for (uint32_t i = 0; i < o->via.map.size; i++) {
		const msgpack_object_kv *kv = &o->via.map.ptr[i];
		uint64_t key;

		if (obj_u64(&kv->key, &key) != 0) {
			err_set(e, ERR_SYSTEM, "damaged %s record: key %u is "
			    "not a small integer", model_rtype_name(rtype), i);
			goto fail;
		}
		if (key == 0) {
			if (obj_u64(&kv->val, &version) != 0) {
				err_set(e, ERR_SYSTEM, "damaged %s record: bad "
				    "schema version", model_rtype_name(rtype));
				goto fail;
			}
			have_version = 1;
			continue;
		}
		for (size_t j = 0; j < d->nfields; j++) {
			if (d->fields[j].key != key)
				continue;
			if (decode_field(&d->fields[j], &kv->val, rec) != 0) {
				err_set(e, ERR_SYSTEM, "damaged %s record: "
				    "field '%s' has the wrong type or bad text",
				    model_rtype_name(rtype), d->fields[j].name);
				goto fail;
			}
			break;
		}
		/* Unknown keys are skipped: a newer minor writer may add. */
	}
	if (!have_version || version == 0) {
		err_set(e, ERR_SYSTEM, "damaged %s record: no schema version",
		    model_rtype_name(rtype));
		goto fail;
	}
	if (version > d->version) {
		err_set(e, ERR_SYSTEM, "%s record has schema version %llu, "
		    "newer than this cercle knows (%llu): upgrade cercle",
		    model_rtype_name(rtype), (unsigned long long)version,
		    (unsigned long long)d->version);
		goto fail;
	}
	msgpack_unpacked_destroy(&u);
	return 0;
fail:
	msgpack_unpacked_destroy(&u);
	codec_free(rtype, rec);
	return e ? e->code : ERR_SYSTEM;
}

/* ---- codec_view: reading fields in place ---- */

/* The head of the msgpack value at p[*off]: an integer (1: unsigned,
 * 2: negative) in *u, a string (3) or array (4) or map (5) with its size
 * in *u and *off past the head; 0 for anything else (then *off is not
 * moved). Lengths are checked by the caller against what follows. */
static int
mp_head(const uint8_t *p, size_t len, size_t *off, uint64_t *u)
{
	size_t o = *off, k = 0;
	uint8_t b;
	int kind;

	if (o >= len)
		return 0;
	b = p[o];
	if (b <= 0x7f) {
		*u = b;
		*off = o + 1;
		return 1;
	}
	if (b >= 0xe0) {
		*u = (uint64_t)(int64_t)(int8_t)b;
		*off = o + 1;
		return 2;
	}
	if (b >= 0xa0 && b <= 0xbf) {
		*u = b & 0x1f;
		*off = o + 1;
		return 3;
	}
	if (b >= 0x90 && b <= 0x9f) {
		*u = b & 0x0f;
		*off = o + 1;
		return 4;
	}
	if (b >= 0x80 && b <= 0x8f) {
		*u = b & 0x0f;
		*off = o + 1;
		return 5;
	}
	switch (b) {
	case 0xcc: k = 1; kind = 1; break;
	case 0xcd: k = 2; kind = 1; break;
	case 0xce: k = 4; kind = 1; break;
	case 0xcf: k = 8; kind = 1; break;
	case 0xd0: k = 1; kind = 2; break;
	case 0xd1: k = 2; kind = 2; break;
	case 0xd2: k = 4; kind = 2; break;
	case 0xd3: k = 8; kind = 2; break;
	case 0xd9: k = 1; kind = 3; break;
	case 0xda: k = 2; kind = 3; break;
	case 0xdb: k = 4; kind = 3; break;
	case 0xdc: k = 2; kind = 4; break;
	case 0xdd: k = 4; kind = 4; break;
	case 0xde: k = 2; kind = 5; break;
	case 0xdf: k = 4; kind = 5; break;
	default: return 0;
	}
	if (len - o - 1 < k)
		return 0;
	*u = be_n(p + o + 1, k);
	if (kind == 2) {	/* sign-extend */
		if (k < 8 && (*u >> (8 * k - 1)) & 1)
			*u |= ~UINT64_C(0) << (8 * k);
		/* msgpack-c reads a non-negative int8..64 as positive */
		if ((int64_t)*u >= 0)
			kind = 1;
	}
	*off = o + 1 + k;
	return kind;
}

/* Valid UTF-8 without NUL, as obj_str() requires; ASCII eight bytes at
 * a time (most of a record's text). */
static int
view_text_ok(const uint8_t *p, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (n - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (((w | ((w & UINT64_C(0x7f7f7f7f7f7f7f7f)) +
			    UINT64_C(0x7f7f7f7f7f7f7f7f))) &
			    UINT64_C(0x8080808080808080)) ==
			    UINT64_C(0x8080808080808080) &&
			    (w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;	/* eight ASCII bytes, none NUL */
				continue;
			}
		}
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_decode((const char *)p + i, n - i, &cp)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* Field index by key, per record type, built once: -1 for a key the
 * type does not read in place. */
static int8_t view_slot[RT__COUNT][CODEC_VIEW_KEYS];
static int view_slot_ready;

static void
view_slots(void)
{
	memset(view_slot, -1, sizeof view_slot);
	for (int rt = 0; rt < RT__COUNT; rt++) {
		const struct rdesc *d = codec_desc(rt);
		for (size_t j = 0; d != NULL && j < d->nfields; j++)
			if (d->fields[j].key < CODEC_VIEW_KEYS &&
			    d->fields[j].type != F_BIN32)
				view_slot[rt][d->fields[j].key] = (int8_t)j;
	}
	view_slot_ready = 1;
}

int
codec_view(int rtype, const void *data, size_t len, uint32_t want,
    struct codec_view *v, struct err *e)
{
	const struct rdesc *d = codec_desc(rtype);
	const uint8_t *p = data;
	const char *tn = model_rtype_name(rtype);
	const char *why = NULL;
	size_t off = 0, end;
	uint64_t n, key, val, version = 0;
	int have_version = 0, kind;

	if (d == NULL)
		return err_set(e, ERR_SYSTEM, "unknown record type %d", rtype);
	if (!view_slot_ready)
		view_slots();
	v->have = 0;
	for (uint32_t w = want; w != 0; w &= w - 1) {
		int k = __builtin_ctz(w);
		v->f[k].p = NULL;
		v->f[k].n = 0;
		v->f[k].u = 0;
	}
	if (p == NULL)
		len = 0;
	if (mp_head(p, len, &off, &n) != 5)
		return err_set(e, ERR_SYSTEM, "damaged %s record: not a map",
		    tn);
	for (uint64_t i = 0; i < n; i++) {
		const struct field *f = NULL;
		kind = mp_head(p, len, &off, &key);
		if (kind != 1)
			return err_set(e, ERR_SYSTEM, "damaged %s record: key "
			    "%llu is not a small integer", tn,
			    (unsigned long long)i);
		if (key == 0) {
			if (mp_head(p, len, &off, &version) != 1)
				return err_set(e, ERR_SYSTEM, "damaged %s "
				    "record: bad schema version", tn);
			have_version = 1;
			continue;
		}
		if (key < CODEC_VIEW_KEYS && (want & (UINT32_C(1) << key)) &&
		    view_slot[rtype][key] >= 0)
			f = &d->fields[view_slot[rtype][key]];
		if (f == NULL) {
			/* Not wanted: skip it whole, checked. */
			if ((why = codec_walk(p + off, len - off, &end)) != NULL)
				return err_set(e, ERR_SYSTEM, "damaged %s "
				    "record: %s", tn, why);
			off += end;
			continue;
		}
		size_t at = off;
		kind = mp_head(p, len, &off, &val);
		switch (f->type) {
		case F_U64:
			if (kind != 1)
				goto bad;
			break;
		case F_I64:
			if (kind != 2 && (kind != 1 || val > INT64_MAX))
				goto bad;
			break;
		case F_STR:
			if (kind != 3 || val > len - off ||
			    !view_text_ok(p + off, (size_t)val))
				goto bad;
			v->f[key].p = (const char *)p + off;
			v->f[key].n = (size_t)val;
			off += (size_t)val;
			break;
		case F_STRS:
		case F_U64S:
			if (kind != 4 || val > CODEC_MAX_LIST)
				goto bad;
			/* The items: checked, not read. */
			off = at;
			if ((why = codec_walk(p + off, len - off, &end)) != NULL)
				return err_set(e, ERR_SYSTEM, "damaged %s "
				    "record: %s", tn, why);
			off += end;
			break;
		default:
			goto bad;
		}
		v->f[key].u = val;
		v->have |= UINT32_C(1) << key;
		continue;
bad:
		return err_set(e, ERR_SYSTEM, "damaged %s record: field '%s' "
		    "has the wrong type or bad text", tn, f->name);
	}
	if (off != len)
		return err_set(e, ERR_SYSTEM, "damaged %s record: %zu "
		    "trailing bytes", tn, len - off);
	if (!have_version || version == 0)
		return err_set(e, ERR_SYSTEM, "damaged %s record: no schema "
		    "version", tn);
	if (version > d->version)
		return err_set(e, ERR_SYSTEM, "%s record has schema version "
		    "%llu, newer than this cercle knows (%llu): upgrade cercle",
		    tn, (unsigned long long)version,
		    (unsigned long long)d->version);
	return 0;
}
