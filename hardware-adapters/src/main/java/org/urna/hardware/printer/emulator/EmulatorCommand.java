package org.urna.hardware.printer.emulator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.LinkFault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urna printer-emulator}: an emulated ESC/POS printer on a serial port (the far end of a
 * socat pty pair), writing the paper roll to a PNG file when stopped.
 */
@Command(
    name = "printer-emulator",
    mixinStandardHelpOptions = true,
    description = "Emulates an ESC/POS receipt printer on a serial port and renders its paper.")
public final class EmulatorCommand implements Callable<Integer> {

  @Option(names = "--port", required = true, description = "Serial port path, e.g. /tmp/x/ttyPRN")
  String port;

  @Option(names = "--baud", defaultValue = "115200", description = "Baud rate (${DEFAULT-VALUE})")
  int baud;

  @Option(
      names = "--model",
      defaultValue = "epson-tm-t20",
      description = "Printer model: epson-tm-t20, star-tsp100-escpos, generic-58mm")
  String model;

  @Option(names = "--png", defaultValue = "paper.png", description = "Where to write the paper")
  Path png;

  @Override
  public Integer call() throws Exception {
    PrinterProfile profile =
        PrinterProfile.byModel(model)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        new CommandLine(this), "Unknown printer model " + model));
    JSerialCommLink link;
    try {
      link = JSerialCommLink.open(port, baud);
    } catch (LinkFault e) {
      System.err.println("Cannot open " + port + ": " + e.getMessage());
      return 2;
    }
    EscPosEmulator emulator = EscPosEmulator.start(link, profile);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    emulator.paper().savePng(png);
                  } catch (java.io.IOException e) {
                    System.err.println("Cannot write " + png + ": " + e.getMessage());
                  }
                  emulator.close();
                  done.countDown();
                }));
    System.out.println("Emulating " + profile.model() + " on " + port + "; paper goes to " + png);
    done.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmulatorCommand()).execute(args));
  }
}
