package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.UrlHost;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's redirects, with one host being one host whatever the case or an absolute name's
 * trailing dot ({@code www.example.test.} is {@code www.example.test}, RFC 1034 §3.1, RFC 4343).
 * HttpClient refuses a redirect to another host while the request carries credentials; it
 * compares names case-insensitively but takes the trailing dot for another host.
 */
final class SameHostRedirects extends DefaultRedirectStrategy {

  @Override
  public boolean isRedirectAllowed(
      HttpHost current, HttpHost next, HttpRequest redirect, HttpContext context) {
    if (UrlHost.sameName(current.getHostName(), next.getHostName())
        && DefaultSchemePortResolver.INSTANCE.resolve(current)
            == DefaultSchemePortResolver.INSTANCE.resolve(next)) {
      return true;
    }
    return super.isRedirectAllowed(current, next, redirect, context);
  }
}
