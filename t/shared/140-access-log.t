# The access log: the default combined format, log_format with the log-phase variables,
# escape=default/json/none, several logs and formats, access_log per location, off, if=,
# buffer= and flush=. The runner's access_log/no_access_log sections read logs/access.log.
# default_no_error_log: [error]

=== TEST 1: the default format is combined
--- config
    location = /t {
        return 200 "hello\n";
    }
--- request
GET /t?a=1
--- more_headers
User-Agent: agent/1.0
Referer: http://referer.test/x
--- access_log regex
^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET /t\?a=1 HTTP/1\.1" 200 6 "http://referer\.test/x" "agent/1\.0"$

=== TEST 2: missing values are "-"
--- request
GET /t
--- access_log regex
"GET /t HTTP/1\.1" 200 6 "-" "-"$

=== TEST 3: log-phase variables in a log_format of our own
--- http_config
    log_format vars 'status=$status body=$body_bytes_sent bytes=$bytes_sent len=$request_length '
                    'time=$request_time msec=$msec conn=$connection reqs=$connection_requests '
                    'pid=$pid iso=$time_iso8601 uri=$uri args=$args method=$request_method';
--- config
    access_log logs/access.log vars;
    location = /t {
        return 200 "hello\n";
    }
--- request
GET /t?x=1
--- access_log regex
^status=200 body=6 bytes=1\d\d len=59 time=\d+\.\d{3} msec=\d{10}\.\d{3} conn=\d+ reqs=1 pid=\d+ iso=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d uri=/t args=x=1 method=GET$

=== TEST 4: a HEAD sends no body bytes; empty $args is "-"
--- request
HEAD /t
--- access_log regex
^status=200 body=0 bytes=1\d\d len=56 .* args=- method=HEAD$

=== TEST 5: a body nobody read (return discards it) is not in $request_length
--- request
POST /t
0123456789
--- access_log regex
^status=200 body=6 bytes=1\d\d len=76 .* method=POST$

=== TEST 6: the status after an error page is the final one
--- http_config
    log_format vars 'status=$status body=$body_bytes_sent bytes=$bytes_sent len=$request_length '
                    'time=$request_time msec=$msec conn=$connection reqs=$connection_requests '
                    'pid=$pid iso=$time_iso8601 uri=$uri args=$args method=$request_method';
--- config
    access_log logs/access.log vars;
    error_page 404 =299 /fallback;
    location = /fallback {
        return 200 "fallback\n";
    }
--- request
GET /missing
--- error_code: 299
--- error_log
No such file or directory
--- access_log regex
^status=299 body=9 .* uri=/fallback args=- method=GET$

=== TEST 7: $connection_requests and $connection on a kept-alive connection
--- http_config
    log_format conn 'conn=$connection reqs=$connection_requests';
--- config
    access_log logs/access.log conn;
    location = /t {
        return 200 "ok\n";
    }
--- pipelined_requests json
["GET /t", "GET /t", "GET /t"]
--- access_log regex
^conn=\d+ reqs=1$
^conn=\d+ reqs=2$
^conn=\d+ reqs=3$

=== TEST 8: default escaping: quotes, backslashes, controls and bytes >= 0x7f become \xHH
--- http_config
    log_format esc 'ua=[$http_user_agent] empty=[$http_x_none]';
--- config
    access_log logs/access.log esc;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a"b\\c\x01d\x7fe\xc3\xa9\r\nConnection: close\r\n\r\n
--- access_log
ua=[a\x22b\x5Cc\x01d\x7Fe\xC3\xA9] empty=[-]

=== TEST 9: escape=json: JSON escapes for controls below 0x20; DEL and bytes >= 0x80 as they are; empty stays empty
--- http_config
    log_format js escape=json '{"ua":"$http_user_agent","empty":"$http_x_none"}';
--- config
    access_log logs/access.log js;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a"b\\c\x01d\x7fe\xc3\xa9\ttab\r\nConnection: close\r\n\r\n
--- access_log regex
^\{"ua":"a\\"b\\\\c\\u0001d\x7fe\u00e9\\ttab","empty":""\}$

=== TEST 10: escape=none: as they are, empty stays empty
--- http_config
    log_format raw escape=none 'ua=[$http_user_agent] empty=[$http_x_none]';
--- config
    access_log logs/access.log raw;
    location = /t {
        return 200 "ok\n";
    }
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a"b\\c\r\nConnection: close\r\n\r\n
--- access_log
ua=[a"b\c] empty=[]

=== TEST 11: two access_log lines write two lines per request
--- http_config
    log_format one 'one $uri';
    log_format two 'two $uri $status';
--- config
    access_log logs/access.log one;
    access_log logs/access.log two;
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /t
--- access_log
one /t
two /t 200

=== TEST 12: access_log per location replaces the server's
--- http_config
    log_format srv 'server-level $uri';
    log_format loc 'location-level $uri';
--- config
    access_log logs/access.log srv;
    location = /mine {
        access_log logs/access.log loc;
        return 200 "ok\n";
    }
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /mine
--- access_log
location-level /mine
--- no_access_log
server-level

=== TEST 13: the server-level log where the location has none
--- request
GET /t
--- access_log
server-level /t
--- no_access_log
location-level

=== TEST 14: a location logging to another file leaves access.log alone
--- config
    location = /elsewhere {
        access_log logs/other.log;
        return 200 "ok\n";
    }
--- request
GET /elsewhere
--- wait: 0.3
--- no_access_log
/elsewhere

=== TEST 15: access_log off
--- config
    location = /quiet {
        access_log off;
        return 200 "ok\n";
    }
--- request
GET /quiet
--- wait: 0.3
--- no_access_log
/quiet

=== TEST 16: if= skips the line when the condition is empty or "0"
--- http_config
    log_format cond 'cond $request_uri';
--- config
    access_log logs/access.log cond if=$arg_log;
    location = /t {
        return 200 "ok\n";
    }
--- request json
["GET /t?log=0", "GET /t?log=", "GET /t?log=yes", "GET /t?nolog"]
--- wait: 0.3
--- access_log
cond /t?log=yes
--- no_access_log
cond /t?log=0
cond /t?log=&
cond /t?nolog

=== TEST 17: buffer= holds lines back
--- http_config
    log_format buf 'buffered $request_uri';
--- config
    access_log logs/access.log buf buffer=32k flush=1s;
    location = /t {
        return 200 "ok\n";
    }
--- request
GET /t?n=1
--- wait: 0.3
--- no_access_log
buffered

=== TEST 18: flush= writes them out after at most that long
--- request
GET /t?n=2
--- wait: 1.5
--- access_log
buffered /t?n=1
buffered /t?n=2

=== TEST 19: a line that does not fit the buffer pushes the buffered ones out
--- http_config
    log_format big 'big $request_uri $http_x_pad';
--- config
    access_log logs/access.log big buffer=256;
    location = /t {
        return 200 "ok\n";
    }
--- request json
["GET /t?n=1", "GET /t?n=2"]
--- more_headers
X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
--- wait: 0.3
--- access_log
big /t?n=1
--- no_access_log
big /t?n=2

=== TEST 20: a body read for a handler (proxy_pass) is in $request_length, chunk framing too
--- http_config
    log_format len 'len=$request_length status=$status';
--- config
    access_log logs/access.log len;
    location = /p {
        proxy_pass http://127.0.0.1:$TEST_NGINX_RAND_PORT_1;
    }
--- request json
["POST /p\n0123456789"]
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query_len: 1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
--- access_log
len=86 status=200

=== TEST 21: a chunked body counts its framing (84-byte head + 25 wire bytes)
--- raw_request escape
POST /p HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query_len: 1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
--- access_log
len=109 status=200

=== TEST 22: chunk extensions and trailers count too (84-byte head + 47 wire bytes)
--- raw_request escape
POST /p HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5;ext=1\r\nhello\r\n5\r\nworld\r\n0\r\nX-Trailer: yes\r\n\r\n
--- tcp_listen: $TEST_NGINX_RAND_PORT_1
--- tcp_query_len: 1
--- tcp_reply escape chomp
HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- response_body
ok
--- access_log
len=131 status=200
