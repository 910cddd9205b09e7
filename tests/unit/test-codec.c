/* test-codec.c: every record type round-trips with every field set, and
 * the decoder refuses (never crashes on) truncated, flipped, mistyped,
 * versionless, newer, trailing and huge-count input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <msgpack.h>

#include "codec.h"

static const char *accents = "Élodie Pérès, «Ça va ?» — naïveté 🌍";

/* Fill every field of a record of type rt, varied by salt. */
static void
fill(int rt, void *rec, int salt)
{
	const struct rdesc *d = codec_desc(rt);
	char *base = rec;
	char s[200];

	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		void *p = base + f->off;

		switch (f->type) {
		case F_U64:
			*(uint64_t *)p = (i % 3 == 0) ? UINT64_MAX - (uint64_t)salt :
			    1000 + f->key + (uint64_t)salt;
			break;
		case F_I64:
			*(int64_t *)p = (i % 2) ? -1700000000 - (int64_t)f->key :
			    (i % 3 ? INT64_MIN + salt : 1763890000 + salt);
			break;
		case F_STR:
			snprintf(s, sizeof s, "%s #%d.%u", accents, salt,
			    f->key);
			*(char **)p = xstrdup(s);
			break;
		case F_STRS:
			for (int j = 0; j < 3; j++) {
				snprintf(s, sizeof s, "élément %d/%u", j,
				    f->key);
				str_list_push(p, s);
			}
			break;
		case F_U64S:
			u64_list_push(p, 1);
			u64_list_push(p, UINT64_MAX);
			u64_list_push(p, (uint64_t)salt + f->key);
			break;
		case F_BIN32:
			for (int j = 0; j < 32; j++)
				((uint8_t *)p)[j] = (uint8_t)(j * 7 + f->key +
				    salt);
			break;
		}
	}
}

static void
assert_same(int rt, const void *a, const void *b)
{
	const struct rdesc *d = codec_desc(rt);

	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		const char *pa = (const char *)a + f->off;
		const char *pb = (const char *)b + f->off;

		switch (f->type) {
		case F_U64:
		case F_I64:
			assert_memory_equal(pa, pb, 8);
			break;
		case F_STR: {
			const char *sa = *(char *const *)pa;
			const char *sb = *(char *const *)pb;
			if (sa == NULL || sb == NULL)
				assert_ptr_equal(sa, sb);
			else
				assert_string_equal(sa, sb);
			break;
		}
		case F_STRS: {
			const struct str_list *la = (const void *)pa;
			const struct str_list *lb = (const void *)pb;
			assert_int_equal(la->n, lb->n);
			for (size_t j = 0; j < la->n; j++)
				assert_string_equal(la->v[j], lb->v[j]);
			break;
		}
		case F_U64S: {
			const struct u64_list *la = (const void *)pa;
			const struct u64_list *lb = (const void *)pb;
			assert_int_equal(la->n, lb->n);
			assert_memory_equal(la->v, lb->v, la->n * 8);
			break;
		}
		case F_BIN32:
			assert_memory_equal(pa, pb, 32);
			break;
		}
	}
}

static void
encode_full(int rt, struct buf *b)
{
	void *rec = codec_new(rt);

	fill(rt, rec, 3);
	codec_encode(rt, rec, b);
	codec_free_rec(rt, rec);
}

static void
test_roundtrip_every_type(void **state)
{
	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		const struct rdesc *d = codec_desc(rt);
		struct buf b = { 0 }, b2 = { 0 };
		struct err e;
		void *in, *out;

		assert_non_null(d);
		in = codec_new(rt);
		out = codec_new(rt);
		fill(rt, in, rt);
		codec_encode(rt, in, &b);
		assert_int_equal(codec_decode(rt, b.p, b.len, out, &e), 0);
		assert_same(rt, in, out);
		/* Re-encoding gives the same bytes: the form is canonical. */
		codec_encode(rt, out, &b2);
		assert_int_equal(b.len, b2.len);
		assert_memory_equal(b.p, b2.p, b.len);
		codec_free_rec(rt, in);
		codec_free_rec(rt, out);
		buf_free(&b);
		buf_free(&b2);
	}
}

static void
test_empty_record(void **state)
{
	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		struct buf b = { 0 };
		struct err e;
		void *in = codec_new(rt), *out = codec_new(rt);

		codec_encode(rt, in, &b);
		assert_int_equal(codec_decode(rt, b.p, b.len, out, &e), 0);
		assert_same(rt, in, out);
		codec_free_rec(rt, in);
		codec_free_rec(rt, out);
		buf_free(&b);
	}
}

static void
test_unknown_type(void **state)
{
	struct err e;
	char rec[64];

	(void)state;
	assert_null(codec_desc(0));
	assert_null(codec_desc(RT__COUNT));
	assert_int_equal(codec_decode(RT__COUNT, "\x80", 1, rec, &e),
	    ERR_SYSTEM);
}

/* Decoding arbitrary bytes: 0 and a record to free, or an error with a
 * message; never a crash (ASan watches). */
static int
try_decode(int rt, const void *p, size_t n)
{
	void *rec = codec_new(rt);
	struct err e;
	int rc;

	err_clear(&e);
	rc = codec_decode(rt, p, n, rec, &e);
	if (rc == 0) {
		struct buf b = { 0 };
		codec_encode(rt, rec, &b);	/* usable */
		buf_free(&b);
	} else {
		assert_int_equal(rc, ERR_SYSTEM);
		assert_true(e.msg[0] != '\0');
	}
	codec_free_rec(rt, rec);
	return rc;
}

static void
test_truncations(void **state)
{
	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		struct buf b = { 0 };

		encode_full(rt, &b);
		for (size_t n = 0; n < b.len; n++) {
			/* Exact-size copy so ASan sees any over-read. */
			char *cut = xmalloc(n ? n : 1);
			memcpy(cut, b.p, n);
			assert_int_not_equal(try_decode(rt, cut, n), 0);
			free(cut);
		}
		assert_int_equal(try_decode(rt, b.p, b.len), 0);
		buf_free(&b);
	}
}

static void
test_byte_flips(void **state)
{
	static const uint8_t vals[] = { 0x00, 0x7f, 0x80, 0xc1, 0xc4, 0xd9,
	    0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xff };
	size_t ok = 0, bad = 0;

	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		struct buf b = { 0 };

		encode_full(rt, &b);
		char *m = xmalloc(b.len);
		for (size_t i = 0; i < b.len; i++) {
			for (int bit = 0; bit < 8; bit++) {
				memcpy(m, b.p, b.len);
				m[i] ^= (char)(1 << bit);
				if (try_decode(rt, m, b.len) == 0)
					ok++;
				else
					bad++;
			}
			for (size_t v = 0; v < sizeof vals; v++) {
				memcpy(m, b.p, b.len);
				m[i] = (char)vals[v];
				if (try_decode(rt, m, b.len) == 0)
					ok++;
				else
					bad++;
			}
		}
		free(m);
		buf_free(&b);
	}
	/* Both outcomes happen: flips in a number keep a valid record. */
	assert_true(ok > 0);
	assert_true(bad > 0);
}

/* A map {0: version, key: value} built by pack_val. */
typedef void (*pack_fn)(msgpack_packer *pk, int which);

static int
buf_cb(void *data, const char *p, size_t n)
{
	buf_add(data, p, n);
	return 0;
}

static void
pack_wrong(msgpack_packer *pk, int type)
{
	switch (type) {
	case F_U64:
		msgpack_pack_str_with_body(pk, "12", 2);
		break;
	case F_I64:
		msgpack_pack_double(pk, 1.5);
		break;
	case F_STR:
		msgpack_pack_uint64(pk, 42);
		break;
	case F_STRS:
		msgpack_pack_array(pk, 2);
		msgpack_pack_str_with_body(pk, "a", 1);
		msgpack_pack_uint8(pk, 1);
		break;
	case F_U64S:
		msgpack_pack_array(pk, 1);
		msgpack_pack_int64(pk, -5);
		break;
	case F_BIN32:
		msgpack_pack_bin_with_body(pk, "0123456789012345678901234567890",
		    31);
		break;
	}
}

static void
test_wrong_types(void **state)
{
	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		const struct rdesc *d = codec_desc(rt);

		for (size_t i = 0; i < d->nfields; i++) {
			struct buf b = { 0 };
			msgpack_packer pk;
			struct err e;
			void *rec = codec_new(rt);

			msgpack_packer_init(&pk, &b, buf_cb);
			msgpack_pack_map(&pk, 2);
			msgpack_pack_uint8(&pk, 0);
			msgpack_pack_uint8(&pk, 1);
			msgpack_pack_uint8(&pk, d->fields[i].key);
			pack_wrong(&pk, d->fields[i].type);
			assert_int_equal(codec_decode(rt, b.p, b.len, rec, &e),
			    ERR_SYSTEM);
			assert_non_null(strstr(e.msg, d->fields[i].name));
			codec_free_rec(rt, rec);
			buf_free(&b);
		}
	}
}

static int
decode_bytes(int rt, const char *p, size_t n, struct err *e)
{
	void *rec = codec_new(rt);
	int rc = codec_decode(rt, p, n, rec, e);

	codec_free_rec(rt, rec);
	return rc;
}

static void
test_versions(void **state)
{
	struct err e;
	struct need nd;

	(void)state;
	/* {1: "x"}: no version. */
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x01\xa1x", 4, &e),
	    ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "no schema version"));
	/* Version 0 is no version. */
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x00\x00", 3, &e),
	    ERR_SYSTEM);
	/* Version 2: newer than this cercle. */
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x00\x02", 3, &e),
	    ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "newer than this cercle"));
	assert_non_null(strstr(e.msg, "need"));
	/* A version that is not a number. */
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x00\xa1\x31", 4, &e),
	    ERR_SYSTEM);
	/* Unknown keys, even nested, are skipped. */
	assert_int_equal(codec_decode(RT_NEED,
	    "\x84\x00\x01\xcc\xc8\x92\x91\x80\xa2ok\x01\xa1T\x7f\xc0",
	    16, &nd, &e), 0);
	assert_string_equal(nd.title, "T");
	codec_free(RT_NEED, &nd);
	/* A non-integer key. */
	assert_int_equal(decode_bytes(RT_NEED, "\x82\x00\x01\xa1k\x01", 6,
	    &e), ERR_SYSTEM);
	/* Not a map. */
	assert_int_equal(decode_bytes(RT_NEED, "\x91\x01", 2, &e),
	    ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_NEED, "", 0, &e), ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_NEED, NULL, 0, &e), ERR_SYSTEM);
}

static void
test_trailing_and_text(void **state)
{
	struct err e;

	(void)state;
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x00\x01\x00", 4, &e),
	    ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "trailing"));
	/* A string with a NUL, then invalid UTF-8, then an overlong. */
	assert_int_equal(decode_bytes(RT_NEED, "\x82\x00\x01\x01\xa3\x61\x00"
	    "b", 8, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "title"));
	assert_int_equal(decode_bytes(RT_NEED, "\x82\x00\x01\x01\xa2\xff\xfe",
	    7, &e), ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_NEED, "\x82\x00\x01\x01\xa2\xc0\xaf",
	    7, &e), ERR_SYSTEM);
	/* An empty string as the very last byte (fuzz-decode found
	 * msgpack-c hands it over as a NULL pointer). */
	{
		struct member m;
		assert_int_equal(codec_decode(RT_MEMBER, "\x81\x02\xa0", 3,
		    &m, &e), ERR_SYSTEM);	/* no version */
		assert_int_equal(codec_decode(RT_MEMBER, "\x82\x00\x01\x02"
		    "\xa0", 5, &m, &e), 0);
		assert_string_equal(m.name, "");
		codec_free(RT_MEMBER, &m);
	}
	/* Negative into an unsigned field, and a huge one into signed. */
	assert_int_equal(decode_bytes(RT_NEED, "\x82\x00\x01\x07\xff", 5, &e),
	    ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_NEED,
	    "\x82\x00\x01\x09\xcf\xff\xff\xff\xff\xff\xff\xff\xff", 13, &e),
	    ERR_SYSTEM);
}

static void
test_huge_counts(void **state)
{
	struct err e;
	char deep[300];

	(void)state;
	/* Top-level array32 / map32 of 2^32-1 elements in 5 bytes. */
	assert_int_equal(decode_bytes(RT_NEED, "\xdd\xff\xff\xff\xff", 5, &e),
	    ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "damaged need record"));
	assert_int_equal(decode_bytes(RT_NEED, "\xdf\xff\xff\xff\xff", 5, &e),
	    ERR_SYSTEM);
	/* Inside a valid record: a list field claiming 2^32-1 items. */
	assert_int_equal(decode_bytes(RT_NEED,
	    "\x82\x00\x01\x0d\xdd\xff\xff\xff\xff\xa1x", 11, &e), ERR_SYSTEM);
	/* A str32 / bin32 / ext32 claiming 4 GiB. */
	assert_int_equal(decode_bytes(RT_NEED,
	    "\x82\x00\x01\x01\xdb\xff\xff\xff\xff", 9, &e), ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_JOURNAL,
	    "\x82\x00\x01\x07\xc6\xff\xff\xff\xff", 9, &e), ERR_SYSTEM);
	assert_int_equal(decode_bytes(RT_NEED,
	    "\x82\x00\x01\x63\xc9\xff\xff\xff\xff\x01", 10, &e), ERR_SYSTEM);
	/* A map16 claiming more pairs than there are bytes. */
	assert_int_equal(decode_bytes(RT_NEED, "\xde\x00\x03\x00\x01\x01\x02",
	    7, &e), ERR_SYSTEM);
	/* Deep nesting under an unknown key. */
	memcpy(deep, "\x82\x00\x01\x63", 4);
	memset(deep + 4, 0x91, 250);
	deep[254] = 0x01;
	assert_int_equal(decode_bytes(RT_NEED, deep, 255, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "deep"));
	/* Reserved 0xc1. */
	assert_int_equal(decode_bytes(RT_NEED, "\x81\x00\xc1", 3, &e),
	    ERR_SYSTEM);
	/* Every fixed-size form after key 99 is accepted and skipped. */
	assert_int_equal(decode_bytes(RT_NEED,
	    "\x83\x00\x01\x63\xcb\x00\x00\x00\x00\x00\x00\x00\x00"
	    "\x62\xd8\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	    "\x00\x00\x00\x00", 32, &e), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_every_type),
		cmocka_unit_test(test_empty_record),
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_byte_flips),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_trailing_and_text),
		cmocka_unit_test(test_huge_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
