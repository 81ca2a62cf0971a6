package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;

/**
 * Any changed hex digit of a published ceremony file is caught: by the reader, by the public checks
 * (a named failure or a disqualification), or, for an encrypted share, by its recipient.
 */
class TamperedFilesTest {
  static final Random RANDOM = new Random(20261202);

  interface Reader {
    Object read(byte[] b) throws FileFormatException;
  }

  /** Positions of hex digits inside string values that are 60+ characters long. */
  static List<Integer> hexPositions(String json) {
    List<Integer> out = new ArrayList<>();
    int at = 0;
    while ((at = json.indexOf('"', at)) >= 0) {
      int end = json.indexOf('"', at + 1);
      if (end - at - 1 >= 60 && json.substring(at + 1, end).matches("[0-9a-f]+")) {
        for (int i = at + 1; i < end; i++) {
          out.add(i);
        }
      }
      at = end + 1;
    }
    return out;
  }

  static String flip(String json, int pos) {
    char c = json.charAt(pos);
    char d =
        c == 'f'
            ? '0'
            : (char) (Character.digit(c, 16) + 1 < 10 ? c + 1 : 'a' + Character.digit(c, 16) - 9);
    return json.substring(0, pos) + d + json.substring(pos + 1);
  }

  @Test
  void everySampledChangeOfAnyPublicFileIsCaught() throws Exception {
    TestCeremony base = new TestCeremony(3, 2).dealAll().checkAll();
    CeremonyParameters p = base.params;
    int caught = 0;
    for (int which = 0; which < 3; which++) {
      for (String kind : List.of("announcement", "deal", "check")) {
        String json =
            new String(
                switch (kind) {
                  case "announcement" -> TrusteeFiles.write(p, base.announcements.get(which));
                  case "deal" -> TrusteeFiles.write(p, base.deals.get(which));
                  default -> TrusteeFiles.write(p, base.reports.get(which));
                },
                StandardCharsets.UTF_8);
        List<Integer> positions = hexPositions(json);
        for (int n = 0; n < 12; n++) {
          int pos = positions.get(RANDOM.nextInt(positions.size()));
          byte[] bad = flip(json, pos).getBytes(StandardCharsets.UTF_8);
          TestCeremony c = new TestCeremony(3, 2);
          c.trustees.clear();
          c.trustees.addAll(base.trustees);
          c.announcements.clear();
          c.announcements.addAll(base.announcements);
          c.deals.addAll(base.deals);
          c.reports.addAll(base.reports);
          String where = kind + " of trustee " + (which + 1) + " at " + pos;
          try {
            switch (kind) {
              case "announcement" ->
                  c.announcements.set(which, TrusteeFiles.readAnnouncement(bad, where, p));
              case "deal" -> c.deals.set(which, TrusteeFiles.readDeal(bad, where, p));
              default -> c.reports.set(which, TrusteeFiles.readCheck(bad, where, p));
            }
          } catch (FileFormatException e) {
            caught++;
            continue; // refused by the reader (not a point, not this ceremony, ...)
          }
          boolean publicly;
          try {
            publicly = !c.combine().disqualified().isEmpty();
          } catch (TrusteeException e) {
            publicly = true;
          }
          if (!publicly) {
            // Only an encrypted share can pass the public checks; its recipient must catch it.
            assertThat(kind).as(where).isEqualTo("deal");
            boolean recipientAccuses = false;
            for (Trustee t : base.trustees) {
              recipientAccuses |= t.check(c.deals).report().accused().contains(which + 1);
            }
            assertThat(recipientAccuses).as(where).isTrue();
          }
          caught++;
        }
      }
    }
    assertThat(caught).isEqualTo(3 * 3 * 12);
  }
}
