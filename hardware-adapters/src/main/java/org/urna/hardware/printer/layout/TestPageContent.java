package org.urna.hardware.printer.layout;

import java.util.List;

/**
 * The printer test page a technician prints.
 *
 * @param samples lines of text in each language the election carries
 */
public record TestPageContent(String title, List<String> samples, String qrPayload) {
  public TestPageContent {
    title = Ids.text(title, "The title");
    samples = List.copyOf(samples);
    samples.forEach(s -> Ids.text(s, "A sample line"));
    if (!qrPayload.matches("[\\x20-\\x7e]{1,200}")) {
      throw new IllegalArgumentException("The test QR payload is 1 to 200 ASCII characters");
    }
  }
}
