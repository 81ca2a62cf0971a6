package org.urna.ledger.http;

import java.nio.charset.StandardCharsets;

/** A status, a content type and a body. */
public record HttpAnswer(int status, String contentType, byte[] body, boolean immutable) {
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";

  public static HttpAnswer text(int status, String body) {
    return new HttpAnswer(status, TEXT, body.getBytes(StandardCharsets.UTF_8), false);
  }

  public static HttpAnswer json(int status, byte[] body) {
    return new HttpAnswer(status, JSON, body, false);
  }
}
