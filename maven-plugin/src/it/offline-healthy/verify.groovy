io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
// the second build ran offline (the goal says so), and the checks ran anyway
assert log.contains('site-health: offline mode (-o) does not skip the checks')
assert log.contains('[UP] home: 200 OK')
assert log.contains('site-health: 1 check, 1 UP, 0 DEGRADED, 0 DOWN')
assert log.contains('BUILD SUCCESS')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].name == 'home'
assert results.checks[0].status == 'UP'
