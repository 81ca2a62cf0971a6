package org.urna.hardware.card.pcsc;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.Map;

/**
 * Lets the JDK's PC/SC provider establish a new context after pcscd restarted (decision 0106).
 *
 * <p>{@code sun.security.smartcardio.PCSCTerminals} keeps one context handle in a static field and
 * establishes it only while that field is 0; after pcscd restarts, every call with the old handle
 * fails with {@code SCARD_E_NO_SERVICE}. Setting the field back to 0 (and forgetting the cached
 * terminals, which copied the old handle) makes the next {@code TerminalFactory.getInstance}
 * establish a fresh one. This needs {@code --add-opens
 * java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}; without it {@link #forget()} answers
 * false and the reader keeps telling the poll worker to restart the kiosk.
 */
final class PcscContext {
  static final String OPENS = "java.smartcardio/sun.security.smartcardio=ALL-UNNAMED";

  private PcscContext() {}

  /** Whether {@link #forget()} is allowed in this JVM (the package is opened to this code). */
  static boolean forgettable() {
    try {
      Class<?> c = Class.forName("sun.security.smartcardio.PCSCTerminals");
      c.getDeclaredField("contextId").setAccessible(true);
      c.getDeclaredField("terminals").setAccessible(true);
      return true;
    } catch (ReflectiveOperationException | InaccessibleObjectException e) {
      return false;
    }
  }

  /** Forgets the provider's dead context; false when the JVM does not allow it. */
  static boolean forget() {
    try {
      Class<?> c = Class.forName("sun.security.smartcardio.PCSCTerminals");
      Field context = c.getDeclaredField("contextId");
      Field terminals = c.getDeclaredField("terminals");
      context.setAccessible(true);
      terminals.setAccessible(true);
      synchronized (c) { // initContext and implGetTerminal are static synchronized on the class
        context.setLong(null, 0L);
        ((Map<?, ?>) terminals.get(null)).clear();
      }
      return true;
    } catch (ReflectiveOperationException | InaccessibleObjectException | ClassCastException e) {
      return false;
    }
  }
}
