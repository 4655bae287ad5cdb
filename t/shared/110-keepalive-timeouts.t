# Keep-alive and the client timeouts: keepalive_timeout, keepalive_requests,
# client_header_timeout, client_body_timeout.
# log_level: info

=== TEST 1: keepalive_timeout 0 disables keep-alive
--- config
    keepalive_timeout 0;
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /t
--- more_headers
Connection: keep-alive
--- response_headers
Connection: close
!Keep-Alive
--- access_log
"GET /t HTTP/1.1" 200

=== TEST 2: keepalive_timeout 0 also closes a pipeline after the first response
--- pipelined_requests json
["GET /t", "GET /t"]
--- response_headers json
["Connection: close", "Connection: close"]
--- ignore_response

=== TEST 3: the second keepalive_timeout parameter becomes a Keep-Alive header
--- config
    keepalive_timeout 30 25;
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /t
--- more_headers
Connection: keep-alive
--- response_headers
Connection: keep-alive
Keep-Alive: timeout=25

=== TEST 4: no Keep-Alive header on a response that closes
--- request
GET /t
--- response_headers
Connection: close
!Keep-Alive

=== TEST 5: an idle keep-alive connection is closed after keepalive_timeout
--- config
    keepalive_timeout 1;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- timeout: 4
--- response_headers
Connection: keep-alive
--- response_body
ok

=== TEST 6: keepalive_requests 1 closes after the first response
--- config
    keepalive_requests 1;
    location = /t {
        return 200 "ok $connection_requests\n";
    }
--- pipelined_requests json
["GET /t", "GET /t"]
--- response_headers json
["Connection: close", "Connection: close"]
--- response_body json
["ok 1\n", ""]
--- ignore_response

=== TEST 7: keepalive_requests 3 serves three then closes
--- config
    keepalive_requests 3;
    location = /t {
        return 200 "ok $connection_requests\n";
    }
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- response_body
ok 1
--- access_log
"GET /t HTTP/1.1" 200

=== TEST 8: client_header_timeout: a partial head, then silence, is closed without a response
--- config
    client_header_timeout 1;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\n
--- timeout: 4
--- ignore_response
--- wait: 0.3

=== TEST 9: the header timeout is logged at info, and access-logged as 408
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\n
--- timeout: 4
--- ignore_response
--- wait: 0.3
--- error_log
[info]
client timed out (110: Connection timed out) while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
--- access_log
"GET /t HTTP/1.1" 408 0

=== TEST 10: client_header_timeout in the middle of the request line
--- raw_request escape chomp
GET /t HT
--- timeout: 4
--- ignore_response
--- wait: 0.3
--- error_log
client timed out (110: Connection timed out) while reading client request line, client: 127.0.0.1, server: localhost, request: "GET /t HT"
--- access_log
"GET /t HT" 408 0

=== TEST 11: an idle new connection (no byte sent) is closed after client_header_timeout
--- raw_request json
[""]
--- timeout: 4
--- ignore_response
--- wait: 0.3

=== TEST 12: the idle timeout is logged at info with the listening address as server
--- raw_request json
[""]
--- timeout: 4
--- ignore_response
--- wait: 0.3
--- error_log
client timed out (110: Connection timed out) while waiting for request, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 13: client_body_timeout: a body that stops coming is closed without a response (408)
--- config
    client_body_timeout 1;
    location = /read {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- raw_request escape chomp
POST /read HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- timeout: 4
--- ignore_response
--- wait: 0.3
--- no_error_log
client timed out
[error]
--- access_log
"POST /read HTTP/1.1" 408 0

=== TEST 14: a client closing an idle keep-alive connection is logged at info
--- config
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- shutdown
--- response_body
ok
--- error_log
client 127.0.0.1 closed keepalive connection
