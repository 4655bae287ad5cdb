# Log checks: error_log, no_error_log, grep_error_log, per-repeat slices, log levels.
# repeat_each: 2

=== TEST 1: an error line for a missing file, matched by regex
--- request
GET /missing.html
--- error_code: 404
--- error_log regex
\[error\] .*open\(\) ".*/html/missing\.html" failed \(2: No such file or directory\)
request: "GET /missing\.html HTTP/1\.1"
--- no_error_log
[crit]
[alert]
[emerg]

=== TEST 2: log_not_found off silences it
--- config
    log_not_found off;
--- request
GET /missing.html
--- error_code: 404
--- no_error_log
No such file or directory
[error]

=== TEST 3: deny logs "access forbidden by rule"
--- config
    location /private/ {
        deny all;
    }
--- request
GET /private/x
--- error_code: 403
--- error_log
access forbidden by rule

=== TEST 4: each repeat greps only its own slice
--- config
    location /private/ {
        deny all;
    }
--- request json
["GET /private/a", "GET /private/b"]
--- error_code json
[403, 403]
--- grep_error_log: access forbidden by rule
--- grep_error_log_out json
["access forbidden by rule\naccess forbidden by rule\n", "access forbidden by rule\naccess forbidden by rule\n"]

=== TEST 5: grep_error_log with a regex collects every match in order
--- config
    rewrite_log on;
    location /r/ {
        rewrite ^/r/(\w+)$ /s/$1;
        rewrite ^/s/(\w+)$ /t/$1 break;
        return 200;
    }
--- log_level: notice
--- user_files
>>> t/x
x
--- request
GET /r/x
--- response_body
x
--- grep_error_log regex
rewritten data: "[^"]*"
--- grep_error_log_out
rewritten data: "/s/x"
rewritten data: "/t/x"

=== TEST 6: error_log as a json list of substrings
--- config
    location /private/ {
        deny all;
    }
--- request
GET /private/json
--- error_code: 403
--- error_log json
["access forbidden by rule", "request: \"GET /private/json HTTP/1.1\""]

=== TEST 7: log_level warn hides info-level messages
--- log_level: warn
--- config
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape
get /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
--- no_error_log
client sent invalid method

=== TEST 8: at log_level info the same message shows
--- log_level: info
--- config
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape
get /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
--- error_log
[info]
client sent invalid method while reading client request line

=== TEST 9: an explicit wait before the log checks
--- config
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /t
--- wait: 0.05
--- no_error_log
[error]

=== TEST 10: proxy errors name the upstream
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/back;
    }
--- request
GET /up
--- error_code: 502
--- error_log
upstream: "http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/back"
