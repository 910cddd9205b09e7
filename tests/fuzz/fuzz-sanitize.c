/* fuzz-sanitize.c: libFuzzer target for the text sanitiser, text_check,
 * login_check, the UTF-8 helpers, JSON/CSV escaping and date parsing.
 * Checks properties, not just crashes: sanitised text is inert. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Nothing a terminal acts on may come out of util_sanitize. */
static void
check_inert(const char *s, size_t n, int multiline)
{
	size_t i = 0, k;
	uint32_t cp;

	if (!utf8_valid(s, n))
		abort();
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			abort();
		if (cp < 0x20 && !(multiline && (cp == '\n' || cp == '\t')))
			abort();
		if (cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		    cp == 0x200f || cp == 0x61c)
			abort();
		i += k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf b = { 0 };
	struct err e;
	char small[24], *z;
	size_t i, k;
	uint32_t cp;
	int valid;

	/* The sanitiser on raw bytes (NULs included), both modes. */
	for (int ml = 0; ml < 2; ml++) {
		util_sanitize(&b, s, size, ml);
		check_inert(b.p ? b.p : "", b.len, ml);
		b.len = 0;
	}
	/* utf8_valid agrees with decoding step by step, and encoding
	 * each decoded code point gives the same bytes back. */
	valid = 1;
	for (i = 0; i < size; i += k) {
		char enc[4];
		k = utf8_decode(s + i, size - i, &cp);
		if (k == 0) {
			valid = 0;
			break;
		}
		if (utf8_encode(cp, enc) != k || memcmp(enc, s + i, k) != 0)
			abort();
	}
	if (valid != utf8_valid(s, size))
		abort();

	/* The C-string helpers on a NUL-terminated copy. */
	z = malloc(size + 1);
	if (z == NULL)
		return 0;
	memcpy(z, data, size);
	z[size] = '\0';
	if (text_check("f", z, 4000, size & 1, &e) == 0) {
		if (!utf8_valid(z, strlen(z)))
			abort();
	} else if (e.code != ERR_USAGE)
		abort();
	if (login_check(z, &e) == 0 && (strlen(z) > 32 || z[0] < 'a' ||
	    z[0] > 'z'))
		abort();
	util_safe(z, small, sizeof small);
	if (strlen(small) >= sizeof small)
		abort();
	check_inert(small, strlen(small), 0);
	json_str(&b, z);
	/* JSON output: valid UTF-8, no raw control characters. */
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.p[i] < 0x20)
			abort();
	if (!utf8_valid(b.p, b.len))
		abort();
	b.len = 0;
	csv_field(&b, z);
	(void)util_parse_date(z);
	(void)utf8_len(z);
	buf_free(&b);
	free(z);
	return 0;
}
