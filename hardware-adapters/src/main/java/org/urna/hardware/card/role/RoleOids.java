package org.urna.hardware.card.role;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.urna.core.role.Role;

/**
 * Urna's private OID arc for role-card certificate fields (docs/spec/role-cards.md, decision 0100).
 * The arc is a UUID-derived OID under {@code 2.25} (ITU-T X.667), which needs no registration and
 * collides with no one.
 */
public final class RoleOids {
  /**
   * {@code 2.25.201484003493025595444646362483038676774} = UUID
   * 97946856-2105-479d-817b-de71f5f8e726.
   */
  public static final ASN1ObjectIdentifier ARC =
      new ASN1ObjectIdentifier("2.25.201484003493025595444646362483038676774");

  /** Subject attributes of role certificates. */
  public static final ASN1ObjectIdentifier SUBJECT_ATTRIBUTES = ARC.branch("1");

  /** The role: a UTF8String, one of {@link Role#certificateValue()}. */
  public static final ASN1ObjectIdentifier ROLE = SUBJECT_ATTRIBUTES.branch("1");

  /** The jurisdiction the card works in: a UTF8String identifier. */
  public static final ASN1ObjectIdentifier JURISDICTION = SUBJECT_ATTRIBUTES.branch("2");

  /** Optional: the election the card is limited to (the election package's id). */
  public static final ASN1ObjectIdentifier ELECTION = SUBJECT_ATTRIBUTES.branch("3");

  private RoleOids() {}
}
