package org.urna.ledger.http;

import java.io.IOException;
import java.io.InputStream;

/** The public page's static files, served from the classpath (nothing fetched at run time). */
final class PageResources {
  private PageResources() {}

  static HttpAnswer get(String name) {
    try (InputStream in =
        PageResources.class.getResourceAsStream("/org/urna/ledger/page/" + name)) {
      if (in == null) {
        return LedgerApi.error(404, "no such page resource");
      }
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
      return new HttpAnswer(200, type, in.readAllBytes(), false);
    } catch (IOException e) {
      return LedgerApi.error(500, "could not read the page");
    }
  }
}
