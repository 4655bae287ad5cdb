# The static handler on files: headers, types, errors, methods and directory redirects.
# Every expectation was taken from nginx 1.22.1 with the same blocks.
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> hello.txt
hello, file
>>> empty.txt

>>> UP.HTML
up
>>> pic.GiF
gif
>>> photo.JpG
jpg
>>> .hidden.html
h
>>> dir/.html
h
>>> trailing.
t
>>> page.txt.html
p
>>> ty/a.foo
foo
>>> ty/a.tar.gz
gz
>>> ty/noext
none
>>> ty/a.html
html
>>> page.html
<p>page</p>
>>> dir/index.html
dir index
>>> a%b/x.txt
x
>>> q?x/x.txt
x
>>> caf%C3%A9/x.txt
x
>>> 404.html
my 404
>>> sites/localhost/v/a.txt
site localhost
>>> rel/a.txt
relative
>>> café/x.txt
x

=== TEST 1: a file gets its length, type, Last-Modified, ETag and Accept-Ranges
--- request
GET /hello.txt
--- response_body
hello, file
--- response_headers
Content-Type: text/plain
Content-Length: 12
Accept-Ranges: bytes
--- response_headers_like
Last-Modified: ^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$
ETag: ^"[0-9a-f]+-c"$

=== TEST 2: the headers come in nginx's order: ETag and Accept-Ranges after Connection
--- request
GET /hello.txt
--- raw_response_headers_like
^HTTP/1\.1 200 OK\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nLast-Modified: [^\r]+\r\nConnection: close\r\nETag: "[0-9a-f]+-c"\r\nAccept-Ranges: bytes\r\n\r\n$

=== TEST 3: HEAD sends the same headers and no body
--- request
HEAD /hello.txt
--- response_body chomp
--- response_headers
Content-Type: text/plain
Content-Length: 12
Accept-Ranges: bytes
--- response_headers_like
ETag: ^"[0-9a-f]+-c"$

=== TEST 4: an empty file
--- request
GET /empty.txt
--- response_body chomp
--- response_headers
Content-Length: 0
Accept-Ranges: bytes
--- response_headers_like
ETag: ^"[0-9a-f]+-0"$

=== TEST 5: extensions are matched without regard to case
--- request json
["GET /UP.HTML", "GET /pic.GiF", "GET /photo.JpG"]
--- response_headers json
["Content-Type: text/html", "Content-Type: image/gif", "Content-Type: image/jpeg"]

=== TEST 6: a leading dot is no extension; a trailing dot is an empty one; the last dot counts
--- request json
["GET /.hidden.html", "GET /dir/.html", "GET /trailing.", "GET /page.txt.html"]
--- response_headers json
["Content-Type: text/html", "Content-Type: text/plain", "Content-Type: text/plain", "Content-Type: text/html"]

=== TEST 7: a types block and default_type in a location
--- config
    location /ty/ {
        types {
            application/x-foo foo;
            application/gzip gz;
        }
        default_type application/octet-stream;
    }
--- request json
["GET /ty/a.foo", "GET /ty/a.tar.gz", "GET /ty/noext", "GET /ty/a.html"]
--- response_headers json
["Content-Type: application/x-foo", "Content-Type: application/gzip", "Content-Type: application/octet-stream", "Content-Type: application/octet-stream"]

=== TEST 8: the type comes from the URI, not from the file it maps to
--- config
    location = /page {
        alias $TEST_NGINX_HTML_DIR/page.html;
    }
--- request
GET /page
--- response_body
<p>page</p>
--- response_headers
Content-Type: text/plain

=== TEST 9: a missing file is 404 with nginx's open() line
--- request
GET /missing.txt
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/missing.txt" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /missing.txt HTTP/1.1", host: "localhost"

=== TEST 10: log_not_found off keeps the 404 out of the error log
--- config
    location /quiet/ {
        log_not_found off;
    }
--- request
GET /quiet/missing.txt
--- error_code: 404
--- no_error_log
[error]

=== TEST 11: a file used as a directory is 404 (20: Not a directory)
--- request
GET /hello.txt/more
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/hello.txt/more" failed (20: Not a directory)

=== TEST 12: a name longer than the file system allows is 404 (36: File name too long)
--- request
GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
--- error_code: 404
--- error_log
(36: File name too long)

=== TEST 13: methods other than GET, HEAD and POST are 405, found or not
--- request json
["DELETE /hello.txt", "PUT /hello.txt", "OPTIONS /missing.txt", "PATCH /"]
--- error_code json
[405, 405, 405, 405]

=== TEST 14: POST is 405 on a file, but 404 when there is no file
--- request json
["POST /hello.txt\nx=1", "POST /missing.txt\nx=1"]
--- error_code json
[405, 404]
--- error_log
open() "$TEST_NGINX_HTML_DIR/missing.txt" failed (2: No such file or directory)

=== TEST 15: a directory without its slash is redirected, args kept
--- request json
["GET /dir", "GET /dir?a=1&b=%20", "GET /dir?"]
--- error_code json
[301, 301, 301]
--- response_headers json
["Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/?a=1&b=%20", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/"]

=== TEST 16: the redirect escapes the decoded URI, args stay raw
--- request json
["GET /a%25b", "GET /q%3Fx?k=<v>", "GET /caf%25C3%25A9", "GET /caf%C3%A9"]
--- error_code json
[301, 301, 301, 301]
--- response_headers json
["Location: http://localhost:$TEST_NGINX_SERVER_PORT/a%25b/", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/q%3Fx/?k=<v>", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/caf%25C3%25A9/", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/caf%C3%A9/"]

=== TEST 17: POST and HEAD on a directory get the redirect too
--- request json
["POST /dir\nx=1", "HEAD /dir"]
--- error_code json
[301, 301]
--- response_headers json
["Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/", "Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/"]

=== TEST 18: HTTP/1.0 requests are served the same way
--- request
GET /hello.txt HTTP/1.0
--- response_body
hello, file
--- response_headers
Content-Length: 12
Accept-Ranges: bytes

=== TEST 19: etag off drops the ETag
--- config
    location /noetag/ {
        alias $TEST_NGINX_HTML_DIR/;
        etag off;
    }
--- request
GET /noetag/hello.txt
--- response_body
hello, file
--- response_headers
!ETag
Accept-Ranges: bytes

=== TEST 20: a file served for error_page 404 keeps the 404, its ETag, and loses Last-Modified and Accept-Ranges
--- config
    location /ep/ {
        error_page 404 /404.html;
    }
--- request
GET /ep/missing
--- error_code: 404
--- response_body
my 404
--- response_headers
Content-Type: text/html
Content-Length: 7
!Last-Modified
!Accept-Ranges
--- response_headers_like
ETag: ^"[0-9a-f]+-7"$
--- error_log
open() "$TEST_NGINX_HTML_DIR/ep/missing" failed (2: No such file or directory)

=== TEST 21: error_page 404 =200 serves the page as a plain 200
--- config
    location /ep/ {
        error_page 404 =200 /404.html;
    }
--- request
GET /ep/missing
--- response_body
my 404
--- response_headers
Accept-Ranges: bytes
--- response_headers_like
Last-Modified: GMT$
--- error_log
open() "$TEST_NGINX_HTML_DIR/ep/missing" failed (2: No such file or directory)

=== TEST 22: a root with variables is evaluated per request
--- config
    location /v/ {
        root $TEST_NGINX_HTML_DIR/sites/$host;
    }
--- request
GET /v/a.txt
--- response_body
site localhost

=== TEST 23: a relative root is under the prefix
--- config
    location /rel/ {
        root html;
    }
--- request
GET /rel/a.txt
--- response_body
relative
