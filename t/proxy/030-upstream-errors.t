# Upstream failures: what the client gets and what the error log says, in nginx's words.

=== TEST 1: an invalid header line gives 502 and shows where it broke
--- config
    location /bad {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /bad
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nX-Good: 1\r\nBad Header: x\r\n\r\n
--- error_code: 502
--- error_log
upstream sent invalid header: "Bad\x20..." while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /bad HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/bad", host: "localhost"

=== TEST 2: a CR inside a header value is invalid too
--- request
GET /bad
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nX-Bad: a\rb\r\n\r\n
--- error_code: 502
--- error_log
upstream sent invalid header: "X-Bad: a\x0d..." while reading response header from upstream

=== TEST 3: a head larger than proxy_buffer_size gives 502
--- config
    location /big {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_buffer_size 1k;
    }
--- request
GET /big
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nX-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n
--- error_code: 502
--- error_log
upstream sent too big header while reading response header from upstream

=== TEST 4: headers without a colon and with bare LF line ends are accepted
--- config
    location /lenient {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /lenient
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\nX-Lf: 1\nX-Novalue\r\nX-Spaces:    padded value   \r\nContent-Length: 3\n\nok\n
--- response_headers
X-Lf: 1
X-Spaces: padded value
--- response_body
ok
--- no_error_log
[error]

=== TEST 5: a body cut short by the upstream closes the client connection
--- config
    location /short {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /short
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n
--- ignore_response
--- error_log
upstream prematurely closed connection while reading upstream

=== TEST 6: broken chunked framing from the upstream
--- config
    location /chunks {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /chunks
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n
--- ignore_response
--- error_log
upstream sent invalid chunked response while reading upstream

=== TEST 7: more body than Content-Length: the rest is dropped with a warning
--- config
    location /extra {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /extra
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\nEXTRA
--- response_body
ok
--- error_log
upstream sent more data than specified in "Content-Length" header while reading upstream

=== TEST 8: a missing unix socket is logged at crit with its path
--- config
    location /sock {
        proxy_pass http://unix:$TEST_NGINX_SERVER_ROOT/logs/none.sock:/x;
    }
--- request
GET /sock
--- error_code: 502
--- error_log
[crit]
connect() to unix:$TEST_NGINX_SERVER_ROOT/logs/none.sock failed (2: No such file or directory) while connecting to upstream
upstream: "http://unix:$TEST_NGINX_SERVER_ROOT/logs/none.sock:/x"

=== TEST 9: a name without a resolver cannot be proxied to at run time
--- config
    location /dyn {
        set $name "backend.invalid";
        proxy_pass http://$name;
    }
--- request
GET /dyn
--- error_code: 502
--- error_log
no resolver defined to resolve backend.invalid

=== TEST 10: an evaluated proxy_pass with a bad scheme is a 500
--- config
    location /scheme {
        set $u "ftp://127.0.0.1/";
        proxy_pass $u;
    }
--- request
GET /scheme
--- error_code: 500
--- error_log
invalid URL prefix in "ftp://127.0.0.1/"

=== TEST 11: a backend that stays silent after the request times out with 504
--- config
    location /silent {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_read_timeout 200ms;
    }
--- request
GET /silent
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_no_close
--- tcp_reply chomp
--- error_code: 504
--- error_log
upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /silent HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/silent", host: "localhost"
