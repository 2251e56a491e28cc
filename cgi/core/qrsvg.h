/*
 * qrsvg.h: a QR code (libqrencode) drawn as inline SVG, for the
 * verification address a sealed document carries (DOC-1, EXT-6).  No
 * script, no image file: the printed page holds it as it holds its text.
 */
#ifndef YW_QRSVG_H
#define YW_QRSVG_H

#include "arena.h"

/*
 * text (at most QRSVG_MAX bytes) as an <svg> element from pool, error
 * correction level M, one unit a module with a quiet zone of four,
 * dark modules as one path; NULL when it cannot be encoded.  The result
 * holds no byte of text (only the modules), so it is safe as HTML.
 */
#define QRSVG_MAX	512
char	*qr_svg(struct pool *, const char *text);

#endif
