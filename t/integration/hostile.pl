#!/usr/bin/perl
# hostile.pl: the requests of hostile.sh as a curl config (one curl runs
# them all over one connection).  Called once per route:
#
#	hostile.pl URL METHOD ENC JAR FORM DIR SET [NAME=VALUE...]
#
# URL the route, METHOD GET or POST, ENC url or multipart, JAR the cookie
# jar, FORM a saved HTML page whose form fields (inputs, selects, text
# areas) are the base values ("-" for none), DIR where bodies go, SET
# the variants: full, few (for routes that run a key derivation at every
# try) or bytes (only bytes that are not text, in values and names).  NAME=VALUE pairs add to or override the base (text;
# NAME=@PATH in multipart is a file upload, which gets variants of its
# file name).  Then, for every field, one request per variant with that
# field hostile and the others as in the base, and a last request with
# the base alone (so an edit form leaves what it found; not when
# HOSTILE_BASE=0).  Prints the config on stdout; each request writes
# "STATUS LABEL" (curl -w).
use strict;
use warnings;

my ($url, $method, $enc, $jar, $form, $dir, $set, @over) = @ARGV;
my $n = 0;

# name => value, in order of appearance (a field may appear once)
my (@names, %base, %file);
sub add { my ($k, $v) = @_; push @names, $k unless exists $base{$k}; $base{$k} = $v; }

sub unhtml {
	my $s = shift;
	$s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g;
	$s =~ s/&#39;/'/g; $s =~ s/&#x27;/'/g; $s =~ s/&amp;/&/g;
	return $s;
}

if ($form ne '-') {
	open(my $fh, '<:raw', $form) or die "$form: $!";
	local $/;
	my $html = <$fh>;
	while ($html =~ /<input\b([^>]*)>/g) {
		my $a = $1;
		next unless $a =~ /\bname="([^"]*)"/;
		my $k = $1;
		next if $a =~ /type="(checkbox|radio)"/ && $a !~ /\bchecked\b/;
		next if $a =~ /type="file"/;
		my $v = $a =~ /\bvalue="([^"]*)"/ ? unhtml($1) : '';
		add($k, $v);
	}
	while ($html =~ /<textarea\b[^>]*\bname="([^"]*)"[^>]*>\n?(.*?)<\/textarea>/gs) {
		add($1, unhtml($2));
	}
	while ($html =~ /<select\b[^>]*\bname="([^"]*)"[^>]*>(.*?)<\/select>/gs) {
		my ($k, $opts) = ($1, $2);
		my $v = '';
		if ($opts =~ /<option\b([^>]*\bselected\b[^>]*)>([^<]*)/) {
			my ($a, $t) = ($1, $2);
			$v = $a =~ /\bvalue="([^"]*)"/ ? unhtml($1) : unhtml($t);
		}
		add($k, $v);
	}
}
for (@over) {
	my ($k, $v) = /^([^=]*)=(.*)$/s or die "bad pair $_";
	if ($enc eq 'multipart' && $v =~ /^@(.*)/) {
		$file{$k} = $1;
		add($k, 'upload.pdf');
	} else {
		add($k, $v);
	}
}

# The variants: a value, or a special: MISSING, DUP, SUB.
my @full = (
	[ 'surrogate', "a\xED\xA0\x80b" ],
	[ 'overlong', "\xC0\xAF" ],
	[ 'latin1', "caf\xE9" ],
	[ 'beyond-10FFFF', "\xF4\x90\x80\x80" ],
	[ 'nul', "a\0b" ],
	[ 'control', "a\x01\x1B[2Jb" ],
	[ 'del', "a\x7Fb" ],
	[ 'crlf', "a\r\nSet-Cookie: x=1" ],
	[ 'tab', "a\tb" ],
	[ '100KB', 'x' x 102400 ],
	[ '63KB-chinese', "\xE6\x96\x87" x 21000 ],
	[ '51-chinese', "\xE6\x96\x87" x 51 ],
	[ '201-ascii', 'a' x 201 ],
	[ '61-ascii', 'a' x 61 ],
	[ 'negative', '-1' ],
	[ 'zero', '0' ],
	[ 'huge-number', '99999999999999999999' ],
	[ 'float', '1.5e3' ],
	[ 'letters', 'abc' ],
	[ 'markup', "<b>x</b>\"'&" ],
	[ 'path', '../../../../etc/passwd' ],
	[ 'blank', ' ' ],
	[ 'empty', '' ],
	[ 'missing', \'MISSING' ],
	[ 'duplicated', \'DUP' ],
	[ 'sub-field', \'SUB' ],
);
my %few = map { $_ => 1 } qw(surrogate nul crlf 100KB 63KB-chinese 201-ascii
    markup empty missing duplicated);
# Not text: in the value, and (NAME) appended to the field's name.
my @bytes = (
	[ 'surrogate', "a\xED\xA0\x80b" ],
	[ 'overlong-slash', "\xC0\xAF" ],
	[ 'overlong-nul', "a\xC0\x80b" ],
	[ 'beyond-10FFFF', "\xF4\x90\x80\x80" ],
	[ 'lone-continuation', "a\x80b" ],
	[ 'FF', "a\xFFb" ],
	[ 'truncated', "a\xE6\x96" ],
	[ 'nul', "a\0b" ],
	[ 'control', "a\x1B[2Jb" ],
	[ 'del', "a\x7Fb" ],
);
push @bytes, map { [ "name-$_->[0]", \"NAME$_->[1]" ] } @bytes[0 .. 8];
my @variants = $set eq 'few' ? grep { $few{$_->[0]} } @full :
    $set eq 'bytes' ? @bytes : @full;

sub pct {
	my $s = shift;
	$s =~ s/([^A-Za-z0-9_.~-])/sprintf('%%%02X', ord $1)/ge;
	return $s;
}

# One request: the fields as [name, value] pairs, uploads as
# [name, filename, path].
sub request {
	my ($label, $pairs, $uploads) = @_;
	my $body = '';
	my @hdr;
	$n++;
	if ($enc eq 'multipart') {
		my $b = 'hostile' . $n . 'x';
		for my $p (@$pairs) {
			$body .= "--$b\r\nContent-Disposition: form-data; "
			    . "name=\"$p->[0]\"\r\n\r\n$p->[1]\r\n";
		}
		for my $u (@$uploads) {
			open(my $fh, '<:raw', $u->[2]) or die "$u->[2]: $!";
			local $/;
			my $data = <$fh>;
			$body .= "--$b\r\nContent-Disposition: form-data; "
			    . "name=\"$u->[0]\"; filename=\"$u->[1]\"\r\n"
			    . "Content-Type: application/pdf\r\n\r\n$data\r\n";
		}
		$body .= "--$b--\r\n";
		push @hdr, "Content-Type: multipart/form-data; boundary=$b";
	} else {
		$body = join '&', map { pct($_->[0]) . '=' . pct($_->[1]) } @$pairs;
		push @hdr, 'Content-Type: application/x-www-form-urlencoded';
	}
	# A GET sends the body as its query (curl -G): no line of the config
	# is longer than curl reads.
	open(my $fh, '>:raw', "$dir/body.$n") or die "$dir/body.$n: $!";
	print $fh $body;
	close $fh;
	(my $origin = $url) =~ s{^(https?://[^/]+).*}{$1};
	print "next\n" if $n > 1;
	print "url = \"$url\"\n";
	print "get\ndata-binary = \"\@$dir/body.$n\"\n" if $method eq 'GET';
	print "cookie = \"$jar\"\ncookie-jar = \"$jar\"\n";
	# The session's client certificate, for administrators (ACC-4).
	print "cert-type = \"P12\"\ncert = \"$ENV{HOSTILE_CERT}\"\n"
	    if $ENV{HOSTILE_CERT};
	print "output = \"/dev/null\"\nsilent\nmax-time = 60\n";
	$label =~ s/["\\]//g;
	print "write-out = \"%{http_code} $label\\n\"\n";
	if ($method eq 'POST') {
		print "header = \"Origin: $origin\"\n";
		print "header = \"$_\"\n" for @hdr;
		print "data-binary = \"\@$dir/body.$n\"\n";
	}
}

sub fields_with {
	my ($k, $v) = @_;
	my (@pairs, @up);
	for my $name (@names) {
		my $is_file = exists $file{$name};
		my @vals;
		if ($name ne $k) {
			@vals = ($base{$name});
		} elsif (!ref $v) {
			@vals = ($v);
		} elsif ($$v eq 'MISSING') {
			@vals = ();
		} elsif ($$v eq 'DUP') {
			@vals = ($base{$name}, 'x');
		} elsif ($$v =~ /^NAME(.*)/s) {
			@vals = ();
			push @pairs, [$name . $1, $base{$name}] unless $is_file;
			push @up, [$name . $1, $base{$name}, $file{$name}]
			    if $is_file;
		} else {
			@vals = ($base{$name});
			push @pairs, ["$name.x", '1'];
		}
		for my $val (@vals) {
			if ($is_file) {
				push @up, [$name, $val, $file{$name}];
			} else {
				push @pairs, [$name, $val];
			}
		}
	}
	return (\@pairs, \@up);
}

for my $k (@names, 'x') {
	for my $v (@variants) {
		# a file name of CR LF or '"' cannot be written in a header
		next if exists $file{$k} && !ref $v->[1] && $v->[1] =~ /[\r\n"]/;
		my ($pairs, $up) = fields_with($k, $v->[1]);
		if ($k eq 'x' && !ref $v->[1]) {
			push @$pairs, ['x', $v->[1]];
		} elsif ($k eq 'x' && ${$v->[1]} =~ /^NAME(.*)/s) {
			push @$pairs, ["x$1", 'x'];
		} elsif ($k eq 'x' && ${$v->[1]} ne 'MISSING') {
			push @$pairs, ['x', 'x'];
		}
		request("$k:$v->[0]", $pairs, $up);
	}
}
if (($ENV{HOSTILE_BASE} // 1) ne '0') {
	my ($pairs, $up) = fields_with('', '');
	request('base', $pairs, $up);
}
