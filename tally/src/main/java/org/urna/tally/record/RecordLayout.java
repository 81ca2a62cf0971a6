package org.urna.tally.record;

import java.util.regex.Pattern;

/** The file names of an election record (docs/spec/election-record.md 2). */
public final class RecordLayout {
  public static final String FORMAT = "urna/election-record/v1";
  public static final String CONSTANTS = "constants.json";
  public static final String TRUST_ANCHOR = "trust-anchor.sha256";
  public static final String PACKAGE = "election-package.json";
  public static final String MANIFEST = "manifest.json";
  public static final String CEREMONY = "ceremony/ceremony.json";
  public static final String JOINT_KEY = "ceremony/joint-key.json";
  public static final String POLICY = "ledger/policy.txt";
  public static final String CHECKPOINTS = "ledger/checkpoints/";
  public static final String ENTRIES = "ledger/";
  public static final String CHALLENGED = "challenged.json";
  public static final String TOTALS = "tally/encrypted-totals.json";
  public static final String RESULTS = "tally/results.json";

  public static final Pattern ANNOUNCEMENT =
      Pattern.compile("ceremony/trustee-([1-9][0-9]?)\\.announcement\\.json");
  public static final Pattern COMMITMENTS =
      Pattern.compile("ceremony/trustee-([1-9][0-9]?)\\.commitments\\.json");
  public static final Pattern CHECK =
      Pattern.compile("ceremony/trustee-([1-9][0-9]?)\\.check\\.json");
  public static final Pattern ANSWER =
      Pattern.compile("ceremony/trustee-([1-9][0-9]?)\\.answer-([1-9][0-9]?)\\.json");
  public static final Pattern CHECKPOINT =
      Pattern.compile("ledger/checkpoints/(0|[1-9][0-9]{0,17})");
  public static final Pattern BUNDLE =
      Pattern.compile("ledger/tile/entries/(x[0-9]{3}/)*[0-9]{3}(\\.p/[1-9][0-9]{0,2})?");
  public static final Pattern SHARES =
      Pattern.compile("tally/decryption-share-([1-9][0-9]?)\\.json");

  /** The leaf type byte of a ballot entry (ledger.md, Leaves). */
  public static final int LEAF_BALLOT = 0x01;

  /** The leaf type byte of a station's lifecycle event (ledger.md, Station events). */
  public static final int LEAF_EVENT = 0x02;

  private RecordLayout() {}

  public static String announcement(int i) {
    return "ceremony/trustee-" + i + ".announcement.json";
  }

  public static String commitments(int i) {
    return "ceremony/trustee-" + i + ".commitments.json";
  }

  public static String check(int j) {
    return "ceremony/trustee-" + j + ".check.json";
  }

  public static String answer(int i, int j) {
    return "ceremony/trustee-" + i + ".answer-" + j + ".json";
  }

  public static String checkpoint(long size) {
    return CHECKPOINTS + size;
  }

  public static String shares(int j) {
    return "tally/decryption-share-" + j + ".json";
  }

  /** True when {@code name} is a file the layout allows. */
  public static boolean allowed(String name) {
    return switch (name) {
      case CONSTANTS,
          TRUST_ANCHOR,
          PACKAGE,
          MANIFEST,
          CEREMONY,
          JOINT_KEY,
          POLICY,
          CHALLENGED,
          TOTALS,
          RESULTS ->
          true;
      default ->
          ANNOUNCEMENT.matcher(name).matches()
              || COMMITMENTS.matcher(name).matches()
              || CHECK.matcher(name).matches()
              || ANSWER.matcher(name).matches()
              || CHECKPOINT.matcher(name).matches()
              || BUNDLE.matcher(name).matches()
              || SHARES.matcher(name).matches();
    };
  }
}
