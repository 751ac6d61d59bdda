// Needs nginx and NSD; under CI a missing one must fail, not skip.
def available = new File('/usr/sbin/nsd').exists() && new File('/usr/sbin/nginx').exists()
if (!available) {
  println "nginx or /usr/sbin/nsd not installed (Debian packages nginx-light, nsd): skipping"
}
return available || System.getenv('CI') == 'true'
