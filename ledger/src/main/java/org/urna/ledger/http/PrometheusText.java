package org.urna.ledger.http;

/**
 * The Prometheus text exposition format, version 0.0.4, for a handful of unlabelled gauges and
 * counters: {@code # HELP}, {@code # TYPE}, then one sample line per metric. Written here rather
 * than with a client library because the validator exports a dozen numbers it already holds
 * (decision 0206).
 */
final class PrometheusText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final StringBuilder out = new StringBuilder();

  void gauge(String name, String help, double value) {
    metric(name, "gauge", help, value);
  }

  void counter(String name, String help, double value) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("a counter's name ends with _total: " + name);
    }
    metric(name, "counter", help, value);
  }

  private void metric(String name, String type, String help, double value) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("not a metric name: " + name);
    }
    out.append("# HELP ").append(name).append(' ');
    for (char c : help.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ').append(format(value)).append('\n');
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  String text() {
    return out.toString();
  }
}
