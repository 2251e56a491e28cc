/*
 * pki.h: the staff's client certificates (ACC-4, SEC-1).  The local CA
 * (made by ./run, or the county's own) issues one per staff member as a
 * password-protected PKCS#12 file; nginx verifies what a browser presents
 * against the CA and hands the certificate on; the account it is bound to
 * is matched by the SHA-256 of the certificate's DER.  Functions return 0
 * or -1; nothing here logs.
 */
#ifndef YW_PKI_H
#define YW_PKI_H

#include <stddef.h>
#include <time.h>

#include "crypto.h"

#define PKI_SERIAL_MAX	41		/* 20 bytes as hex, and NUL */

/* What to issue. */
struct pki_request {
	const char	*ca_cert;	/* PEM files of the CA */
	const char	*ca_key;
	const char	*login;		/* goes into the subject's UID */
	const char	*name;		/* the person's name: subject CN */
	time_t		 now;
	int		 days;		/* valid from now (less 5 minutes) */
	const char	*password;	/* of the .p12 file */
	const char	*path;		/* the .p12 file, written mode 0600 */
};

/* What was issued. */
struct pki_issued {
	char		 sha256[SHA256_HEX];	/* of the certificate */
	char		 serial[PKI_SERIAL_MAX];	/* lower-case hex */
	char		 ca_sha256[SHA256_HEX];	/* of the CA certificate */
	time_t		 not_after;
};

enum pki_rc {
	PKI_OK = 0,
	PKI_CA_CERT,		/* the CA certificate cannot be read */
	PKI_CA_KEY,		/* nor its key (errno says why) */
	PKI_CA_MISMATCH,	/* the key is not the certificate's */
	PKI_WRITE,		/* the .p12 cannot be written (errno) */
	PKI_ERR,		/* bad request, or OpenSSL failed */
};

/*
 * Issue a client certificate (EC P-256 key, extended key usage clientAuth
 * only, a random 128-bit serial) and write it, its key and the CA
 * certificate as PKCS#12 to q->path (via a .tmp file, replacing an older
 * one).
 */
enum pki_rc	 pki_issue(const struct pki_request *q,
		    struct pki_issued *out);

/* The SHA-256 of the CA certificate at path. */
int	 pki_ca_sha256(const char *path, char out[SHA256_HEX]);

/*
 * The certificate a browser presented, as nginx passed it on: verify is
 * $ssl_client_verify, escaped_pem $ssl_client_escaped_cert.  Sets out to
 * the certificate's SHA-256 when nginx verified it ("SUCCESS"); -1 when
 * none was presented, it did not verify, or the PEM does not parse.
 */
int	 pki_presented(const char *verify, const char *escaped_pem,
	    char out[SHA256_HEX]);
/*
 * The subject's common name (the person's name, UTF-8) of the certificate
 * nginx verified and passed on, into name: the operations server's
 * reader (GAP-6, docs/security.md).  -1 as pki_presented(), or when the
 * certificate has no such name or it is longer than namelen - 1 bytes.
 */
int	 pki_presented_name(const char *verify, const char *escaped_pem,
	    char *name, size_t namelen);

#endif
