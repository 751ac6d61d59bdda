package io.github.sitehealth.core.check;

/**
 * A validated check of any kind (HTTP endpoint, DNS record, TCP port), as the runner and the
 * reports see it. Each kind has its {@link Check}, which runs it.
 */
public interface CheckSpec {

  /** The check's name in results, unique in a run. */
  String checkName();

  /** The kind in results: {@code http}, {@code dns} or {@code tcp}. */
  String kind();

  /** What is checked, in words: a URL, a record name and type, a host:port. */
  String target();
}
