# Basic request/response behaviour every nginx-compatible server must have.
# default_no_error_log: [error]

=== TEST 1: return with a text body
--- config
    location = /t {
        return 200 "hello, world\n";
    }
--- request
GET /t
--- response_body
hello, world
--- response_headers
Content-Type: text/plain
Content-Length: 13

=== TEST 2: the default location / serves html/index.html
--- request
GET /
--- response_body_like
It works!
--- response_headers_like
Content-Length: ^\d+$

=== TEST 3: unknown file gives 404
--- request
GET /no-such-file
--- error_code: 404
--- response_body_like: 404 Not Found
--- error_log
No such file or directory
--- no_error_log
[crit]

=== TEST 4: HEAD gets headers without a body
--- config
    location = /t {
        return 200 "hello, world\n";
    }
--- request
HEAD /t
--- response_body chomp
--- response_headers
Content-Length: 13

=== TEST 5: HTTP/1.0 request
--- config
    location = /t {
        return 200 "proto=$server_protocol\n";
    }
--- request
GET /t HTTP/1.0
--- response_body
proto=HTTP/1.0

=== TEST 6: query string arguments
--- config
    location = /t {
        return 200 "name=$arg_name age=$arg_age args=$args\n";
    }
--- request
GET /t?name=ts&age=3
--- response_body
name=ts age=3 args=name=ts&age=3

=== TEST 7: request headers as variables
--- config
    location = /t {
        return 200 "ua=$http_user_agent foo=$http_x_foo\n";
    }
--- request
GET /t
--- more_headers
User-Agent: spec-runner
X-Foo: bar baz
--- response_body
ua=spec-runner foo=bar baz

=== TEST 8: return with a status only
--- config
    location = /t {
        return 403;
    }
--- request
GET /t
--- error_code: 403
--- response_body_like: 403 Forbidden

=== TEST 9: 204 has no body
--- config
    location = /t {
        return 204;
    }
--- request
GET /t
--- error_code: 204
--- response_body chomp
--- response_headers
!Content-Length

=== TEST 10: request variables
--- config
    location /t {
        return 200 "$request_method $request_uri $uri $host\n";
    }
--- request
POST /t/a%20b?x=1
hello
--- response_body
POST /t/a%20b?x=1 /t/a b localhost

=== TEST 11: server_name and $server_name
--- server_name: example.test
--- config
    location = /t {
        return 200 "$server_name\n";
    }
--- request
GET /t
--- response_body
example.test

=== TEST 12: the test port in a macro
--- config
    location = /t {
        return 200 "port $server_port\n";
    }
--- request
GET /t
--- response_body
port $TEST_NGINX_SERVER_PORT
