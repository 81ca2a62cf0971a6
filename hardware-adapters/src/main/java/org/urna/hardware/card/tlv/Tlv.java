package org.urna.hardware.card.tlv;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.urna.hardware.card.CardDataException;

/**
 * One BER-TLV data object (ISO/IEC 7816-4 / X.690 rules as PIV uses them): a tag of one to three
 * bytes, a definite length in short or long form, a value.
 */
public record Tlv(int tag, byte[] value) {
  public Tlv {
    if (tag <= 0 || tag > 0xFFFFFF) {
      throw new IllegalArgumentException("tag must be 1 to 3 bytes: " + tag);
    }
    value = value == null ? new byte[0] : value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  /** Whether the tag says the value is itself a sequence of TLVs. */
  public boolean isConstructed() {
    int first = tag > 0xFFFF ? tag >>> 16 : tag > 0xFF ? tag >>> 8 : tag;
    return (first & 0x20) != 0;
  }

  /** Parses the value as a sequence of TLVs. */
  public List<Tlv> children() throws CardDataException {
    return BerTlv.parseAll(value);
  }

  /** The first child with {@code childTag}, if any. */
  public Optional<Tlv> child(int childTag) throws CardDataException {
    return BerTlv.find(children(), childTag);
  }

  public byte[] encode() {
    return BerTlv.encode(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * tag + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Tlv[%X, %d bytes]".formatted(tag, value.length);
  }
}
