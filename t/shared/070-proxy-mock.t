# proxy_pass against the runner's mock backends (tcp_listen / udp_listen).

=== TEST 1: the backend sees the proxied request line and headers
--- config
    location /api/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/v2/;
        proxy_set_header X-Real-IP $remote_addr;
    }
--- request
GET /api/items?limit=5
--- more_headers
X-Client: spec
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /v2/items?limit=5 HTTP/1.0\r\nX-Real-IP: 127.0.0.1\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nX-Client: spec\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Backend: mock\r\n\r\nitems\n
--- response_body
items
--- response_headers
X-Backend: mock
--- no_error_log
[error]

=== TEST 2: proxy_set_header Host replaces the Host nginx would send
--- config
    location /x {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_set_header Host "backend.test";
    }
--- request
GET /x
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /x HTTP/1.0\r\nHost: backend.test\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 3: the upstream status and body pass through
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 418 I'm a teapot\r\nContent-Length: 7\r\n\r\nteapot\n
--- error_code: 418
--- response_body
teapot

=== TEST 4: proxy_intercept_errors hands upstream errors to error_page
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_intercept_errors on;
        error_page 503 = @maintenance;
    }
    location @maintenance {
        return 200 "maintenance page\n";
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nbusy\n
--- response_body
maintenance page

=== TEST 5: proxy_hide_header drops an upstream header
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_hide_header X-Secret;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nX-Secret: s3cr3t\r\nX-Public: hello\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
!X-Secret
X-Public: hello

=== TEST 6: a backend that closes before answering gives 502
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply chomp
--- error_code: 502
--- error_log
upstream prematurely closed connection while reading response header from upstream

=== TEST 7: a backend answering too slowly gives 504
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_read_timeout 100ms;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply_delay: 0.5
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- error_code: 504
--- error_log
upstream timed out (110: Connection timed out) while reading response header from upstream

=== TEST 8: nothing listening gives 502 and "Connection refused"
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /up
--- error_code: 502
--- error_log
connect() failed (111: Connection refused) while connecting to upstream

=== TEST 9: a unix-socket backend
--- config
    location /unix {
        proxy_pass http://unix:$TEST_NGINX_SERVER_ROOT/logs/mock.sock:/from-unix;
    }
--- request
GET /unix
--- tcp_listen: $TEST_NGINX_SERVER_ROOT/logs/mock.sock
--- tcp_query escape chomp
GET /from-unix HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nover unix\n
--- response_body
over unix
--- no_error_log
[error]

=== TEST 10: an upstream block and the backend's reply in several writes
--- http_config
    upstream backend {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /up {
        proxy_pass http://backend;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply json
["HTTP/1.0 200 OK\r\n", "Content-Length: 12\r\n\r\n", "hello", " world\n"]
--- response_body
hello world
--- no_error_log
[error]

=== TEST 11: a backend that keeps its connection open after a complete response
--- config
    location /up {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /up
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_no_close
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nopen\n
--- response_body
open

=== TEST 12: the resolver queries a UDP DNS server (a mock that answers garbage)
--- config
    resolver 127.0.0.1:$TEST_NGINX_RAND_PORT_2 valid=1s;
    resolver_timeout 200ms;
    location /dyn {
        set $backend "backend.invalid";
        proxy_pass http://$backend:80;
    }
--- request
GET /dyn
--- udp_listen: $TEST_NGINX_RAND_PORT_2
--- udp_reply escape chomp
\x00\x01
--- error_code: 502
--- error_log
short DNS response
