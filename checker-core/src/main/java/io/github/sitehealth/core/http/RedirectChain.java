package io.github.sitehealth.core.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Records the redirects of one fetch as HttpClient follows them, so that a fetch that fails
 * part-way (the redirect target does not resolve, refuses, has an untrusted certificate) still
 * says which URL failed and how it got there. HttpClient keeps the targets ({@link
 * HttpClientContext#getRedirectLocations()}); the interceptors here keep each hop's status.
 */
final class RedirectChain {

  private static final String STATUSES = "site-health.redirect-statuses";

  private RedirectChain() {}

  /** Request interceptor: starts the status list of a fetch. */
  static void recordRequest(HttpRequest request, EntityDetails entity, HttpContext context) {
    if (context.getAttribute(STATUSES) == null) {
      // Written by the I/O thread, read by the caller once the fetch ended or was abandoned.
      context.setAttribute(STATUSES, new CopyOnWriteArrayList<HttpResponse>());
    }
  }

  /** Response interceptor: keeps every response head of a fetch, in order. */
  @SuppressWarnings("unchecked")
  static void recordResponse(HttpResponse response, EntityDetails entity, HttpContext context) {
    Object statuses = context.getAttribute(STATUSES);
    if (statuses instanceof List<?> list) {
      ((List<HttpResponse>) list).add(response);
    }
  }

  /**
   * The outcome, with the URL it is about and the redirects that led there: the last redirect
   * target (the request that answered or failed), or {@code requested} without redirects.
   */
  static ProbeOutcome attach(ProbeOutcome outcome, URI requested, HttpClientContext context) {
    List<URI> locations;
    List<?> responses;
    try {
      locations = context.getRedirectLocations().getAll();
      Object recorded = context.getAttribute(STATUSES);
      responses = recorded instanceof List<?> list ? List.copyOf(list) : List.of();
    } catch (ConcurrentModificationException e) {
      // An abandoned fetch whose I/O thread was still following a redirect: no chain to tell.
      return outcome;
    }
    List<Redirect> redirects = new ArrayList<>();
    URI from = requested;
    for (int i = 0; i < locations.size(); i++) {
      HttpResponse response = i < responses.size() ? (HttpResponse) responses.get(i) : null;
      int status = response == null ? 0 : response.getCode();
      String reason = response == null || response.getReasonPhrase() == null
          ? "" : response.getReasonPhrase();
      redirects.add(new Redirect(from, status, reason, locations.get(i)));
      from = locations.get(i);
    }
    return outcome.at(from, redirects);
  }
}
