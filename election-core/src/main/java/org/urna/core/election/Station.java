package org.urna.core.election;

import org.urna.core.crypto.VerifyingKey;

/** A polling station's kiosk authorised to cast ballots, with its Ed25519 key (spec 3.4). */
public record Station(String id, LocalizedText name, VerifyingKey key) {
  public Station {
    Ids.check("id", id);
    Ids.required("name", name);
    Ids.required("key", key);
  }
}
