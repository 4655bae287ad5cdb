# $bytes_sent and $body_bytes_sent to the byte, for tsresty's own response heads: the shared
# suite (t/shared/140-access-log.t) can only match their shape, since nginx's Server header
# is shorter. The head here: status line 17, "Server: tsresty" 17, Date 37, Content-Type 26,
# Content-Length 19 (one digit), Connection 19, blank line 2 = 137 bytes.

=== TEST 1: a return: head plus body
--- http_config
    server_tokens off;
    log_format sent 'sent=$bytes_sent body=$body_bytes_sent status=$status';
--- config
    access_log logs/access.log sent;
    location = /t {
        return 200 "hello\n";
    }
--- request
GET /t
--- response_body
hello
--- access_log
sent=143 body=6 status=200

=== TEST 2: HEAD: the head only
--- request
HEAD /t
--- access_log
sent=137 body=0 status=200

=== TEST 3: an error page: its head (a 24-byte status line, text/html) and its 148-byte page
--- request
GET /missing
--- error_code: 404
--- access_log
sent=293 body=148 status=404
