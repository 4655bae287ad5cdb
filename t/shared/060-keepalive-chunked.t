# Keep-alive, pipelining and chunked responses.
# default_no_error_log: [error]

=== TEST 1: pipelined requests share one connection
--- config
    location = /t {
        return 200 "request $connection_requests\n";
    }
--- pipelined_requests json
["GET /t", "GET /t", "GET /t"]
--- response_body json
["request 1\n", "request 2\n", "request 3\n"]

=== TEST 2: the last pipelined request asks to close, the others keep alive
--- pipelined_requests json
["GET /t", "GET /t"]
--- response_headers json
["Connection: keep-alive", "Connection: close"]

=== TEST 3: HEAD in the middle of a pipeline has no body
--- pipelined_requests json
["GET /t", "HEAD /t", "GET /t"]
--- response_body json
["request 1\n", "", "request 3\n"]
--- response_headers json
["Content-Length: 10", "Content-Length: 10", "Content-Length: 10"]

=== TEST 4: pipelined requests with bodies
--- config
    location = /t {
        return 200 "$request_method $content_length\n";
    }
--- pipelined_requests json
["POST /t\nabc", "PUT /t\nhello", "GET /t"]
--- response_body json
["POST 3\n", "PUT 5\n", "GET \n"]

=== TEST 5: keepalive_requests closes after the limit
--- config
    keepalive_requests 2;
    location = /t {
        return 200 "ok\n";
    }
--- pipelined_requests json
["GET /t", "GET /t"]
--- response_headers json
["Connection: keep-alive", "Connection: close"]

=== TEST 6: HTTP/1.0 keep-alive on request
--- config
    location = /t {
        return 200 "ok $connection_requests\n";
    }
--- pipelined_requests json
["GET /t HTTP/1.0", "GET /t HTTP/1.0"]
--- more_headers
Connection: keep-alive
--- response_headers json
["Connection: keep-alive", "Connection: keep-alive"]
--- response_body json
["ok 1\n", "ok 2\n"]

=== TEST 7: a body without length from upstream is sent chunked over HTTP/1.1
--- config
    location = /stream {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /stream
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply json
["HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", "hello, ", "chunked ", "world\n"]
--- response_headers
Transfer-Encoding: chunked
!Content-Length
--- response_body
hello, chunked world

=== TEST 8: the same over HTTP/1.0 ends with the connection instead
--- request
GET /stream HTTP/1.0
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply json
["HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", "hello, ", "close-delimited\n"]
--- response_headers
!Transfer-Encoding
!Content-Length
--- response_body
hello, close-delimited

=== TEST 9: chunked response with trailers
--- config
    location = /stream {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        add_trailer X-Checksum "abc123";
    }
--- request
GET /stream
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply json
["HTTP/1.0 200 OK\r\n\r\n", "part one\n", "part two\n"]
--- response_headers
Transfer-Encoding: chunked
--- response_body
part one
part two
--- raw_response_headers_like
^HTTP/1.1 200 OK\r\n

=== TEST 10: a keep-alive request is answered without closing
--- config
    location = /t {
        return 200 "still open\n";
    }
--- request
GET /t
--- more_headers
Connection: keep-alive
--- response_body
still open
--- response_headers
Connection: keep-alive
