io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[DOWN] shop: 502 Bad Gateway')
assert log.contains('HTTP_502, hop origin')
assert log.contains('site-health.failOnError=false, the build goes on')
// said once, at the end of the report: not also on a line of its own before it
assert log.count('site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN') == 1

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].status == 'DOWN'
