/*
 * test_imgcheck.c: unit tests of cgi/core/imgcheck.c, the header check of
 * a photo of paper (EXT-1; issue #11): a PNG and a JPEG of page size
 * pass with their size; a picture too small to read or absurdly large is
 * IMG_SIZE; a truncated or changed header, an HTML page and a type that
 * is not a photo are IMG_MALFORMED; no prefix of a good header reads
 * past its end (ASan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "imgcheck.h"

static size_t
png(unsigned char *b, unsigned long w, unsigned long h)
{
	static const unsigned char head[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	memset(b, 0, 64);
	memcpy(b, head, sizeof(head));
	b[16] = w >> 24; b[17] = w >> 16; b[18] = w >> 8; b[19] = w;
	b[20] = h >> 24; b[21] = h >> 16; b[22] = h >> 8; b[23] = h;
	b[24] = 8;	/* bit depth */
	b[25] = 2;	/* RGB */
	return 45;	/* IHDR's CRC and an IEND, not read */
}

/* SOI, an APP0 of 16 bytes, then a SOF0 of w x h, one component. */
static size_t
jpeg(unsigned char *b, unsigned w, unsigned h)
{
	static const unsigned char head[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16,
	    'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
	size_t	 n = sizeof(head);

	memcpy(b, head, n);
	b[n++] = 0xff; b[n++] = 0xc0; b[n++] = 0; b[n++] = 11; b[n++] = 8;
	b[n++] = h >> 8; b[n++] = h & 0xff; b[n++] = w >> 8; b[n++] = w & 0xff;
	b[n++] = 1; b[n++] = 1; b[n++] = 0x11; b[n++] = 0;
	b[n++] = 0xff; b[n++] = 0xd9;
	return n;
}

static void
page_sized_photos_pass(void **state)
{
	unsigned char	 b[64];
	unsigned	 w, h;
	size_t		 n;

	(void)state;
	n = png(b, 2480, 3508);
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_OK);
	assert_int_equal(w, 2480);
	assert_int_equal(h, 3508);
	n = jpeg(b, 3024, 4032);
	assert_int_equal(img_check("image/jpeg", b, n, &w, &h), IMG_OK);
	assert_int_equal(w, 3024);
	assert_int_equal(h, 4032);
}

static void
sizes_no_page_has_are_refused(void **state)
{
	unsigned char	 b[64];
	unsigned	 w, h;
	size_t		 n;

	(void)state;
	n = png(b, 40, 30);
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_SIZE);
	n = png(b, 1, 2000);
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_SIZE);
	/* A decompression bomb announces itself in the header. */
	n = png(b, 0x7fffffffUL, 0x7fffffffUL);
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_SIZE);
	n = png(b, 15000, 15000);
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_SIZE);
	n = jpeg(b, 65535, 65535);
	assert_int_equal(img_check("image/jpeg", b, n, &w, &h), IMG_SIZE);
	n = jpeg(b, 800, 0);	/* height in a DNL: not for a photo */
	assert_int_equal(img_check("image/jpeg", b, n, &w, &h), IMG_SIZE);
}

static void
damaged_and_other_files_are_refused(void **state)
{
	static const char	 html[] = "<html><body><script>alert(1)"
				    "</script></body></html>";
	unsigned char		 b[64];
	unsigned		 w, h;
	size_t			 n, i;

	(void)state;
	assert_int_equal(img_check("image/jpeg", (const unsigned char *)html,
	    sizeof(html), &w, &h), IMG_MALFORMED);
	assert_int_equal(img_check("image/png", (const unsigned char *)html,
	    sizeof(html), &w, &h), IMG_MALFORMED);
	n = png(b, 800, 600);
	assert_int_equal(img_check("image/gif", b, n, &w, &h), IMG_MALFORMED);
	assert_int_equal(img_check("image/svg+xml", b, n, &w, &h),
	    IMG_MALFORMED);
	assert_int_equal(img_check(NULL, b, n, &w, &h), IMG_MALFORMED);
	b[12] = 'X';	/* not IHDR first */
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_MALFORMED);
	n = png(b, 800, 600);
	b[25] = 5;	/* no such colour type */
	assert_int_equal(img_check("image/png", b, n, &w, &h), IMG_MALFORMED);
	/* A JPEG whose first segment runs past its end, or that starts
	 * its scan before any frame. */
	n = jpeg(b, 800, 600);
	b[5] = 200;
	assert_int_equal(img_check("image/jpeg", b, n, &w, &h),
	    IMG_MALFORMED);
	n = jpeg(b, 800, 600);
	b[21] = 0xda;
	assert_int_equal(img_check("image/jpeg", b, n, &w, &h),
	    IMG_MALFORMED);
	/* Every prefix of good headers short of their size: refused, and
	 * never read past (ASan: each in a buffer of its own length). */
	for (i = 0; i < 33; i++) {
		unsigned char *p = malloc(i + 1);

		assert_non_null(p);
		(void)png(b, 800, 600);
		memcpy(p, b, i);
		assert_int_equal(img_check("image/png", p, i, &w, &h),
		    IMG_MALFORMED);
		(void)jpeg(b, 800, 600);
		memcpy(p, b, i);
		assert_int_equal(img_check("image/jpeg", p, i, &w, &h),
		    IMG_MALFORMED);
		free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_sized_photos_pass),
		cmocka_unit_test(sizes_no_page_has_are_refused),
		cmocka_unit_test(damaged_and_other_files_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
