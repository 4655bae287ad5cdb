# A chunked request body whose framing breaks. A location that reads the body (proxy_pass)
# parses it in order: a chunk that passes client_max_body_size before the break is a 413, the
# break itself a 400. Elsewhere nginx discards the body unread when it answers: a `return` with
# text or a code below 400 and a static file answer 400 instead, whatever the limit; a special
# response (an error status, error_page's target aside) keeps its status. Either way the line
# is logged once, at error, and the connection closes after the answer.
# log_level: info

=== DEFAULTS
--- config
    lingering_timeout 100ms;
    location = /read {
        client_max_body_size 8;
        proxy_pass http://127.0.0.1:1;
    }
    location = /text {
        client_max_body_size 8;
        return 200 "text\n";
    }
    location = /redirect {
        return 302 /elsewhere;
    }
    location = /missing {
        return 404;
    }
    location = /denied {
        deny all;
    }
    location = /page {
        error_page 404 = /text;
        return 404;
    }
    location /files/ {
    }
--- user_files
>>> files/f.txt
file

=== TEST 1: read: a chunk past the limit before the framing breaks is a 413
--- raw_request escape
POST /read HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n5\r\nworld\r\nzz\r\n0\r\n\r\n
--- error_code: 413
--- error_log
[error]
client intended to send too large chunked body: 5+5 bytes, client: 127.0.0.1, server: localhost, request: "POST /read HTTP/1.1", host: "localhost"
--- no_error_log
invalid chunked body

=== TEST 2: read: a break before the chunk past the limit is a 400
--- raw_request escape
POST /read HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\nzz\r\n5\r\nworld\r\n0\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid chunked body, client: 127.0.0.1, server: localhost, request: "POST /read HTTP/1.1", host: "localhost"
--- grep_error_log regex
\[\w+\](?= \S+ \*\d+ client sent invalid chunked body)
--- grep_error_log_out
[error]

=== TEST 3: discarded by a return with text: 400, the limit plays no part
--- raw_request escape
POST /text HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\nzz\r\n0\r\n\r\n
--- error_code: 400
--- response_headers
Connection: close
--- error_log
client sent invalid chunked body, client: 127.0.0.1, server: localhost, request: "POST /text HTTP/1.1", host: "localhost"
--- grep_error_log regex
\[\w+\](?= \S+ \*\d+ client sent invalid chunked body)
--- grep_error_log_out
[error]

=== TEST 4: discarded by a return of a redirect: 400
--- raw_request escape
POST /redirect HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 400
--- response_headers
Connection: close
!Location
--- error_log
client sent invalid chunked body

=== TEST 5: discarded by a static file: 400
--- raw_request escape
GET /files/f.txt HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 400
--- response_headers
Connection: close
--- error_log
client sent invalid chunked body

=== TEST 6: a return of an error code keeps it, and the connection closes
--- raw_request escape
POST /missing HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 404
--- response_headers
Connection: close
--- error_log
client sent invalid chunked body, client: 127.0.0.1, server: localhost, request: "POST /missing HTTP/1.1", host: "localhost"
--- grep_error_log regex
\[\w+\](?= \S+ \*\d+ client sent invalid chunked body)
--- grep_error_log_out
[error]

=== TEST 7: so does a denied request
--- raw_request escape
POST /denied HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 403
--- response_headers
Connection: close
--- error_log
access forbidden by rule
--- grep_error_log regex
\[\w+\](?= \S+ \*\d+ client sent invalid chunked body)
--- grep_error_log_out
[error]

=== TEST 8: and a missing static file
--- raw_request escape
GET /files/none.txt HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 404
--- response_headers
Connection: close
--- error_log
client sent invalid chunked body

=== TEST 9: an error_page target that discards answers 400, logged once
--- raw_request escape
POST /page HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n
--- error_code: 400
--- response_headers
Connection: close
--- error_log
client sent invalid chunked body, client: 127.0.0.1, server: localhost, request: "POST /page HTTP/1.1", host: "localhost"
--- grep_error_log regex
\[\w+\](?= \S+ \*\d+ client sent invalid chunked body)
--- grep_error_log_out
[error]
