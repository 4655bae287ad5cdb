# Static files from the html dir: root, alias, index, try_files, directories, ranges.
# default_no_error_log: [error]

=== TEST 1: a user file is served from html/
--- user_files
>>> hello.txt
hello, file
--- request
GET /hello.txt
--- response_body
hello, file
--- response_headers
Content-Length: 12
Accept-Ranges: bytes

=== TEST 2: files in sub-directories
--- user_files
>>> a/b/c.html
<p>deep</p>
--- request
GET /a/b/c.html
--- response_body
<p>deep</p>

=== TEST 3: HEAD on a static file has Content-Length but no body
--- user_files
>>> big.txt
0123456789
--- request
HEAD /big.txt
--- response_body chomp
--- response_headers
Content-Length: 11

=== TEST 4: without a types block only html, gif and jpg are known; the rest gets default_type
--- user_files
>>> page.html
<b>x</b>
>>> photo.jpg
jpg
>>> notes.txt
txt
--- request json
["GET /page.html", "GET /photo.jpg", "GET /notes.txt"]
--- response_headers json
["Content-Type: text/html", "Content-Type: image/jpeg", "Content-Type: text/plain"]

=== TEST 5: a types block maps extensions
--- user_files
>>> page.html
<b>x</b>
>>> data.json
{}
--- config
    location /typed/ {
        alias $TEST_NGINX_HTML_DIR/;
        types {
            text/html html;
            application/json json;
        }
    }
--- request json
["GET /typed/page.html", "GET /typed/data.json"]
--- response_headers json
["Content-Type: text/html", "Content-Type: application/json"]

=== TEST 6: index file of a directory
--- user_files
>>> docs/index.html
docs index
--- request
GET /docs/
--- response_body
docs index

=== TEST 7: a custom index list, first existing file wins
--- user_files
>>> site/home.htm
home
--- config
    location /site/ {
        root $TEST_NGINX_HTML_DIR;
        index main.html home.htm;
    }
--- request
GET /site/
--- response_body
home

=== TEST 8: a directory without a trailing slash redirects
--- user_files
>>> dir/index.html
dir index
--- request
GET /dir
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/

=== TEST 9: a directory without index is forbidden
--- user_files
>>> empty/readme.txt
nothing to see
--- request
GET /empty/
--- error_code: 403
--- error_log
directory index of
is forbidden

=== TEST 10: alias maps a prefix to another folder
--- user_files
>>> assets/logo.txt
LOGO
--- config
    location /static/ {
        alias $TEST_NGINX_HTML_DIR/assets/;
    }
--- request
GET /static/logo.txt
--- response_body
LOGO

=== TEST 11: try_files takes the first file that exists
--- user_files
>>> second.txt
second
--- config
    location /try/ {
        root $TEST_NGINX_HTML_DIR;
        try_files /first.txt /second.txt =404;
    }
--- request
GET /try/anything
--- response_body
second

=== TEST 12: try_files falls back to a status code
--- config
    location /try/ {
        root $TEST_NGINX_HTML_DIR;
        try_files $uri =418;
    }
--- request
GET /try/missing
--- error_code: 418

=== TEST 13: try_files with $uri/ finds a directory index
--- user_files
>>> spa/index.html
spa shell
--- config
    location /spa/ {
        root $TEST_NGINX_HTML_DIR;
        try_files $uri $uri/ /spa/index.html;
    }
--- request json
["GET /spa/", "GET /spa/deep/route"]
--- response_body json
["spa shell\n", "spa shell\n"]

=== TEST 14: a byte range gives 206 and Content-Range
--- user_files
>>> digits.txt
0123456789
--- request
GET /digits.txt
--- more_headers
Range: bytes=2-5
--- error_code: 206
--- response_body chomp
2345
--- response_headers
Content-Range: bytes 2-5/11
Content-Length: 4

=== TEST 15: an unsatisfiable range gives 416
--- user_files
>>> digits.txt
0123456789
--- request
GET /digits.txt
--- more_headers
Range: bytes=100-200
--- error_code: 416
--- response_headers
Content-Range: bytes */11

=== TEST 16: POST to a static file is not allowed
--- user_files
>>> form.txt
form
--- request
POST /form.txt
a=1
--- error_code: 405

=== TEST 17: Last-Modified and ETag are sent for files
--- user_files
>>> tagged.txt
tagged
--- request
GET /tagged.txt
--- response_headers_like
Last-Modified: ^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$
ETag: ^"[0-9a-f]+-7"$
