def server = System.properties.remove('site-health.it.hostile')
def startNanos = System.properties.remove('site-health.it.hostile.startNanos') as long
def elapsedMs = (System.nanoTime() - startNanos).intdiv(1_000_000)
long endlessBytes
try {
  endlessBytes = server.bytesSent('/endless')
} finally {
  server.close()
}

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('OutOfMemoryError')
assert log.contains('site-health: 8 checks, 1 UP, 0 DEGRADED, 7 DOWN')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site-health/results.json'))
def checks = results.checks.collectEntries { [(it.name): it] }
def expected = [
  'silent'       : ['READ_TIMEOUT', 'origin'],
  'trickle'      : ['READ_TIMEOUT', 'origin'],
  'redirect-loop': ['TOO_MANY_REDIRECTS', 'origin'],
  'ssh-banner'   : ['PROTOCOL_ERROR', 'origin'],
  'header-flood' : ['PROTOCOL_ERROR', 'origin'],
  'reset'        : ['CONNECTION_RESET', 'network'],
  'refused'      : ['CONNECT_REFUSED', 'network'],
]
expected.each { name, codeAndHop ->
  def check = checks[name]
  assert check != null : "no result for ${name}"
  assert check.status == 'DOWN' : "${name}: ${check.status}"
  assert check.finding.code == codeAndHop[0] : "${name}: ${check.finding.code}"
  assert check.finding.hop == codeAndHop[1] : "${name}: ${check.finding.hop}"
}
// A body of gigabytes: reading stops at the 1 MiB cap and the status decides.
assert checks['gigabytes'].status == 'UP'
assert checks['gigabytes'].finding == null
assert endlessBytes < 64L * 1024 * 1024 : "the client read ${endlessBytes} bytes of the endless body"

// Every check within its 3 s deadline plus a margin, and the whole build in bounded time.
results.checks.each { assert it.durationMs < 3000 + 1500 : "${it.name} took ${it.durationMs} ms" }
assert elapsedMs < 60_000 : "the build took ${elapsedMs} ms"
println "hostile-endpoints: build finished in ${elapsedMs} ms; endless body read ${endlessBytes} bytes"
