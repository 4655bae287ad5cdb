# After `rewrite … break` the request keeps its location but the URI no longer belongs to it
# (nginx's valid_location): proxy_pass sends the whole changed URI, without its URI part.

=== TEST 1: the rewritten URI goes to the upstream whole
--- config
    location /c/ {
        rewrite ^/c/(.*)$ /c/z$1 break;
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/v3/;
    }
--- request
GET /c/y
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /c/zy HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 2: without the rewrite the URI part replaces the location prefix
--- config
    location /c/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/v3/;
    }
--- request
GET /c/y
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
GET /v3/y HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\n\r\n
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
