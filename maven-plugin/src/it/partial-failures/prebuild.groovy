// NSD answers pool.example.test with 127.0.0.2, 127.0.0.3, 127.0.0.4 and ::1. nginx answers 200
// on 127.0.0.2 and ::1, 502 on 127.0.0.4 (its upstream refuses), and nothing listens on 127.0.0.3.
System.properties.put('site-health.it.nsd', io.github.sitehealth.core.dns.NsdServer.startTestZones(itPort as int))
def nginx = io.github.sitehealth.core.testing.Nginx.start(String.join('\n',
    "server { listen 127.0.0.1:${deadPort}; listen 127.0.0.2:${deadPort}; listen [::1]:${deadPort};",
    "  location / { return 200 \"ok\\n\"; } }",
    "server { listen 127.0.0.4:${deadPort}; location / { proxy_pass http://127.0.0.3:${deadPort}; } }"),
    deadPort as int)
System.properties.put('site-health.it.nginx', nginx)
