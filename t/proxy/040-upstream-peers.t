# upstream {} blocks: which server is tried, proxy_next_upstream, and what $upstream_addr and
# $upstream_status record. $TEST_NGINX_RAND_PORT_2 has nothing listening.

=== TEST 1: a refused server is skipped for the next one, and both are recorded
--- http_config
    upstream pair {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_2;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /rr {
        proxy_pass http://pair;
        add_header X-Tries "$upstream_addr | $upstream_status";
    }
--- request
GET /rr
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
X-Tries: 127.0.0.1:$TEST_NGINX_RAND_PORT_2, 127.0.0.1:$TEST_NGINX_RAND_PORT_1 | 502, 200
--- error_log
connect() failed (111: Connection refused) while connecting to upstream
upstream server temporarily disabled while connecting to upstream

=== TEST 2: a backup server is used only when the primary ones fail
--- http_config
    upstream withbackup {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_2;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1 backup;
    }
--- config
    location /b {
        proxy_pass http://withbackup;
        add_header X-Tries "$upstream_addr";
    }
--- request
GET /b
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_headers
X-Tries: 127.0.0.1:$TEST_NGINX_RAND_PORT_2, 127.0.0.1:$TEST_NGINX_RAND_PORT_1

=== TEST 3: only down servers: no live upstreams, logged with the upstream's name
--- http_config
    upstream dead {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1 down;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_2 down;
    }
--- config
    location /dead {
        proxy_pass http://dead;
    }
--- request
GET /dead
--- error_code: 502
--- error_log
no live upstreams while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /dead HTTP/1.1", upstream: "http://dead/dead", host: "localhost"

=== TEST 4: proxy_next_upstream off stops after the first failure
--- http_config
    upstream pair {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_2;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /once {
        proxy_pass http://pair;
        proxy_next_upstream off;
    }
--- request
GET /once
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- error_code: 502
--- error_log
connect() failed (111: Connection refused) while connecting to upstream

=== TEST 5: http_502 in proxy_next_upstream retries on a 502 answer; the last one passes through
--- http_config
    upstream same {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /retry {
        proxy_pass http://same;
        proxy_next_upstream error timeout http_502;
        add_header X-Status "$upstream_status" always;
    }
--- request
GET /retry
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 502 Bad Gateway\r\nContent-Length: 5\r\n\r\nbusy\n
--- error_code: 502
--- response_headers
X-Status: 502, 502
--- response_body
busy

=== TEST 6: a POST is not sent to another server once it was sent to one
--- http_config
    upstream same {
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        server 127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- config
    location /post {
        proxy_pass http://same;
        proxy_next_upstream error timeout http_502;
        add_header X-Status "$upstream_status" always;
    }
--- request
POST /post
data
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 502 Bad Gateway\r\nContent-Length: 5\r\n\r\nbusy\n
--- error_code: 502
--- response_headers
X-Status: 502

=== TEST 7: proxy_intercept_errors without an error_page for the status passes the answer on
--- config
    location /pass {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_intercept_errors on;
        error_page 500 /never.html;
    }
--- request
GET /pass
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 404 Not Found\r\nContent-Length: 10\r\n\r\nupstream!\n
--- error_code: 404
--- response_body
upstream!

=== TEST 8: an intercepted error goes to the error page, with the upstream's status
--- config
    location /intercept {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
        proxy_intercept_errors on;
        error_page 404 /err.html;
    }
    location = /err.html {
        return 200 "own error page\n";
    }
--- request
GET /intercept
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_reply escape chomp
HTTP/1.0 404 Not Found\r\nContent-Length: 10\r\n\r\nupstream!\n
--- error_code: 404
--- response_body
own error page

=== TEST 9: a single server that failed is tried again on the next request
--- config
    location /single {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_2;
    }
--- request json
["GET /single", "GET /single"]
--- error_code json
[502, 502]
--- grep_error_log chomp
connect() failed (111: Connection refused)
--- grep_error_log_out
connect() failed (111: Connection refused)
connect() failed (111: Connection refused)
--- no_error_log
no live upstreams
