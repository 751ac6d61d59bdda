io.github.sitehealth.plugin.testing.FixtureHttpServer.startForIt(itPort as int)
