/*
 * qrsvg.c: QR codes as SVG (qrsvg.h).
 */
#include <stdio.h>
#include <string.h>

#include <qrencode.h>

#include "qrsvg.h"

#define QUIET	4		/* modules of white around the code */

/* "M%d %dh%dv1h-%dz" of numbers below 1000 */
#define RUN_MAX	24

char *
qr_svg(struct pool *pool, const char *text)
{
	QRcode		*qr;
	char		*path, *s;
	size_t		 len = 0, cap;
	int		 x, y, run, w;

	if (text == NULL || strlen(text) > QRSVG_MAX ||
	    (qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)) == NULL)
		return NULL;
	w = qr->width;
	/* At most a run every other module of a row. */
	cap = (size_t)w * (size_t)(w / 2 + 1) * RUN_MAX + 1;
	path = pool_alloc(pool, cap);
	/* Each row's runs of dark modules as one rectangle each. */
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w &&
			    (qr->data[y * w + x + run] & 1); run++)
				;
			if (run > 0)
				len += (size_t)snprintf(path + len, cap - len,
				    "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET,
				    run, run);
		}
	s = pool_printf(pool, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qr\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\" "
	    "role=\"img\" aria-label=\"文书核验二维码\"><rect width=\"%d\" "
	    "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"%s\"/>"
	    "</svg>", w + 2 * QUIET, w + 2 * QUIET, w + 2 * QUIET,
	    w + 2 * QUIET, path);
	QRcode_free(qr);
	return s;
}
