def server = io.github.sitehealth.core.testing.HostileServer.start(itPort as int)
System.properties.put('site-health.it.hostile', server)
System.properties.put('site-health.it.hostile.startNanos', System.nanoTime() as String)
