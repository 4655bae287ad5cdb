# What the client gets back from a proxied location: the upstream's status line, which
# headers pass, proxy_redirect, and the body framing.
# default_no_error_log: [error]

=== TEST 1: nginx's Server and Date replace the upstream's; hop-by-hop headers are dropped
--- config
    location /h {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /h
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nServer: backend/9\r\nDate: yesterday\r\nX-Pad: avoid browser bug\r\nX-Accel-Expires: 10\r\nKeep-Alive: timeout=5\r\nConnection: close\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\nX-Kept: 1\r\n\r\nok\n
--- response_headers
!X-Pad
!X-Accel-Expires
!Keep-Alive
X-Kept: 1
Content-Length: 3
--- response_headers_like
Server: (nginx|tsresty)/
Date: .* GMT
--- response_body
ok

=== TEST 2: the upstream's headers keep their order after nginx's own
--- request
GET /h
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Type: text/x-a\r\nLast-Modified: Mon, 28 Sep 1970 06:00:00 GMT\r\nETag: "e"\r\nContent-Length: 3\r\nX-B: 2\r\n\r\nok\n
--- raw_response_headers_like
^HTTP/1.1 200 OK\r\nServer: \S+\r\nDate: [^\r]+\r\nContent-Type: text/x-a\r\nContent-Length: 3\r\nConnection: close\r\nX-A: 1\r\nLast-Modified: Mon, 28 Sep 1970 06:00:00 GMT\r\nETag: "e"\r\nX-B: 2\r\n\r\n$
--- response_body
ok

=== TEST 3: no Content-Type from upstream means none to the client
--- request
GET /h
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
!Content-Type

=== TEST 4: proxy_redirect default turns the upstream's own URL into the location's
--- config
    location /one/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/two/;
    }
--- request
GET /one/x
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/two/next\r\nRefresh: 3; url=http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/two/later\r\nContent-Length: 0\r\n\r\n
--- error_code: 302
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/one/next
Refresh: 3; url=/one/later

=== TEST 5: a relative Location no rule matches passes unchanged
--- config
    location /r {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /r
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 301 Moved Permanently\r\nX-A: 1\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n
--- error_code: 301
--- raw_response_headers_like
\r\nX-A: 1\r\nLocation: /elsewhere\r\n

=== TEST 6: proxy_redirect off and custom rules
--- config
    location /off {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_redirect off;
    }
    location /custom {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_redirect ~^http://[^/]+/(.*)$ https://public.test/$1;
    }
--- request json
["GET /off", "GET /custom"]
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/a/b\r\nContent-Length: 0\r\n\r\n
--- error_code json
[302, 302]
--- response_headers json
["Location: http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/a/b", "Location: https://public.test/a/b"]

=== TEST 7: proxy_pass_header lets a hidden header through, proxy_hide_header hides another
--- config
    location /p {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_pass_header X-Accel-Buffering;
        proxy_hide_header X-Internal;
    }
--- request
GET /p
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nX-Accel-Buffering: no\r\nX-Internal: 1\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
X-Accel-Buffering: no
!X-Internal

=== TEST 8: a chunked upstream body is relayed chunked, its trailers dropped
--- config
    location /c {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /c
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply json
["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"]
--- response_headers
Transfer-Encoding: chunked
!Content-Length
!X-Trailer
--- response_body chomp
hello, world

=== TEST 9: the upstream's 204 and its headers
--- config
    location /n {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /n
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 204 No Content\r\nX-Done: yes\r\n\r\n
--- error_code: 204
--- response_headers
X-Done: yes
--- response_body chomp

=== TEST 10: $upstream_* variables after a successful request
--- config
    location /v {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        add_header X-Upstream "$upstream_addr $upstream_status $upstream_http_x_from";
    }
--- request
GET /v
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nX-From: mock\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
X-Upstream: 127.0.0.1:$TEST_NGINX_RAND_PORT_1 200 mock

=== TEST 11: add_header applies to a proxied response
--- config
    location /a {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        add_header X-Added yes;
    }
--- request
GET /a
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nX-Up: 1\r\nContent-Length: 3\r\n\r\nok\n
--- raw_response_headers_like
X-Up: 1\r\nX-Added: yes\r\n
