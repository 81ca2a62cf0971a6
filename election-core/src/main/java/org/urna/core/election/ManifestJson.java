package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import org.urna.core.crypto.Hash;

/**
 * The manifest's JSON form (spec section 3), its canonical encoding (section 4) and the election
 * hash (section 5). For authoring tools: {@link #parse} reports the first bad field by its JSON
 * path, so an official can fix a manifest before it is signed.
 */
public final class ManifestJson {
  /** Domain tag of the election hash. */
  public static final String ELECTION_HASH_TAG = "election-manifest";

  private ManifestJson() {}

  /** Reads a manifest file (steps P1, P2 and P8 of spec section 7, paths from the top). */
  public static ElectionManifest parse(byte[] json) throws ElectionPackageException {
    return ManifestReader.read(StrictJson.parse(json, "manifest"), "");
  }

  /**
   * Checks a manifest file and lists every problem found rather than the first: each top-level
   * member, contest, ballot style and station is read on its own (an official fixes them all in one
   * go). The manifest is present only when the list is empty.
   */
  public static Checked check(byte[] json) {
    java.util.List<ElectionPackageException> problems = new java.util.ArrayList<>();
    JsonNode tree;
    try {
      tree = StrictJson.parse(json, "manifest");
    } catch (ElectionPackageException e) {
      return new Checked(java.util.Optional.empty(), java.util.List.of(e));
    }
    ElectionManifest m = ManifestReader.read(tree, "", problems);
    return new Checked(java.util.Optional.ofNullable(m), java.util.List.copyOf(problems));
  }

  /** What {@link #check} found: the manifest, or the problems, each naming its field. */
  public record Checked(
      java.util.Optional<ElectionManifest> manifest,
      java.util.List<ElectionPackageException> problems) {}

  /** The manifest as indented UTF-8 JSON. {@code parse(write(m))} equals {@code m}. */
  public static byte[] write(ElectionManifest manifest) {
    return StrictJson.pretty(ManifestWriter.write(manifest));
  }

  /** The RFC 8785 canonical bytes of the manifest's JSON (spec section 4). */
  public static byte[] canonical(ElectionManifest manifest) {
    return StrictJson.canonical(ManifestWriter.write(manifest));
  }

  /** {@code H("election-manifest", canonical bytes)}: 32 bytes (spec section 5). */
  public static byte[] electionHash(ElectionManifest manifest) {
    return hashOfCanonical(canonical(manifest));
  }

  static byte[] canonical(JsonNode manifestTree) {
    return StrictJson.canonical(manifestTree);
  }

  static byte[] hashOfCanonical(byte[] canonical) {
    return Hash.tagged(ELECTION_HASH_TAG).part(canonical).digest();
  }
}
