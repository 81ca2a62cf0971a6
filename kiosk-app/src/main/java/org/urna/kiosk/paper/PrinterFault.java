package org.urna.kiosk.paper;

/** Why the printer stopped, in the few states a poll worker acts on. */
public enum PrinterFault {
  PAPER_OUT,
  COVER_OPEN,
  OFFLINE
}
