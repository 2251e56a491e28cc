/*
 * imgcheck.h: the sanity of a photo of paper uploaded as a material
 * (EXT-1; issue #11): a PNG or baseline/progressive JPEG whose header
 * reads, with a size a page can have.  Only the header is read; the
 * pixels are never decoded here (the intranet's browser shows them).
 */
#ifndef YW_IMGCHECK_H
#define YW_IMGCHECK_H

#include <stddef.h>

#define IMG_MIN_SIDE	200	/* pixels: smaller is no legible page */
#define IMG_MAX_SIDE	20000
#define IMG_MAX_PIXELS	(100UL * 1000 * 1000)

enum img_verdict {
	IMG_OK = 0,
	IMG_MALFORMED,		/* not a PNG or JPEG that reads */
	IMG_SIZE,		/* too small to read, or absurdly large */
};

/* Check the image of type mime ("image/png", "image/jpeg") in buf;
 * *w and *h get its size when it reads (else 0). */
enum img_verdict img_check(const char *mime, const unsigned char *buf,
		    size_t len, unsigned *w, unsigned *h);

#endif
