package org.urna.ballotbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough of an HPROF heap dump (the format of {@code HotSpotDiagnosticMXBean.dumpHeap}) to say
 * which object holds some given bytes, and which objects refer to that one: for {@link
 * SeedErasureTest}, so that a seed found in a dump is named by its holder (a {@code byte[64]} of a
 * {@code sun.security.provider.SHA2$SHA256}, say) rather than by a file offset. One pass over the
 * records; the bytes are searched once for all needles together.
 */
final class HeapDump {
  private static final int INSTANCE = 0x21;
  private static final int OBJECT_ARRAY = 0x22;
  private static final int PRIMITIVE_ARRAY = 0x23;

  /** An object of the dump: where its contents lie in the file, what it is. */
  record Obj(int start, int end, long id, int kind, long classId, int elementType) {}

  /** A needle found inside an object, with the classes of the objects that refer to it. */
  record Hit(int needle, String holder, Set<String> referrers, Set<Long> referrerIds) {}

  private final ByteBuffer d;
  private final int idSize;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final List<Obj> objects = new ArrayList<>();

  private HeapDump(ByteBuffer d) {
    this.d = d;
    int i = 0;
    while (d.get(i) != 0) {
      i++;
    }
    idSize = d.getInt(i + 1);
    i += 1 + 4 + 8;
    while (i < d.limit()) {
      int tag = d.get(i) & 0xff;
      int length = d.getInt(i + 5);
      int body = i + 9;
      switch (tag) {
        case 0x01 ->
            strings.put(
                id(body),
                new String(bytes(body + idSize, length - idSize), StandardCharsets.UTF_8));
        case 0x02 -> classNames.put(id(body + 4), strings.getOrDefault(id(body + 8 + idSize), "?"));
        case 0x0c, 0x1c -> heap(body, body + length);
        default -> {}
      }
      i = body + length;
    }
  }

  static HeapDump read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new HeapDump(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    }
  }

  /** Every place where one of {@code needles} (each at least 8 bytes) lies, by its holder. */
  List<Hit> find(List<byte[]> needles) {
    Map<Long, List<Integer>> byPrefix = new HashMap<>();
    for (int n = 0; n < needles.size(); n++) {
      byPrefix.computeIfAbsent(ByteBuffer.wrap(needles.get(n)).getLong(), k -> new ArrayList<>());
      byPrefix.get(ByteBuffer.wrap(needles.get(n)).getLong()).add(n);
    }
    record Found(int needle, Obj holder) {}
    List<Found> found = new ArrayList<>();
    for (int p = 0; p + 8 <= d.limit(); p++) {
      List<Integer> candidates = byPrefix.get(d.getLong(p));
      if (candidates == null) {
        continue;
      }
      for (int n : candidates) {
        byte[] needle = needles.get(n);
        if (p + needle.length <= d.limit() && Arrays.equals(bytes(p, needle.length), needle)) {
          found.add(new Found(n, holder(p)));
        }
      }
    }
    Set<Long> held = new HashSet<>();
    found.forEach(f -> held.add(f.holder == null ? 0 : f.holder.id()));
    Map<Long, Set<Obj>> referrers = referrersOf(held);
    List<Hit> hits = new ArrayList<>();
    for (Found f : found) {
      Set<String> names = new LinkedHashSet<>();
      Set<Long> ids = new LinkedHashSet<>();
      if (f.holder != null) {
        for (Obj r : referrers.getOrDefault(f.holder.id(), Set.of())) {
          names.add(describe(r));
          ids.add(r.id());
        }
      }
      hits.add(
          new Hit(
              f.needle, f.holder == null ? "outside any object" : describe(f.holder), names, ids));
    }
    return hits;
  }

  private Map<Long, Set<Obj>> referrersOf(Set<Long> ids) {
    Map<Long, Set<Obj>> out = new HashMap<>();
    for (Obj o : objects) {
      if (o.kind() == PRIMITIVE_ARRAY) {
        continue;
      }
      for (int p = o.start(); p + idSize <= o.end(); p++) {
        long v = id(p);
        if (v != 0 && ids.contains(v)) {
          out.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(o);
        }
      }
    }
    return out;
  }

  private Obj holder(int position) {
    int lo = 0;
    int hi = objects.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Obj o = objects.get(mid);
      if (position < o.start()) {
        hi = mid - 1;
      } else if (position >= o.end()) {
        lo = mid + 1;
      } else {
        return o;
      }
    }
    return null;
  }

  private String describe(Obj o) {
    return switch (o.kind()) {
      case INSTANCE -> classNames.getOrDefault(o.classId(), "?").replace('/', '.');
      case OBJECT_ARRAY -> "Object[" + (o.end() - o.start()) / idSize + "]";
      default ->
          switch (o.elementType()) {
                case 4 -> "boolean";
                case 5 -> "char";
                case 6 -> "float";
                case 7 -> "double";
                case 8 -> "byte";
                case 9 -> "short";
                case 10 -> "int";
                default -> "long";
              }
              + "["
              + (o.end() - o.start()) / size(o.elementType())
              + "]";
    };
  }

  private void heap(int from, int to) {
    int j = from;
    while (j < to) {
      int sub = d.get(j++) & 0xff;
      switch (sub) {
        case 0xff, 0x05, 0x07 -> j += idSize;
        case 0x01 -> j += 2 * idSize;
        case 0x02, 0x03, 0x08 -> j += idSize + 8;
        case 0x04, 0x06 -> j += idSize + 4;
        case 0x20 -> j = classDump(j);
        case INSTANCE -> {
          long id = id(j);
          long cls = id(j + idSize + 4);
          int n = d.getInt(j + 2 * idSize + 4);
          int start = j + 2 * idSize + 8;
          objects.add(new Obj(start, start + n, id, INSTANCE, cls, 0));
          j = start + n;
        }
        case OBJECT_ARRAY -> {
          long id = id(j);
          int n = d.getInt(j + idSize + 4);
          int start = j + 2 * idSize + 8;
          objects.add(new Obj(start, start + n * idSize, id, OBJECT_ARRAY, id(start - idSize), 0));
          j = start + n * idSize;
        }
        case PRIMITIVE_ARRAY -> {
          long id = id(j);
          int n = d.getInt(j + idSize + 4);
          int type = d.get(j + idSize + 8);
          int start = j + idSize + 9;
          objects.add(new Obj(start, start + n * size(type), id, PRIMITIVE_ARRAY, 0, type));
          j = start + n * size(type);
        }
        default ->
            throw new IllegalStateException("unknown heap dump record " + sub + " at " + (j - 1));
      }
    }
  }

  private int classDump(int j) {
    int k = j + idSize + 4 + 6 * idSize + 4;
    int constants = d.getShort(k) & 0xffff;
    k += 2;
    for (int c = 0; c < constants; c++) {
      k += 2 + 1 + size(d.get(k + 2));
    }
    int statics = d.getShort(k) & 0xffff;
    k += 2;
    for (int s = 0; s < statics; s++) {
      k += idSize + 1 + size(d.get(k + idSize));
    }
    int fields = d.getShort(k) & 0xffff;
    return k + 2 + fields * (idSize + 1);
  }

  private int size(int type) {
    return switch (type) {
      case 2 -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("unknown basic type " + type);
    };
  }

  private long id(int at) {
    return idSize == 8 ? d.getLong(at) : d.getInt(at) & 0xffffffffL;
  }

  private byte[] bytes(int at, int n) {
    byte[] b = new byte[n];
    d.get(at, b);
    return b;
  }
}
