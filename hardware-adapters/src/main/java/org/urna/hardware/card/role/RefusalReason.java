package org.urna.hardware.card.role;

/** Why the kiosk refused a role card, with the sentence shown to the person holding it. */
public enum RefusalReason {
  NOT_A_ROLE_CARD(
      "This card is not an election role card. Use a card issued by the election office."),
  NO_CERTIFICATE("This card holds no role certificate. Use a card issued by the election office."),
  UNREADABLE_CERTIFICATE("The certificate on this card cannot be read. Use another card."),
  WRONG_AUTHORITY(
      "This card was issued by another authority, not by this election's. Use a card issued by the election office."),
  FORGED_CERTIFICATE(
      "The certificate on this card is not signed by the election authority. Do not use this card; report it."),
  EXPIRED("This card has expired. Ask the election office for a new card."),
  NOT_YET_VALID("This card is not valid yet. Check the kiosk's date, or ask the election office."),
  REVOKED("This card has been revoked. Hand it to the election office."),
  NO_ROLE(
      "The certificate on this card names no election role. Use a card issued by the election office."),
  ROLE_NOT_ALLOWED("This card's role may not do this on this kiosk."),
  WRONG_JURISDICTION("This card belongs to another jurisdiction."),
  UNSUPPORTED_KEY(
      "The key on this card is not of the kind role cards use (P-256). Use another card."),
  CHALLENGE_NOT_SIGNED(
      "This card could not prove it holds the key of its certificate. Do not use this card; report it.");

  private final String message;

  RefusalReason(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
