def log = new File(basedir, 'build.log').text
assert !log.contains('BUILD FAILURE')
// line wraps of the help text are not the point
def text = log.replaceAll(/\s+/, ' ')

// site-health:help: every goal, with its description
['help', 'verify', 'site', 'report', 'sandbox', 'merge'].each { goal ->
  assert log =~ /(?m)^site-health:${goal}$/, "help does not list site-health:${goal}"
}
assert text.contains('says which hop is broken (DNS, network, TLS, the CDN edge or the origin)')
// the sandbox text keeps what raw Javadoc HTML would have eaten
assert text.contains('site-health.sandbox.dns (an ip:port for the resolver parameter of verify)')

// site-health:help -Ddetail -Dgoal=verify: the parameters with their -D properties and defaults
int at = log.indexOf('Available parameters:')
assert at > 0, 'no parameter details'
def verify = log.substring(at)
def parameter = { String name ->
  def m = verify =~ /(?ms)^    ${name}\b.*?(?=^    \w|\z)/
  assert m.find(), "verify has no parameter ${name}"
  m.group().replaceAll(/\s+/, ' ')
}
[
  'failOnError'        : 'site-health.failOnError',
  'skip'               : 'site-health.skip',
  'outputDirectory'    : 'site-health.outputDirectory',
  'resolver'           : 'site-health.resolver',
  'concurrency'        : 'site-health.concurrency',
  'perHostConcurrency' : 'site-health.perHostConcurrency',
  'historyFile'        : 'site-health.historyFile',
  'pages'              : 'site-health.pages',
  'trustCertificates'  : 'site-health.trustCertificates',
  'vantage'            : 'site-health.vantage',
  'shard'              : 'site-health.shard',
  'githubActions'      : 'site-health.githubActions',
].each { name, property ->
  assert parameter(name).contains("User property: ${property}"), "${name}: no -D${property}"
}
assert parameter('failOnError').contains('(Default: true)')
assert parameter('historyRetention').contains('(Default: 500)')
assert parameter('concurrency').contains('Default 64')
['secretHeaders', 'allowMetadataTargets', 'runbooksDirectory', 'incidentsDirectory', 'title'].each {
  parameter(it)
}

// the nested fields of an endpoint, a dnsRecord and a tcpCheck are documented under their parameter
def endpoints = parameter('endpoints')
['name', 'url', 'origin', 'originAddress', 'expectStatus', 'maxLatencyMs', 'warnLatencyMs',
 'expectHeaders', 'expectCacheable', 'expectBody', 'rejectBody', 'headers', 'timeoutMs', 'retries',
 'failOnProbeBlocked', 'followRedirects', 'tlsExpiryWarnDays'].each {
  assert endpoints.contains("* ${it}:"), "endpoints does not document ${it}"
}
assert endpoints.contains('* expectStatus: expected status codes and ranges, e.g. 200,301-302; default 200-399.')
def dns = parameter('dnsRecords')
['name', 'type', 'expect', 'match', 'minTtl, maxTtl', 'resolver', 'checkAuthoritative',
 'authoritativeServers', 'timeoutMs'].each {
  assert dns.contains("* ${it}:"), "dnsRecords does not document ${it}"
}
def tcp = parameter('tcpChecks')
['name', 'address', 'expectBanner', 'tls', 'timeoutMs', 'retries', 'maxLatencyMs'].each {
  assert tcp.contains("* ${it}:"), "tcpChecks does not document ${it}"
}
true
