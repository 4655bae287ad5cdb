# The request line: HTTP versions as nginx reads them, HTTP/0.9, absolute-form targets, and
# framing headers that depend on the version.
# log_level: info

=== TEST 1: HTTP/1.01 is HTTP/1.1, HTTP/1.999 too
--- config
    location = /t {
        return 200 "ok $server_protocol\n";
    }
--- raw_request json
["GET /t HTTP/1.01\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- response_body
ok HTTP/1.01

=== TEST 2: a first major digit 0 is an invalid request (400)
--- raw_request json
["GET /t HTTP/01.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid request while reading client request line, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/01.1"

=== TEST 3: HTTP/2 without a minor version is already an unsupported version (505)
--- raw_request json
["GET /t HTTP/2\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 505
--- error_log
client sent invalid version while reading client request line

=== TEST 4: so is HTTP/1000.0
--- raw_request json
["GET /t HTTP/1000.0\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 505

=== TEST 5: a four-digit minor version is invalid (400)
--- raw_request json
["GET /t HTTP/1.1000\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid request while reading client request line

=== TEST 6: HTTP/1 without a minor version is invalid (400)
--- raw_request json
["GET /t HTTP/1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400

=== TEST 7: HTTP/0.9 only knows GET: anything else is a bare 400 page, without a status line
--- http_config
    log_format sent '"$request" $status sent=$bytes_sent body=$body_bytes_sent';
--- config
    access_log logs/access.log sent;
    location = /t {
        return 200 "ok $server_protocol\n";
    }
--- raw_request json
["POST /t\r\n"]
--- ignore_response
--- error_log
client sent invalid method in HTTP/0.9 request while reading client request line, client: 127.0.0.1, server: localhost, request: "POST /t"
--- access_log regex
^"POST /t" 400 sent=(\d+) body=\1$

=== TEST 8: an HTTP/0.9 GET is answered with the body alone, then the connection closes
--- raw_request json
["GET /t\r\n"]
--- ignore_response
--- access_log
"GET /t" 200 sent=4 body=4

=== TEST 9: an absolute-form target does not stand in for the Host header of HTTP/1.1
--- raw_request json
["GET http://localhost/t HTTP/1.1\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent HTTP/1.1 request without "Host" header while reading client request headers

=== TEST 10: with a Host header, the target's host picks the server and $host
--- config
    location = /t {
        return 200 "ok $host\n";
    }
--- raw_request json
["GET http://Target.Test:8080/t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- response_body
ok target.test

=== TEST 11: a target without a path is "/"
--- config
    location = / {
        return 200 "root $uri $request_uri\n";
    }
--- raw_request json
["GET http://localhost HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- response_body
root / /

=== TEST 12: Transfer-Encoding on an HTTP/1.0 request is refused
--- raw_request json
["POST /t HTTP/1.0\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"]
--- error_code: 400
--- error_log
client sent HTTP/1.0 request with "Transfer-Encoding" header while reading client request headers

=== TEST 13: the host of an absolute-form target is letters, digits, dots and dashes only
--- config
    location ~ ^/ {
        return 200 "uri=$uri args=$args host=$host\n";
    }
--- raw_request json
["GET http://user@localhost/t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400
--- error_log
client sent invalid request while reading client request line

=== TEST 14: an underscore in it is invalid too
--- raw_request json
["GET http://a_b/t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400

=== TEST 15: a port must be digits
--- raw_request json
["GET http://localhost:x/t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- error_code: 400

=== TEST 16: a query right after the host is the root with args
--- raw_request json
["GET http://Other.Test:80?a=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- response_body
uri=/ args=a=1 host=other.test

=== TEST 17: an IPv6 literal host keeps its brackets
--- raw_request json
["GET http://[::1]:80/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
--- response_body
uri=/x args= host=[::1]
