System.properties.remove('site-health.it.nsd')?.close()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('DNS_MISMATCH, hop dns')
assert log.contains('d111111abcdef8.cloudfront.net.')
assert log.contains('edge.cdn.test.')
def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
assert results.checks[0].kind == 'dns'
assert results.checks[0].status == 'DOWN'
assert results.checks[0].finding.code == 'DNS_MISMATCH'
assert results.checks[0].finding.hop == 'dns'
assert results.checks[0].finding.runbook == 'runbooks/dns.html#mismatch'
