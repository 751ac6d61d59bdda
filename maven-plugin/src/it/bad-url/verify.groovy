def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('<endpoint><url> "htp:/nope" is not an absolute http(s) URL (endpoint "home")')
assert log.contains('<endpoint><url> "https://a.example/x"y" has a character not allowed in a URL'
    + ' at index 20: \'"\' (percent-encode it as %22) (endpoint "quoted")')
assert log.contains('<endpoint><group> " " is blank: give it a value, or leave <group> out'
    + ' (check "spaced")')
assert !log.contains('(check "quoted")')
assert !new File(basedir, 'target/site-health/results.json').exists()
