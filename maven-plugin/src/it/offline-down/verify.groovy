io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
// the second build ran offline (the goal says so), and the gate ran anyway
assert log.contains('site-health: offline mode (-o) does not skip the checks')
assert log.contains('[DOWN] shop: 502 Bad Gateway')
assert log.contains('site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN')
assert log.contains('BUILD FAILURE')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].status == 'DOWN'
assert results.checks[0].finding.code == 'HTTP_502'
