package io.github.sitehealth.core.http;

import javax.net.ssl.SSLPeerUnverifiedException;

/** The server's certificate does not name the host the URL asked for. */
final class WrongHostException extends SSLPeerUnverifiedException {

  private static final long serialVersionUID = 1L;

  WrongHostException(String message) {
    super(message);
  }
}
