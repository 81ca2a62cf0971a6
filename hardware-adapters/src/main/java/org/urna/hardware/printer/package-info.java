/**
 * Receipt printers as the kiosk sees them.
 *
 * <p>The kiosk builds a {@link org.urna.hardware.printer.Paper} with {@link
 * org.urna.hardware.printer.layout.PaperLayouts} (paper record, VOID record, receipt, zero and
 * closing reports, test page) from already-localized content, and hands it to a {@link
 * org.urna.hardware.printer.ReceiptPrinter}: {@code EscPosPrinter.open(path, baud, profile)} for a
 * real printer, {@code InProcessPrinter.start(profile)} for the demo. {@code print} checks the
 * status first and answers with a {@link org.urna.hardware.printer.PrintResult}: {@code Printed},
 * {@code NotStarted(fault)} (no paper used) or {@code Interrupted(fault)} (the paper is incomplete:
 * void it and print again once the fault is cleared). Faults are {@link
 * org.urna.hardware.printer.PrinterFault} values with advice for the poll worker. Calls block for a
 * bounded time: run them off the JavaFX thread.
 *
 * <p>Layers: {@code serial} (byte links: jSerialComm, in-process loopback), {@code escpos} (wire
 * protocol, encoder, status parser and summariser, the driver), {@code raster} (bundled font and QR
 * rendering to one-bit images), {@code layout} (what each paper says), {@code emulator} (an ESC/POS
 * printer on the far side of a link, rendering its paper to PNG).
 */
package org.urna.hardware.printer;
