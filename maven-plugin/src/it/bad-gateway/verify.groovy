io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[DOWN] shop: 502 Bad Gateway')
assert log.contains('1 site-health check DOWN:')
assert log.contains('- shop (http://127.0.0.1:')
assert log.contains('HTTP_502, hop origin')
assert log.contains('502-bad-gateway.html#origin-unreachable')
assert log.contains('site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].status == 'DOWN'
assert results.checks[0].finding.code == 'HTTP_502'
assert results.checks[0].finding.hop == 'origin'
assert results.checks[0].attempts.size() == 3
def junit = new File(basedir, 'target/site-health/TEST-site-health.xml').text
assert junit.contains('<failure type="HTTP_502"')
// the gate failed, and the page that explains it is there
def index = new File(basedir, 'target/site-health/index.html')
assert index.isFile()
assert index.text.contains('HTTP_502')
assert new File(basedir, 'target/site-health/runbooks/502-bad-gateway.html').isFile()
