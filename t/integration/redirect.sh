#!/usr/bin/env bash
# redirect.sh: after login, both sites go back only to a plain path of
# their own (SEC-4, review F14: next=/%09/host/ gave "Location: /\t/host/",
# which a browser follows to another host).  Every usual way around the
# check, in the login form's next= and in the login itself, ends on the
# site's own default page; plain paths still work.
. "$(dirname "$0")/../lib.sh"

# Encoded as they travel in a query or a form body.
bypasses=(
	'/%09/evil.example/'		# the review's
	'/%0a/evil.example/'
	'/%0d%0a/evil.example/'
	'/%20/evil.example/'
	'//evil.example/'
	'/%2f/evil.example/'
	'/%2F%2Fevil.example'
	'%2F%2Fevil.example'
	'/%5cevil.example'
	'%5C%5Cevil.example'
	'/%5C/evil.example'
	'///evil.example'
	'/.//evil.example'
	'http://evil.example/'
	'https:evil.example'
	'javascript:alert(1)'
	'%20javascript:alert(1)'
	'evil.example'
	'/%E2%80%AE/evil.example'	# a right-to-left override
	"/$(printf 'a%.0s' $(seq 1 2100))"	# very long
)

# login_next ext|int JAR NEXT-ENCODED: the login form with ?next=, then
# a login (the demo applicant, or the clerk) with next= in its body;
# prints the form's next value (in $( ): http_last gets the login's answer).
login_next() {
	local url=$EXT_URL who="id_number=152502199003150027" csrf form
	[[ $1 == int ]] && url=$INT_URL who="login=sarengaowa"
	form=$(http_get "$2" "$url/login?next=$3")
	csrf=$(csrf_from <<<"$form")
	http_raw "$2" "$url/login" -H "Origin: $url" \
		--data "csrf=$csrf&$who&password=Yiwang%402026&next=$3" >/dev/null
	input_value "$form" next
}

# Every bypass through a whole login on the extranet; on the intranet
# through its form, and three through a whole login (a login costs a key
# derivation).
i=0
for b in "${bypasses[@]}"; do
	i=$((i + 1))
	shown=${b:0:40}
	form=$(login_next ext "c$i" "$b"); http_last
	t_is "extranet: next=$shown: the form keeps /" "$form" /
	t_is "extranet: next=$shown: the login goes to /" "$HTTP_STATUS $HTTP_LOCATION" "303 /"
	form=$(http_get "s$i" "$INT_URL/login?next=$b" | grep -o '<input[^>]*name="next"[^>]*>')
	t_is "intranet: next=$shown: the form keeps /" "$form" '<input type="hidden" name="next" value="/">'
done
for b in '/%09/evil.example/' '//evil.example/' '/%5cevil.example'; do
	i=$((i + 1))
	login_next int "s$i" "$b" >/dev/null
	t_is "intranet: next=$b: the login goes to the inbox" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
done

form=$(login_next ext good1 '%2Fapp%3Fno%3DYW2026%26x%3D1'); http_last
t_is "a plain path with a query is kept" "$form $HTTP_STATUS $HTTP_LOCATION" "/app?no=YW2026&x=1 303 /app?no=YW2026&x=1"
form=$(login_next int good2 '/catalog'); http_last
t_is "and on the intranet" "$form $HTTP_STATUS $HTTP_LOCATION" "/catalog 303 /catalog"
http_get anon "$EXT_URL/my?a=%2F%2Fevil" >/dev/null
t_is "the way to the login keeps the page asked for" "$HTTP_STATUS $HTTP_LOCATION" "303 /login?next=%2Fmy%3Fa%3D%252F%252Fevil"
next=${HTTP_LOCATION#*next=}
login_next ext back "$next" >/dev/null
t_is "and comes back to it" "$HTTP_STATUS $HTTP_LOCATION" "303 /my?a=%2F%2Fevil"

t_done
