# Parsing requests off the wire: raw and malformed requests, request bodies, limits.

=== TEST 1: a raw request, byte for byte
--- config
    location = /t {
        return 200 "raw ok\n";
    }
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
raw ok

=== TEST 2: a request split over several packets
--- raw_request json
["GET /t HT", "TP/1.1\r\nHost: loc", "alhost\r\nConnection: close\r\n\r\n"]
--- raw_request_middle_delay: 0.01
--- response_body
raw ok

=== TEST 3: garbage instead of a request line gets 400
--- raw_request escape
NONSENSE\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid method while reading client request line

=== TEST 4: HTTP/1.1 without Host gets 400
--- raw_request escape
GET /t HTTP/1.1\r\nConnection: close\r\n\r\n
--- error_code: 400
--- error_log
client sent HTTP/1.1 request without "Host" header

=== TEST 5: HTTP/1.0 without Host is fine
--- raw_request escape
GET /t HTTP/1.0\r\n\r\n
--- response_body
raw ok

=== TEST 6: an invalid header line gets 400
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid header line

=== TEST 7: a lowercase method is invalid
--- raw_request escape
get /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 8: an unsupported major HTTP version gets 505
--- raw_request escape
GET /t HTTP/2.0\r\nHost: localhost\r\n\r\n
--- error_code: 505
--- error_log
client sent invalid version

=== TEST 9: Content-Length and Transfer-Encoding together get 400
--- raw_request escape
POST /t HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
--- error_code: 400
--- error_log
client sent "Content-Length" and "Transfer-Encoding" headers at the same time

=== TEST 10: a body over client_max_body_size gets 413
--- config
    location = /upload {
        client_max_body_size 10;
        proxy_pass http://127.0.0.1:1/;
    }
--- request
POST /upload
0123456789ABCDEF
--- error_code: 413
--- error_log
client intended to send too large body: 16 bytes

=== TEST 11: a chunked request body is de-chunked when proxied
--- config
    location = /echo {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1/got;
    }
--- raw_request escape
POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /got HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 11\r\n\r\nhello world
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
--- no_error_log
[error]

=== TEST 12: a bad chunk size gets 400
--- raw_request escape
POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid chunked body

=== TEST 13: a request body with Content-Length reaches the backend whole
--- request
POST /echo
name=value&x=1
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query escape chomp
POST /got HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_RAND_PORT_1\r\nConnection: close\r\nContent-Length: 14\r\n\r\nname=value&x=1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok

=== TEST 14: Expect: 100-continue gets an interim 100 before the final response
--- request
POST /echo
abc
--- more_headers
Expect: 100-continue
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query_len: 1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfinal
--- response_body chomp
final
--- raw_response_headers_like
^HTTP/1.1 200 OK\r\n

=== TEST 15: a request line over large_client_header_buffers gets 414
--- config
    large_client_header_buffers 2 1k;
    location /a {
        return 200 "short enough\n";
    }
--- request
GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
--- error_code: 414

=== TEST 16: a keep-alive raw request ends when the client half-closes (shutdown)
--- config
    location = /t {
        return 200 "raw ok\n";
    }
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\n
--- shutdown
--- response_body
raw ok
--- response_headers
Connection: keep-alive

=== TEST 17: two requests in one raw packet are answered in order
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
raw ok
--- error_log
No such file or directory
