# What tsresty sends upstream: the URI rules of proxy_pass and the header rules of
# proxy_set_header, as nginx builds the proxied request.
# default_no_error_log: [error]

=== TEST 1: a URI part replaces the matched prefix; the rest stays escaped as it came
--- config
    location /api/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/v2/;
    }
--- request
GET /api/a%20b/c?x=%20&y
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /v2/a%20b/c?x=%20&y HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 2: without a URI part the request target goes as the client sent it
--- config
    location /raw/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /raw//x/../y%41?q
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /raw//x/../y%41?q HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 3: after rewrite … last the new URI is sent, with the new location's prefix replaced
--- config
    location /old/ {
        rewrite ^/old/(.*)$ /new/$1 last;
    }
    location /new/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/backend/;
    }
--- request
GET /old/x%41?k=v
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /backend/xA?k=v HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 4: proxy_pass with variables and a URI part sends that URI alone
--- config
    location /v {
        set $target "http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/fixed?from=var";
        proxy_pass $target;
    }
--- request
GET /v/ignored?a=b
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /fixed?from=var HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 5: an internal redirect sends the new URI, escaped
--- config
    location /missing/ {
        log_not_found off;
        error_page 404 = "/fallback page";
    }
    location /fallback {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
GET /missing/x?a=b
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /fallback%20page HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 6: proxy_set_header order, empty values, and client headers of the same name
--- config
    location /h {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header User-Agent "";
        proxy_set_header X-Proxy "$proxy_host|$proxy_port";
        proxy_set_header X-Unset $http_x_not_sent;
    }
--- request
GET /h
--- more_headers
User-Agent: secret-agent
X-Forwarded-For: 10.0.0.1
X-Unset: from-client
X-Kept: yes
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /h HTTP/1.0\r\nX-Forwarded-For: 10.0.0.1, 127.0.0.1\r\nX-Proxy: 127.0.0.1:$TEST_NGINX_RAND_PORT_1|$TEST_NGINX_RAND_PORT_1\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nX-Kept: yes\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 7: proxy_http_version 1.1 with Connection "" (the keepalive setup)
--- config
    location /k {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }
--- request
GET /k
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /k HTTP/1.1\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 8: proxy_pass_request_headers off sends only nginx's own headers
--- config
    location /p {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_pass_request_headers off;
    }
--- request
GET /p
--- more_headers
X-Client: dropped
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /p HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 9: proxy_method and proxy_set_body replace the method and the body
--- config
    location /m {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_method PUT;
        proxy_set_body "uri=$uri";
    }
--- request
GET /m
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
PUT /m HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 6\r\n\r\nuri=/m
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 10: proxy_pass_request_body off keeps the client's Content-Length but sends no body
--- config
    location /nb {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_pass_request_body off;
    }
--- request
POST /nb
hello
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /nb HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 5\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 11: HEAD is passed on, and the upstream's Content-Length reaches the client
--- config
    location /head {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
HEAD /head
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
HEAD /head HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/x-test\r\n\r\n
--- response_headers
Content-Length: 1234
Content-Type: text/x-test
--- response_body chomp

=== TEST 12: an empty Content-Length still goes upstream for a client that sent one
--- config
    location /zero {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request
POST /zero
--- more_headers
Content-Length: 0
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /zero HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
