# The index handler: URIs ending in "/", index lists, absolute and variable indexes, and the
# answers when there is no index. Every expectation was taken from nginx 1.22.1.
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> docs/index.html
docs index
>>> list/b.htm
second
>>> empty/readme.txt
nothing to see
>>> hello.txt
hello
>>> abs.html
absolute
>>> var/b.htm
by variable
>>> var/c.txt
by variable too
>>> sub/dir/index.html
nested
>>> al/inner/index.html
alias inner
>>> al/f.txt
alias file

=== TEST 1: the default index is index.html
--- request
GET /docs/
--- response_body
docs index
--- response_headers
Content-Type: text/html
Content-Length: 11
Accept-Ranges: bytes

=== TEST 2: the first index that exists wins
--- config
    location /list/ {
        index a.html b.htm c.html;
    }
--- request
GET /list/
--- response_body
second
--- response_headers
Content-Type: text/plain

=== TEST 3: a directory without an index file is forbidden
--- request
GET /empty/
--- error_code: 403
--- error_log
directory index of "$TEST_NGINX_HTML_DIR/empty/" is forbidden, client: 127.0.0.1, server: localhost, request: "GET /empty/ HTTP/1.1", host: "localhost"

=== TEST 4: a missing directory is 404, logged with the index path
--- request
GET /nodir/
--- error_code: 404
--- error_log
"$TEST_NGINX_HTML_DIR/nodir/index.html" is not found (2: No such file or directory), client: 127.0.0.1

=== TEST 5: a file asked for as a directory is 404 (20: Not a directory)
--- request
GET /hello.txt/
--- error_code: 404
--- error_log
"$TEST_NGINX_HTML_DIR/hello.txt/index.html" is not found (20: Not a directory)

=== TEST 6: log_not_found off silences the missing directory
--- config
    location /quiet/ {
        log_not_found off;
    }
--- request
GET /quiet/nodir/
--- error_code: 404
--- no_error_log
[error]

=== TEST 7: an absolute index is an internal redirect without looking for it first
--- config
    location /ab/ {
        index /abs.html;
    }
--- request json
["GET /ab/", "GET /ab/no/such/dir/"]
--- response_body json
["absolute\n", "absolute\n"]

=== TEST 8: an absolute index after relative ones is taken when they are missing
--- config
    location /mixed/ {
        root $TEST_NGINX_HTML_DIR;
        index missing.html /abs.html;
    }
--- user_files
>>> mixed/other.txt
other
>>> abs.html
absolute
--- request
GET /mixed/
--- response_body
absolute

=== TEST 9: a missing absolute index ends in the static handler's 404
--- config
    location /ab/ {
        index /nowhere.html;
    }
--- request
GET /ab/
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/nowhere.html" failed (2: No such file or directory)

=== TEST 10: index names with variables
--- config
    location /var/ {
        index $arg_i;
    }
--- request json
["GET /var/?i=b.htm", "GET /var/?i=c.txt", "GET /var/?i=/abs.html"]
--- response_body json
["by variable\n", "by variable too\n", "absolute\n"]

=== TEST 11: an index that is a directory redirects there, then the slash is added
--- config
    location /sub/ {
        index dir;
    }
--- request
GET /sub/
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/sub/dir/

=== TEST 12: the internal redirect keeps the args and re-enters the location
--- config
    location /docs/ {
        add_header X-Uri "$uri?$args";
    }
--- request
GET /docs/?a=1
--- response_body
docs index
--- response_headers
X-Uri: /docs/index.html?a=1

=== TEST 13: index under an alias
--- config
    location /al/ {
        alias $TEST_NGINX_HTML_DIR/al/;
    }
--- request json
["GET /al/inner/", "GET /al/"]
--- error_code json
[200, 403]
--- response_body_like json
["^alias inner$", "403 Forbidden"]
--- error_log
directory index of "$TEST_NGINX_HTML_DIR/al/" is forbidden

=== TEST 14: an alias without its trailing slash glues the names together, as nginx does
--- config
    location /aln/ {
        alias $TEST_NGINX_HTML_DIR/al;
    }
--- request json
["GET /aln/", "GET /aln/f.txt"]
--- error_code json
[403, 404]
--- error_log
directory index of "$TEST_NGINX_HTML_DIR/al" is forbidden
open() "$TEST_NGINX_HTML_DIR/alf.txt" failed (2: No such file or directory)

=== TEST 15: methods: DELETE is 405, POST reaches the index file and gets 405 there
--- request json
["DELETE /docs/", "POST /docs/\nx=1", "HEAD /docs/"]
--- error_code json
[405, 405, 200]

=== TEST 16: POST on a directory without an index is still the 403 of the directory
--- request
POST /empty/
x=1
--- error_code: 403
--- error_log
directory index of "$TEST_NGINX_HTML_DIR/empty/" is forbidden, client: 127.0.0.1, server: localhost, request: "POST /empty/ HTTP/1.1"

=== TEST 17: HEAD on an index
--- request
HEAD /docs/
--- response_body chomp
--- response_headers
Content-Length: 11
Content-Type: text/html
