# Paths: encodings and traversal attempts through the whole request path (URI parsing,
# location, root/alias mapping, index, try_files). Where nginx serves a file outside the
# root or alias, tsresty refuses: those blocks come in pairs, one for each server, each
# marked with skip_if. Expectations otherwise from nginx 1.22.1.
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> secret.txt
top secret
>>> pub/hello.txt
hello
>>> pub/dir/index.html
pub dir
>>> pub/café.txt
utf-8 name
>>> pub/100%.txt
percent
>>> pub/a+b.txt
plus
>>> pub/q?x.txt
question
>>> pub/h#x.txt
hash
>>> pub/%2e%2e/x.txt
literal
>>> al/f.txt
alias file

=== TEST 1: an encoded dot-dot that climbs above the root is 400
--- request
GET /%2e%2e/secret.txt
--- error_code: 400

=== TEST 2: an encoded slash and dot-dot that climb above the root are 400
--- request
GET /pub/..%2f..%2fsecret.txt
--- error_code: 400

=== TEST 3: dot-dot inside the root resolves before the file is looked for
--- request json
["GET /pub/dir/%2e%2e/hello.txt", "GET /pub/./dir/../hello.txt", "GET //pub///hello.txt"]
--- response_body json
["hello\n", "hello\n", "hello\n"]

=== TEST 4: a double-encoded dot-dot is a literal name
--- request
GET /pub/%252e%252e/x.txt
--- response_body
literal

=== TEST 5: a double-encoded dot-dot that does not exist is a 404 for the literal name
--- request
GET /%252e%252e/secret.txt
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/%2e%2e/secret.txt" failed (2: No such file or directory)

=== TEST 6: backslashes are ordinary bytes, raw or encoded
--- request json
["GET /pub/..\\..\\secret.txt", "GET /pub/..%5c..%5csecret.txt"]
--- error_code json
[404, 404]
--- error_log
open() "$TEST_NGINX_HTML_DIR/pub/..\..\secret.txt" failed (2: No such file or directory)

=== TEST 7: an encoded NUL is 400
--- request
GET /pub/hello.txt%00.png
--- error_code: 400

=== TEST 8: UTF-8 names, percent-encoded or raw
--- request
GET /pub/caf%C3%A9.txt
--- response_body
utf-8 name

=== TEST 9: a raw UTF-8 name in the request line
--- raw_request escape
GET /pub/caf\xC3\xA9.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
utf-8 name

=== TEST 10: %25, +, %3F and %23 name files with %, +, ? and #
--- request json
["GET /pub/100%25.txt", "GET /pub/a+b.txt", "GET /pub/q%3Fx.txt", "GET /pub/h%23x.txt"]
--- response_body json
["percent\n", "plus\n", "question\n", "hash\n"]

=== TEST 11: a raw ? and # end the path
--- request json
["GET /pub/q?x.txt", "GET /pub/h#x.txt"]
--- error_code json
[404, 404]
--- error_log
open() "$TEST_NGINX_HTML_DIR/pub/q" failed (2: No such file or directory)
open() "$TEST_NGINX_HTML_DIR/pub/h" failed (2: No such file or directory)

=== TEST 12: a semicolon is part of the name
--- request
GET /pub/hello.txt;jsessionid=1
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/pub/hello.txt;jsessionid=1" failed (2: No such file or directory)

=== TEST 13: nginx: an alias without the location's trailing slash lets /img../ out of the alias
--- skip_if
server tsresty
--- config
    location /img {
        alias $TEST_NGINX_HTML_DIR/al/;
    }
--- request
GET /img../secret.txt
--- response_body
top secret

=== TEST 14: tsresty: the same request is refused, the alias is not left
--- skip_if
server nginx
--- request
GET /img../secret.txt
--- error_code: 404
--- error_log
refused to serve "$TEST_NGINX_HTML_DIR/al/../secret.txt": a ".." segment of it comes from the request

=== TEST 15: the same alias still serves what is inside it
--- request json
["GET /img/f.txt", "GET /imgf.txt"]
--- response_body json
["alias file\n", "alias file\n"]

=== TEST 16: nginx: a try_files entry from an argument can climb out of the root
--- skip_if
server tsresty
--- config
    location /pub/ {
        root $TEST_NGINX_HTML_DIR/pub;
        try_files $arg_f =404;
    }
--- request
GET /pub/x?f=/../secret.txt
--- response_body
top secret

=== TEST 17: tsresty: the entry is refused and try_files goes on to its fallback
--- skip_if
server nginx
--- request
GET /pub/x?f=/../secret.txt
--- error_code: 404
--- error_log
refused to serve "$TEST_NGINX_HTML_DIR/pub/../secret.txt": a ".." segment of it comes from the request

=== TEST 18: nginx: a URI rewritten with break is not normalised and can climb out of the root
--- skip_if
server tsresty
--- config
    location /deep/ {
        root $TEST_NGINX_HTML_DIR/pub;
        rewrite ^/deep/(.*)$ /../$1 break;
    }
--- request
GET /deep/secret.txt
--- response_body
top secret

=== TEST 19: tsresty: the rewritten URI is refused
--- skip_if
server nginx
--- request
GET /deep/secret.txt
--- error_code: 404
--- error_log
refused to serve "$TEST_NGINX_HTML_DIR/pub/../secret.txt": a ".." segment of it comes from the request

=== TEST 20: nginx: a regex alias with a capture can climb out
--- skip_if
server tsresty
--- config
    location ~ ^/cap(.*)$ {
        alias $TEST_NGINX_HTML_DIR/al/$1;
    }
--- request
GET /cap../secret.txt
--- response_body
top secret

=== TEST 21: tsresty: the captured dot-dot is refused
--- skip_if
server nginx
--- request
GET /cap../secret.txt
--- error_code: 404
--- error_log
refused to serve "$TEST_NGINX_HTML_DIR/al/../secret.txt": a ".." segment of it comes from the request

=== TEST 22: dot-dot written in the configuration itself is the administrator's choice
--- config
    location /up/ {
        alias $TEST_NGINX_HTML_DIR/pub/../;
    }
--- request
GET /up/secret.txt
--- response_body
top secret

=== TEST 23: nginx: an index name from an argument can climb out of the alias
--- skip_if
server tsresty
--- config
    location /ix/ {
        alias $TEST_NGINX_HTML_DIR/pub/dir/;
        index $arg_i;
    }
--- request
GET /ix/?i=../../secret.txt
--- response_body
top secret

=== TEST 24: tsresty: the index name is refused, leaving the directory without an index
--- skip_if
server nginx
--- config
    location /ix/ {
        alias $TEST_NGINX_HTML_DIR/pub/dir/;
        index $arg_i;
    }
--- request
GET /ix/?i=../../secret.txt
--- error_code: 403
--- error_log
refused to serve "$TEST_NGINX_HTML_DIR/pub/dir/../../secret.txt": a ".." segment of it comes from the request
directory index of "$TEST_NGINX_HTML_DIR/pub/dir/" is forbidden
