# The client's request body on its way upstream: read whole first, within
# client_max_body_size, sent again to the next server when one fails.

=== TEST 1: a chunked body over client_max_body_size is refused with 413
--- config
    location /up {
        client_max_body_size 8;
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- raw_request escape
POST /up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n
--- error_code: 413
--- error_log
client intended to send too large chunked body

=== TEST 2: the body goes again to the next server after a refused connect
--- http_config
    upstream pair {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_2;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /post {
        proxy_pass http://pair;
    }
--- request
POST /post
a=1&b=2
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /post HTTP/1.0\r\nHost: pair\r\nConnection: close\r\nContent-Length: 7\r\n\r\na=1&b=2
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 3: $request_body is there once the body was read for proxying
--- config
    location /echo {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        add_header X-Got "$request_body";
    }
--- request
POST /echo
payload
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
X-Got: payload
--- no_error_log
[error]

=== TEST 4: a body split over several packets arrives whole
--- config
    location /slow {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- raw_request json
["POST /slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 10\r\n\r\nhello", "world"]
--- raw_request_middle_delay: 0.1
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /slow HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 10\r\n\r\nhelloworld
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
