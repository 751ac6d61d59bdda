package io.github.sitehealth.plugin;

/**
 * The build's environment variables, read through this seam so that tests can set them: the JVM
 * cannot change its own.
 */
@FunctionalInterface
interface Environment {

  /** The process's own environment. */
  Environment SYSTEM = System::getenv;

  /** The variable's value, or null when it is not set. */
  String get(String name);
}
