System.properties.remove('site-health.it.nginx')?.close()
System.properties.remove('site-health.it.nsd')?.close()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
// The configured host (with "_", a valid reg-name) answered its 301 fine: the redirect target is blamed.
assert log.contains('DNS_NXDOMAIN, hop dns: The host gone.example.test does not resolve')
assert !log.contains('is not an absolute http(s) URL')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
def finding = results.checks[0].finding
assert finding.code == 'DNS_NXDOMAIN'
assert finding.hop == 'dns'
assert finding.evidence.contains("redirect 1: 301 Moved Permanently -> http://gone.example.test:${itPort}/".toString())
