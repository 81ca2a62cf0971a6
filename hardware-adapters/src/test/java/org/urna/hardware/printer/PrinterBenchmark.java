package org.urna.hardware.printer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urna.hardware.printer.emulator.EscPosEmulator;
import org.urna.hardware.printer.escpos.EscPosEncoder;
import org.urna.hardware.printer.escpos.EscPosJob;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.SocatPtyPair;

/**
 * A harness printing numbers (not a test): bytes per layout and model, encoding time, and the time
 * to print a paper record through a socat pty pair at 115200 baud, driver to emulator, with every
 * status round trip. Run: see docs/benchmarks/printer.md.
 */
public final class PrinterBenchmark {

  private PrinterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Map<String, Paper> layouts = new LinkedHashMap<>();
    layouts.put("paper record (ru)", PaperLayouts.paperRecord(SamplePapers.russianRecord()));
    layouts.put(
        "paper record VOID (en)", PaperLayouts.voidedPaperRecord(SamplePapers.englishRecord()));
    layouts.put(
        "paper record (kk, raster text)", PaperLayouts.paperRecord(SamplePapers.kazakhRecord()));
    layouts.put("receipt (ru)", PaperLayouts.receipt(SamplePapers.russianReceipt()));
    layouts.put("zero report (ru)", PaperLayouts.zeroReport(SamplePapers.zeroReport()));
    layouts.put("closing report (en)", PaperLayouts.closingReport(SamplePapers.closingReport()));
    layouts.put("test page", PaperLayouts.testPage(SamplePapers.testPage()));

    System.out.println("## Bytes sent per layout (chunks = status checks during the print)");
    System.out.print("| layout |");
    PrinterProfile.known().forEach(p -> System.out.print(" " + p.model() + " |"));
    System.out.println();
    System.out.println("|---|---|---|---|");
    for (var e : layouts.entrySet()) {
      System.out.print("| " + e.getKey() + " |");
      for (PrinterProfile p : PrinterProfile.known()) {
        EscPosJob job = new EscPosEncoder(p).encode(e.getValue());
        System.out.printf(" %,d B (%d chunks) |", job.totalBytes(), job.chunks().size());
      }
      System.out.println();
    }

    System.out.println();
    System.out.println("## Time to print, 115200 baud through a socat pty pair, " + runs + " runs");
    System.out.println(
        "| model | layout | encode median ms | print median ms | p90 ms | min ms | bytes | wire time at 115200 ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (PrinterProfile p : PrinterProfile.known()) {
      for (String name :
          List.of("paper record (ru)", "paper record (kk, raster text)", "receipt (ru)")) {
        measure(p, name, layouts.get(name), runs);
      }
    }
  }

  private static void measure(PrinterProfile profile, String name, Paper paper, int runs)
      throws Exception {
    List<Double> encode = new ArrayList<>();
    List<Double> print = new ArrayList<>();
    long bytes = 0;
    try (SocatPtyPair pty = SocatPtyPair.start()) {
      EscPosEmulator emulator =
          EscPosEmulator.start(JSerialCommLink.open(pty.devicePath(), 115_200), profile);
      EscPosPrinter printer =
          new EscPosPrinter(
              JSerialCommLink.open(pty.hostPath(), 115_200), profile, Duration.ofSeconds(5));
      try {
        for (int i = 0; i < runs + 5; i++) {
          long t0 = System.nanoTime();
          EscPosJob job = printer.encoder().encode(paper);
          long t1 = System.nanoTime();
          PrintResult r = printer.print(paper);
          long t2 = System.nanoTime();
          if (!(r instanceof PrintResult.Printed)) {
            throw new IllegalStateException("Benchmark print failed: " + r);
          }
          emulator.tearOff();
          bytes = job.totalBytes();
          if (i >= 5) {
            encode.add((t1 - t0) / 1e6);
            print.add((t2 - t1) / 1e6);
          }
        }
      } finally {
        printer.close();
        emulator.close();
      }
    }
    Collections.sort(encode);
    Collections.sort(print);
    System.out.printf(
        "| %s | %s | %.1f | %.1f | %.1f | %.1f | %,d | %.0f |%n",
        profile.model(),
        name,
        encode.get(encode.size() / 2),
        print.get(print.size() / 2),
        print.get((int) (print.size() * 0.9)),
        print.get(0),
        bytes,
        bytes * 10_000.0 / 115_200);
  }
}
