/*
 * forge_bundle.c: a test-only tool (never installed) that writes a bundle
 * from a records file and member files, signed with a given key and sealed
 * to a given recipient, through cgi/gap/bundle.c.  The integration tests
 * use it with the real keys of the test stack to play a host that holds a
 * site's keys and forges records (t/integration/gap-trust.sh).
 *
 *	forge_bundle -k KEY -x ENCKEY -y PEERENC -s SITE -d DIR -e EPOCH
 *	    -n SEQ [-p PREV] [-t CREATED] [-a ACKS] -r RECORDS -o OUT
 *	    [FILE ...]
 *
 * KEY is the sending site's Ed25519 private key, ENCKEY its X25519 private
 * key and PEERENC the recipient's X25519 public key.
 * SITE is extranet or intranet, DIR ext2int or int2ext, PREV the hash of
 * the bundle before (default ""), RECORDS a file of JSON lines written as
 * it is (bytes and all), ACKS the manifest's "acks" as JSON text (default
 * null; gap-resend.sh).  Each FILE becomes the member files/<its SHA-256>.
 * Prints the new bundle's hash.  Exit 0, or 1 with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "crypto.h"

static void
usage(void)
{
	fputs("usage: forge_bundle -k KEY -x ENCKEY -y PEERENC -s SITE -d DIR "
	    "-e EPOCH -n SEQ [-p PREV] [-t CREATED] [-a ACKS] -r RECORDS "
	    "-o OUT [FILE ...]\n", stderr);
	exit(1);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char *argv[])
{
	struct bundle_out	 b;
	struct bundle_file	*files;
	struct bundle_keys	 k;
	const char		*keypath = NULL, *recpath = NULL, *out = NULL;
	const char		*encpath = NULL, *peerpath = NULL;
	char			 hash[65], err[512], *p;
	size_t			 i;
	int			 c;

	memset(&b, 0, sizeof(b));
	b.prev = "";
	b.created = "2026-11-21T10:00:00Z";
	while ((c = getopt(argc, argv, "k:x:y:s:d:e:n:p:t:a:r:o:")) != -1)
		switch (c) {
		case 'k': keypath = optarg; break;
		case 'x': encpath = optarg; break;
		case 'y': peerpath = optarg; break;
		case 's': b.site = optarg; break;
		case 'd': b.dir = optarg; break;
		case 'e': b.epoch = strtoll(optarg, NULL, 10); break;
		case 'n': b.seq = strtoll(optarg, NULL, 10); break;
		case 'p': b.prev = optarg; break;
		case 't': b.created = optarg; break;
		case 'a':
			if ((b.acks = json_loads(optarg, JSON_DECODE_ANY,
			    NULL)) == NULL)
				usage();
			break;
		case 'r': recpath = optarg; break;
		case 'o': out = optarg; break;
		default: usage();
		}
	argc -= optind;
	argv += optind;
	if (keypath == NULL || encpath == NULL || peerpath == NULL ||
	    b.site == NULL || b.dir == NULL || recpath == NULL || out == NULL ||
	    b.epoch < 1 || b.seq < 1)
		usage();
	memset(&k, 0, sizeof(k));
	if ((k.sign = crypto_load_private(keypath)) == NULL ||
	    (k.box = crypto_box_load_private(encpath)) == NULL ||
	    (k.peer_box = crypto_box_load_public(peerpath)) == NULL) {
		fprintf(stderr, "forge_bundle: cannot load %s, %s or %s\n",
		    keypath, encpath, peerpath);
		return 1;
	}
	b.records = slurp(recpath, &b.records_len);
	for (p = (char *)b.records; *p != '\0'; p++)
		if (*p == '\n' && p > b.records && p[-1] != '\n')
			b.nrecords++;
	if ((files = calloc((size_t)argc + 1, sizeof(*files))) == NULL)
		return 1;
	for (i = 0; i < (size_t)argc; i++) {
		if (crypto_sha256_file(argv[i], files[i].sha256) == -1) {
			perror(argv[i]);
			return 1;
		}
		files[i].path = argv[i];
	}
	b.files = files;
	b.nfiles = (size_t)argc;
	if (bundle_write(out, &b, &k, hash, err, sizeof(err)) == -1) {
		fprintf(stderr, "forge_bundle: %s\n", err);
		return 1;
	}
	printf("%s\n", hash);
	EVP_PKEY_free(k.sign);
	EVP_PKEY_free(k.box);
	EVP_PKEY_free(k.peer_box);
	json_decref(b.acks);
	free(files);
	free((char *)b.records);
	return 0;
}
