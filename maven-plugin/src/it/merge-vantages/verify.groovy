import groovy.json.JsonSlurper

io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target')
def json = { String dir -> new JsonSlurper().parse(new File(target, "${dir}/results.json")) }
def names = ['home', 'about', 'checkout', 'cart', 'search', 'blog', 'contact', 'api']

// Each shard ran its share, and together the shards of a vantage ran every check once.
['eu-west', 'us-east'].each { vantage ->
  def ran = []
  (1..3).each { k ->
    def shard = json("${vantage}-${k}")
    assert shard.vantage == vantage
    assert shard.shard == "${k}/3"
    ran.addAll(shard.checks*.name)
    assert new File(target, "${vantage}-${k}/metrics.prom").text.contains("vantage=\"${vantage}\"")
  }
  assert ran.sort() == names.clone().sort()
}
assert log =~ /site-health: shard 2\/3: \d of 8 checks/
assert json('eu-west-3').checks.find { it.name == 'checkout' }?.status == 'DOWN'
assert json('us-east-3').checks.find { it.name == 'checkout' }?.status == 'UP'

// Quorum 2: DOWN from eu-west only is DEGRADED, with eu-west's code and hop; the build passes.
def merged = json('merged-quorum-2')
assert log.contains('site-health: merged 6 results from eu-west, us-east, quorum 2: 8 checks')
assert merged.vantage == null
assert merged.shard == null
assert merged.checks*.name.sort() == names.clone().sort()
def checkout = merged.checks.find { it.name == 'checkout' }
assert checkout.status == 'DEGRADED'
assert checkout.finding.code == 'HTTP_502'
assert checkout.finding.hop == 'origin'
assert checkout.finding.summary.startsWith('DOWN from eu-west only (us-east: UP), below the quorum of 2: ')
assert checkout.finding.evidence[0].startsWith('eu-west: DOWN 502 Bad Gateway')
assert checkout.finding.evidence[1].startsWith('us-east: UP 200 OK')
assert checkout.vantages.collect { [it.vantage, it.status, it.code, it.hop] } ==
    [['eu-west', 'DOWN', 'HTTP_502', 'origin'], ['us-east', 'UP', null, null]]
assert merged.checks.findAll { it.name != 'checkout' }.every { it.status == 'UP' && it.vantages.size() == 2 }
assert merged.summary.DOWN == 0 && merged.summary.DEGRADED == 1 && merged.summary.UP == 7

// One page, one history entry, the JUnit XML and the metrics of the merged run.
def out = new File(target, 'merged-quorum-2')
def page = org.jsoup.Jsoup.parse(new File(out, 'index.html'), 'UTF-8')
assert page.text().contains('DOWN from eu-west only (us-east: UP)')
assert page.text().contains('checkout')
assert new File(out, 'history.jsonl').readLines().size() == 1
assert new File(out, 'TEST-site-health.xml').isFile()
assert new File(out, 'metrics.prom').text.contains('site_health_check_status{check="checkout",kind="http",status="DEGRADED"} 1')

// Quorum 1 (the default): DOWN when any vantage sees it DOWN, and the merge fails the build.
def strict = json('merged-quorum-1')
def down = strict.checks.find { it.name == 'checkout' }
assert down.status == 'DOWN'
assert down.finding.summary.startsWith('DOWN from eu-west (us-east: UP): ')
assert new File(target, 'merged-quorum-1/index.html').isFile()
assert log.contains('1 site-health check DOWN:')
assert log.contains('BUILD FAILURE')
true
