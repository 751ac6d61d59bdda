io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('[UP] home: 200 OK')
assert log.contains('site-health: 1 check, 1 UP, 0 DEGRADED, 0 DOWN')
assert log.contains('BUILD SUCCESS')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.schemaVersion == 1
assert results.checks[0].name == 'home'
assert results.checks[0].status == 'UP'
assert results.checks[0].finding == null
assert new File(basedir, 'target/site-health/TEST-site-health.xml').text.contains('name="home"')
