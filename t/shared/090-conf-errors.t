# Configuration errors: the server must refuse to start and say why (must_die).

=== TEST 1: unknown directive
--- config
    location = /t {
        no_such_directive on;
    }
--- must_die
--- error_log
[emerg]
unknown directive "no_such_directive"

=== TEST 2: the error names the conf file and line
--- config
    location = /t {
        no_such_directive on;
    }
--- must_die
--- error_log
unknown directive "no_such_directive" in $TEST_NGINX_SERVER_ROOT/conf/nginx.conf:19

=== TEST 3: invalid number of arguments
--- config
    location = /t {
        return;
    }
--- must_die
--- error_log
invalid number of arguments in "return" directive

=== TEST 4: directive not allowed here
--- config
    location = /t {
        worker_connections 10;
    }
--- must_die
--- error_log
"worker_connections" directive is not allowed here

=== TEST 5: duplicate location
--- config
    location = /t {
        return 200;
    }
    location = /t {
        return 204;
    }
--- must_die
--- error_log
duplicate location "/t"

=== TEST 6: a missing semicolon makes the closing brace unexpected
--- config
    location = /t {
        return 200 "x"
    }
--- must_die
--- error_log
unexpected "}" in $TEST_NGINX_SERVER_ROOT/conf/nginx.conf:20

=== TEST 7: a stray closing brace at the top level
--- config
    location = /t {
        return 200;
    }
--- post_main_config
}
--- must_die
--- error_log
unexpected "}"

=== TEST 8: a closing brace too many ends the server block early
--- config
    location = /t {
        return 200;
    }
    }
--- must_die
--- error_log
"location" directive is not allowed here

=== TEST 9: unknown variable
--- config
    location = /t {
        return 200 "$no_such_variable";
    }
--- must_die
--- error_log
unknown "no_such_variable" variable

=== TEST 10: invalid value
--- config
    keepalive_timeout abc;
--- must_die
--- error_log
"keepalive_timeout" directive invalid value

=== TEST 11: a regex that does not compile
--- config
    location ~ ^/(unclosed {
        return 200;
    }
--- must_die
--- error_log
pcre2_compile() failed: missing closing parenthesis

=== TEST 12: invalid location modifier
--- config
    location ~~ /t {
        return 200;
    }
--- must_die
--- error_log
invalid location modifier "~~"

=== TEST 13: a duplicate scalar directive
--- config
    location = /t {
        root /a;
        root /b;
    }
--- must_die
--- error_log
"root" directive is duplicate

=== TEST 14: a good conf after the bad ones starts normally
--- config
    location = /t {
        return 200 "recovered\n";
    }
--- request
GET /t
--- response_body
recovered
