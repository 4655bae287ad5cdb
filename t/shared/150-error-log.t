# The error log: nginx's line shape, the request context appended to request lines, levels
# filtered per error_log, and error_log set per server or location.

=== TEST 1: the line shape: time, [level], pid#tid, *connection, message, request context
--- config
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /missing.html?x=1
--- more_headers
Host: Localhost:8080
Referer: http://ref.test/page
--- error_code: 404
--- error_log regex
^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[error\] (\d+)#\1: \*\d+ open\(\) ".*/html/missing\.html" failed \(2: No such file or directory\), client: 127\.0\.0\.1, server: localhost, request: "GET /missing\.html\?x=1 HTTP/1\.1", host: "Localhost:8080", referrer: "http://ref\.test/page"$

=== TEST 2: no Host header: no host field
--- raw_request escape
GET /missing.html HTTP/1.0\r\n\r\n
--- error_code: 404
--- error_log regex
open\(\) ".*/html/missing\.html" failed \(2: No such file or directory\), client: 127\.0\.0\.1, server: localhost, request: "GET /missing\.html HTTP/1\.0"$

=== TEST 3: server is the virtual server chosen by Host
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name other.test alias.test;
        location / {
            deny all;
        }
    }
--- request
GET /x
--- more_headers
Host: alias.test
--- error_code: 403
--- error_log
access forbidden by rule, client: 127.0.0.1, server: other.test, request: "GET /x HTTP/1.1", host: "alias.test"

=== TEST 4: error_log in a location replaces the main one there: a higher level hides [error]
--- config
    location /quiet/ {
        error_log logs/error.log crit;
    }
--- request
GET /quiet/missing.html
--- error_code: 404
--- no_error_log
[error]
No such file or directory

=== TEST 5: other locations still log at the main level
--- request
GET /loud-missing.html
--- error_code: 404
--- error_log
[error]
No such file or directory

=== TEST 6: a server-level error_log applies to its locations
--- config
    error_log logs/error.log crit;
    location /x/ {
    }
--- request
GET /x/missing.html
--- error_code: 404
--- no_error_log
[error]

=== TEST 7: a location can lower the level again
--- config
    error_log logs/error.log crit;
    location /y/ {
        error_log logs/error.log info;
    }
--- raw_request escape
GET /y/missing.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- error_code: 404
--- error_log
[error]
No such file or directory

=== TEST 8: a level admits the more severe ones: warn lets [error] through, hides [info]
--- log_level: warn
--- config
    location = /t {
        return 200 "ok\n";
    }
--- request json
["GET /missing.html", "GET /t HTTP/1.0"]
--- more_headers
Host: a..b
--- error_code json
[400, 400]
--- no_error_log
[info]

=== TEST 9: the info line is there at info
--- log_level: info
--- request
GET /t
--- more_headers
Host: a..b
--- error_code: 400
--- error_log
[info]
client sent invalid host header while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1"

=== TEST 10: request bytes >= 0x80 reach the log as they came
--- log_level: info
--- raw_request escape
GET /caf\xc3\xa9 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- error_code: 404
--- error_log
request: "GET /café HTTP/1.1"
