package io.github.sitehealth.plugin;

import io.github.sitehealth.core.sandbox.Sandbox;
import java.io.IOException;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Starts a rehearsal sandbox inside the build, on loopback only: a healthy origin, an edge proxy
 * in front of it, and faults that map to the runbooks (the edge's upstream down: 502; an edge
 * route to a wrong port: 502; an origin slower than the edge waits: 504; an origin answering 503;
 * a stylesheet without caching headers), and an authoritative DNS server for the zone
 * {@code sandbox.test.} (a correct CNAME, one to the wrong CDN, a dangling CNAME, a missing name).
 * Its addresses are published as the project properties {@code site-health.sandbox.edge},
 * {@code site-health.sandbox.origin}, {@code site-health.sandbox.dead} and
 * {@code site-health.sandbox.dns} (an {@code ip:port} for the {@code resolver} parameter of
 * {@code verify}), for the checks of later goals. It stops when the build ends.
 */
@Mojo(name = "sandbox", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class SandboxMojo extends AbstractMojo {

  static final String PROPERTY_PREFIX = "site-health.sandbox.";

  /** Skips starting the sandbox; the {@code site-health.sandbox.*} properties are then unset. */
  @Parameter(property = PropertyNames.SANDBOX_SKIP, defaultValue = "false")
  private boolean skip;

  /** The project whose properties receive the sandbox's addresses. */
  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  /** The build, to stop the sandbox when it ends. */
  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("site-health: sandbox skipped");
      return;
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start();
    } catch (IOException e) {
      throw new MojoExecutionException("site-health: cannot start the sandbox: " + e.getMessage(), e);
    }
    for (Map.Entry<String, String> e : sandbox.properties().entrySet()) {
      project.getProperties().setProperty(PROPERTY_PREFIX + e.getKey(), e.getValue());
    }
    getLog().info("site-health: sandbox started on loopback:");
    sandbox.describe().forEach(line -> getLog().info("  " + line));
    SessionEnd.stopWhenTheBuildEnds(session, sandbox);
  }
}
