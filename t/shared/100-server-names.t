# Virtual server selection by Host: exact names, wildcards, regex names with captures, the
# precedence between them, default_server, and how the Host header is normalised first.
# default_no_error_log: [error]

=== DEFAULTS
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name first.test;
        return 200 "first $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT default_server;
        server_name default.test;
        return 200 "default $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name www.example.com;
        return 200 "exact $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name *.example.com;
        return 200 "head-wildcard $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name *.deep.example.com;
        return 200 "longer-head-wildcard $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name www.example.* mail.example.*;
        return 200 "tail-wildcard $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name .dot.test;
        return 200 "dot $server_name $host\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^(?<user>[a-z]+)\.(?<site>[a-z]+)\.regex\.test$;
        return 200 "named $server_name user=$user site=$site 1=$1 2=$2\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^([a-z]+)-([0-9]+)\.regex\.test$ ~^.*\.regex\.test$;
        return 200 "numbered $server_name 1=$1 2=$2\n";
    }
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^www\.example\.com$ ~^www\.example\.org$ ~^x\.example\.com$;
        return 200 "regex-loses $server_name\n";
    }
--- config
    location = /t {
        return 200 "test server $server_name $host\n";
    }

=== TEST 1: an exact name
--- request
GET /t
--- more_headers
Host: www.example.com
--- response_body
exact www.example.com www.example.com

=== TEST 2: the test server's own name
--- request
GET /t
--- more_headers
Host: localhost
--- response_body
test server localhost localhost

=== TEST 3: a leading wildcard
--- request
GET /t
--- more_headers
Host: foo.example.com
--- response_body
head-wildcard *.example.com foo.example.com

=== TEST 4: a leading wildcard covers several labels
--- request
GET /t
--- more_headers
Host: a.b.example.com
--- response_body
head-wildcard *.example.com a.b.example.com

=== TEST 5: the longest leading wildcard wins
--- request
GET /t
--- more_headers
Host: x.deep.example.com
--- response_body
longer-head-wildcard *.deep.example.com x.deep.example.com

=== TEST 6: *.example.com does not match example.com itself
--- request
GET /t
--- more_headers
Host: example.com
--- response_body
default default.test example.com

=== TEST 7: a trailing wildcard
--- request
GET /t
--- more_headers
Host: www.example.org
--- response_body
tail-wildcard www.example.* www.example.org

=== TEST 8: a trailing wildcard covers several labels
--- request
GET /t
--- more_headers
Host: mail.example.co.uk
--- response_body
tail-wildcard www.example.* mail.example.co.uk

=== TEST 9: an exact name beats a trailing wildcard and a regex
--- request
GET /t
--- more_headers
Host: www.example.com
--- response_body
exact www.example.com www.example.com

=== TEST 10: a leading wildcard beats a trailing wildcard and a regex
--- request
GET /t
--- more_headers
Host: x.example.com
--- response_body
head-wildcard *.example.com x.example.com

=== TEST 11: a trailing wildcard beats a regex
--- request
GET /t
--- more_headers
Host: www.example.org
--- response_body
tail-wildcard www.example.* www.example.org

=== TEST 12: .dot.test matches the bare name
--- request
GET /t
--- more_headers
Host: dot.test
--- response_body
dot dot.test dot.test

=== TEST 13: .dot.test matches subdomains
--- request
GET /t
--- more_headers
Host: a.b.dot.test
--- response_body
dot dot.test a.b.dot.test

=== TEST 14: a regex name with named captures, usable in the server
--- request
GET /t
--- more_headers
Host: alice.blog.regex.test
--- response_body
named ~^(?<user>[a-z]+)\.(?<site>[a-z]+)\.regex\.test$ user=alice site=blog 1=alice 2=blog

=== TEST 15: numbered captures of a regex name
--- request
GET /t
--- more_headers
Host: node-42.regex.test
--- response_body
numbered ~^([a-z]+)-([0-9]+)\.regex\.test$ 1=node 2=42

=== TEST 16: regex names are tried in conf order (the first server's regex wins)
--- request
GET /t
--- more_headers
Host: a.b.c.regex.test
--- response_body
numbered ~^([a-z]+)-([0-9]+)\.regex\.test$ 1= 2=

=== TEST 17: no match goes to the default_server, not the first server
--- request
GET /t
--- more_headers
Host: nowhere.test
--- response_body
default default.test nowhere.test

=== TEST 18: the port in Host is ignored for selection and dropped from $host
--- request
GET /t
--- more_headers
Host: www.example.com:8080
--- response_body
exact www.example.com www.example.com

=== TEST 19: an upper-case Host is lower-cased
--- request
GET /t
--- more_headers
Host: WWW.Example.COM
--- response_body
exact www.example.com www.example.com

=== TEST 20: one trailing dot is dropped
--- request
GET /t
--- more_headers
Host: www.example.com.
--- response_body
exact www.example.com www.example.com

=== TEST 21: HTTP/1.0 without Host: the default server, $host is its name
--- raw_request escape
GET /t HTTP/1.0\r\n\r\n
--- response_body
default default.test default.test

=== TEST 22: an absolute-form target's host wins over the Host header
--- raw_request escape
GET http://www.example.com/t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
exact www.example.com www.example.com

=== TEST 23: a Host with a slash is invalid: 400 from the default server
--- request
GET /t
--- more_headers
Host: a/b
--- error_code: 400
--- error_log
client sent invalid host header while reading client request headers

=== TEST 24: a Host with two dots in a row is invalid
--- request
GET /t
--- more_headers
Host: www..example.com
--- error_code: 400
--- error_log
client sent invalid host header while reading client request headers

=== TEST 25: an empty Host is invalid
--- raw_request escape
GET /t HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid host header while reading client request headers

=== TEST 26: a Host that is only a dot is invalid
--- request
GET /t
--- more_headers
Host: .
--- error_code: 400

=== TEST 27: a Host with a space inside is invalid
--- request
GET /t
--- more_headers
Host: www.example .com
--- error_code: 400

=== TEST 28: a leading dot is allowed
--- request
GET /t
--- more_headers
Host: .www.example.com
--- response_body
head-wildcard *.example.com .www.example.com

=== TEST 29: a backslash is allowed (only / is a path separator)
--- request
GET /t
--- more_headers
Host: a\b.example.com
--- response_body
head-wildcard *.example.com a\b.example.com

=== TEST 30: an IPv6 literal Host keeps its brackets and loses its port
--- request
GET /t
--- more_headers
Host: [::1]:8080
--- response_body
default default.test [::1]

=== TEST 31: a bare IP Host with a port
--- request
GET /t
--- more_headers
Host: 127.0.0.1:$TEST_NGINX_SERVER_PORT
--- response_body
default default.test 127.0.0.1

=== TEST 32: a slash after the port is still invalid
--- request
GET /t
--- more_headers
Host: www.example.com:80/x
--- error_code: 400

=== TEST 33: two dots in a row after the port are still invalid
--- request
GET /t
--- more_headers
Host: www.example.com:8..0
--- error_code: 400

=== TEST 34: an unclosed IPv6 bracket is taken whole
--- request
GET /t
--- more_headers
Host: [::1
--- response_body
default default.test [::1

=== TEST 35: a Host that is only a port is invalid
--- request
GET /t
--- more_headers
Host: :8080
--- error_code: 400

=== TEST 36: a trailing dot before the port is dropped too
--- request
GET /t
--- more_headers
Host: www.example.com.:8080
--- response_body
exact www.example.com www.example.com

=== TEST 37: a duplicate Host header is a 400
--- log_level: info
--- raw_request escape
GET /t HTTP/1.1\r\nHost: localhost\r\nHost: www.example.com\r\nConnection: close\r\n\r\n
--- error_code: 400
--- error_log
client sent duplicate host header: "Host: www.example.com", previous value: "Host: localhost" while reading client request headers

=== TEST 38: captures are numbered as PCRE numbers them, atomic groups and all
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^(?>x+)-(\w+)\.atomic\.test$ ~^a++b-(\w+)\.possessive\.test$;
        return 200 "1=$1 2=[$2]\n";
    }
--- config
--- request
GET /t
--- more_headers
Host: xx-abc.atomic.test
--- response_body
1=abc 2=[]

=== TEST 39: with a possessive quantifier too
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^(?>x+)-(\w+)\.atomic\.test$ ~^a++b-(\w+)\.possessive\.test$;
        return 200 "1=$1 2=[$2]\n";
    }
--- config
--- request
GET /t
--- more_headers
Host: aab-def.possessive.test
--- response_body
1=def 2=[]
