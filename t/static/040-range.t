# Byte ranges on static files: single and multipart 206, 416, If-Range, max_ranges.
# Expectations from nginx 1.22.1 (the multipart boundary is a counter nginx and tsresty
# both print as 20 digits; the bodies match any value of it).
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> digits.txt
0123456789
>>> empty.txt

>>> 404.html
not here

=== TEST 1: a single range gives 206 with Content-Range and no Accept-Ranges
--- request
GET /digits.txt
--- more_headers
Range: bytes=2-5
--- error_code: 206
--- response_body chomp
2345
--- response_headers
Content-Range: bytes 2-5/11
Content-Length: 4
Content-Type: text/plain
!Accept-Ranges
--- response_headers_like
ETag: ^"[0-9a-f]+-b"$
Last-Modified: GMT$

=== TEST 2: Content-Range comes after ETag, as nginx writes it
--- request
GET /digits.txt
--- more_headers
Range: bytes=2-5
--- error_code: 206
--- response_body chomp
2345
--- raw_response_headers_like
^HTTP/1\.1 206 Partial Content\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nLast-Modified: [^\r]+\r\nConnection: close\r\nETag: "[0-9a-f]+-b"\r\nContent-Range: bytes 2-5/11\r\n\r\n$

=== TEST 3: a suffix range: the last bytes
--- request
GET /digits.txt
--- more_headers
Range: bytes=-3
--- error_code: 206
--- response_body
89
--- response_headers
Content-Range: bytes 8-10/11
Content-Length: 3

=== TEST 4: an open range: to the end
--- request
GET /digits.txt
--- more_headers
Range: bytes=8-
--- error_code: 206
--- response_body
89
--- response_headers
Content-Range: bytes 8-10/11

=== TEST 5: an end past the file is clamped
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-100
--- error_code: 206
--- response_body
0123456789
--- response_headers
Content-Range: bytes 0-10/11
Content-Length: 11

=== TEST 6: a suffix longer than the file is the whole file
--- request
GET /digits.txt
--- more_headers
Range: bytes=-100
--- error_code: 206
--- response_body
0123456789
--- response_headers
Content-Range: bytes 0-10/11

=== TEST 7: a range starting past the end is 416 with bytes */size
--- request
GET /digits.txt
--- more_headers
Range: bytes=11-
--- error_code: 416
--- response_body_like
416 Requested Range Not Satisfiable
--- response_headers
Content-Range: bytes */11
Content-Type: text/html
!Accept-Ranges
!ETag
!Last-Modified

=== TEST 8: a backward range is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=5-2
--- error_code: 416
--- response_headers
Content-Range: bytes */11

=== TEST 9: an empty suffix is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=-0
--- error_code: 416
--- response_headers
Content-Range: bytes */11

=== TEST 10: garbage after bytes= is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=abc
--- error_code: 416
--- response_headers
Content-Range: bytes */11

=== TEST 11: a trailing comma is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2,
--- error_code: 416

=== TEST 12: a semicolon is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2;
--- error_code: 416

=== TEST 13: a start without a dash is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=1
--- error_code: 416

=== TEST 14: a number beyond 2^63-1 is 416
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-99999999999999999999
--- error_code: 416
--- response_headers
Content-Range: bytes */11

=== TEST 15: 2^63-1 itself is a valid (clamped) end
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-9223372036854775807
--- error_code: 206
--- response_body
0123456789
--- response_headers
Content-Range: bytes 0-10/11

=== TEST 16: the unit is case-insensitive and spaces are allowed
--- request
GET /digits.txt
--- more_headers
Range: BYTES= 1 - 2
--- error_code: 206
--- response_body chomp
12
--- response_headers
Content-Range: bytes 1-2/11

=== TEST 17: bytes= alone is no range: the whole file with Accept-Ranges
--- request
GET /digits.txt
--- more_headers
Range: bytes=
--- response_body
0123456789
--- response_headers
Accept-Ranges: bytes
!Content-Range

=== TEST 18: another unit is no range
--- request
GET /digits.txt
--- more_headers
Range: items=1-2
--- response_body
0123456789
--- response_headers
Accept-Ranges: bytes

=== TEST 19: several ranges give multipart/byteranges
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-0,2-3
--- error_code: 206
--- response_body_like
^\r\n--(\d{20})\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-0/11\r\n\r\n0\r\n--\1\r\nContent-Type: text/plain\r\nContent-Range: bytes 2-3/11\r\n\r\n23\r\n--\1--\r\n$
--- response_headers
Content-Length: 197
--- response_headers_like
Content-Type: ^multipart/byteranges; boundary=\d{20}$

=== TEST 20: overlapping ranges are sent as asked while they fit in the file
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-2,1-3
--- error_code: 206
--- response_body_like
^\r\n--(\d{20})\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-2/11\r\n\r\n012\r\n--\1\r\nContent-Type: text/plain\r\nContent-Range: bytes 1-3/11\r\n\r\n123\r\n--\1--\r\n$
--- response_headers
Content-Length: 200

=== TEST 21: ranges adding up to more than the file send the whole file
--- request
GET /digits.txt
--- more_headers
Range: bytes=0-5,3-9
--- response_body
0123456789
--- response_headers
Accept-Ranges: bytes
!Content-Range

=== TEST 22: an unsatisfiable entry among good ones is dropped
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2,100-200
--- error_code: 206
--- response_body chomp
12
--- response_headers
Content-Range: bytes 1-2/11

=== TEST 23: HEAD with a range: the 206 head, no body
--- request
HEAD /digits.txt
--- more_headers
Range: bytes=1-2
--- error_code: 206
--- response_body chomp

--- response_headers
Content-Range: bytes 1-2/11
Content-Length: 2

=== TEST 24: HEAD with several ranges: the multipart length, no body
--- request
HEAD /digits.txt
--- more_headers
Range: bytes=1-2,4-5
--- error_code: 206
--- response_body chomp

--- response_headers
Content-Length: 198
--- response_headers_like
Content-Type: ^multipart/byteranges; boundary=\d{20}$

=== TEST 25: HTTP/1.0 requests get ranges too
--- request
GET /digits.txt HTTP/1.0
--- more_headers
Range: bytes=1-2
--- error_code: 206
--- response_body chomp
12

=== TEST 26: If-Range with another ETag sends the whole file
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2
If-Range: "other"
--- response_body
0123456789
--- response_headers
Accept-Ranges: bytes

=== TEST 27: If-Range with a weak tag never matches
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2
If-Range: W/"other"
--- response_body
0123456789

=== TEST 28: If-Range with another date sends the whole file
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2
If-Range: Thu, 01 Jan 1970 00:00:00 GMT
--- response_body
0123456789

=== TEST 29: a range and If-None-Match: * give 304
--- request
GET /digits.txt
--- more_headers
Range: bytes=1-2
If-None-Match: *
--- error_code: 304
--- response_body chomp

--- response_headers
!Content-Range

=== TEST 30: max_ranges 1 allows one range and sends the whole file for more
--- config
    location /one/ {
        alias $TEST_NGINX_HTML_DIR/;
        max_ranges 1;
    }
--- request
GET /one/digits.txt
--- more_headers
Range: bytes=1-2
--- error_code: 206
--- response_body chomp
12

=== TEST 31: max_ranges 1 with two ranges
--- request
GET /one/digits.txt
--- more_headers
Range: bytes=1-2,4-5
--- response_body
0123456789
--- response_headers
Accept-Ranges: bytes

=== TEST 32: max_ranges 0 turns ranges off, Accept-Ranges too
--- config
    location /none/ {
        alias $TEST_NGINX_HTML_DIR/;
        max_ranges 0;
    }
--- request
GET /none/digits.txt
--- more_headers
Range: bytes=1-2
--- response_body
0123456789
--- response_headers
!Accept-Ranges
!Content-Range

=== TEST 33: a range on an empty file sends the empty file
--- request
GET /empty.txt
--- more_headers
Range: bytes=0-0
--- response_body chomp

--- response_headers
Content-Length: 0
Accept-Ranges: bytes

=== TEST 34: an open range on an empty file is 416
--- request
GET /empty.txt
--- more_headers
Range: bytes=5-
--- error_code: 416
--- response_headers
Content-Range: bytes */0

=== TEST 35: a file served for error_page 404 ignores Range
--- config
    location /ep/ {
        error_page 404 /404.html;
    }
--- request
GET /ep/missing
--- more_headers
Range: bytes=1-2
--- error_code: 404
--- response_body
not here
--- response_headers
!Content-Range
!Accept-Ranges
--- error_log
open() "$TEST_NGINX_HTML_DIR/ep/missing" failed (2: No such file or directory)

=== TEST 36: add_header lines come before Accept-Ranges (the range filter runs after headers)
--- config
    location /ah/ {
        alias $TEST_NGINX_HTML_DIR/;
        add_header X-A a;
    }
--- request
GET /ah/digits.txt
--- raw_response_headers_like
^HTTP/1\.1 200 OK\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nLast-Modified: [^\r]+\r\nConnection: close\r\nETag: "[0-9a-f]+-b"\r\nX-A: a\r\nAccept-Ranges: bytes\r\n\r\n$

=== TEST 37: add_header lines come before Content-Range
--- request
GET /ah/digits.txt
--- more_headers
Range: bytes=1-2
--- error_code: 206
--- raw_response_headers_like
^HTTP/1\.1 206 Partial Content\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nLast-Modified: [^\r]+\r\nConnection: close\r\nETag: "[0-9a-f]+-b"\r\nX-A: a\r\nContent-Range: bytes 1-2/11\r\n\r\n$
