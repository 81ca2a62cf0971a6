package org.urna.hardware.card.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.urna.hardware.card.CardDataException;

/**
 * Encodes and parses BER-TLV: tags of up to three bytes, definite lengths in short form (0..127) or
 * long form {@code 81 xx}, {@code 82 xx xx}, {@code 83 xx xx xx}. Indefinite lengths, lengths that
 * run past the data and tags longer than three bytes are {@link CardDataException}s.
 */
public final class BerTlv {
  private BerTlv() {}

  /** Encodes one TLV with the shortest length form. */
  public static byte[] encode(Tlv tlv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(tlv.length() + 8);
    int tag = tlv.tag();
    if (tag > 0xFFFF) {
      out.write(tag >>> 16);
    }
    if (tag > 0xFF) {
      out.write(tag >>> 8);
    }
    out.write(tag);
    out.writeBytes(encodeLength(tlv.length()));
    out.writeBytes(tlv.value());
    return out.toByteArray();
  }

  /** Encodes a TLV from its tag and value. */
  public static byte[] encode(int tag, byte[] value) {
    return encode(new Tlv(tag, value));
  }

  /** Encodes a constructed TLV whose value is the concatenation of {@code children}. */
  public static byte[] encodeConstructed(int tag, byte[]... children) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (byte[] child : children) {
      value.writeBytes(child);
    }
    return encode(tag, value.toByteArray());
  }

  /** The definite-length encoding of {@code length}. */
  public static byte[] encodeLength(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    if (length <= 0xFF) {
      return new byte[] {(byte) 0x81, (byte) length};
    }
    if (length <= 0xFFFF) {
      return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
    }
    if (length <= 0xFFFFFF) {
      return new byte[] {(byte) 0x83, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
    throw new IllegalArgumentException("length too large for BER-TLV here: " + length);
  }

  /** Parses exactly one TLV that spans all of {@code bytes}. */
  public static Tlv parseOne(byte[] bytes) throws CardDataException {
    List<Tlv> all = parseAll(bytes);
    if (all.size() != 1) {
      throw new CardDataException("expected one data object, found " + all.size());
    }
    return all.getFirst();
  }

  /** Parses a sequence of TLVs that spans all of {@code bytes} (an empty array is no TLVs). */
  public static List<Tlv> parseAll(byte[] bytes) throws CardDataException {
    if (bytes == null) {
      throw new CardDataException("no data");
    }
    List<Tlv> out = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int[] next = new int[1];
      out.add(parseAt(bytes, at, next));
      at = next[0];
    }
    return out;
  }

  /** The first TLV with {@code tag} in {@code list}. */
  public static Optional<Tlv> find(List<Tlv> list, int tag) {
    return list.stream().filter(t -> t.tag() == tag).findFirst();
  }

  /** The first TLV with {@code tag}, or a {@link CardDataException} naming what is missing. */
  public static Tlv require(List<Tlv> list, int tag, String what) throws CardDataException {
    return find(list, tag)
        .orElseThrow(
            () ->
                new CardDataException(what + " (tag " + Integer.toHexString(tag) + ") is missing"));
  }

  private static Tlv parseAt(byte[] b, int start, int[] end) throws CardDataException {
    int at = start;
    int first = b[at++] & 0xFF;
    if (first == 0x00 || first == 0xFF) {
      throw new CardDataException(
          "tag byte " + Integer.toHexString(first) + " at " + start + " is padding, not a tag");
    }
    int tag = first;
    if ((first & 0x1F) == 0x1F) {
      int count = 0;
      int next;
      do {
        if (at >= b.length) {
          throw new CardDataException("tag at " + start + " is cut short");
        }
        next = b[at++] & 0xFF;
        tag = (tag << 8) | next;
        if (++count > 2) {
          throw new CardDataException("tag at " + start + " is longer than three bytes");
        }
      } while ((next & 0x80) != 0);
    }
    if (at >= b.length) {
      throw new CardDataException("length of tag " + Integer.toHexString(tag) + " is missing");
    }
    int lengthByte = b[at++] & 0xFF;
    int length;
    if (lengthByte < 0x80) {
      length = lengthByte;
    } else if (lengthByte == 0x80) {
      throw new CardDataException("indefinite length is not allowed here");
    } else {
      int count = lengthByte & 0x7F;
      if (count > 3) {
        throw new CardDataException("length of " + count + " bytes is too long");
      }
      if (at + count > b.length) {
        throw new CardDataException("long-form length is cut short");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (b[at++] & 0xFF);
      }
    }
    if (length > b.length - at) {
      throw new CardDataException(
          "tag "
              + Integer.toHexString(tag)
              + " claims "
              + length
              + " bytes, "
              + (b.length - at)
              + " remain");
    }
    end[0] = at + length;
    return new Tlv(tag, Arrays.copyOfRange(b, at, at + length));
  }
}
