package org.urna.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.cli.CastCommand;
import org.urna.core.cli.SampleElectionCommand;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.sync.LedgerNetwork;
import picocli.CommandLine;

/**
 * {@code urna sync}: a box cast by {@code urna cast} reaches a real three-validator ledger and
 * every ballot is confirmed by its inclusion proof; run again it sends nothing twice; with a policy
 * that does not name the ledger's keys it confirms nothing and says so.
 */
class SyncCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aBoxCastByTheCommandLineReachesARealLedgerAndEveryBallotIsConfirmed() throws Exception {
    Path election = dir.resolve("election");
    assertThat(run(new SampleElectionCommand(), "--out", election.toString()).code()).isZero();
    String station;
    try (Stream<Path> files = Files.list(election)) {
      station =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("demo-station-") && n.endsWith(".hex"))
              .map(n -> n.substring("demo-station-".length(), n.length() - ".hex".length()))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    ElectionPackage pkg =
        ElectionPackage.load(
            Files.readAllBytes(election.resolve("election-package.json")),
            TrustAnchor.fromHex(Files.readString(election.resolve("trust-anchor.sha256")).trim()));
    Path password = dir.resolve("password");
    Files.writeString(password, "correct-horse-battery\n");
    Path box = dir.resolve("box");
    List<String> boxArgs =
        List.of(
            "--box",
            box.toString(),
            "--password-file",
            password.toString(),
            "--station",
            station,
            "--election",
            election.toString());
    Run cast =
        run(
            new CastCommand(),
            Stream.concat(boxArgs.stream(), Stream.of("--count", "12", "--challenge-every", "4"))
                .toArray(String[]::new));
    assertThat(cast.code()).as(cast.err()).isZero();

    try (LedgerNetwork net = new LedgerNetwork(dir.resolve("ledger"), 3, ElectionRules.of(pkg))) {
      String ledger =
          net.endpoints().stream().map(Object::toString).collect(Collectors.joining(","));
      // A policy naming other keys than the ledger's: nothing is confirmed, the alarm is named.
      Path wrong = dir.resolve("other.policy");
      Files.writeString(wrong, otherPolicy().format());
      Run refused =
          run(
              new SyncCommand(),
              Stream.concat(
                      boxArgs.stream(),
                      Stream.of(
                          "--ledger",
                          ledger,
                          "--policy",
                          wrong.toString(),
                          "--state",
                          dir.resolve("wrong-state").toString(),
                          "--timeout",
                          "120"))
                  .toArray(String[]::new));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("Sync alarm");

      Path trusted = dir.resolve("ledger.policy");
      Files.writeString(trusted, net.policy.format());
      String[] syncArgs =
          Stream.concat(
                  boxArgs.stream(),
                  Stream.of("--ledger", ledger, "--policy", trusted.toString(), "--timeout", "120"))
              .toArray(String[]::new);
      Run synced = run(new SyncCommand(), syncArgs);
      assertThat(synced.code()).as(synced.err()).isZero();
      assertThat(synced.out()).contains("12 ballots confirmed on the ledger");
      assertThat(net.treeSize()).isEqualTo(12);
      // Again: every ballot is already confirmed, nothing is sent twice.
      Run again = run(new SyncCommand(), syncArgs);
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out()).contains("12 ballots confirmed");
      assertThat(net.treeSize()).isEqualTo(12);
    }
  }

  static WitnessPolicy otherPolicy() {
    SecureRandom rnd = new SecureRandom();
    SigningKey log = SigningKey.generate(LedgerNetwork.ORIGIN, SignatureType.ED25519, rnd);
    SigningKey w = SigningKey.generate("x.validators.urna.test", SignatureType.COSIGNATURE_V1, rnd);
    return WitnessPolicy.threshold(
        List.of(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty())),
        List.of(new WitnessPolicy.Witness(w.name(), w.verifierKey(), Optional.empty())),
        1);
  }
}
