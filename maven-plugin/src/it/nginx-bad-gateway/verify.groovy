System.properties.remove('site-health.it.nginx')?.close()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[DOWN] checkout: 502 Bad Gateway')
assert log.contains('HTTP_502, hop origin: The origin fails when asked directly too (connection refused')
assert log.contains('502-bad-gateway.html#origin-unreachable')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
def finding = results.checks[0].finding
assert finding.code == 'HTTP_502'
assert finding.hop == 'origin'
assert finding.evidence.any { it.startsWith('answered by: nginx') }
