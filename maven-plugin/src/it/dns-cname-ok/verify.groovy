System.properties.remove('site-health.it.nsd')?.close()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[UP] www.example.test. CNAME')
def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].kind == 'dns'
assert results.checks[0].status == 'UP'
