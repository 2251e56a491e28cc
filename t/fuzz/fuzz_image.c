/*
 * fuzz_image.c: libFuzzer target for the photo header check
 * (cgi/core/imgcheck.c, EXT-1), which reads untrusted uploads.  The
 * first byte picks the type (even: PNG, odd: JPEG), the rest is the file,
 * copied to a buffer of its exact length so ASan sees any read past it.
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi/core \
 *	    cgi/core/imgcheck.c t/fuzz/fuzz_image.c -o fuzz_image
 *	./fuzz_image corpus/ t/fuzz/seeds/image
 *
 * Checks beyond the sanitizers': the verdict is one of the enum's, and
 * IMG_OK always comes with a size within the limits.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imgcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char	*buf;
	unsigned	 w, h;
	enum img_verdict v;

	if (len == 0)
		return 0;
	if ((buf = malloc(len - 1 + 1)) == NULL)
		return 0;
	memcpy(buf, data + 1, len - 1);
	v = img_check(data[0] & 1 ? "image/jpeg" : "image/png", buf,
	    len - 1, &w, &h);
	if (v != IMG_OK && v != IMG_MALFORMED && v != IMG_SIZE)
		abort();
	if (v == IMG_OK && (w < IMG_MIN_SIDE || h < IMG_MIN_SIDE ||
	    w > IMG_MAX_SIDE || h > IMG_MAX_SIDE ||
	    (unsigned long)w * h > IMG_MAX_PIXELS))
		abort();
	free(buf);
	return 0;
}
