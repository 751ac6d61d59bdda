def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('<endpoint><url> "htp:/nope" is not an absolute http(s) URL (endpoint "broken") (checks.yaml line 8)')
// nothing is probed when the configuration is invalid
assert !new File(basedir, 'target/site-health/results.json').exists()
