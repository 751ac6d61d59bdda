System.properties.put('site-health.it.nsd', io.github.sitehealth.core.dns.NsdServer.startTestZones(itPort as int))
