# Header lines nginx refuses (400, with the line shown up to the offending byte), the ones it
# drops (ignore_invalid_headers, underscores_in_headers), and which server answers the 400s.
# Header values: only spaces around them go (tabs stay), and what that does to the headers
# nginx reads itself (Host, Content-Length, Transfer-Encoding, Connection, Range).
# log_level: info

=== DEFAULTS
--- config
    location = /t {
        return 200 "ok a=[$http_x_a] b=[$http_x_b]\n";
    }

=== TEST 1: a space in a name
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nBad Header: 1\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "Bad\x20..." while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"

=== TEST 2: a space before the colon
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A : 1\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "X-A\x20..."

=== TEST 3: a folded (continued) line
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n  more\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "\x20..."

=== TEST 4: a line starting with a colon
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\n: v\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "\x3a..."

=== TEST 5: a control byte in a name
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX\u0001A: v\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "X\x01..."

=== TEST 6: a NUL in a value
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "X-A: a\x00..."

=== TEST 7: a bare CR in a value
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A: a\rb\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "X-A: a\x0d..."

=== TEST 8: other control bytes in a value are kept
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\nConnection: close\r\n\r\n"]
--- response_body escape
ok a=[a\x01b] b=[]

=== TEST 9: names with other bytes are dropped by default
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nX.B: 2\r\nX_A: 3\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[] b=[]

=== TEST 10: with ignore_invalid_headers off they are kept as they came
--- config
    ignore_invalid_headers off;
    location = /t {
        return 200 "ok a=[$http_x_a] b=[$http_x_b]\n";
    }
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nX_A: 3\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[3] b=[]

=== TEST 11: underscores_in_headers on admits X_A
--- config
    underscores_in_headers on;
    location = /t {
        return 200 "ok a=[$http_x_a] b=[$http_x_b]\n";
    }
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX_A: 3\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[3] b=[]

=== TEST 12: a dropped header is logged at info
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[] b=[]
--- error_log
client sent invalid header line: "X(A): 1" while reading client request headers

=== TEST 13: error_page applies to a malformed request's 400
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name other.test;
        error_page 400 =200 /err400;
        location = /err400 {
            return 200 "other's 400 page\n";
        }
    }
--- raw_request json
["GET /t HTTP/1.1\r\nBad Header\r\nConnection: close\r\n\r\n"]
--- response_body
other's 400 page

=== TEST 14: once Host was read, its server answers the 400 and is the one logged
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name other.test;
    }
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nBad Header\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid header line: "Bad\x20..." while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"

=== TEST 15: a dropped line is logged with what was read before it: server and host switch at Host
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name other.test;
    }
--- raw_request json
["GET /t HTTP/1.1\r\nX(B): 1\r\nHost: localhost\r\nX(A): 1\r\nReferer: http://r.test/\r\nX{C}\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[] b=[]
--- error_log
client sent invalid header line: "X(B): 1" while reading client request headers, client: 127.0.0.1, server: other.test, request: "GET /t HTTP/1.1"
client sent invalid header line: "X(A): 1" while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
client sent invalid header line: "X{C}" while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost", referrer: "http://r.test/"
--- no_error_log
"X(B): 1" while reading client request headers, client: 127.0.0.1, server: other.test, request: "GET /t HTTP/1.1", host:

=== TEST 16: the line is shown up to the end of its value: spaces after it go, tabs stay
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A):   1 2  \r\nX(B):\t1\t\r\nX(C):   \r\nX_A: 3\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[] b=[]
--- grep_error_log regex
client sent invalid header line: ".*" while
--- grep_error_log_out
client sent invalid header line: "X(A):   1 2" while
client sent invalid header line: "X(B):	1	" while
client sent invalid header line: "X(C):   " while
client sent invalid header line: "X_A: 3" while

=== TEST 17: dropped lines are logged before a later line's 400
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- grep_error_log regex
client sent \w+ header line: "[^"]*"
--- grep_error_log_out
client sent invalid header line: "X(A): 1"
client sent duplicate header line: "Content-Length: 2"

=== TEST 18: ignore_invalid_headers off keeps the line, and says nothing
--- config
    ignore_invalid_headers off;
    location = /t {
        return 200 "ok a=[$http_x_a] b=[$http_x_b]\n";
    }
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nX_A: 3\r\nConnection: close\r\n\r\n"]
--- response_body
ok a=[3] b=[]
--- no_error_log
invalid header line

=== TEST 19: a client that stops after a dropped line: the line is logged, then the timeout
--- config
    client_header_timeout 1;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape chomp
GET /t HTTP/1.1\r\nHost: localhost\r\nX(A): 1\r\nX-B: 2\r\n
--- timeout: 4
--- ignore_response
--- wait: 0.3
--- grep_error_log regex
client (?:sent invalid header line|timed out).* while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
--- grep_error_log_out
client sent invalid header line: "X(A): 1" while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
client timed out (110: Connection timed out) while reading client request headers, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
--- access_log
"GET /t HTTP/1.1" 408 0

=== TEST 20: spaces around a value go, tabs stay
--- config
    location = /t {
        return 200 "ok a=[$http_x_a] b=[$http_x_b]\n";
    }
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A:\t1\t\r\nX-B:   2   \r\nConnection: close\r\n\r\n"]
--- response_body escape
ok a=[\t1\t] b=[2]

=== TEST 21: only the spaces at either end go: tabs inside them and spaces inside the value stay
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A:  \t 1 \t  \r\nX-B:  1  \t  2  \r\nConnection: close\r\n\r\n"]
--- response_body escape
ok a=[\t 1 \t] b=[1  \t  2]

=== TEST 22: a value of tabs only is kept, one of spaces only is empty
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nX-A:\t\t\r\nX-B:    \r\nConnection: close\r\n\r\n"]
--- response_body escape
ok a=[\t\t] b=[]

=== TEST 23: a tab after "close" still closes the connection
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nConnection:\tclose\t\r\n\r\n"]
--- response_headers
Connection: close

=== TEST 24: a tab before a Host value makes it invalid
--- raw_request json
["GET /t HTTP/1.1\r\nHost:\tlocalhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid host header while reading client request headers

=== TEST 25: a tab after a Content-Length value makes it invalid
--- raw_request json
["POST /t HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\t\r\nConnection: close\r\n\r\nx"]
--- error_code: 400
--- error_log
client sent invalid "Content-Length" header while reading client request headers

=== TEST 26: a tab after "chunked" makes it an unknown Transfer-Encoding
--- raw_request json
["POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\t\r\nConnection: close\r\n\r\n0\r\n\r\n"]
--- error_code: 501
--- error_log
client sent unknown "Transfer-Encoding": "chunked	" while reading client request headers

=== TEST 27: a tab after "keep-alive" still keeps an HTTP/1.0 connection
--- raw_request json
["GET /t HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\t\r\n\r\n"]
--- response_headers
Connection: keep-alive
--- shutdown

=== TEST 28: Connection is searched for "close", then "keep-alive", anywhere in its value
--- raw_request json
["GET /t HTTP/1.0\r\nHost: localhost\r\nConnection: Keep-Alive, xclosex\r\n\r\n"]
--- response_headers
Connection: close
--- shutdown

=== TEST 29: the last Connection line decides
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nConnection: keep-alive\r\n\r\n"]
--- response_headers
Connection: keep-alive
--- shutdown

=== TEST 30: a Connection line with neither word leaves the one before in force
--- raw_request json
["GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nConnection: upgrade\r\n\r\n"]
--- response_headers
Connection: close

=== TEST 31: a tab after a Range value makes it unsatisfiable
--- config
--- user_files
>>> f.txt
0123456789
--- raw_request json
["GET /f.txt HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-1\t\r\nConnection: close\r\n\r\n"]
--- error_code: 416
