# error_page and add_header.
# default_no_error_log: [error]

=== TEST 1: error_page serves a custom page for 404
--- user_files
>>> 404.html
custom not found
--- config
    error_page 404 /404.html;
--- request
GET /missing
--- error_code: 404
--- response_body
custom not found
--- error_log
No such file or directory

=== TEST 2: error_page can change the status with =code
--- user_files
>>> fallback.txt
fallback
--- config
    error_page 404 =200 /fallback.txt;
--- request
GET /missing
--- response_body
fallback
--- error_log
No such file or directory

=== TEST 3: error_page to a named location
--- config
    location = /deny {
        return 403;
    }
    error_page 403 = @denied;
    location @denied {
        return 200 "denied handled for $uri\n";
    }
--- request
GET /deny
--- response_body
denied handled for /deny

=== TEST 4: error_page for a status set by return
--- config
    location = /gone {
        return 410;
    }
    error_page 410 /gone.txt;
    location = /gone.txt {
        return 200 "it is gone\n";
    }
--- request
GET /gone
--- error_code: 410
--- response_body
it is gone

=== TEST 5: error_page redirects to a URL
--- config
    location = /old {
        return 404;
    }
    error_page 404 http://example.com/moved;
--- request
GET /old
--- error_code: 302
--- response_headers
Location: http://example.com/moved

=== TEST 6: add_header on a 200 response
--- config
    location = /t {
        add_header X-Test "yes";
        add_header X-Uri $uri;
        return 200 "ok\n";
    }
--- request
GET /t
--- response_headers
X-Test: yes
X-Uri: /t

=== TEST 7: add_header is skipped for 404 without always
--- config
    location = /t {
        add_header X-Plain "plain";
        add_header X-Always "always" always;
        return 404;
    }
--- request
GET /t
--- error_code: 404
--- response_headers
!X-Plain
X-Always: always

=== TEST 8: add_header in a location replaces the server-level ones
--- config
    add_header X-Server "server";
    location = /inherit {
        return 200 "ok\n";
    }
    location = /own {
        add_header X-Location "location";
        return 200 "ok\n";
    }
--- request json
["GET /inherit", "GET /own"]
--- response_headers json
["X-Server: server\n!X-Location", "X-Location: location\n!X-Server"]

=== TEST 9: several headers with the same name
--- config
    location = /t {
        add_header Set-Cookie "a=1";
        add_header Set-Cookie "b=2";
        return 200 "ok\n";
    }
--- request
GET /t
--- raw_response_headers_like
Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n

=== TEST 10: an empty add_header value adds nothing
--- config
    location = /t {
        set $empty "";
        add_header X-Empty $empty;
        return 200 "ok\n";
    }
--- request
GET /t
--- response_headers
!X-Empty

=== TEST 11: expires sets Cache-Control
--- config
    location = /t {
        expires 1h;
        return 200 "ok\n";
    }
--- request
GET /t
--- response_headers
Cache-Control: max-age=3600
--- response_headers_like
Expires: GMT$
