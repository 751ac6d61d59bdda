io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('site-health: status page file:')

def out = new File(basedir, 'target/site-health')
def index = new File(out, 'index.html')
assert index.isFile()
def doc = org.jsoup.Jsoup.parse(index, 'UTF-8')
def text = doc.text()
assert text.contains('home')
assert text.contains('shop')
assert text.contains('HTTP_502')
assert text.contains('Planned database maintenance')
// the team's runbook claims HTTP_502, so the 502 links to its section
assert doc.select('a[href]').collect { it.attr('href') }.any { it.startsWith('runbooks/shop-backend.html#origin-unreachable') }
assert new File(out, 'runbooks/shop-backend.html').isFile()
assert new File(out, 'runbooks/502-bad-gateway.html').isFile()
assert new File(out, 'badges/overall.svg').isFile()
assert new File(out, 'history.jsonl').readLines().size() == 1
assert doc.select('script').isEmpty()

// One place decides a finding's runbook: the team's page claims HTTP_502, and the console,
// results.json and the JUnit XML link the same section the status page links.
def teamLink = 'runbooks/shop-backend.html#origin-unreachable'
def results = new groovy.json.JsonSlurper().parse(new File(out, 'results.json'))
def shop = results.checks.find { it.name == 'shop' }
assert shop.finding.runbook == teamLink
assert shop.finding.originProbed == false
assert new File(out, 'TEST-site-health.xml').text.contains(teamLink)
assert log.contains('shop-backend.html#origin-unreachable')
assert doc.select('a[href]').collect { it.attr('href') }.contains(teamLink)

// The same for a NOT_CACHEABLE finding, whose default section is in expectations.html.
def cachingLink = 'runbooks/caching.html#not-cacheable'
def asset = results.checks.find { it.name == 'asset' }
assert asset.finding.code == 'NOT_CACHEABLE'
assert asset.finding.runbook == cachingLink
assert new File(out, 'TEST-site-health.xml').text.contains(cachingLink)
assert log.contains('caching.html#not-cacheable')
assert !log.contains('expectations.html#not-cacheable')
assert doc.select('a[href]').collect { it.attr('href') }.contains(cachingLink)
