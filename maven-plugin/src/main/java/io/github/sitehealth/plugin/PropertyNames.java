package io.github.sitehealth.plugin;

/** The user properties ({@code -Dsite-health.xxx}) the goals read. */
final class PropertyNames {

  static final String SKIP = "site-health.skip";
  static final String FAIL_ON_ERROR = "site-health.failOnError";
  static final String OUTPUT_DIRECTORY = "site-health.outputDirectory";
  static final String RESOLVER = "site-health.resolver";
  static final String CONCURRENCY = "site-health.concurrency";
  static final String PER_HOST_CONCURRENCY = "site-health.perHostConcurrency";
  static final String PER_RESOLVER_CONCURRENCY = "site-health.perResolverConcurrency";
  static final String CHECKS_FILE = "site-health.checksFile";
  static final String HISTORY_FILE = "site-health.historyFile";
  static final String PAGES = "site-health.pages";
  static final String TRUST_CERTIFICATES = "site-health.trustCertificates";
  static final String SANDBOX_SKIP = "site-health.sandbox.skip";
  static final String VANTAGE = "site-health.vantage";
  static final String SHARD = "site-health.shard";
  static final String GITHUB_ACTIONS = "site-health.githubActions";
  static final String MERGE_INPUTS = "site-health.mergeInputs";
  static final String QUORUM = "site-health.quorum";

  private PropertyNames() {}
}
