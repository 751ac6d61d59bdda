io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def secrets = ['pw-Hunter2-7731', 'tok-5f1e9a0c77', 'eyJzZWNyZXQiOiJpdC1iZWFyZXIifQ', 'sig-it-8812',
               'key-it-3c4d5e6f', 'deploy-it-99aa77',
               // the Basic authorization the URL's credentials become
               'deployer:pw-Hunter2-7731'.bytes.encodeBase64().toString()]
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[DOWN] api: 502')
// the server did echo them: the evidence holds the masked header
assert log.contains('server: echo ****') || new File(basedir, 'target/site-health/results.json').text.contains('server: echo ****')

def scanned = 0
def texts = [('build.log'): log]
new File(basedir, 'target/site-health').eachFileRecurse(groovy.io.FileType.FILES) { f ->
  texts[f.path] = f.getText('UTF-8')
}
texts.each { name, text ->
  scanned++
  secrets.each { secret -> assert !text.contains(secret): "${secret} found in ${name}" }
}
assert texts.keySet().any { it.endsWith('index.html') }
assert texts.keySet().any { it.endsWith('history.jsonl') }
assert texts.keySet().any { it.endsWith('TEST-site-health.xml') }
assert scanned >= 6
assert new File(basedir, 'target/site-health/results.json').text.contains('deployer:****@127.0.0.1')
