# Location matching: exact, prefix, longest prefix, ^~, regexes in order, nesting, named.
# default_no_error_log: [error]

=== TEST 1: exact match wins over prefix
--- config
    location = /a {
        return 200 "exact\n";
    }
    location /a {
        return 200 "prefix\n";
    }
--- request
GET /a
--- response_body
exact

=== TEST 2: prefix matches what exact does not
--- request
GET /abc
--- response_body
prefix

=== TEST 3: longest prefix wins
--- config
    location /a/ {
        return 200 "short\n";
    }
    location /a/b/ {
        return 200 "long\n";
    }
--- request json
["GET /a/b/c", "GET /a/c", "GET /a/b"]
--- response_body json
["long\n", "short\n", "short\n"]

=== TEST 4: a regex beats a prefix
--- config
    location /img/ {
        return 200 "prefix\n";
    }
    location ~ \.png$ {
        return 200 "regex\n";
    }
--- request json
["GET /img/a.png", "GET /img/a.gif"]
--- response_body json
["regex\n", "prefix\n"]

=== TEST 5: ^~ stops the regex search
--- config
    location ^~ /static/ {
        return 200 "static\n";
    }
    location ~ \.png$ {
        return 200 "regex\n";
    }
--- request json
["GET /static/a.png", "GET /other/a.png"]
--- response_body json
["static\n", "regex\n"]

=== TEST 6: the first matching regex wins, in conf order
--- config
    location ~ /a {
        return 200 "first\n";
    }
    location ~ /a/b {
        return 200 "second\n";
    }
--- request
GET /a/b
--- response_body
first

=== TEST 7: ~ is case-sensitive, ~* is not
--- config
    location ~ \.TXT$ {
        return 200 "sensitive\n";
    }
    location ~* \.txt$ {
        return 200 "insensitive\n";
    }
--- request json
["GET /a.TXT", "GET /a.Txt", "GET /a.txt"]
--- response_body json
["sensitive\n", "insensitive\n", "insensitive\n"]

=== TEST 8: regex captures
--- config
    location ~ ^/user/(\d+)/(\w+)$ {
        return 200 "id=$1 action=$2\n";
    }
--- request
GET /user/42/edit
--- response_body
id=42 action=edit

=== TEST 9: named captures
--- config
    location ~ ^/item/(?<item>[a-z]+)$ {
        return 200 "item=$item\n";
    }
--- request
GET /item/apple
--- response_body
item=apple

=== TEST 10: nested locations
--- config
    location /outer/ {
        location /outer/inner/ {
            return 200 "inner\n";
        }
        return 200 "outer\n";
    }
--- request json
["GET /outer/inner/x", "GET /outer/x"]
--- response_body json
["inner\n", "outer\n"]

=== TEST 11: regex inside a prefix location
--- config
    location /files/ {
        location ~ \.php$ {
            return 403;
        }
        return 200 "file\n";
    }
--- request json
["GET /files/a.php", "GET /files/a.txt"]
--- error_code json
[403, 200]

=== TEST 12: location = / only matches the root
--- config
    location = / {
        return 200 "root\n";
    }
--- request json
["GET /", "GET /index.html"]
--- response_body_like json
["^root\n$", "It works!"]

=== TEST 13: matching uses the decoded, normalised URI
--- config
    location = "/a b/c" {
        return 200 "matched $uri\n";
    }
--- request
GET /x/../a%20b//c
--- response_body
matched /a b/c

=== TEST 14: named location reached through try_files
--- config
    location /app/ {
        try_files /nope @fallback;
    }
    location @fallback {
        return 200 "fallback for $uri\n";
    }
--- request
GET /app/page
--- response_body
fallback for /app/page
