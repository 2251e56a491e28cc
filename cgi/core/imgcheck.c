/*
 * imgcheck.c: the header of a PNG or JPEG (imgcheck.h).  Every read is
 * bounded by len; nothing is allocated.
 */
#include <string.h>

#include "imgcheck.h"

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* PNG: the signature, then IHDR first, of length 13 (ISO 15948 5.2). */
static enum img_verdict
png(const unsigned char *b, size_t len, unsigned long *w, unsigned long *h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };

	if (len < 33 || memcmp(b, sig, 8) != 0 || be32(b + 8) != 13 ||
	    memcmp(b + 12, "IHDR", 4) != 0)
		return IMG_MALFORMED;
	*w = be32(b + 16);
	*h = be32(b + 20);
	/* Bit depth 1..16, colour type one of 0, 2, 3, 4, 6. */
	if (b[24] == 0 || b[24] > 16 || b[25] > 6 || b[25] == 1 ||
	    b[25] == 5)
		return IMG_MALFORMED;
	return IMG_OK;
}

/* JPEG: SOI, then segments up to a frame header SOFn (ITU T.81 B.2). */
static enum img_verdict
jpeg(const unsigned char *b, size_t len, unsigned long *w, unsigned long *h)
{
	size_t		 i = 2, seg;
	unsigned char	 m;

	if (len < 4 || b[0] != 0xff || b[1] != 0xd8)
		return IMG_MALFORMED;
	while (i + 4 <= len) {
		if (b[i] != 0xff)
			return IMG_MALFORMED;
		if ((m = b[i + 1]) == 0xff) {	/* fill byte */
			i++;
			continue;
		}
		if (m == 0xd8 || m == 0xd9 || m == 0xda || m == 0x01 ||
		    (m >= 0xd0 && m <= 0xd7))
			return IMG_MALFORMED;	/* no frame before these */
		seg = (size_t)b[i + 2] << 8 | b[i + 3];
		if (seg < 2 || i + 2 + seg > len)
			return IMG_MALFORMED;
		/* SOF0..SOF15 but DHT (c4), JPG (c8), DAC (cc). */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (seg < 8)
				return IMG_MALFORMED;
			*h = (unsigned long)b[i + 5] << 8 | b[i + 6];
			*w = (unsigned long)b[i + 7] << 8 | b[i + 8];
			return IMG_OK;
		}
		i += 2 + seg;
	}
	return IMG_MALFORMED;
}

enum img_verdict
img_check(const char *mime, const unsigned char *buf, size_t len,
    unsigned *w, unsigned *h)
{
	unsigned long	 x = 0, y = 0;
	enum img_verdict v;

	*w = *h = 0;
	if (mime == NULL || buf == NULL)
		return IMG_MALFORMED;
	if (strcmp(mime, "image/png") == 0)
		v = png(buf, len, &x, &y);
	else if (strcmp(mime, "image/jpeg") == 0)
		v = jpeg(buf, len, &x, &y);
	else
		return IMG_MALFORMED;
	if (v != IMG_OK)
		return v;
	if (x > IMG_MAX_SIDE || y > IMG_MAX_SIDE)
		return IMG_SIZE;
	*w = (unsigned)x;
	*h = (unsigned)y;
	if (x < IMG_MIN_SIDE || y < IMG_MIN_SIDE ||
	    (unsigned long)x * y > IMG_MAX_PIXELS)
		return IMG_SIZE;
	return IMG_OK;
}
