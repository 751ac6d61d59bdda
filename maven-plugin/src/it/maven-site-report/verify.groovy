io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def page = new File(basedir, 'target/site/site-health/index.html')
assert page.isFile()
assert page.text.contains('home')
assert new File(basedir, 'target/site/site-health/runbooks/502-bad-gateway.html').isFile()
// the site's "Generated Reports" page links to the report
def reports = new File(basedir, 'target/site/project-reports.html').text
assert reports.contains('href="site-health/index.html"')
