package org.urna.hardware.printer.serial;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two ends of an in-process byte link, like a pseudo-terminal pair: what one end writes the other
 * reads. Each direction buffers a bounded number of bytes, so a far side that stops reading stalls
 * the writer as a real port would.
 */
public final class LoopbackLink implements SerialLink {

  private static final int CAPACITY = 64 * 1024;
  private static final Duration WRITE_WAIT = Duration.ofSeconds(3);

  private final Pipe in;
  private final Pipe out;
  private final String name;

  private LoopbackLink(Pipe in, Pipe out, String name) {
    this.in = in;
    this.out = out;
    this.name = name;
  }

  /** A connected pair: element 0 is the host's end, element 1 the device's end. */
  public static LoopbackLink[] pair() {
    Pipe toDevice = new Pipe();
    Pipe toHost = new Pipe();
    return new LoopbackLink[] {
      new LoopbackLink(toHost, toDevice, "loopback host end"),
      new LoopbackLink(toDevice, toHost, "loopback device end")
    };
  }

  @Override
  public void write(byte[] data, int offset, int length) throws LinkFault {
    out.write(data, offset, length);
  }

  @Override
  public int read(byte[] buffer, Duration wait) throws LinkFault {
    return in.read(buffer, wait);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    in.close();
    out.close();
  }

  /** One direction: a bounded ring buffer. */
  private static final class Pipe {
    private final byte[] ring = new byte[CAPACITY];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int head;
    private int size;
    private boolean closed;

    void write(byte[] data, int offset, int length) throws LinkFault {
      long deadline = System.nanoTime() + WRITE_WAIT.toNanos();
      lock.lock();
      try {
        int done = 0;
        while (done < length) {
          if (closed) {
            throw new LinkFault(LinkFault.Kind.DISCONNECTED, "The other end of the link closed");
          }
          if (size == CAPACITY) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new LinkFault(LinkFault.Kind.WRITE_STALLED, "The device stopped reading");
            }
            changed.awaitNanos(left);
            continue;
          }
          ring[(head + size) % CAPACITY] = data[offset + done];
          size++;
          done++;
        }
        changed.signalAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Interrupted while writing", e);
      } finally {
        lock.unlock();
      }
    }

    int read(byte[] buffer, Duration wait) throws LinkFault {
      lock.lock();
      try {
        long left = wait.toNanos();
        while (size == 0) {
          if (closed) {
            throw new LinkFault(LinkFault.Kind.DISCONNECTED, "The other end of the link closed");
          }
          if (left <= 0) {
            return 0;
          }
          left = changed.awaitNanos(left);
        }
        int n = Math.min(size, buffer.length);
        for (int i = 0; i < n; i++) {
          buffer[i] = ring[(head + i) % CAPACITY];
        }
        head = (head + n) % CAPACITY;
        size -= n;
        changed.signalAll();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Interrupted while reading", e);
      } finally {
        lock.unlock();
      }
    }

    void close() {
      lock.lock();
      try {
        closed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
