// NSD (the test zones: api_backend.example.test is 127.0.0.1, gone.example.test does not exist)
// on deadPort, nginx on itPort answering a redirect to the name that does not exist.
System.properties.put('site-health.it.nsd',
    io.github.sitehealth.core.dns.NsdServer.startTestZones(deadPort as int))
def nginx = io.github.sitehealth.core.testing.Nginx.start(
    "server { listen 127.0.0.1:${itPort}; location = /moved { return 301 http://gone.example.test:${itPort}/; } }",
    itPort as int)
System.properties.put('site-health.it.nginx', nginx)
