package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;

/**
 * Decides which runbook page and section a finding links, for every output alike: the console,
 * {@code results.json}, the JUnit XML and the status page. The default links the default library;
 * a team's runbooks that claim a code replace it (site-template's {@code RunbookLibrary}).
 */
@FunctionalInterface
public interface RunbookLinks {

  /** The default runbook library's sections. */
  RunbookLinks DEFAULT = Runbooks::link;

  /**
   * The link, relative to the output directory, e.g. {@code
   * runbooks/502-bad-gateway.html#origin-unreachable}.
   */
  String link(FindingCode code, Hop hop);
}
