io.github.sitehealth.plugin.testing.FixtureHttpServer.stopForIt()

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('site-health: step summary appended to step-summary.md')

// Annotations: at the start of a line, not behind Maven's [INFO]; DOWN ones first.
def lines = log.readLines()
def errors = lines.findAll { it.startsWith('::error ') }
def warnings = lines.findAll { it.startsWith('::warning ') }
assert errors.size() == 2
assert warnings.size() == 1
assert errors[0].startsWith('::error title=site-health shop::HTTP_502 (origin) ')
assert errors[0].endsWith(' Runbook: target/site-health/runbooks/502-bad-gateway.html#origin-unreachable')
assert errors[1].startsWith('::error title=site-health landing::BODY_MISMATCH (origin) ')
assert warnings[0].startsWith('::warning title=site-health cdn::PROBE_BLOCKED (edge) Probe blocked: Cloudflare')
assert lines.indexOf(errors[0]) < lines.indexOf(warnings[0])
assert !lines.any { it.startsWith('[INFO] ::') }

// The step summary: appended after the earlier step's, DOWN then DEGRADED, the UP one collapsed.
def summary = new File(basedir, 'step-summary.md').text
assert summary.startsWith('## Earlier step\n\nIts summary stays.\n\n### site-health: 4 checks, 1 UP, 1 DEGRADED, 2 DOWN\n')
def rows = summary.readLines().findAll { it.startsWith('| **') }
assert rows.size() == 3
assert rows[0].startsWith('| **DOWN** | shop | http://127.0.0.1:')
assert rows[0].contains('| origin |')
assert rows[0].endsWith('| target/site-health/runbooks/502-bad-gateway.html#origin-unreachable |')
assert rows[1].startsWith('| **DOWN** | landing |')
assert rows[2].startsWith('| **DEGRADED** | cdn |')
assert summary.contains('<details><summary>1 check UP</summary>')

// The server's markup is text: no raw tag, link, emphasis or cell break survives.
def landing = rows[1]
assert landing.contains('&lt;script&gt;alert(1)&lt;/script&gt;')
assert !landing.contains('<script')
assert landing.contains('\\*\\*bold\\*\\*')
assert landing.contains('\\[x\\]')
assert landing.contains('\\`c\\`')
assert landing.contains('\\|')
// a Markdown renderer sees the 7 cells of the table, and the words, not markup
def html = org.jsoup.Jsoup.parse(renderMarkdown(summary))
def cells = html.select('tbody tr').get(1).select('td')
assert cells.size() == 7
assert cells.get(5).select('script, a, strong, em, code').isEmpty()
assert cells.get(5).text().contains('| **bold** [x](http://e.test/) <script>alert(1)</script> `c`')
true

String renderMarkdown(String markdown) {
  def options = new com.vladsch.flexmark.util.data.MutableDataSet()
  options.set(com.vladsch.flexmark.parser.Parser.EXTENSIONS,
      [com.vladsch.flexmark.ext.tables.TablesExtension.create()])
  def parser = com.vladsch.flexmark.parser.Parser.builder(options).build()
  com.vladsch.flexmark.html.HtmlRenderer.builder(options).build().render(parser.parse(markdown))
}
