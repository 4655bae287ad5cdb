# The try_files phase: files and directories relative to root or alias, and the fallback (URI, =code,
# @named). Expectations from nginx 1.22.1; `add_header X-Uri $uri` shows the URI try_files
# chose, since add_header is evaluated when the response goes out.
# default_no_error_log: [error]

=== DEFAULTS
--- user_files
>>> tf/file.txt
a file
>>> tf/dir/index.html
dir index
>>> tf/other.txt
other
>>> app/x.txt
app file
>>> app/sub/index.html
app sub
>>> back.html
back

=== TEST 1: the first entry that exists becomes $uri; args stay
--- config
    location /tf/ {
        try_files /tf/nothere.txt /tf/other.txt =404;
        add_header X-Uri "$uri?$args";
    }
--- request
GET /tf/anything?a=1
--- response_body
other
--- response_headers
X-Uri: /tf/other.txt?a=1
Content-Type: text/plain

=== TEST 2: $uri $uri/: a file is served as is
--- config
    location /tf/ {
        try_files $uri $uri/ =404;
        add_header X-Uri $uri;
    }
--- request
GET /tf/file.txt
--- response_body
a file
--- response_headers
X-Uri: /tf/file.txt

=== TEST 3: $uri $uri/: a directory with its slash goes on to the index
--- request
GET /tf/dir/
--- response_body
dir index

=== TEST 4: $uri $uri/: a directory without its slash becomes $uri and gets the 301
--- request
GET /tf/dir?a=1
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/tf/dir/?a=1

=== TEST 5: $uri $uri/: nothing found gives the =code
--- request
GET /tf/missing
--- error_code: 404
--- no_error_log
[error]

=== TEST 6: a file entry skips directories and a directory entry skips files
--- config
    location /tf/ {
        try_files /tf/dir /tf/file.txt/ /tf/other.txt =404;
    }
--- request
GET /tf/x
--- response_body
other

=== TEST 7: a fallback URI is an internal redirect that drops the request's args
--- config
    location /tf/ {
        try_files /nothere /fallback;
    }
    location = /fallback {
        return 200 "uri=$uri args=$args\n";
    }
--- request
GET /tf/x?a=1
--- response_body
uri=/fallback args=

=== TEST 8: a fallback with ? sets the args
--- config
    location /tf/ {
        try_files /nothere /fallback?from=$uri&$args;
    }
    location = /fallback {
        return 200 "uri=$uri args=$args\n";
    }
--- request
GET /tf/x?a=1
--- response_body
uri=/fallback args=from=/tf/x&a=1

=== TEST 9: a named fallback keeps the URI and the args
--- config
    location /tf/ {
        try_files /nothere @back;
    }
    location @back {
        return 200 "uri=$uri args=$args\n";
    }
--- request
GET /tf/x?q=1
--- response_body
uri=/tf/x args=q=1

=== TEST 10: a =code fallback
--- config
    location /tf/ {
        try_files /nothere =418;
    }
--- request
GET /tf/x
--- error_code: 418

=== TEST 11: a fallback to a static file
--- config
    location /tf/ {
        try_files /nothere /back.html;
    }
--- request
GET /tf/x
--- response_body
back
--- response_headers
Content-Type: text/html

=== TEST 12: entries with variables
--- config
    location /tf/ {
        try_files /tf/$arg_f =404;
    }
--- request
GET /tf/x?f=other.txt
--- response_body
other

=== TEST 13: in an alias location $uri loses the location name before it is looked for
--- config
    location /al/ {
        alias $TEST_NGINX_HTML_DIR/tf/;
        try_files $uri $uri/ =404;
        add_header X-Uri $uri;
    }
--- request
GET /al/file.txt
--- response_body
a file
--- response_headers
X-Uri: /al/file.txt

=== TEST 14: in an alias location a directory entry goes on to the index
--- request
GET /al/dir/
--- response_body
dir index

=== TEST 15: in an alias location constant entries are not shortened; $uri gets the location name back
--- config
    location /al/ {
        alias $TEST_NGINX_HTML_DIR/tf/;
        try_files /al/file.txt other.txt =404;
        add_header X-Uri $uri;
    }
--- request
GET /al/x
--- response_body
other
--- response_headers
X-Uri: /al/other.txt

=== TEST 16: in a regex location with alias the found name becomes the URI, appended to the alias
--- config
    location ~ ^/app/(.*)$ {
        alias $TEST_NGINX_HTML_DIR/app/;
        try_files $1 =404;
        add_header X-Uri $uri;
    }
--- request
GET /app/x.txt
--- response_body
app file
--- response_headers
X-Uri: x.txt
Content-Type: text/plain

=== TEST 17: try_files is not inherited: a server-level one does nothing inside location /
--- config
    try_files /tf/other.txt =404;
--- request
GET /whatever
--- error_code: 404
--- error_log
open() "$TEST_NGINX_HTML_DIR/whatever" failed (2: No such file or directory)

=== TEST 18: a fallback that leads back to itself ends in 500 after 10 redirects
--- config
    location /loop/ {
        try_files /nothere /loop/again;
    }
--- request
GET /loop/x
--- error_code: 500
--- error_log
rewrite or internal redirection cycle while internally redirecting to "/loop/again"
