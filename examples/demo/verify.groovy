// The demo's self-check, run by the plugin's integration tests: the build stays green, the log
// shows each diagnosis, and the status page names the 502 and links its runbook.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('NoClassDefFoundError')
assert log.contains('[DOWN] checkout: 502 Bad Gateway')
assert log.contains('HTTP_502, hop origin: The origin fails when asked directly too')
assert log.contains('HTTP_502, hop edge: The origin answers 200 OK directly, but the edge answers 502 Bad Gateway')
assert log.contains('HTTP_504, hop origin')
assert log.contains('set <failOnError> to true to fail it')
assert log.contains('[UP] www.sandbox.test. CNAME')
assert log.contains('DNS_MISMATCH, hop dns')
assert log.contains('DNS_DANGLING_CNAME, hop dns')
assert log.contains('DNS_NXDOMAIN, hop dns')
assert log.contains('site-health: status page file:')

def page = new File(basedir, 'target/site-health/index.html')
assert page.isFile()
def text = page.text
assert text.contains('HTTP_502')
assert text.contains('The origin fails when asked directly too')
assert text.contains('runbooks/502-bad-gateway.html#origin-unreachable')
assert text.contains('Checkout errors during the CDN migration')
assert new File(basedir, 'target/site-health/runbooks/static-assets.html').isFile()
