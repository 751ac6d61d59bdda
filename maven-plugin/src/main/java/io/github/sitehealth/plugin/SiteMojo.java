package io.github.sitehealth.plugin;

import io.github.sitehealth.site.MissingResultsException;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Renders the status page ({@code index.html}), the troubleshooting runbooks ({@code runbooks/})
 * and badges ({@code badges/}) into the output directory, from the latest {@code results.json}
 * that {@code site-health:verify} wrote there.
 */
@Mojo(name = "site", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class SiteMojo extends AbstractPagesMojo {

  @Override
  protected void run() throws MojoExecutionException {
    try {
      writePages();
    } catch (MissingResultsException e) {
      throw new MojoExecutionException("site-health: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the status page to " + outputDirectory() + ": " + e.getMessage(), e);
    }
  }
}
