# Conditional requests on static files: If-None-Match, If-Modified-Since, If-Match,
# If-Unmodified-Since, and the if_modified_since and etag directives. The files' times are
# those of the run, so dates here are far in the past or the future; exact-second matches
# are covered by test/runtime/static-conditional.test.ts. Expectations from nginx 1.22.1.
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> digits.txt
0123456789

=== TEST 1: If-None-Match: * gives 304 with Last-Modified and ETag, without type or length
--- request
GET /digits.txt
--- more_headers
If-None-Match: *
--- error_code: 304
--- response_body chomp
--- response_headers
!Content-Type
!Content-Length
!Accept-Ranges
--- response_headers_like
Last-Modified: GMT$
ETag: ^"[0-9a-f]+-b"$

=== TEST 2: the 304 keeps nginx's header order
--- request
GET /digits.txt
--- more_headers
If-None-Match: *
--- error_code: 304
--- raw_response_headers_like
^HTTP/1\.1 304 Not Modified\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nLast-Modified: [^\r]+\r\nConnection: close\r\nETag: "[0-9a-f]+-b"\r\n\r\n$

=== TEST 3: an If-None-Match that names other tags sends the file
--- request
GET /digits.txt
--- more_headers
If-None-Match: "other", W/"another"
--- response_body
0123456789

=== TEST 4: If-Match with another tag fails the precondition (412)
--- request
GET /digits.txt
--- more_headers
If-Match: "other"
--- error_code: 412

=== TEST 5: If-Match: * passes
--- request
GET /digits.txt
--- more_headers
If-Match: *

=== TEST 6: If-Unmodified-Since before the file fails
--- request
GET /digits.txt
--- more_headers
If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT
--- error_code: 412

=== TEST 7: an unparsable If-Unmodified-Since fails
--- request
GET /digits.txt
--- more_headers
If-Unmodified-Since: yesterday
--- error_code: 412

=== TEST 8: an impossible date (31 Apr) is unparsable and fails
--- request
GET /digits.txt
--- more_headers
If-Unmodified-Since: Fri, 31 Apr 2099 00:00:00 GMT
--- error_code: 412

=== TEST 9: If-Unmodified-Since far in the future passes
--- request
GET /digits.txt
--- more_headers
If-Unmodified-Since: Sat, 01 Jan 2106 00:00:00 GMT
--- response_body
0123456789

=== TEST 10: if_modified_since exact (the default): a later date is not the same second
--- request
GET /digits.txt
--- more_headers
If-Modified-Since: Sat, 01 Jan 2106 00:00:00 GMT

=== TEST 11: if_modified_since exact: an earlier date sends the file
--- request
GET /digits.txt
--- more_headers
If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT

=== TEST 12: if_modified_since exact: an unparsable date sends the file
--- request
GET /digits.txt
--- more_headers
If-Modified-Since: garbage

=== TEST 13: if_modified_since before: a later RFC 1123 date gives 304
--- config
    location /before/ {
        alias $TEST_NGINX_HTML_DIR/;
        if_modified_since before;
    }
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Sat, 01 Jan 2106 00:00:00 GMT
--- error_code: 304

=== TEST 14: if_modified_since before: an RFC 850 date (two-digit year 50 is 2050) gives 304
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Sunday, 06-Nov-50 08:49:37 GMT
--- error_code: 304

=== TEST 15: if_modified_since before: an asctime date gives 304
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Sun Nov  6 08:49:37 2095
--- error_code: 304

=== TEST 16: if_modified_since before: an earlier date sends the file
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT

=== TEST 17: dates are read leniently: the weekday and what follows the seconds are not checked
--- config
    location /before/ {
        alias $TEST_NGINX_HTML_DIR/;
        if_modified_since before;
    }
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Xyz, 01 Jan 2106 00:00:00 whatever
--- error_code: 304

=== TEST 18: dates are read leniently: an empty weekday and no zone
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: ,01 Jan 2106 00:00:00
--- error_code: 304

=== TEST 19: a one-digit day is not a date
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Sat, 1 Jan 2106 00:00:00 GMT

=== TEST 20: hour 24 is not a date
--- request
GET /before/digits.txt
--- more_headers
If-Modified-Since: Sat, 01 Jan 2106 24:00:00 GMT

=== TEST 21: if_modified_since off ignores the header
--- config
    location /off/ {
        alias $TEST_NGINX_HTML_DIR/;
        if_modified_since off;
    }
--- request
GET /off/digits.txt
--- more_headers
If-Modified-Since: Sat, 01 Jan 2106 00:00:00 GMT
--- response_body
0123456789

=== TEST 22: both headers: If-None-Match matches but If-Modified-Since says modified: 200
--- config
    location /before/ {
        alias $TEST_NGINX_HTML_DIR/;
        if_modified_since before;
    }
--- request
GET /before/digits.txt
--- more_headers
If-None-Match: *
If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT

=== TEST 23: both headers: If-Modified-Since matches but If-None-Match does not: 200
--- request
GET /before/digits.txt
--- more_headers
If-None-Match: "other"
If-Modified-Since: Sat, 01 Jan 2106 00:00:00 GMT

=== TEST 24: both headers agree: 304
--- request
GET /before/digits.txt
--- more_headers
If-None-Match: *
If-Modified-Since: Sat, 01 Jan 2106 00:00:00 GMT
--- error_code: 304

=== TEST 25: a failed If-Match wins over a matching If-None-Match
--- request
GET /digits.txt
--- more_headers
If-Match: "other"
If-None-Match: *
--- error_code: 412
--- response_body_like
412 Precondition Failed

=== TEST 26: etag off: If-None-Match: * still matches, the 304 has no ETag
--- config
    location /noetag/ {
        alias $TEST_NGINX_HTML_DIR/;
        etag off;
    }
--- request
GET /noetag/digits.txt
--- more_headers
If-None-Match: *
--- error_code: 304
--- response_headers
!ETag
--- response_headers_like
Last-Modified: GMT$

=== TEST 27: etag off: If-Match with a tag can never pass
--- config
    location /noetag/ {
        alias $TEST_NGINX_HTML_DIR/;
        etag off;
    }
--- request
GET /noetag/digits.txt
--- more_headers
If-Match: "anything"
--- error_code: 412

=== TEST 28: HEAD gets the 304 too
--- request
HEAD /digits.txt
--- more_headers
If-None-Match: *
--- error_code: 304

=== TEST 29: an error page file is never 304
--- user_files
>>> 404.html
not here
--- config
    location /ep/ {
        error_page 404 /404.html;
    }
--- request
GET /ep/missing
--- more_headers
If-None-Match: *
--- error_code: 404
--- response_body
not here
--- error_log
open() "$TEST_NGINX_HTML_DIR/ep/missing" failed (2: No such file or directory)
