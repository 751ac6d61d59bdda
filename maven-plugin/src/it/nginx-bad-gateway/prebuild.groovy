def nginx = io.github.sitehealth.core.testing.Nginx.start(
    "server { listen 127.0.0.1:${itPort}; location / { proxy_pass http://127.0.0.1:${deadPort}; } }",
    itPort as int)
System.properties.put('site-health.it.nginx', nginx)
