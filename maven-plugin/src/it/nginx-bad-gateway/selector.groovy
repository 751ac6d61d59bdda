// Runs wherever nginx is installed, and always under CI (where a missing nginx must fail).
def available = new File('/usr/sbin/nginx').exists()
if (!available) {
  println "nginx-bad-gateway: /usr/sbin/nginx not installed (Debian package nginx-light)"
}
return available || System.getenv('CI') == 'true'
