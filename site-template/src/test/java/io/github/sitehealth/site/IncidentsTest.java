package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentsTest {

  @TempDir Path dir;

  @Test
  void newestFirstThenUndatedWithAWarning() throws IOException {
    Fixtures.write(dir.resolve("a-old.md"), "---\ntitle: Old\nstarted: 2024-11-02\nresolved: 2024-11-02T03:00Z\n---\nx\n");
    Fixtures.write(dir.resolve("b-new.md"), "---\ntitle: New\nstatus: investigating\nstarted: 2025-03-20 09:30\n---\nx\n");
    Fixtures.write(dir.resolve("c-middle.md"), "---\ntitle: Middle\nstarted: 2025-01-15T12:00:00+01:00\n---\nx\n");
    Fixtures.write(dir.resolve("d-undated.md"), "---\ntitle: Undated\n---\nx\n");
    Fixtures.write(dir.resolve("notes.txt"), "ignored");

    Incidents.Loaded loaded = Incidents.load(Optional.of(dir));
    assertThat(loaded.incidents()).extracting(Incident::title).containsExactly("New", "Middle", "Old", "Undated");
    assertThat(loaded.warnings()).singleElement().asString().contains("d-undated.md", "started");
    assertThat(loaded.incidents().get(1).started()).contains(Instant.parse("2025-01-15T11:00:00Z"));
    assertThat(loaded.incidents().get(0).started()).contains(Instant.parse("2025-03-20T09:30:00Z"));
  }

  @Test
  void readsEveryField() throws IOException {
    Fixtures.write(dir.resolve("2025-03-18-api.md"), """
        ---
        title: "API errors: edge"
        status: resolved
        started: 2025-03-18T09:00Z
        resolved: 2025-03-18T10:30Z
        affects: [api, "home"]
        ---
        The CDN could not reach the origin.
        """);
    Incident i = Incidents.load(Optional.of(dir)).incidents().get(0);
    assertThat(i.title()).isEqualTo("API errors: edge");
    assertThat(i.status()).isEqualTo("resolved");
    assertThat(i.resolved()).contains(Instant.parse("2025-03-18T10:30:00Z"));
    assertThat(i.affects()).containsExactly("api", "home");
    assertThat(i.html()).contains("<p>The CDN could not reach the origin.</p>");
    assertThat(i.ongoing()).isFalse();
  }

  @Test
  void statusDefaultsFromTheResolvedDate() throws IOException {
    Fixtures.write(dir.resolve("open.md"), "---\nstarted: 2025-03-01\naffects: home, api\n---\n");
    Fixtures.write(dir.resolve("closed.md"), "---\nstarted: 2025-02-01\nresolved: 2025-02-02\n---\n");
    var incidents = Incidents.load(Optional.of(dir)).incidents();
    assertThat(incidents.get(0).status()).isEqualTo("investigating");
    assertThat(incidents.get(0).ongoing()).isTrue();
    assertThat(incidents.get(0).title()).isEqualTo("open");
    assertThat(incidents.get(0).affects()).containsExactly("home", "api");
    assertThat(incidents.get(1).status()).isEqualTo("resolved");
    assertThat(incidents.get(1).ongoing()).isFalse();
  }

  @Test
  void unreadableDatesAreWarnedAbout() throws IOException {
    Fixtures.write(dir.resolve("x.md"), "---\nstarted: last tuesday\n---\n");
    Incidents.Loaded loaded = Incidents.load(Optional.of(dir));
    assertThat(loaded.incidents().get(0).started()).isEmpty();
    assertThat(loaded.warnings()).singleElement().asString().contains("last tuesday", "2025-03-01");
  }

  @Test
  void absentDirectoryMeansNoIncidents() throws IOException {
    assertThat(Incidents.load(Optional.of(dir.resolve("missing"))).incidents()).isEmpty();
    assertThat(Incidents.load(Optional.empty()).warnings()).isEmpty();
  }

  @Test
  void parsesTheUsualDateForms() {
    assertThat(Incidents.parseTime("2025-03-01")).contains(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(Incidents.parseTime("2025-03-01T10:15Z")).contains(Instant.parse("2025-03-01T10:15:00Z"));
    assertThat(Incidents.parseTime("2025-03-01T10:15:30.5Z")).contains(Instant.parse("2025-03-01T10:15:30.5Z"));
    assertThat(Incidents.parseTime("2025-03-01 10:15")).contains(Instant.parse("2025-03-01T10:15:00Z"));
    assertThat(Incidents.parseTime("2025-03-01T10:15+02:00")).contains(Instant.parse("2025-03-01T08:15:00Z"));
    assertThat(Incidents.parseTime("03/01/2025")).isEmpty();
  }

  @Test
  void unclosedFrontMatterIsAnErrorNamingTheFileAndTheLine() throws Exception {
    Files.writeString(dir.resolve("outage.md"), "---\ntitle: CDN outage\nstatus: resolved\n\nAll good.\n");

    assertThatThrownBy(
            () -> Incidents.load(Optional.of(dir), MarkdownRenderer::new))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("incident outage.md: line 1: the front matter opened by --- is never closed");
  }
}
