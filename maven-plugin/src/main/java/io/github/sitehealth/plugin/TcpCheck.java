package io.github.sitehealth.plugin;

import io.github.sitehealth.core.spec.TcpCheckConfig;

/**
 * The class of a {@code <tcpCheck>} element of {@code <tcpChecks>}, named after the element in the
 * goals' package: Maven's configurator tries that class before the list's type argument, so without
 * it each element costs a failed lookup through the plugin's class realm (several {@code
 * ClassNotFoundException}s), which for 2,000 elements also made the JIT compile {@code
 * ClassLoader.loadClass} with its optimizing compiler, about 1.5 s of one core.
 */
public final class TcpCheck extends TcpCheckConfig {}
