# Built-in variables, each compared with nginx's exact value. Values that differ from run to
# run (times, pids, ports) are matched by shape; the ones that only mean something in the log
# phase are checked in the access log.
# default_no_error_log: [error]

=== TEST 1: $uri, $request_uri, $args, $is_args, $arg_*
--- config
    location /v/ {
        return 200 "uri=$uri request_uri=$request_uri args=$args is_args=$is_args x=$arg_x name=$arg_name empty=$arg_empty none=[$arg_none] document_uri=$document_uri query_string=$query_string\n";
    }
--- request
GET /v/a%20b/../c?x=1&Name=two&empty=&x=3
--- response_body
uri=/v/c request_uri=/v/a%20b/../c?x=1&Name=two&empty=&x=3 args=x=1&Name=two&empty=&x=3 is_args=? x=1 name=two empty= none=[] document_uri=/v/c query_string=x=1&Name=two&empty=&x=3

=== TEST 2: a bare "?" has no args, so $is_args is empty
--- request
GET /v/?
--- response_body
uri=/v/ request_uri=/v/? args= is_args= x= name= empty= none=[] document_uri=/v/ query_string=

=== TEST 3: $arg_* values stay escaped; a key without "=" is an empty value
--- request
GET /v/?x=a%20b+c&name
--- response_body
uri=/v/ request_uri=/v/?x=a%20b+c&name args=x=a%20b+c&name is_args=? x=a%20b+c name= empty= none=[] document_uri=/v/ query_string=x=a%20b+c&name

=== TEST 4: $arg_* matches whole names only; values run to the next "&"
--- config
    location = /a {
        return 200 "a=[$arg_a] b=[$arg_b] c=[$arg_c]\n";
    }
--- request
GET /a?xa=1&a&b=2=3&&c=%41;d
--- response_body
a=[] b=[2=3] c=[%41;d]

=== TEST 5: $args after set $args and after a rewrite with new args
--- config
    location /set {
        set $args "a=1&b=2";
        return 200 "args=$args a=$arg_a is_args=$is_args request_uri=$request_uri\n";
    }
    location /rw {
        rewrite ^ /set2?c=3 break;
        return 200 "unreachable\n";
    }
    location /rw2 {
        rewrite ^/rw2/(.*)$ /x/$1?c=3;
        return 200 "uri=$uri args=$args c=$arg_c old=$arg_old request_uri=$request_uri\n";
    }
--- request
GET /rw2/y?old=1
--- response_body
uri=/x/y args=c=3&old=1 c=3 old=1 request_uri=/rw2/y?old=1

=== TEST 6: set $args replaces the query
--- request
GET /set?z=9
--- response_body
args=a=1&b=2 a=1 is_args=? request_uri=/set?z=9

=== TEST 7: $http_*: dashes become underscores, names are case-insensitive, the value is as sent
--- config
    location = /h {
        return 200 "ua=$http_user_agent x=$http_x_my_header host=$http_host missing=[$http_x_missing]\n";
    }
--- request
GET /h
--- more_headers
User-Agent: tester/1.0
x-MY-header:   spaced value  
Host: LocalHost:8080
--- response_body
ua=tester/1.0 x=spaced value host=LocalHost:8080 missing=[]

=== TEST 8: a repeated unknown header: $http_* is the first one (nginx 1.22)
--- raw_request escape
GET /h HTTP/1.1\r\nHost: localhost\r\nX-My-Header: one\r\nX-My-Header: two\r\nConnection: close\r\n\r\n
--- response_body
ua= x=one host=localhost missing=[]

=== TEST 9: repeated X-Forwarded-For and Cookie headers are joined (nginx 1.22)
--- config
    location = /h {
        return 200 "xff=$http_x_forwarded_for cookie=$http_cookie\n";
    }
--- raw_request escape
GET /h HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 1.1.1.1\r\nX-Forwarded-For: 2.2.2.2, 3.3.3.3\r\nCookie: a=1\r\nCookie: b=2\r\nConnection: close\r\n\r\n
--- response_body
xff=1.1.1.1, 2.2.2.2, 3.3.3.3 cookie=a=1; b=2

=== TEST 10: $cookie_*: any case, spaces around "=", the first Cookie header that has it
--- config
    location = /c {
        return 200 "a=$cookie_a b=$cookie_b long=$cookie_long_name none=[$cookie_none] upper=$cookie_up\n";
    }
    location = /c2 {
        return 200 "a=[$cookie_a] b=[$cookie_b] c=[$cookie_c] d=[$cookie_d]\n";
    }
--- raw_request escape
GET /c HTTP/1.1\r\nHost: localhost\r\nCookie: a=1; b = 2;long_name=x%20y\r\nCookie: UP=yes; a=again\r\nConnection: close\r\n\r\n
--- response_body
a=1 b=2 long=x%20y none=[] upper=yes

=== TEST 11: $cookie_* items end at ";" or ",", values only at ";"
--- raw_request escape
GET /c2 HTTP/1.1\r\nHost: localhost\r\nCookie: a=1, b=2;c=x y ; d\r\nConnection: close\r\n\r\n
--- response_body
a=[1, b=2] b=[2] c=[x y ] d=[]

=== TEST 12: connection variables
--- config
    location = /conn {
        return 200 "remote_addr=$remote_addr remote_port=$remote_port server_addr=$server_addr server_port=$server_port scheme=$scheme https=[$https] server_protocol=$server_protocol\n";
    }
--- request
GET /conn
--- response_body_like
^remote_addr=127\.0\.0\.1 remote_port=\d+ server_addr=127\.0\.0\.1 server_port=$TEST_NGINX_SERVER_PORT scheme=http https=\[\] server_protocol=HTTP/1\.1$

=== TEST 13: $request_method, $request, $host, $server_name, $hostname
--- config
    location = /req {
        return 200 "method=$request_method request=$request host=$host server_name=$server_name hostname=$hostname\n";
    }
--- request
POST /req?a=1
body
--- response_body_like
^method=POST request=POST /req\?a=1 HTTP/1\.1 host=localhost server_name=localhost hostname=[^ ]+$

=== TEST 14: $content_type and $content_length come from the request headers
--- config
    location = /ct {
        return 200 "type=[$content_type] length=[$content_length]\n";
    }
--- request
POST /ct
hello
--- more_headers
Content-Type: text/x-test; charset=utf-8
--- response_body
type=[text/x-test; charset=utf-8] length=[5]

=== TEST 15: without a body they are empty
--- request
GET /ct
--- response_body
type=[] length=[]

=== TEST 16: $connection and $connection_requests on a keep-alive connection
--- config
    location = /n {
        return 200 "$connection_requests\n";
    }
--- pipelined_requests json
["GET /n", "GET /n", "GET /n"]
--- response_body json
["1\n", "2\n", "3\n"]

=== TEST 17: the values of the moment during the request (return has set the status)
--- config
    location = /now {
        return 200 "status=$status body_bytes_sent=$body_bytes_sent request_time=$request_time msec=$msec pid=$pid connection=$connection\n";
    }
--- request
GET /now
--- response_body_like
^status=200 body_bytes_sent=0 request_time=0\.\d{3} msec=\d{10}\.\d{3} pid=\d+ connection=\d+$

=== TEST 18: $time_local and $time_iso8601
--- config
    location = /time {
        return 200 "local=$time_local iso=$time_iso8601\n";
    }
--- request
GET /time
--- response_body_like
^local=\d\d/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}:\d\d:\d\d:\d\d [+-]\d{4} iso=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$

=== TEST 19: $nginx_version
--- config
    location = /ver {
        return 200 "$nginx_version\n";
    }
--- request
GET /ver
--- response_body
1.22.1

=== TEST 20: $document_root and $realpath_root
--- config
    location /docroot/ {
        root $TEST_NGINX_HTML_DIR/../html;
        return 200 "document_root=$document_root realpath_root=$realpath_root request_filename=$request_filename\n";
    }
--- request
GET /docroot/x.txt
--- response_body
document_root=$TEST_NGINX_HTML_DIR/../html realpath_root=$TEST_NGINX_HTML_DIR request_filename=$TEST_NGINX_HTML_DIR/../html/docroot/x.txt

=== TEST 21: a relative root is taken from the prefix
--- config
    location /rel/ {
        root html;
        return 200 "document_root=$document_root realpath_root=$realpath_root\n";
    }
--- request
GET /rel/
--- response_body
document_root=$TEST_NGINX_SERVER_ROOT/html realpath_root=$TEST_NGINX_HTML_DIR

=== TEST 22: with alias, $document_root is the alias
--- config
    location /al/ {
        alias $TEST_NGINX_HTML_DIR/sub/;
        return 200 "document_root=$document_root request_filename=$request_filename\n";
    }
--- request
GET /al/f.txt
--- response_body
document_root=$TEST_NGINX_HTML_DIR/sub/ request_filename=$TEST_NGINX_HTML_DIR/sub/f.txt

=== TEST 23: $realpath_root of a root that does not exist is empty, and logged at crit
--- config
    location /gone/ {
        root $TEST_NGINX_HTML_DIR/no-such-dir;
        return 200 "realpath_root=[$realpath_root]\n";
    }
--- request
GET /gone/
--- response_body
realpath_root=[]

=== TEST 24: the failed realpath() is logged at crit
--- request
GET /gone/
--- response_body
realpath_root=[]
--- error_log
[crit]
realpath() "$TEST_NGINX_HTML_DIR/no-such-dir" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /gone/ HTTP/1.1", host: "localhost"

=== TEST 25: location regex captures, numbered and named
--- config
    location ~ ^/cap/(\w+)/(?<second>\w+)/(\d+)$ {
        return 200 "1=$1 2=$2 3=$3 4=[$4] 9=[$9] second=$second\n";
    }
--- request
GET /cap/alpha/beta/42
--- response_body
1=alpha 2=beta 3=42 4=[] 9=[] second=beta

=== TEST 26: (?P<name>) named captures
--- config
    location ~ ^/p/(?P<word>[a-z]+)$ {
        return 200 "word=$word 1=$1\n";
    }
--- request
GET /p/hello
--- response_body
word=hello 1=hello

=== TEST 27: location captures are numbered as PCRE numbers them (atomic groups add none)
--- config
    location ~ ^/atomic/(?>x+)-(\w+)/(?<name>\w+)$ {
        return 200 "1=$1 2=$2 name=$name\n";
    }
--- request
GET /atomic/xx-abc/def
--- response_body
1=abc 2=def name=def

=== TEST 28: rewrite captures replace the location's
--- config
    location ~ ^/rc/(\w+) {
        rewrite ^/rc/(\w+)/(?<num>\d+)$ /new/$2/$1;
        return 200 "uri=$uri 1=$1 2=$2 num=$num\n";
    }
--- request
GET /rc/abc/123
--- response_body
uri=/new/123/abc 1=abc 2=123 num=123

=== TEST 29: if regex captures replace the location's
--- config
    location ~ ^/ic/(\w+)$ {
        if ($http_x_val ~ ^(a+)(?<bees>b+)$) {
            return 200 "1=$1 2=$2 bees=$bees\n";
        }
        return 200 "no match 1=$1\n";
    }
--- request
GET /ic/zzz
--- more_headers
X-Val: aabbb
--- response_body
1=aa 2=bbb bees=bbb

=== TEST 30: a regex with captures that does not match clears the earlier captures
--- request
GET /ic/zzz
--- more_headers
X-Val: nope
--- response_body
no match 1=

=== TEST 31: so does a regex without captures
--- config
    location ~ ^/ic/(\w+)$ {
        if ($http_x_val ~ ^zz$) {
            return 200 "matched\n";
        }
        return 200 "no match 1=$1\n";
    }
--- request
GET /ic/zzz
--- more_headers
X-Val: nope
--- response_body
no match 1=

=== TEST 32: and a captureless regex that matches leaves $1 empty
--- config
    location ~ ^/ic/(\w+)$ {
        if ($http_x_val ~ ^zz$) {
            return 200 "matched 1=[$1]\n";
        }
        return 200 "no match 1=$1\n";
    }
--- request
GET /ic/zzz
--- more_headers
X-Val: zz
--- response_body
matched 1=[]

=== TEST 33: so does a rewrite regex that does not match
--- config
    location ~ ^/rw/(\w+)$ {
        rewrite ^/zzz(\d)$ /q;
        return 200 "1=[$1]\n";
    }
--- request
GET /rw/abc
--- response_body
1=[]

=== TEST 34: a failing regex location does not clear server_name captures
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^(\w+)\.cap\.test$;
        location ~ ^/nomatch(\d)$ {
            return 200 "x\n";
        }
        location / {
            return 200 "1=[$1]\n";
        }
    }
--- config
--- request
GET /t
--- more_headers
Host: abc.cap.test
--- response_body
1=[abc]

=== TEST 35: $request_body is empty when the body was not read
--- config
    location = /rb {
        return 200 "body=[$request_body]\n";
    }
--- request
POST /rb
data
--- response_body
body=[]

=== TEST 36: variables in the access log (combined by default)
--- config
    location = /log {
        return 200 "logged\n";
    }
--- request
GET /log?q=1
--- more_headers
User-Agent: ua "quoted"
Referer: http://ref.test/
--- access_log regex
^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET /log\?q=1 HTTP/1\.1" 200 7 "http://ref\.test/" "ua \\x22quoted\\x22"$

=== TEST 37: a failed realpath() is logged once, however often $realpath_root is used
--- config
    location /gone/ {
        root $TEST_NGINX_HTML_DIR/no-such-dir;
        add_header X-Realpath-Root "[$realpath_root]";
        return 200 "realpath_root=[$realpath_root][$realpath_root]\n";
    }
--- request
GET /gone/
--- response_headers
X-Realpath-Root: []
--- response_body
realpath_root=[][]
--- error_log
[crit]
--- grep_error_log: realpath()
--- grep_error_log_out
realpath()

=== TEST 38: after a failure $realpath_root stays empty, even where the root exists
--- config
    location /gone/ {
        root $TEST_NGINX_HTML_DIR/no-such-dir;
        set $first "[$realpath_root]";
        rewrite ^ /good/ last;
    }
    location /good/ {
        root $TEST_NGINX_HTML_DIR;
        return 200 "first=$first now=[$realpath_root]\n";
    }
--- request
GET /gone/
--- response_body
first=[] now=[]
--- error_log
realpath() "$TEST_NGINX_HTML_DIR/no-such-dir" failed (2: No such file or directory), client: 127.0.0.1

=== TEST 39: a success is computed again: a later failure is still logged
--- config
    location /gone/ {
        root $TEST_NGINX_HTML_DIR/no-such-dir;
        return 200 "first=$first now=[$realpath_root]\n";
    }
    location /good/ {
        root $TEST_NGINX_HTML_DIR;
        set $first "[$realpath_root]";
        rewrite ^ /gone/ last;
    }
--- request
GET /good/
--- response_body
first=[$TEST_NGINX_HTML_DIR] now=[]
--- error_log
realpath() "$TEST_NGINX_HTML_DIR/no-such-dir" failed (2: No such file or directory), client: 127.0.0.1

=== TEST 40: evaluated for the access log, the failure is logged "while logging request"
--- http_config
    log_format rp 'realpath_root=$realpath_root';
--- config
    location /gone/ {
        access_log logs/access.log rp;
        root $TEST_NGINX_HTML_DIR/no-such-dir;
        return 200 "ok\n";
    }
--- request
GET /gone/
--- response_body
ok
--- access_log
realpath_root=-
--- error_log
realpath() "$TEST_NGINX_HTML_DIR/no-such-dir" failed (2: No such file or directory) while logging request, client: 127.0.0.1, server: localhost, request: "GET /gone/ HTTP/1.1", host: "localhost"
