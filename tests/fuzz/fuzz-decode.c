/* fuzz-decode.c: libFuzzer target for the record decoder. The first byte
 * picks the record type, the rest is the stored value. A decoded record
 * must re-encode to bytes that decode to the same encoding again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b1 = { 0 }, b2 = { 0 };
	struct err e;
	void *rec, *rec2;
	int rt;

	if (size < 1)
		return 0;
	rt = 1 + data[0] % (RT__COUNT - 1);
	/* The in-place reader: never reads out of bounds (ASan), says why
	 * when it refuses, and accepts all that codec_decode accepts. */
	{
		struct codec_view v;
		int vr = codec_view(rt, data + 1, size - 1, ~UINT32_C(0), &v,
		    &e);
		if (vr != 0 && (e.msg[0] == '\0' || e.code != ERR_SYSTEM))
			abort();
		rec = codec_new(rt);
		if (codec_decode(rt, data + 1, size - 1, rec, &e) == 0 &&
		    vr != 0)
			abort();
		codec_free_rec(rt, rec);
	}
	rec = codec_new(rt);
	if (codec_decode(rt, data + 1, size - 1, rec, &e) != 0) {
		/* An error always says something. */
		if (e.msg[0] == '\0' || e.code != ERR_SYSTEM)
			abort();
		codec_free_rec(rt, rec);
		return 0;
	}
	codec_encode(rt, rec, &b1);
	rec2 = codec_new(rt);
	if (codec_decode(rt, b1.p, b1.len, rec2, &e) != 0)
		abort();		/* our own output must decode */
	codec_encode(rt, rec2, &b2);
	if (b1.len != b2.len || memcmp(b1.p, b2.p, b1.len) != 0)
		abort();		/* and be stable */
	codec_free_rec(rt, rec);
	codec_free_rec(rt, rec2);
	buf_free(&b1);
	buf_free(&b2);
	return 0;
}
