import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text
assert !log.contains('BUILD FAILURE')

// Maven reads the POM of every artifact of a plugin's realm before a goal runs: one jar, one POM
def realm = log =~ /(?m)^\[DEBUG\] Populating class realm plugin>io\.github\.sitehealth:site-health-maven-plugin:.*\n((?:\[DEBUG\]   Included: .*\n)+)/
assert realm.find(), 'mvn -X printed no class realm for the plugin'
def included = realm.group(1).readLines()
assert included.size() == 1 && included[0].contains('io.github.sitehealth:site-health-maven-plugin:jar:'),
    "the plugin's realm holds more than its own jar: ${included}"

// what the jar carries besides the classes: each library's licence and notices
def version = realm.group(0).find(/site-health-maven-plugin:([^\s]+)/) { all, v -> v }
def jar = new File(localRepositoryPath,
    "io/github/sitehealth/site-health-maven-plugin/${version}/site-health-maven-plugin-${version}.jar")
assert jar.isFile(), "no plugin jar at ${jar}"
new JarFile(jar).withCloseable { j ->
  ['META-INF/LICENSE', 'META-INF/NOTICE', 'META-INF/dnsjava/LICENSE', 'META-INF/jsoup/LICENSE',
   'META-INF/flexmark/LICENSE.txt',
   'META-INF/maven/plugin.xml', 'META-INF/maven/dnsjava/dnsjava/pom.properties',
   'META-INF/maven/com.vladsch.flexmark/flexmark/pom.properties'].each { name ->
    assert j.getEntry(name) != null, "the plugin's jar has no ${name}"
  }
  assert j.getInputStream(j.getEntry('META-INF/LICENSE')).text.contains('Apache License')
  assert j.getInputStream(j.getEntry('META-INF/dnsjava/LICENSE')).text.contains('Brian Wellington')
  assert j.getInputStream(j.getEntry('META-INF/flexmark/LICENSE.txt')).text.contains('Vladimir Schneider')
  assert j.getInputStream(j.getEntry('META-INF/NOTICE')).text.contains('Apache HttpClient')
  assert j.manifest.mainAttributes.getValue('Multi-Release') == 'true'
  assert j.getEntry('module-info.class') == null
}
return true
