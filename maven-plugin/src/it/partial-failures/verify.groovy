System.properties.remove('site-health.it.nginx')?.close()
System.properties.remove('site-health.it.nsd')?.close()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('SOME_ADDRESSES_FAIL')
assert log.contains('2 of 4 addresses fail: 127.0.0.3 refuses the connection; 127.0.0.4 answers 502 Bad Gateway; 127.0.0.2, ::1 pass.')
assert log.contains('partial-failures.html#one-address-fails')
assert log.contains('[UP] steady')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
def pool = results.checks.find { it.name == 'pool' }
assert pool.status == 'DOWN'
assert pool.finding.code == 'SOME_ADDRESSES_FAIL'
assert pool.addresses*.address == ['127.0.0.2', '127.0.0.3', '127.0.0.4', '::1']
assert pool.addresses.find { it.address == '127.0.0.3' }.code == 'CONNECT_REFUSED'
assert pool.addresses.find { it.address == '127.0.0.4' }.code == 'HTTP_502'
assert pool.addresses.find { it.address == '127.0.0.4' }.failureRate == 100
assert pool.addresses.find { it.address == '127.0.0.2' }.failedSamples == 0
assert pool.sampling.samples == 12
assert pool.sampling.failed == 6
def steady = results.checks.find { it.name == 'steady' }
assert steady.status == 'UP'
assert steady.sampling.samples == 5
assert steady.sampling.failed == 0

def metrics = new File(basedir, 'target/site-health/metrics.prom').text
assert metrics.contains('address="127.0.0.3"')
def junit = new File(basedir, 'target/site-health/TEST-site-health.xml').text
assert junit.contains('127.0.0.3')
