io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[DOWN] shop: 502 Bad Gateway')
assert log.contains('HTTP_502, hop origin')
assert log.contains('site-health.failOnError=false, the build goes on')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].status == 'DOWN'
