# The rewrite module: rewrite, return, set, if, break/last, redirects.
# default_no_error_log: [error]

=== TEST 1: rewrite ... last restarts location matching
--- config
    location /old/ {
        rewrite ^/old/(.*)$ /new/$1 last;
        return 500;
    }
    location /new/ {
        return 200 "new: $uri\n";
    }
--- request
GET /old/page
--- response_body
new: /new/page

=== TEST 2: rewrite ... break stays in the location and skips later rewrite directives
--- user_files
>>> b/x
static b/x
--- config
    location /a/ {
        rewrite ^/a/(.*)$ /b/$1 break;
        return 500;
    }
    location /b/ {
        return 500;
    }
--- request
GET /a/x
--- response_body
static b/x

=== TEST 3: rewrite ... redirect answers 302 with an absolute Location
--- config
    location = /from {
        rewrite ^ /to redirect;
    }
--- request
GET /from
--- error_code: 302
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/to

=== TEST 4: rewrite ... permanent answers 301
--- config
    location = /from {
        rewrite ^ /to permanent;
    }
--- request
GET /from
--- error_code: 301
--- response_headers_like
Location: /to$

=== TEST 5: rewrite to a full URL redirects
--- config
    location = /ext {
        rewrite ^ http://example.com/landing;
    }
--- request
GET /ext
--- error_code: 302
--- response_headers
Location: http://example.com/landing

=== TEST 6: rewrite keeps the query string, unless the replacement ends with ?
--- config
    location = /keep {
        rewrite ^ /show last;
    }
    location = /drop {
        rewrite ^ /show? last;
    }
    location = /add {
        rewrite ^ /show?b=2 last;
    }
    location = /show {
        return 200 "args=$args\n";
    }
--- request json
["GET /keep?a=1", "GET /drop?a=1", "GET /add?a=1"]
--- response_body json
["args=a=1\n", "args=\n", "args=b=2&a=1\n"]

=== TEST 7: return 301 with a relative URL
--- config
    location = /r {
        return 301 /elsewhere;
    }
--- request
GET /r
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/elsewhere

=== TEST 8: return with a variable in the body
--- config
    location = /t {
        set $who "world";
        return 200 "hello, $who\n";
    }
--- request
GET /t
--- response_body
hello, world

=== TEST 9: set, then reuse in another set
--- config
    location = /t {
        set $a "one";
        set $b "$a-two";
        return 200 "$b\n";
    }
--- request
GET /t
--- response_body
one-two

=== TEST 10: if with a string comparison
--- config
    location = /t {
        if ($arg_mode = "admin") {
            return 200 "admin\n";
        }
        return 200 "user\n";
    }
--- request json
["GET /t?mode=admin", "GET /t?mode=guest", "GET /t"]
--- response_body json
["admin\n", "user\n", "user\n"]

=== TEST 11: if with a regex and captures
--- config
    location = /t {
        if ($http_user_agent ~* "(curl|wget)/([0-9.]+)") {
            return 200 "tool=$1 version=$2\n";
        }
        return 200 "browser\n";
    }
--- request
GET /t
--- more_headers
User-Agent: Wget/1.21.3
--- response_body
tool=Wget version=1.21.3

=== TEST 12: if with a negated regex
--- config
    location = /t {
        if ($arg_id !~ "^[0-9]+$") {
            return 400 "bad id\n";
        }
        return 200 "id $arg_id\n";
    }
--- request json
["GET /t?id=12", "GET /t?id=x1"]
--- error_code json
[200, 400]
--- response_body json
["id 12\n", "bad id\n"]

=== TEST 13: if -f tests for a file
--- user_files
>>> exists.txt
here
--- config
    location /check/ {
        if (-f $document_root/$arg_name) {
            return 200 "file $arg_name exists\n";
        }
        return 404 "no file $arg_name\n";
    }
    root $TEST_NGINX_HTML_DIR;
--- request json
["GET /check/?name=exists.txt", "GET /check/?name=missing.txt"]
--- error_code json
[200, 404]
--- response_body json
["file exists.txt exists\n", "no file missing.txt\n"]

=== TEST 14: an empty variable is false in if
--- config
    location = /t {
        set $flag "";
        if ($flag) {
            return 200 "true\n";
        }
        return 200 "false\n";
    }
--- request
GET /t
--- response_body
false

=== TEST 15: rewrite cycle ends with 500 after 10 rounds
--- config
    location /loop {
        rewrite ^ /loop last;
    }
--- request
GET /loop
--- error_code: 500
--- error_log
rewrite or internal redirection cycle while processing "/loop"

=== TEST 16: rewrite_log writes notices
--- log_level: notice
--- user_files
>>> new/x
new x
--- config
    rewrite_log on;
    location /old {
        rewrite ^/old(.*)$ /new$1 break;
    }
--- request
GET /old/x
--- response_body
new x
--- error_log
"^/old(.*)$" matches "/old/x"
rewritten data: "/new/x", args: ""
